/** Cookie sessions stored in the database (any app instance can serve any request). */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../contracts/messages.ts';
import type { Clock } from '../clock.ts';
import type { Database, Queryable } from '../db/client.ts';
import * as sessions from '../modules/auth/sessions.repository.ts';
import { type GrantRow, loadGrants } from '../modules/users/users.repository.ts';
import type { SessionCache } from './session-cache.ts';

export const SESSION_COOKIE = 'relais_session';

export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
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
  await sessions.insertSession(tx, { tokenHash: hashToken(token), userId, csrfToken, expiresAt, ip });
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

/** Resolves the session cookie on every request; an unknown or expired cookie means anonymous. */
export function installSessionResolver(app: FastifyInstance, db: Database, cache: SessionCache, clock: Clock): void {
  app.decorateRequest('user', null);

  const resolve = async (token: string): Promise<AuthUser | null> => {
    const sessionHash = hashToken(token);
    const row = await sessions.findLiveSession(db, sessionHash, clock.now());
    if (!row) return null;
    const user: AuthUser = {
      id: row.userId,
      email: row.email,
      displayName: row.displayName,
      locale: row.locale,
      csrfToken: row.csrfToken,
      sessionHash,
      expiresAt: new Date(row.expiresAt),
      grants: await loadGrants(db, row.userId),
    };
    cache.set(token, user, user.expiresAt);
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
