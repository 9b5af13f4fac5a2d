/** SQL for sites: establishments and national-stock depots, where consoles and stock stand. */
import type { TDepot, TSite } from '../../../contracts/fleet.ts';
import type { Queryable } from '../../db/client.ts';

export type SiteRef = { finess: string } | { depot: string };

/** The site, or undefined when no such establishment or depot exists. */
export async function findSite(db: Queryable, ref: SiteRef): Promise<TSite | undefined> {
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
  return row;
}

/** SQL pieces to select a site as JSON from the columns `<prefix>_finess` / `<prefix>_depot` of a row. */
export function siteJoin(
  alias: string,
  finessCol: string,
  depotCol: string,
): { joins: string; json: string; region: string; departement: string; name: string } {
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
    name: `coalesce(${e}.name, ${p}.name)`,
  };
}

export async function listDepots(db: Queryable): Promise<TDepot[]> {
  return db.query<TDepot>(
    `SELECT p.id, p.name, d.region_code AS "regionCode", p.departement_code AS "departementCode", p.city
     FROM depots p JOIN departements d ON d.code = p.departement_code ORDER BY p.name`,
  );
}

export interface NewDepot {
  id: string;
  name: string;
  departement: string;
  city: string;
  lat: number;
  lon: number;
}

/** Registers depots (the seeds); one already there is left as it is. */
export async function insertDepots(db: Queryable, depots: readonly NewDepot[]): Promise<void> {
  for (const d of depots) {
    await db.query(
      'INSERT INTO depots (id, name, departement_code, city, lat, lon) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
      [d.id, d.name, d.departement, d.city, d.lat, d.lon],
    );
  }
}
