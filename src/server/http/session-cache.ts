/**
 * A short-lived cache of resolved sessions, so that a wall screen polling a board costs no database
 * round trip per request. Sign-out and role changes evict at once on every instance (session.revoked
 * events); anything else is re-read from the database after a few seconds at most.
 */
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events/bus.ts';
import type { AuthUser } from './session.ts';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/** Keyed by the cookie's token (only ever in memory), so that a hit needs no hashing. */
export interface SessionCache {
  get(token: string): AuthUser | undefined;
  set(token: string, user: AuthUser, expiresAt: Date): void;
  /** By the stored hash of the token (what other instances know of it). */
  evictSession(tokenHash: string): void;
  evictUser(userId: string): void;
}

export function createSessionCache(events: EventBus, clock: Clock): SessionCache {
  const entries = new Map<string, { user: AuthUser; until: number }>();
  const cache: SessionCache = {
    get(token) {
      const hit = entries.get(token);
      if (!hit) return undefined;
      if (hit.until <= clock.now().getTime()) {
        entries.delete(token);
        return undefined;
      }
      return hit.user;
    },
    set(token, user, expiresAt) {
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(token, { user, until: Math.min(clock.now().getTime() + TTL_MS, expiresAt.getTime()) });
    },
    evictSession(tokenHash) {
      for (const [key, value] of entries) if (value.user.sessionHash === tokenHash) entries.delete(key);
    },
    evictUser(userId) {
      for (const [key, value] of entries) if (value.user.id === userId) entries.delete(key);
    },
  };
  events.subscribe((e) => {
    if (e.topic !== 'session.revoked') return;
    if (typeof e.payload.session === 'string') cache.evictSession(e.payload.session);
    if (typeof e.payload.user === 'string') cache.evictUser(e.payload.user);
  });
  return cache;
}
