/** Consumables by lot (circuits, cannulas): listing and adjustments, each a recorded movement. */
import type { z } from 'zod';
import type { TStockLot, ZAdjustStock, ZStockListQuery } from '../../../contracts/fleet.ts';
import { isExpired } from '../../../domain/census.ts';
import { reachOf } from '../../../domain/policy.ts';
import { parisDate } from '../../../domain/time.ts';
import { appendAudit } from '../../audit/audit.ts';
import { createParams, reachCondition } from '../../db/sql.ts';
import { conflict, type FieldError, invalid } from '../../http/errors.ts';
import { actorOf, assertAllowed, type ServiceContext } from '../context.ts';
import { assertFilterInReach, resolveSite, siteJoin } from './sites.ts';

interface LotRow extends Omit<TStockLot, 'expiryDate' | 'updatedAt' | 'expired'> {
  expiryDate: string;
  updatedAt: Date;
}

const site = siteJoin('s', 'l.site_finess', 'l.site_depot');
const SELECT = `SELECT l.id, l.item_kind AS "itemKind", l.cannula_type AS "cannulaType", l.size_fr AS "sizeFr", l.product,
  l.lot_number AS "lotNumber", to_char(l.expiry_date, 'YYYY-MM-DD') AS "expiryDate", l.quantity, l.updated_at AS "updatedAt",
  ${site.json} AS site FROM stock_lots l ${site.joins}`;

