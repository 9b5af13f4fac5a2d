/** SQL for the boards: the live fleet and census read in a handful of grouped queries, no per-row round trips. */
import type { DeviceStatus } from '../../../domain/fleet.ts';
import type { Queryable } from '../../db/client.ts';
import { unexpiredLot, usableUnits } from '../fleet/stock.repository.ts';

export interface SiteRow {
  finess: string;
  name: string;
  city: string | null;
  departement_code: string;
  region_code: string;
  ecmo_centre: boolean;
  umac_base: boolean;
  cardiac_surgery: boolean;
}

export async function boardSites(db: Queryable): Promise<SiteRow[]> {
  return db.query<SiteRow>(
    `SELECT e.finess, e.name, e.city, e.departement_code, d.region_code, e.ecmo_centre, e.umac_base, e.cardiac_surgery
     FROM establishments e JOIN departements d ON d.code = e.departement_code
     WHERE e.ecmo_centre OR e.finess IN (SELECT site_finess FROM consoles WHERE site_finess IS NOT NULL
                                         UNION SELECT site_finess FROM stock_lots WHERE site_finess IS NOT NULL)
     ORDER BY d.region_code, e.name`,
  );
}

export interface ConsoleCountRow {
  site: string;
  is_depot: boolean;
  status: DeviceStatus;
  n: number;
  last: Date;
}

export async function consoleCounts(db: Queryable): Promise<ConsoleCountRow[]> {
  return db.query<ConsoleCountRow>(
    `SELECT coalesce(site_finess, site_depot) AS site, site_depot IS NOT NULL AS is_depot, status, count(*)::int AS n,
       max(greatest(status_since, updated_at)) AS last
     FROM consoles GROUP BY 1, 2, 3`,
  );
}

export interface StockRow {
  site: string;
  circuits: number;
  cannulas: number;
  expired: number;
  last: Date;
}

export async function stockCounts(db: Queryable, today: string): Promise<StockRow[]> {
  return db.query<StockRow>(
    `SELECT coalesce(site_finess, site_depot) AS site,
       ${usableUnits('circuit', '$1')} AS circuits, ${usableUnits('cannula', '$1')} AS cannulas,
       coalesce(sum(quantity) FILTER (WHERE NOT (${unexpiredLot('$1')})), 0)::int AS expired,
       max(updated_at) AS last
     FROM stock_lots GROUP BY 1`,
    [today],
  );
}

export interface LatestReportRow {
  finess: string;
  week: string;
  version: number;
  patients_vv: number;
  patients_va: number;
  teams: number;
  submitted_at: Date;
  first_at: Date | null;
}

/** Per establishment, its newest current report up to the week, and its first submission of that week. */
export async function latestReports(db: Queryable, week: string): Promise<LatestReportRow[]> {
  return db.query<LatestReportRow>(
    `SELECT DISTINCT ON (r.finess) r.finess, r.week, r.version, r.patients_vv, r.patients_va, r.teams, r.submitted_at,
       f.first_at
     FROM census_reports r
     LEFT JOIN (SELECT finess, min(submitted_at) AS first_at FROM census_reports WHERE week = $1 GROUP BY finess) f
       ON f.finess = r.finess
     WHERE r.is_current AND r.week <= $1
     ORDER BY r.finess, r.week DESC`,
    [week],
  );
}

export interface TrendRow {
  week: string;
  region_code: string;
  consoles_available: number;
  consoles_in_use: number;
  patients_vv: number;
  patients_va: number;
  received: number;
}

export async function trendRows(db: Queryable, weeks: string[]): Promise<TrendRow[]> {
  return db.query<TrendRow>(
    `SELECT r.week, d.region_code, sum(r.consoles_available)::int AS consoles_available, sum(r.consoles_in_use)::int AS consoles_in_use,
       sum(r.patients_vv)::int AS patients_vv, sum(r.patients_va)::int AS patients_va, count(*)::int AS received
     FROM census_reports r JOIN establishments e ON e.finess = r.finess JOIN departements d ON d.code = e.departement_code
     WHERE r.is_current AND r.week = ANY($1::text[])
     GROUP BY r.week, d.region_code`,
    [weeks],
  );
}

export async function regionsWithBeds(db: Queryable): Promise<{ code: string; name: string; icu_beds: number }[]> {
  return db.query(
    `SELECT r.code, r.name, coalesce(sum(d.icu_beds), 0)::int AS icu_beds
     FROM regions r LEFT JOIN departements d ON d.region_code = r.code GROUP BY r.code, r.name ORDER BY r.name`,
  );
}

export async function depotsWithRegion(db: Queryable): Promise<{ id: string; name: string; region_code: string }[]> {
  return db.query(
    'SELECT p.id, p.name, d.region_code FROM depots p JOIN departements d ON d.code = p.departement_code ORDER BY p.name',
  );
}

/** The demo's data is illustrative: the boards say so while this setting holds. */
export async function isDemo(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ value: unknown }>("SELECT value FROM app_settings WHERE key = 'demo'");
  return row?.value === true;
}

export async function markDemo(db: Queryable, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO app_settings (key, value) VALUES ('demo', 'true'::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = $1`,
    [at],
  );
}
