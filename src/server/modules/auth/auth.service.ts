/** Sign-in, sign-out and the current user. Failed sign-ins are audited and throttle further tries. */
import { verify } from '@node-rs/argon2';
import type { TCurrentUser, TLoginBody } from '../../../contracts/auth.ts';
import { allowedActions } from '../../../domain/policy.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import { type AuthUser, insertSession, type NewSession } from '../../http/session.ts';
import { findUserByEmail, type GrantRow, loadGrants } from '../users/users.repository.ts';
import { hashPassword } from '../users/users.service.ts';

export interface LoginPolicy {
  sessionTtlMs: number;
  /** Failed attempts allowed per e-mail within the window before refusing. */
  maxFailuresPerEmail: number;
  /** Failed attempts allowed per client address within the window. */
  maxFailuresPerIp: number;
  windowMs: number;
}

// Verifying against a real hash when the account does not exist keeps the timing uniform.
let decoyHash: Promise<string> | null = null;

export async function login(
  db: Database,
  policy: LoginPolicy,
  body: TLoginBody,
  ip: string,
): Promise<{ session: NewSession; user: TCurrentUser }> {
  const since = new Date(Date.now() - policy.windowMs);
  const [counts] = await db.query<{ by_email: number; by_ip: number }>(
    `SELECT count(*) FILTER (WHERE target_id = $1)::int AS by_email, count(*) FILTER (WHERE ip = $2)::int AS by_ip
     FROM audit_log WHERE action = 'auth.login_failed' AND at > $3`,
    [body.email, ip, since],
  );
  if ((counts?.by_email ?? 0) >= policy.maxFailuresPerEmail || (counts?.by_ip ?? 0) >= policy.maxFailuresPerIp) {
    throw new AppError('rate_limited', 'Too many failed sign-ins: wait a few minutes and try again', undefined, {
      'retry-after': String(Math.ceil(policy.windowMs / 1000)),
    });
  }
  const account = await findUserByEmail(db, body.email);
  decoyHash ??= hashPassword('decoy-password-for-timing');
  const valid = await verify(account?.passwordHash ?? (await decoyHash), body.password).catch(() => false);
  if (!account || !valid || !account.active) {
    await db.transaction((tx) =>
      appendAudit(
        tx,
        { id: null, label: 'anonymous', ip },
        {
          action: 'auth.login_failed',
          targetType: 'account',
          targetId: body.email,
          after: { reason: account ? 'password' : 'unknown' },
        },
      ),
    );
    throw new AppError('invalid_credentials', 'Wrong e-mail or password');
  }
  const session = await db.transaction(async (tx) => {
    const s = await insertSession(tx, account.id, policy.sessionTtlMs, ip);
    await appendAudit(
      tx,
      { id: account.id, label: account.email, ip },
      {
        action: 'auth.login',
        targetType: 'user',
        targetId: account.id,
        after: { expiresAt: s.expiresAt.toISOString() },
      },
    );
    return s;
  });
  const grants = await loadGrants(db, account.id);
  return {
    session,
    user: currentUserDto(
      {
        id: account.id,
        email: account.email,
        displayName: account.displayName,
        locale: account.locale,
        csrfToken: session.csrfToken,
      },
      grants,
    ),
  };
}

export async function logout(db: Database, user: AuthUser, ip: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM sessions WHERE token_hash = $1', [user.sessionHash]);
    await appendAudit(
      tx,
      { id: user.id, label: user.email, ip },
      { action: 'auth.logout', targetType: 'user', targetId: user.id },
    );
  });
}

export function currentUserDto(
  u: Pick<AuthUser, 'id' | 'email' | 'displayName' | 'locale' | 'csrfToken'>,
  grants: readonly GrantRow[],
): TCurrentUser {
  return {
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
