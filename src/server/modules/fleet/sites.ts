/** Sites hold consoles and stock: establishments (FINESS) and national-stock depots. */
import type { TSite } from '../../../contracts/fleet.ts';
import type { Action } from '../../../domain/policy.ts';
import type { Location } from '../../../domain/roles.ts';
import type { Queryable } from '../../db/client.ts';
import { notFound } from '../../http/errors.ts';
import type { AuthUser } from '../../http/session.ts';
import { assertAllowed } from '../context.ts';

export type SiteRef = { finess: string } | { depot: string };

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
export async function resolveSite(db: Queryable, ref: SiteRef): Promise<ResolvedSite | undefined> {
  const [row] =
    'finess' in ref
      ? await db.query<TSite>(
          `SELECT 'establishment' AS kind, e.finess AS id, e.name, d.region_code AS "regionCode", e.departement_code AS "departementCode"
           FROM establishments e JOIN departements d ON d.code = e.departement_code WHERE e.finess = $1`,
          [ref.finess],
        )
      : await db.query<TSite>(
          `SELECT 'depot' AS kind, p.id, p.name, d.region_code AS "regionCode", p.departement_code AS "departementCode"
           FROM depots p JOIN departements d ON d.code = p.departement_code WHERE p.id = $1`,
          [ref.depot],
        );
  return row ? { ...row, location: locationOf(row) } : undefined;
}

/** SQL pieces to select a site as JSON from the columns `<prefix>_finess` / `<prefix>_depot` of a row. */
export function siteJoin(
  alias: string,
  finessCol: string,
  depotCol: string,
): { joins: string; json: string; region: string; departement: string } {
  const e = `${alias}_e`;
  const p = `${alias}_p`;
  const d = `${alias}_d`;
  return {
    joins: `LEFT JOIN establishments ${e} ON ${e}.finess = ${finessCol}
      LEFT JOIN depots ${p} ON ${p}.id = ${depotCol}
      LEFT JOIN departements ${d} ON ${d}.code = coalesce(${e}.departement_code, ${p}.departement_code)`,
    json: `CASE WHEN ${finessCol} IS NULL AND ${depotCol} IS NULL THEN NULL ELSE json_build_object(
      'kind', CASE WHEN ${finessCol} IS NOT NULL THEN 'establishment' ELSE 'depot' END,
      'id', coalesce(${finessCol}, ${depotCol}), 'name', coalesce(${e}.name, ${p}.name),
      'regionCode', ${d}.region_code, 'departementCode', ${d}.code) END`,
    region: `${d}.region_code`,
    departement: `${d}.code`,
  };
}

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
    if (!site) throw notFound('Site');
    assertAllowed(user, action, site.location);
  }
}
