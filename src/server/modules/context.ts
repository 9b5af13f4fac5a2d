/** What a service needs to act for someone: the database and who is acting. */
import type { Locale } from '../../contracts/messages.ts';
import { type Action, isAllowed } from '../../domain/policy.ts';
import type { Location } from '../../domain/roles.ts';
import type { Actor } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import type { EventBus } from '../events/bus.ts';
import { forbidden } from '../http/errors.ts';
import type { AuthUser } from '../http/session.ts';

export interface ServiceContext {
  db: Database;
  user: AuthUser;
  locale: Locale;
  ip: string | null;
  events: EventBus;
  /** The app's clock: the only source of "now". */
  clock: Clock;
}

export function actorOf(ctx: { user: AuthUser; ip: string | null; clock: Clock }): Actor {
  return { id: ctx.user.id, label: ctx.user.email, ip: ctx.ip, at: ctx.clock.now() };
}

/** Throws 403 unless the policy allows the action at this location. */
export function assertAllowed(user: AuthUser, action: Action, location: Location): void {
  if (!isAllowed(user.grants, action, location)) throw forbidden();
}
