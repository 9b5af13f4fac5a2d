/**
 * Scope checks on establishments named in a request (a form's FINESS numbers, a list's filters),
 * shared by the modules whose things stand at establishments (professionals, teams, roster, upkeep).
 */
import type { Action } from '../../../domain/policy.ts';
import { isAllowed } from '../../../domain/policy.ts';
import type { Location } from '../../../domain/roles.ts';
import type { Queryable } from '../../db/client.ts';
import { forbidden, invalid, issue } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import { locationsOf } from './locations.repository.ts';

/** Whether the action is allowed at any of these locations. */
export const allowedAtAny = (ctx: ServiceContext, action: Action, locations: Iterable<Location>): boolean => {
  for (const l of locations) if (isAllowed(ctx.user.grants, action, l)) return true;
  return false;
};

/** Every establishment must exist (400 naming `field.i`) and be within the user's reach for the action (403). */
export async function assertEstablishments(
  ctx: ServiceContext,
  db: Queryable,
  action: Action,
  finess: readonly string[],
  field: string,
): Promise<Map<string, Location>> {
  const locations = await locationsOf(db, finess);
  const unknown = finess.findIndex((f) => !locations.has(f));
  if (unknown >= 0) {
    throw invalid([issue(`${field}.${unknown}`, 'unknown_establishment', { finess: finess[unknown] as string })]);
  }
  if (finess.some((f) => !isAllowed(ctx.user.grants, action, locations.get(f) as Location))) throw forbidden();
  return locations;
}

/** A list narrowed to an establishment or a region answers 403 when the user may not look there. */
export async function assertFilters(
  ctx: ServiceContext,
  action: Action,
  filter: { finess?: string; region?: string },
): Promise<void> {
  if (filter.region && !isAllowed(ctx.user.grants, action, { regionCode: filter.region })) throw forbidden();
  if (filter.finess) {
    const location = (await locationsOf(ctx.db, [filter.finess])).get(filter.finess);
    if (!location) throw invalid([issue('query.finess', 'unknown_establishment', { finess: filter.finess })]);
    if (!isAllowed(ctx.user.grants, action, location)) throw forbidden();
  }
}
