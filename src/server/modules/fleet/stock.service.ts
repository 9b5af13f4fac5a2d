/** Consumables by lot (circuits, cannulas): listing and adjustments, each a recorded movement. */
import type { z } from 'zod';
import type { TStockLot, ZAdjustStock, ZStockListQuery } from '../../../contracts/fleet.ts';
import { message } from '../../../contracts/messages.ts';
import { isExpired } from '../../../domain/fleet.ts';
import { reachOf } from '../../../domain/policy.ts';
import { parisDate } from '../../../domain/time.ts';
import { appendAudit } from '../../audit/audit.ts';
import { conflict, type FieldIssue, invalid, issue } from '../../http/errors.ts';
import { actorOf, assertAllowed, type ServiceContext } from '../context.ts';
import { assertFilterInReach, requireSite, siteColumns } from './sites.ts';
import * as repo from './stock.repository.ts';

type AdjustInput = z.output<typeof ZAdjustStock>;

const toDto = (r: repo.LotRow, today: string): TStockLot => ({
  ...r,
  expired: isExpired(r.expiryDate, today),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

export async function listStock(ctx: ServiceContext, q: z.output<typeof ZStockListQuery>) {
  await assertFilterInReach(ctx.db, ctx.user, 'stock:list', q);
  const today = parisDate(ctx.clock.now());
  const page = await repo.listLots(ctx.db, reachOf(ctx.user.grants, 'stock:list'), q, today);
  return {
    items: page.rows.map((r) => toDto(r, today)),
    total: page.total,
    limit: q.limit,
    offset: q.offset,
    available: { circuits: page.circuits, cannulas: page.cannulas },
  };
}

/** What a request to adjust says wrong before the database is read: the shape of the item, an expired receipt. */
function adjustmentProblems(input: AdjustInput, today: string): FieldIssue[] {
  const problems: FieldIssue[] = [];
  if (input.itemKind === 'cannula') {
    if (input.cannulaType === null) problems.push(issue('body.cannulaType', 'required'));
    if (input.sizeFr === null) problems.push(issue('body.sizeFr', 'required'));
  }
  if (input.itemKind === 'circuit' && (input.cannulaType !== null || input.sizeFr !== null))
    problems.push(issue('body.cannulaType', 'not_applicable'));
  if (input.delta > 0 && isExpired(input.expiryDate, today))
    problems.push(issue('body.expiryDate', 'expired_lot', { expiryDate: input.expiryDate }));
  return problems;
}

/**
 * Adds or removes units of a lot at a site (creating the lot on first receipt). An expired lot can
 * only be taken out, never declared available; a lot number keeps one expiry date.
 */
export async function adjustStock(ctx: ServiceContext, input: AdjustInput): Promise<TStockLot> {
  const today = parisDate(ctx.clock.now());
  const problems = adjustmentProblems(input, today);
  if (problems.length) throw invalid(problems);
  const actor = actorOf(ctx);
  const out = await ctx.db.transaction(async (tx) => {
    const site = await requireSite(tx, input.site, 'body.site');
    assertAllowed(ctx.user, 'stock:adjust', site.location);
    const { itemKind, product, lotNumber, cannulaType, sizeFr } = input;
    const key = { ...siteColumns(site), itemKind, product, lotNumber, cannulaType, sizeFr };
    const lot = await repo.lockOrCreateLot(tx, key, input.expiryDate, actor.at);
    if (lot.expiry !== input.expiryDate) {
      const expiry = { expiry: lot.expiry };
      throw conflict(message('expiry_mismatch', expiry), [issue('body.expiryDate', 'expiry_mismatch', expiry)]);
    }
    const after = lot.quantity + input.delta;
    if (after < 0) throw invalid([issue('body.delta', 'insufficient_stock', { count: lot.quantity })]);
    await repo.recordMovement(tx, {
      lotId: lot.id,
      actorId: ctx.user.id,
      actorLabel: ctx.user.email,
      delta: input.delta,
      quantityAfter: after,
      reason: input.reason,
      at: actor.at,
    });
    const row = await repo.findLot(tx, lot.id);
    if (!row) throw new Error('lot vanished');
    const dto = toDto(row, today);
    await appendAudit(tx, actor, {
      action: 'stock.adjust',
      targetType: 'stock_lot',
      targetId: lot.id,
      before: { quantity: lot.quantity },
      after: { ...dto, delta: input.delta },
      reason: input.reason,
    });
    return dto;
  });
  await ctx.events.publish('fleet.changed', { lot: out.id });
  return out;
}
