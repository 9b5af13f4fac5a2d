/**
 * A short-lived cache of resolved sessions, so that a wall screen polling a board costs no database
 * round trip per request. Sign-out and role changes evict at once on every instance (session.revoked
 * events); anything else is re-read from the database after a few seconds at most.
 */
import type { EventBus } from '../events/bus.ts';
import type { AuthUser } from './session.ts';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface SessionCache {
  get(tokenHash: string): AuthUser | undefined;
  set(tokenHash: string, user: AuthUser, expiresAt: Date): void;
  evictSession(tokenHash: string): void;
  evictUser(userId: string): void;
}

export function createSessionCache(events: EventBus): SessionCache {
  const entries = new Map<string, { user: AuthUser; until: number }>();
  const cache: SessionCache = {
    get(tokenHash) {
      const hit = entries.get(tokenHash);
      if (!hit) return undefined;
      if (hit.until < Date.now()) {
        entries.delete(tokenHash);
        return undefined;
      }
      return hit.user;
    },
    set(tokenHash, user, expiresAt) {
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(tokenHash, { user, until: Math.min(Date.now() + TTL_MS, expiresAt.getTime()) });
    },
    evictSession(tokenHash) {
      entries.delete(tokenHash);
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
