/**
 * SQL for what a decision reserves and a release gives back: the provider's turn (a lock on its site),
 * its console's status, one circuit of its lots.
 */
import type { DeviceStatus, StockKind } from '../../../domain/fleet.ts';
import type { Queryable } from '../../db/client.ts';
import { unexpiredLot } from '../fleet/stock.repository.ts';

/** First key of the transaction-scoped advisory locks taken per provider site (the second is the site's hash). */
const PROVIDER_LOCK = 72_746_010;

/** The site (FINESS or depot id) where a console stands, read without a lock. */
export async function consoleSite(db: Queryable, consoleId: string): Promise<string | undefined> {
  const [row] = await db.query<{ site: string }>(
    'SELECT coalesce(site_finess, site_depot) AS site FROM consoles WHERE id = $1',
    [consoleId],
  );
  return row?.site;
}

/** Decisions drawing on one provider take turns: held until the transaction ends. */
export async function lockProviderSite(db: Queryable, site: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PROVIDER_LOCK, site]);
}

export interface LockedConsole {
  id: string;
  status: DeviceStatus;
  site_finess: string | null;
  site_depot: string | null;
}

export async function lockConsole(db: Queryable, consoleId: string): Promise<LockedConsole | undefined> {
  const [row] = await db.query<LockedConsole>(
    'SELECT id, status, site_finess, site_depot FROM consoles WHERE id = $1 FOR UPDATE',
    [consoleId],
  );
  return row;
}

/** A console's new status where it stands, from `at` (its version moves). */
export async function setConsoleStatus(
  db: Queryable,
  consoleId: string,
  status: DeviceStatus,
  at: Date,
): Promise<void> {
  await db.query(
    'UPDATE consoles SET status = $2, status_since = $3, version = version + 1, updated_at = $3 WHERE id = $1',
    [consoleId, status, at],
  );
}

/** Takes one circuit from the site's lot that expires first (never one expired on `today`); null when none is left. */
export async function takeCircuit(
  db: Queryable,
  site: { finess: string | null; depot: string | null },
  today: string,
  at: Date,
): Promise<string | null> {
  const [lot] = await db.query<{ id: string }>(
    `SELECT id FROM stock_lots WHERE item_kind = $4 AND quantity > 0 AND ${unexpiredLot('$3')}
       AND coalesce(site_finess, '') = coalesce($1, '') AND coalesce(site_depot, '') = coalesce($2, '')
     ORDER BY expiry_date, lot_number LIMIT 1 FOR UPDATE`,
    [site.finess, site.depot, today, 'circuit' satisfies StockKind],
  );
  if (!lot) return null;
  await db.query('UPDATE stock_lots SET quantity = quantity - 1, updated_at = $2 WHERE id = $1', [lot.id, at]);
  return lot.id;
}

/** Puts a reserved circuit back in its lot. */
export async function putBackCircuit(db: Queryable, lotId: string, at: Date): Promise<void> {
  await db.query('UPDATE stock_lots SET quantity = quantity + 1, updated_at = $2 WHERE id = $1', [lotId, at]);
}
