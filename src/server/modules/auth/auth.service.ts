/** Sign-in, sign-out and the current user. Failed sign-ins are audited and throttle further tries (throttle.ts). */
import { setTimeout as sleep } from 'node:timers/promises';
import { verify } from '@node-rs/argon2';
import type { TCurrentUser, TLoginBody } from '../../../contracts/auth.ts';
import { message } from '../../../contracts/messages.ts';
import { allowedActions } from '../../../domain/policy.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Clock } from '../../clock.ts';
import type { Database, Queryable } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import { type AuthUser, insertSession, type NewSession } from '../../http/session.ts';
import { findUserByEmail, type GrantRow, loadGrants } from '../users/users.repository.ts';
import { grantDto, hashPassword } from '../users/users.service.ts';
import { deviceKey, deviceOf, issueDevice } from './device-cookie.ts';
import * as failures from './login-failures.repository.ts';
import { deleteSession } from './sessions.repository.ts';
import { accountWait, type ThrottlePolicy } from './throttle.ts';

export interface LoginPolicy extends ThrottlePolicy {
  sessionTtlMs: number;
  /** RELAIS_DEVICE_KEY: the key signing device cookies; absent, one generated and kept in `server_secrets`. */
  deviceKey?: string;
}

// Verifying against a real hash when the account does not exist keeps the timing uniform.
let decoyHash: Promise<string> | null = null;

const rateLimited = (waitMs: number): AppError =>
  new AppError('rate_limited', message('problem.too_many_sign_ins'), undefined, {
    'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))),
  });

/**
 * Counts the try before verifying the password: under a per-account lock, refuses it (429 with Retry-After)
 * when the throttle says wait, else records it as a failure under way and returns its row. A successful
 * sign-in removes the row; so concurrent guesses, on any instance, are all counted.
 */
async function admitTry(db: Database, policy: LoginPolicy, attempt: Try, now: Date): Promise<string> {
  const deadline = performance.now() + SETTLE_WAIT_MS;
  for (;;) {
    try {
      return await admitOnce(db, policy, attempt, now);
    } catch (error) {
      // Refused only because of tries still under way? They may prove right: wait for them to settle.
      if (!(error instanceof TriesUnderWay) || performance.now() > deadline)
        throw error instanceof TriesUnderWay ? error.refusal : error;
      await sleep(SETTLE_POLL_MS);
    }
  }
}

/** How long a try waits, at most, for concurrent tries on the same account to settle; and how often it looks. */
const SETTLE_WAIT_MS = 5_000;
const SETTLE_POLL_MS = 20;

class TriesUnderWay extends Error {
  constructor(readonly refusal: AppError) {
    super('tries under way');
  }
}

interface Try {
  email: string;
  ip: string;
  device: string | null;
}

/** One attempt at admitting a try, in one transaction: lock the account, forget old tries, refuse or record. */
async function admitOnce(db: Database, policy: LoginPolicy, attempt: Try, now: Date): Promise<string> {
  return db.transaction(async (tx) => {
    await failures.lockAccountTries(tx, attempt.email);
    await failures.forgetTriesBefore(tx, new Date(now.getTime() - 24 * 3_600_000));
    const wait = attempt.device
      ? await knownDeviceWait(tx, policy, attempt.device, now)
      : await unknownDeviceWait(tx, policy, attempt, now);
    if (wait !== null) await refuse(tx, attempt, wait, now);
    return failures.insertTry(tx, { at: now, ...attempt });
  });
}

/** A known device answers for itself alone: the wait it owes, or null when it may try. */
async function knownDeviceWait(tx: Queryable, policy: LoginPolicy, device: string, now: Date): Promise<number | null> {
  const t = now.getTime();
  const times = await failures.deviceFailureTimes(tx, device, new Date(t - policy.deviceWindowMs));
  if (times.length < policy.deviceFailures) return null;
  const oldest = (times[times.length - policy.deviceFailures] ?? now).getTime();
  return oldest + policy.deviceWindowMs - t;
}

