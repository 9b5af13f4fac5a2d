/** Sign-in, sign-out and the current user. Failed sign-ins are audited and throttle further tries (throttle.ts). */
import { setTimeout as sleep } from 'node:timers/promises';
import { verify } from '@node-rs/argon2';
import type { TCurrentUser, TLoginBody } from '../../../contracts/auth.ts';
import { allowedActions } from '../../../domain/policy.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import { type AuthUser, insertSession, type NewSession } from '../../http/session.ts';
import { findUserByEmail, type GrantRow, loadGrants } from '../users/users.repository.ts';
import { hashPassword } from '../users/users.service.ts';
import { deviceKey, deviceOf, issueDevice } from './device-cookie.ts';
import { accountWait, type ThrottlePolicy } from './throttle.ts';

export interface LoginPolicy extends ThrottlePolicy {
  sessionTtlMs: number;
  /** RELAIS_DEVICE_KEY: the key signing device cookies; absent, one generated and kept in `server_secrets`. */
  deviceKey?: string;
}

// Verifying against a real hash when the account does not exist keeps the timing uniform.
let decoyHash: Promise<string> | null = null;

const rateLimited = (waitMs: number): AppError =>
  new AppError('rate_limited', 'Too many failed sign-ins: wait a few minutes and try again', undefined, {
    'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))),
  });

/**
 * Counts the try before verifying the password: under a per-account lock, refuses it (429 with Retry-After)
 * when the throttle says wait, else records it as a failure under way and returns its row. A successful
 * sign-in removes the row; so concurrent guesses, on any instance, are all counted.
 */
async function admitTry(
  db: Database,
  policy: LoginPolicy,
  email: string,
  ip: string,
  device: string | null,
  now: Date,
): Promise<string> {
  const deadline = performance.now() + SETTLE_WAIT_MS;
  for (;;) {
    try {
      return await admitOnce(db, policy, email, ip, device, now);
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

async function admitOnce(
  db: Database,
  policy: LoginPolicy,
  email: string,
  ip: string,
  device: string | null,
  now: Date,
): Promise<string> {
  const t = now.getTime();
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('login:' || $1))", [email]);
    const refuse = async (waitMs: number): Promise<never> => {
      const [underWay] = await tx.query<{ n: number }>(
        // A try left unsettled by a crash stops holding others back after a while.
        `SELECT count(*)::int AS n FROM login_failures
         WHERE NOT settled AND at > $4 AND (email = $1 OR ip = $2 OR device = $3)`,
        [email, ip, device, new Date(t - SETTLE_WAIT_MS * 6)],
      );
      const refusal = rateLimited(waitMs);
      throw (underWay?.n ?? 0) > 0 ? new TriesUnderWay(refusal) : refusal;
    };
    await tx.query('DELETE FROM login_failures WHERE at < $1', [new Date(t - 24 * 3_600_000)]);
    if (device) {
      // A known device answers for itself alone.
      const rows = await tx.query<{ at: Date }>(
        'SELECT at FROM login_failures WHERE device = $1 AND at > $2 ORDER BY at',
        [device, new Date(t - policy.deviceWindowMs)],
      );
      if (rows.length >= policy.deviceFailures) {
        const oldest = new Date(rows[rows.length - policy.deviceFailures]?.at ?? now).getTime();
        await refuse(oldest + policy.deviceWindowMs - t);
      }
    } else {
      const account = await tx.query<{ at: Date }>(
        'SELECT at FROM login_failures WHERE email = $1 AND device IS NULL AND at > $2',
        [email, new Date(t - policy.accountWindowMs)],
      );
      const wait = accountWait(
        policy,
        account.map((r) => new Date(r.at).getTime()),
        t,
      );
      if (wait > 0) await refuse(wait);
      // Each account counts at most `addressPerAccount` towards the address: hammering a few accounts
      // does not block a shared address for everyone else.
      const [address] = await tx.query<{ n: number; oldest: Date | null }>(
        `SELECT coalesce(sum(least(n, $3)), 0)::int AS n, min(oldest) AS oldest FROM (
           SELECT count(*) AS n, min(at) AS oldest FROM login_failures
           WHERE ip = $1 AND device IS NULL AND at > $2 GROUP BY email) per_account`,
        [ip, new Date(t - policy.addressWindowMs), policy.addressPerAccount],
      );
      if ((address?.n ?? 0) >= policy.addressFailures) {
        await refuse(new Date(address?.oldest ?? now).getTime() + policy.addressWindowMs - t);
      }
    }
    const [row] = await tx.query<{ id: string }>(
      'INSERT INTO login_failures (at, email, ip, device, settled) VALUES ($1, $2, $3, $4, false) RETURNING id',
      [now, email, ip, device],
    );
    return String(row?.id);
  });
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
  const tryId = await admitTry(db, policy, body.email, ip, device, now);
  const account = await findUserByEmail(db, body.email);
  decoyHash ??= hashPassword('decoy-password-for-timing');
  const valid = await verify(account?.passwordHash ?? (await decoyHash), body.password).catch(() => false);
  if (!account || !valid || !account.active) {
    await db.transaction(async (tx) => {
      await tx.query('UPDATE login_failures SET settled = true WHERE id = $1', [tryId]);
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
    throw new AppError('invalid_credentials', 'Wrong e-mail or password');
  }
  const session = await db.transaction(async (tx) => {
    await tx.query('DELETE FROM login_failures WHERE id = $1', [tryId]);
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
    await tx.query('DELETE FROM sessions WHERE token_hash = $1', [user.sessionHash]);
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
    grants: grants.map((g) => ({
      role: g.role,
      scopeKind: g.scopeKind,
      scopeCode: g.scopeCode,
      scopeLabel: g.scopeLabel,
      regionCode: g.regionCode,
    })),
  };
}
