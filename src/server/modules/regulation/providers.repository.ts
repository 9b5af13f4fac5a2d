/**
 * SQL for the providers of solutions: ECMO centres, mobile-unit bases and national-stock depots, with
 * their capacity. Each query takes `site`: null for all providers, or one establishment's FINESS or one
 * depot's id (a decision re-reads its provider alone).
 */
import type { DeviceStatus, StockKind } from '../../../domain/fleet.ts';
import type { Queryable } from '../../db/client.ts';
import { unexpiredLot } from '../fleet/stock.repository.ts';

export interface ProviderSiteRow {
  id: string;
  name: string;
  region_code: string;
  lat: number;
  lon: number;
  ecmo_centre: boolean;
  umac_base: boolean;
}

/** ECMO centres and mobile-unit bases that can be placed on the map. */
export function listProviderSites(db: Queryable, site: string | null): Promise<ProviderSiteRow[]> {
  return db.query<ProviderSiteRow>(
    `SELECT e.finess AS id, e.name, d.region_code, e.lat, e.lon, e.ecmo_centre, e.umac_base
     FROM establishments e JOIN departements d ON d.code = e.departement_code
     WHERE (e.ecmo_centre OR e.umac_base) AND e.lat IS NOT NULL AND e.lon IS NOT NULL
       AND ($1::text IS NULL OR e.finess = $1)`,
    [site],
  );
}

export interface DepotRow {
  id: string;
  name: string;
  region_code: string;
  lat: number;
  lon: number;
}

export function listDepots(db: Queryable, site: string | null): Promise<DepotRow[]> {
  return db.query<DepotRow>(
    `SELECT p.id, p.name, d.region_code, p.lat, p.lon FROM depots p JOIN departements d ON d.code = p.departement_code
     WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL AND ($1::text IS NULL OR p.id = $1)`,
    [site],
  );
}

export interface FitConsoleRow {
  id: string;
  serial_number: string;
  model: string;
  /** The FINESS or depot id where it stands. */
  site: string;
}

/** Consoles fit to go on `today` (a Paris date): available, no pre-use check pending, neither maintenance nor calibration overdue. */
export function listFitConsoles(db: Queryable, site: string | null, today: string): Promise<FitConsoleRow[]> {
  return db.query<FitConsoleRow>(
    `SELECT id, serial_number, model, coalesce(site_finess, site_depot) AS site FROM consoles
     WHERE status = $3 AND NOT check_required
       AND (maintenance_due IS NULL OR maintenance_due >= $2::date) AND (calibration_due IS NULL OR calibration_due >= $2::date)
       AND ($1::text IS NULL OR coalesce(site_finess, site_depot) = $1)`,
    [site, today, 'available' satisfies DeviceStatus],
  );
}

/** Circuits not expired on `today`, per site. */
export function countCircuits(
  db: Queryable,
  site: string | null,
  today: string,
): Promise<{ site: string; n: number }[]> {
  return db.query<{ site: string; n: number }>(
    `SELECT coalesce(site_finess, site_depot) AS site, sum(quantity)::int AS n FROM stock_lots
     WHERE item_kind = $3 AND ${unexpiredLot('$1')} AND ($2::text IS NULL OR coalesce(site_finess, site_depot) = $2)
     GROUP BY 1`,
    [today, site, 'circuit' satisfies StockKind],
  );
}