/** An unknown device waits for the account's throttle, then for its address's; null when it may try. */
async function unknownDeviceWait(tx: Queryable, policy: LoginPolicy, attempt: Try, now: Date): Promise<number | null> {
  const t = now.getTime();
  const account = await failures.accountFailureTimes(tx, attempt.email, new Date(t - policy.accountWindowMs));
  const wait = accountWait(
    policy,
    account.map((at) => at.getTime()),
    t,
  );
  if (wait > 0) return wait;
  // Each account counts at most `addressPerAccount` towards the address: hammering a few accounts
  // does not block a shared address for everyone else.
  const since = new Date(t - policy.addressWindowMs);
  const address = await failures.addressFailures(tx, attempt.ip, since, policy.addressPerAccount);
  if (address.n < policy.addressFailures) return null;
  return (address.oldest ?? now).getTime() + policy.addressWindowMs - t;
}

/** Refuses the try; told apart when tries still under way may yet prove right (then the caller waits). */
async function refuse(tx: Queryable, attempt: Try, waitMs: number, now: Date): Promise<never> {
  // A try left unsettled by a crash stops holding others back after a while.
  const underWay = await failures.countTriesUnderWay(tx, attempt, new Date(now.getTime() - SETTLE_WAIT_MS * 6));
  const refusal = rateLimited(waitMs);
  throw underWay > 0 ? new TriesUnderWay(refusal) : refusal;
}

export async function login(
  db: Database,
  clock: Clock,
  policy: LoginPolicy,
  body: TLoginBody,
  ip: string,
  deviceCookie: string | undefined,
): Promise<{ session: NewSession; user: TCurrentUser; deviceCookie: string }> {
  const now = clock.now();
  const key = await deviceKey(db, policy.deviceKey, now);
  const device = deviceOf(key, deviceCookie, body.email, now, policy.deviceCookieMs);
  const tryId = await admitTry(db, policy, { email: body.email, ip, device }, now);
  const account = await findUserByEmail(db, body.email);
  decoyHash ??= hashPassword('decoy-password-for-timing');
  const valid = await verify(account?.passwordHash ?? (await decoyHash), body.password).catch(() => false);
  if (!account || !valid || !account.active) {
    await db.transaction(async (tx) => {
      await failures.settleTry(tx, tryId);
      await appendAudit(
        tx,
        { id: null, label: 'anonymous', ip, at: now },
        {
          action: 'auth.login_failed',
          targetType: 'account',
          targetId: body.email,
          after: { reason: account ? 'password' : 'unknown', device: device ? 'known' : 'unknown' },
        },
      );
    });
    throw new AppError('invalid_credentials', message('problem.invalid_credentials'));
  }
  const session = await db.transaction(async (tx) => {
    await failures.removeTry(tx, tryId);
    const s = await insertSession(tx, account.id, policy.sessionTtlMs, ip, now);
    await appendAudit(
      tx,
      { id: account.id, label: account.email, ip, at: now },
      {
        action: 'auth.login',
        targetType: 'user',
        targetId: account.id,
        after: { expiresAt: s.expiresAt.toISOString(), device: device ? 'known' : 'new' },
      },
    );
    return s;
  });
  const grants = await loadGrants(db, account.id);
  return {
    session,
    deviceCookie: issueDevice(key, deviceCookie, body.email, now),
    user: currentUserDto(
      {
        id: account.id,
        email: account.email,
        displayName: account.displayName,
        locale: account.locale,
        csrfToken: session.csrfToken,
      },
      grants,
      now,
    ),
  };
}

export async function logout(db: Database, clock: Clock, user: AuthUser, ip: string): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSession(tx, user.sessionHash);
    await appendAudit(
      tx,
      { id: user.id, label: user.email, ip, at: clock.now() },
      { action: 'auth.logout', targetType: 'user', targetId: user.id },
    );
  });
}

export function currentUserDto(
  u: Pick<AuthUser, 'id' | 'email' | 'displayName' | 'locale' | 'csrfToken'>,
  grants: readonly GrantRow[],
  now: Date,
): TCurrentUser {
  return {
    serverTime: now.toISOString(),
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    locale: u.locale,
    csrfToken: u.csrfToken,
    permissions: allowedActions(grants),
    grants: grants.map(grantDto),
  };
}
