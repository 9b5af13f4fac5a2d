/** SQL for regions and départements (INSEE), the territories every other noun is located in. */
import type { Queryable } from '../../db/client.ts';

export interface RegionRow {
  code: string;
  name: string;
  establishmentCount: number;
}

export async function listRegions(db: Queryable): Promise<RegionRow[]> {
  return db.query<RegionRow>(
    `SELECT r.code, r.name, (SELECT count(*)::int FROM establishments e JOIN departements d ON d.code = e.departement_code
       WHERE d.region_code = r.code) AS "establishmentCount" FROM regions r ORDER BY r.name`,
  );
}

export async function listDepartements(db: Queryable): Promise<{ code: string; name: string; region: string }[]> {
  return db.query('SELECT code, name, region_code AS region FROM departements ORDER BY code');
}

/** Region names by code. */
export async function regionNames(db: Queryable): Promise<Map<string, string>> {
  const rows = await db.query<{ code: string; name: string }>('SELECT code, name FROM regions');
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The region a département belongs to, or undefined for an unknown département. */
export async function departementRegion(db: Queryable, code: string): Promise<string | undefined> {
  const [row] = await db.query<{ region_code: string }>('SELECT region_code FROM departements WHERE code = $1', [code]);
  return row?.region_code;
}

export async function departementCodes(db: Queryable): Promise<string[]> {
  return (await db.query<{ code: string }>('SELECT code FROM departements')).map((d) => d.code);
}

/** Loads the INSEE regions and départements (the reference seed); rows already there stay. */
export async function insertTerritories(
  db: Queryable,
  regions: readonly { code: string; name: string }[],
  departements: readonly { code: string; name: string; region: string }[],
): Promise<void> {
  for (const r of regions)
    await db.query('INSERT INTO regions (code, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [r.code, r.name]);
  for (const d of departements) {
    await db.query('INSERT INTO departements (code, name, region_code) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      d.code,
      d.name,
      d.region,
    ]);
  }
}

/** Réanimation beds per département (DREES SAE 2018), for consoles per 100 ICU beds. */
export async function setIcuBeds(db: Queryable, beds: readonly { code: string; beds: number }[]): Promise<void> {
  for (const b of beds) await db.query('UPDATE departements SET icu_beds = $2 WHERE code = $1', [b.code, b.beds]);
}
