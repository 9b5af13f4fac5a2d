/** Cookie sessions stored in the database (any app instance can serve any request). */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Database, Queryable } from '../db/client.ts';
import { type GrantRow, loadGrants } from '../modules/users/users.repository.ts';
import type { SessionCache } from './session-cache.ts';

export const SESSION_COOKIE = 'relais_session';

export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  locale: 'fr' | 'en';
  grants: GrantRow[];
  csrfToken: string;
  sessionHash: string;
  /** When the session ends: live streams close then. */
  expiresAt: Date;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
  }
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  /** Seconds the session lasts: the cookie says Max-Age, so that a browser whose clock differs from the app's keeps it. */
  maxAge: number;
}

/** A session opened at `now` (the app's clock) for `ttlMs`. */
export async function insertSession(
  tx: Queryable,
  userId: string,
  ttlMs: number,
  ip: string,
  now: Date,
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs);
  await tx.query('INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, ip) VALUES ($1, $2, $3, $4, $5)', [
    hashToken(token),
    userId,
    csrfToken,
    expiresAt,
    ip,
  ]);
  return { token, csrfToken, expiresAt, maxAge: Math.floor(ttlMs / 1000) };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, session: NewSession | null): void {
  const base = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    // Secure whenever the client reached us over TLS (directly or through a trusted proxy).
    secure: request.protocol === 'https',
  };
  if (session) reply.setCookie(SESSION_COOKIE, session.token, { ...base, maxAge: session.maxAge });
  else reply.clearCookie(SESSION_COOKIE, base);
}

interface SessionRow {
  user_id: string;
  email: string;
  display_name: string;
  locale: 'fr' | 'en';
  csrf_token: string;
  expires_at: Date;
}

/** Resolves the session cookie on every request; an unknown or expired cookie means anonymous. */
export function installSessionResolver(app: FastifyInstance, db: Database, cache: SessionCache, clock: Clock): void {
  app.decorateRequest('user', null);

  const resolve = async (token: string): Promise<AuthUser | null> => {
    const sessionHash = hashToken(token);
    const [row] = await db.query<SessionRow>(
      `SELECT s.user_id, u.email, u.display_name, u.locale, s.csrf_token, s.expires_at
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active`,
      [sessionHash, clock.now()],
    );
    if (!row) return null;
    const user: AuthUser = {
      id: row.user_id,
      email: row.email,
      displayName: row.display_name,
      locale: row.locale,
      csrfToken: row.csrf_token,
      sessionHash,
      expiresAt: new Date(row.expires_at),
      grants: await loadGrants(db, row.user_id),
    };
    cache.set(token, user, new Date(row.expires_at));
    return user;
  };

  // A callback hook, so that a cached session costs no promise round trip on a polled board.
  app.addHook('onRequest', (request, _reply, done) => {
    const token = request.cookies[SESSION_COOKIE];
    // Public operations (health, readiness, sign-in) must answer even when the database does not.
    if (
      !token ||
      !request.url.startsWith('/api/') ||
      (request.routeOptions.config as { access?: string } | undefined)?.access === 'public'
    ) {
      done();
      return;
    }
    const cached = cache.get(token);
    if (cached) {
      request.user = cached;
      done();
      return;
    }
    resolve(token).then((user) => {
      request.user = user;
      done();
    }, done);
  });
}
