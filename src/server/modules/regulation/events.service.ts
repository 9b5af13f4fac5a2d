/**
 * Which events a user's live stream carries: a request's change reaches those who may read the
 * request (down to the establishment), alerts the regulators; a sign-out or a change of roles ends
 * the user's stream, since the grants it filters with are gone.
 */
import { isAllowed } from '../../../domain/policy.ts';
import type { RelaisEvent } from '../../events/bus.ts';
import type { AuthUser } from '../../http/session.ts';

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Whether the signed-in user may see this event: a request's change where they may read the request. */
export function visibleTo(user: AuthUser, event: RelaisEvent): boolean {
  if (event.topic === 'session.revoked') return false;
  if (event.topic === 'request.changed') {
    const region = text(event.payload.region);
    if (region === null) return isAllowed(user.grants, 'notification:read');
    return isAllowed(user.grants, 'request:read', {
      regionCode: region,
      departementCode: text(event.payload.departement),
      establishment: text(event.payload.finess),
    });
  }
  return true;
}

/** A sign-out or a change of the user's roles ends their stream: the grants it filters with are gone. */
export function revokes(user: AuthUser, event: RelaisEvent): boolean {
  return (
    event.topic === 'session.revoked' && (event.payload.user === user.id || event.payload.session === user.sessionHash)
  );
}
