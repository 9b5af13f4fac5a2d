/** Sites hold consoles and stock: establishments (FINESS) and national-stock depots. */
import type { TDepot, TSite } from '../../../contracts/fleet.ts';
import type { Action } from '../../../domain/policy.ts';
import type { Location } from '../../../domain/roles.ts';
import type { Queryable } from '../../db/client.ts';
import { invalid, issue, notFound } from '../../http/errors.ts';
import type { AuthUser } from '../../http/session.ts';
import { assertAllowed } from '../context.ts';
import * as repo from './sites.repository.ts';

export interface ResolvedSite extends TSite {
  location: Location;
}

export function locationOf(site: TSite): Location {
  return {
    regionCode: site.regionCode,
    departementCode: site.departementCode,
    establishment: site.kind === 'establishment' ? site.id : null,
  };
}

/** The site, or undefined when no such establishment or depot exists. */
export async function resolveSite(db: Queryable, ref: repo.SiteRef): Promise<ResolvedSite | undefined> {
  const row = await repo.findSite(db, ref);
  return row ? { ...row, location: locationOf(row) } : undefined;
}

/** The site a request names in `field`; an unknown one is a field error. */
export async function requireSite(db: Queryable, ref: repo.SiteRef, field: string): Promise<ResolvedSite> {
  const site = await resolveSite(db, ref);
  if (!site) throw invalid([issue(field, 'unknown_site', { site: 'finess' in ref ? ref.finess : ref.depot })]);
  return site;
}

/** The columns a row locates itself by: at most one of them is set. */
export const siteColumns = (site: TSite): { siteFiness: string | null; siteDepot: string | null } => ({
  siteFiness: site.kind === 'establishment' ? site.id : null,
  siteDepot: site.kind === 'depot' ? site.id : null,
});

/**
 * Refuses list filters that point outside the caller's reach (a region, an establishment, a depot),
 * rather than answering them with an empty list.
 */
export async function assertFilterInReach(
  db: Queryable,
  user: AuthUser,
  action: Action,
  filter: { region?: string; finess?: string; depot?: string },
): Promise<void> {
  if (filter.region) assertAllowed(user, action, { regionCode: filter.region });
  for (const ref of [filter.finess ? { finess: filter.finess } : null, filter.depot ? { depot: filter.depot } : null]) {
    if (!ref) continue;
    const site = await resolveSite(db, ref);
    if (!site) throw notFound('noun.site');
    assertAllowed(user, action, site.location);
  }
}

/** Every depot of the national stock (their list is not secret to those who see consoles). */
export async function listDepots(db: Queryable): Promise<{ items: TDepot[] }> {
  return { items: await repo.listDepots(db) };
}