const toDto = (r: LotRow, today: string): TStockLot => ({
  ...r,
  expired: isExpired(r.expiryDate, today),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

export async function listStock(ctx: ServiceContext, q: z.output<typeof ZStockListQuery>) {
  await assertFilterInReach(ctx.db, ctx.user, 'stock:list', q);
  const today = parisDate(ctx.clock.now());
  const p = createParams();
  const where: string[] = [];
  const scoped = reachCondition(
    reachOf(ctx.user.grants, 'stock:list'),
    { regions: [site.region], departements: [site.departement], establishments: ['l.site_finess'] },
    p,
  );
  if (scoped) where.push(scoped);
  if (q.region) where.push(`${site.region} = ${p.add(q.region)}`);
  if (q.finess) where.push(`l.site_finess = ${p.add(q.finess)}`);
  if (q.depot) where.push(`l.site_depot = ${p.add(q.depot)}`);
  if (q.itemKind) where.push(`l.item_kind = ${p.add(q.itemKind)}`);
  const todayPh = p.add(today);
  const base = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const listed =
    q.includeExpired === 'true' ? base : `${base ? `${base} AND` : 'WHERE'} l.expiry_date >= ${todayPh}::date`;
  const [sums] = await ctx.db.query<{ n: number; circuits: number; cannulas: number }>(
    `SELECT (SELECT count(*)::int FROM stock_lots l ${site.joins} ${listed}) AS n,
       coalesce(sum(l.quantity) FILTER (WHERE l.item_kind = 'circuit' AND l.expiry_date >= ${todayPh}::date), 0)::int AS circuits,
       coalesce(sum(l.quantity) FILTER (WHERE l.item_kind = 'cannula' AND l.expiry_date >= ${todayPh}::date), 0)::int AS cannulas
     FROM stock_lots l ${site.joins} ${base}`,
    p.values,
  );
  // Selecting the expiry flag in SQL also gives the date parameter a use when expired lots are listed.
  const rows = await ctx.db.query<LotRow & { expiredNow: boolean }>(
    `${SELECT.replace(' FROM stock_lots', `, l.expiry_date < ${todayPh}::date AS "expiredNow" FROM stock_lots`)} ${listed} ORDER BY coalesce(s_e.name, s_p.name), l.item_kind, l.expiry_date, l.lot_number
     LIMIT ${p.add(q.limit)} OFFSET ${p.add(q.offset)}`,
    p.values,
  );
  return {
    items: rows.map(({ expiredNow: _, ...r }) => toDto(r, today)),
    total: sums?.n ?? 0,
    limit: q.limit,
    offset: q.offset,
    available: { circuits: sums?.circuits ?? 0, cannulas: sums?.cannulas ?? 0 },
  };
}

const msg = (ctx: { locale: 'fr' | 'en' }, fr: string, en: string): string => (ctx.locale === 'fr' ? fr : en);

/**
 * Adds or removes units of a lot at a site (creating the lot on first receipt). An expired lot can
 * only be taken out, never declared available; a lot number keeps one expiry date.
 */
export async function adjustStock(ctx: ServiceContext, input: z.output<typeof ZAdjustStock>): Promise<TStockLot> {
  const today = parisDate(ctx.clock.now());
  const errors: FieldError[] = [];
  if (input.itemKind === 'cannula' && (input.cannulaType === null || input.sizeFr === null)) {
    if (input.cannulaType === null)
      errors.push({
        field: 'body.cannulaType',
        code: 'required',
        message: msg(ctx, 'Type de canule requis.', 'Cannula type required.'),
      });
    if (input.sizeFr === null)
      errors.push({
        field: 'body.sizeFr',
        code: 'required',
        message: msg(ctx, 'Taille (French) requise.', 'Size (French) required.'),
      });
  }
  if (input.itemKind === 'circuit' && (input.cannulaType !== null || input.sizeFr !== null)) {
    errors.push({
      field: 'body.cannulaType',
      code: 'not_applicable',
      message: msg(ctx, 'Un circuit n’a ni type ni taille de canule.', 'A circuit has no cannula type or size.'),
    });
  }
  if (input.delta > 0 && isExpired(input.expiryDate, today)) {
    errors.push({
      field: 'body.expiryDate',
      code: 'expired_lot',
      message: msg(
        ctx,
        `Lot périmé depuis le ${input.expiryDate} : il ne peut pas être déclaré disponible.`,
        `Lot expired on ${input.expiryDate}: it cannot be declared available.`,
      ),
    });
  }
  if (errors.length) throw invalid(errors);
  const out = await ctx.db.transaction(async (tx) => {
    const s = await resolveSite(tx, input.site);
    if (!s)
      throw invalid([
        { field: 'body.site', code: 'unknown_site', message: msg(ctx, 'Site inconnu.', 'Unknown site.') },
      ]);
    assertAllowed(ctx.user, 'stock:adjust', s.location);
    const siteFiness = s.kind === 'establishment' ? s.id : null;
    const siteDepot = s.kind === 'depot' ? s.id : null;
    const key = [
      siteFiness,
      siteDepot,
      input.itemKind,
      input.product,
      input.lotNumber,
      input.cannulaType,
      input.sizeFr,
    ];
    const lockLot = async () =>
      (
        await tx.query<{ id: string; quantity: number; expiry: string }>(
          `SELECT id, quantity, to_char(expiry_date, 'YYYY-MM-DD') AS expiry FROM stock_lots
           WHERE coalesce(site_finess, '') = coalesce($1, '') AND coalesce(site_depot, '') = coalesce($2, '')
             AND item_kind = $3 AND product = $4 AND lot_number = $5 AND coalesce(cannula_type, '') = coalesce($6, '') AND coalesce(size_fr, 0) = coalesce($7, 0)
           FOR UPDATE`,
          key,
        )
      )[0];
    let existing = await lockLot();
    if (!existing) {
      // First receipt: concurrent ones race for the unique index. The loser waits for the winner's
      // commit and inserts nothing; both then lock the one row and add up, one after the other.
      await tx.query(
        `INSERT INTO stock_lots (site_finess, site_depot, item_kind, product, lot_number, cannula_type, size_fr, expiry_date, quantity, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9)
         ON CONFLICT (coalesce(site_finess, ''), coalesce(site_depot, ''), item_kind, product, lot_number, coalesce(cannula_type, ''), coalesce(size_fr, 0))
         DO NOTHING`,
        [...key, input.expiryDate, ctx.clock.now()],
      );
      existing = await lockLot();
      if (!existing) throw new Error('lot vanished');
    }
    if (existing.expiry !== input.expiryDate) {
      throw conflict(`Lot ${input.lotNumber} is recorded with expiry ${existing.expiry}`, [
        {
          field: 'body.expiryDate',
          code: 'expiry_mismatch',
          message: msg(
            ctx,
            `Ce lot est enregistré avec la date de péremption ${existing.expiry}.`,
            `This lot is recorded with expiry ${existing.expiry}.`,
          ),
        },
      ]);
    }
    const before = existing.quantity;
    const after = before + input.delta;
    if (after < 0) {
      throw invalid([
        {
          field: 'body.delta',
          code: 'insufficient_stock',
          message: msg(
            ctx,
            `Seulement ${before} unité(s) en stock pour ce lot.`,
            `Only ${before} unit(s) in stock for this lot.`,
          ),
        },
      ]);
    }
    const lotId = existing.id;
    await tx.query('UPDATE stock_lots SET quantity = $2, updated_at = $3 WHERE id = $1', [
      lotId,
      after,
      ctx.clock.now(),
    ]);
    await tx.query(
      'INSERT INTO stock_movements (lot_id, actor_id, actor_label, delta, quantity_after, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [lotId, ctx.user.id, ctx.user.email, input.delta, after, input.reason, ctx.clock.now()],
    );
    const [row] = await tx.query<LotRow>(`${SELECT} WHERE l.id = $1`, [lotId]);
    if (!row) throw new Error('lot vanished');
    const dto = toDto(row, today);
    await appendAudit(tx, actorOf(ctx), {
      action: 'stock.adjust',
      targetType: 'stock_lot',
      targetId: lotId,
      before: { quantity: before },
      after: { ...dto, delta: input.delta },
      reason: input.reason,
    });
    return dto;
  });
  await ctx.events.publish('fleet.changed', { lot: out.id });
  return out;
}
