/** SQL for consumables by lot (circuits, cannulas) and their movements. */
import type { TSite } from '../../../contracts/fleet.ts';
import type { CannulaType, StockKind } from '../../../domain/fleet.ts';
import type { Reach } from '../../../domain/policy.ts';
import type { Queryable } from '../../db/client.ts';
import { createParams, reachCondition } from '../../db/sql.ts';
import { siteJoin } from './sites.repository.ts';

/**
 * The "unexpired lot" predicate, the one SQL form of `isExpired` (domain/fleet.ts): a lot counts as
 * available until the end of its expiry date. `today` is the `$n` holding the app clock's Paris date;
 * `alias` the stock_lots alias of the query, if any. Every count of available units uses it.
 */
export const unexpiredLot = (today: string, alias?: string): string =>
  `${alias ? `${alias}.` : ''}expiry_date >= ${today}::date`;

/** The units of a kind still usable on `today` (an `int`, 0 when none), summed over the grouped lots. */
export const usableUnits = (kind: StockKind, today: string, alias?: string): string => {
  const col = (name: string) => (alias ? `${alias}.${name}` : name);
  return `coalesce(sum(${col('quantity')}) FILTER (WHERE ${col('item_kind')} = '${kind}' AND ${unexpiredLot(today, alias)}), 0)::int`;
};

export interface LotRow {
  id: string;
  site: TSite;
  itemKind: StockKind;
  cannulaType: CannulaType | null;
  sizeFr: number | null;
  product: string;
  lotNumber: string;
  /** YYYY-MM-DD */
  expiryDate: string;
  quantity: number;
  updatedAt: Date;
}

const site = siteJoin('s', 'l.site_finess', 'l.site_depot');
const select = (extra = ''): string =>
  `SELECT l.id, l.item_kind AS "itemKind", l.cannula_type AS "cannulaType", l.size_fr AS "sizeFr", l.product,
  l.lot_number AS "lotNumber", to_char(l.expiry_date, 'YYYY-MM-DD') AS "expiryDate", l.quantity, l.updated_at AS "updatedAt",
  ${site.json} AS site${extra} FROM stock_lots l ${site.joins}`;

export interface LotFilter {
  region?: string;
  finess?: string;
  depot?: string;
  itemKind?: StockKind;
  includeExpired: 'true' | 'false';
  limit: number;
  offset: number;
}

/** A page of lots within reach, with the count and the usable units of the whole filtered set. */
export async function listLots(db: Queryable, reach: Reach, f: LotFilter, today: string) {
  const p = createParams();
  const where: string[] = [];
  const scoped = reachCondition(
    reach,
    { regions: [site.region], departements: [site.departement], establishments: ['l.site_finess'] },
    p,
  );
  if (scoped) where.push(scoped);
  if (f.region) where.push(`${site.region} = ${p.add(f.region)}`);
  if (f.finess) where.push(`l.site_finess = ${p.add(f.finess)}`);
  if (f.depot) where.push(`l.site_depot = ${p.add(f.depot)}`);
  if (f.itemKind) where.push(`l.item_kind = ${p.add(f.itemKind)}`);
  const todayPh = p.add(today);
  const base = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const listed = f.includeExpired === 'true' ? base : `${base ? `${base} AND` : 'WHERE'} ${unexpiredLot(todayPh, 'l')}`;
  const [sums] = await db.query<{ n: number; circuits: number; cannulas: number }>(
    `SELECT (SELECT count(*)::int FROM stock_lots l ${site.joins} ${listed}) AS n,
       ${usableUnits('circuit', todayPh, 'l')} AS circuits, ${usableUnits('cannula', todayPh, 'l')} AS cannulas
     FROM stock_lots l ${site.joins} ${base}`,
    p.values,
  );
  // Selecting the expiry flag also gives the date parameter a use when expired lots are listed.
  const rows = await db.query<LotRow & { expiredNow: boolean }>(
    `${select(`, NOT (${unexpiredLot(todayPh, 'l')}) AS "expiredNow"`)} ${listed}
     ORDER BY ${site.name}, l.item_kind, l.expiry_date, l.lot_number
     LIMIT ${p.add(f.limit)} OFFSET ${p.add(f.offset)}`,
    p.values,
  );
  return {
    rows: rows.map(({ expiredNow: _, ...r }) => r),
    total: sums?.n ?? 0,
    circuits: sums?.circuits ?? 0,
    cannulas: sums?.cannulas ?? 0,
  };
}

export async function findLot(db: Queryable, id: string): Promise<LotRow | undefined> {
  const [row] = await db.query<LotRow>(`${select()} WHERE l.id = $1`, [id]);
  return row;
}

/** What names a lot at a site (the columns of `stock_lots_unique_idx`). */
export interface LotKey {
  siteFiness: string | null;
  siteDepot: string | null;
  itemKind: StockKind;
  product: string;
  lotNumber: string;
  cannulaType: CannulaType | null;
  sizeFr: number | null;
}

const keyValues = (k: LotKey) => [
  k.siteFiness,
  k.siteDepot,
  k.itemKind,
  k.product,
  k.lotNumber,
  k.cannulaType,
  k.sizeFr,
];

async function lockLot(db: Queryable, key: LotKey) {
  const [row] = await db.query<{ id: string; quantity: number; expiry: string }>(
    `SELECT id, quantity, to_char(expiry_date, 'YYYY-MM-DD') AS expiry FROM stock_lots
     WHERE coalesce(site_finess, '') = coalesce($1, '') AND coalesce(site_depot, '') = coalesce($2, '')
       AND item_kind = $3 AND product = $4 AND lot_number = $5 AND coalesce(cannula_type, '') = coalesce($6, '') AND coalesce(size_fr, 0) = coalesce($7, 0)
     FOR UPDATE`,
    keyValues(key),
  );
  return row;
}

/**
 * The lot, locked until the transaction ends; created empty on first receipt. Concurrent first
 * receipts race for the unique index: the loser waits for the winner's commit and inserts nothing;
 * both then lock the one row and add up, one after the other.
 */
export async function lockOrCreateLot(
  db: Queryable,
  key: LotKey,
  expiryDate: string,
  at: Date,
): Promise<{ id: string; quantity: number; expiry: string }> {
  const existing = await lockLot(db, key);
  if (existing) return existing;
  await db.query(
    `INSERT INTO stock_lots (site_finess, site_depot, item_kind, product, lot_number, cannula_type, size_fr, expiry_date, quantity, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9)
     ON CONFLICT (coalesce(site_finess, ''), coalesce(site_depot, ''), item_kind, product, lot_number, coalesce(cannula_type, ''), coalesce(size_fr, 0))
     DO NOTHING`,
    [...keyValues(key), expiryDate, at],
  );
  const created = await lockLot(db, key);
  if (!created) throw new Error('lot vanished');
  return created;
}

export interface Movement {
  lotId: string;
  actorId: string;
  actorLabel: string;
  delta: number;
  quantityAfter: number;
  reason: string;
  at: Date;
}

/** Sets the lot's quantity and records the movement that led there. */
export async function recordMovement(db: Queryable, m: Movement): Promise<void> {
  await db.query('UPDATE stock_lots SET quantity = $2, updated_at = $3 WHERE id = $1', [
    m.lotId,
    m.quantityAfter,
    m.at,
  ]);
  await db.query(
    'INSERT INTO stock_movements (lot_id, actor_id, actor_label, delta, quantity_after, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [m.lotId, m.actorId, m.actorLabel, m.delta, m.quantityAfter, m.reason, m.at],
  );
}
