/** SQL for where establishments stand (their département and region), for scope checks and list filters. */
import type { Reach } from '../../../domain/policy.ts';
import type { Location } from '../../../domain/roles.ts';
import type { Queryable } from '../../db/client.ts';
import { type Params, reachCondition } from '../../db/sql.ts';

/** The locations of these establishments (unknown ones are left out). */
export async function locationsOf(db: Queryable, finess: readonly string[]): Promise<Map<string, Location>> {
  if (finess.length === 0) return new Map();
  const rows = await db.query<{ finess: string; regionCode: string; departementCode: string }>(
    `SELECT e.finess, d.region_code AS "regionCode", e.departement_code AS "departementCode"
     FROM establishments e JOIN departements d ON d.code = e.departement_code WHERE e.finess = ANY($1::text[])`,
    [finess],
  );
  return new Map(
    rows.map((r) => [
      r.finess,
      { regionCode: r.regionCode, departementCode: r.departementCode, establishment: r.finess },
    ]),
  );
}

/**
 * The condition narrowing a query to the establishments within a reach (null: no narrowing). The
 * aliases `e` (establishments) and `d` (départements) must be joined; `finessColumn` names the establishment.
 */
export const establishmentReach = (reach: Reach, finessColumn: string, p: Params): string | null =>
  reachCondition(
    reach,
    { regions: ['d.region_code'], departements: ['e.departement_code'], establishments: [finessColumn] },
    p,
  );

/** The name, city and département of these establishments (seeds name teams after them). */
export async function establishmentNames(
  db: Queryable,
  finess: readonly string[],
): Promise<{ finess: string; name: string; city: string | null; departementCode: string }[]> {
  return db.query(
    'SELECT finess, name, city, departement_code AS "departementCode" FROM establishments WHERE finess = ANY($1::text[])',
    [finess],
  );
}
