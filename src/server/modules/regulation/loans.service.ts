/** Loans of consoles and circuits: arrival, due dates (extended with a reason), return, recall. */
import type { z } from 'zod';
import { message } from '../../../contracts/messages.ts';
import type { TLoan, ZLoanListQuery, ZRecallLoan, ZReturnLoan, ZUpdateLoan } from '../../../contracts/regulation.ts';
import { isAllowed, reachOf } from '../../../domain/policy.ts';
import { isOpenLoan, type LoanState, OPEN_LOAN_STATES } from '../../../domain/regulation.ts';
import type { Location } from '../../../domain/roles.ts';
import { instant, instantOrNull } from '../../../domain/time.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Queryable } from '../../db/client.ts';
import { conflict, forbidden, invalid, issue, notFound, staleConflict } from '../../http/errors.ts';
import { actorOf, assertAllowed, type ServiceContext } from '../context.ts';
import * as repo from './loans.repository.ts';

type LoanRow = repo.LoanRow;

function lenderLocation(r: LoanRow): Location {
  return { regionCode: r.lender_region, departementCode: r.lender_departement, establishment: r.lender_finess };
}
function borrowerLocation(r: LoanRow): Location {
  return { regionCode: r.borrower_region, departementCode: r.borrower_departement, establishment: r.borrower_finess };
}

async function toDto(db: Queryable, r: LoanRow, now: Date): Promise<TLoan> {
  const items = await repo.listLoanItems(db, r.id);
  // The decision that created the loan is the request's entry; the loan's own are under its id.
  const history = await repo.listLoanHistory(db, r.id, r.request_id);
  return {
    id: r.id,
    requestId: r.request_id,
    kind: r.kind,
    lender: {
      kind: r.lender_finess ? 'establishment' : 'depot',
      id: r.lender_id,
      name: r.lender_name,
      regionCode: r.lender_region,
    },
    borrower: { finess: r.borrower_finess, name: r.borrower_name, regionCode: r.borrower_region },
    state: r.state,
    startsAt: instant(r.starts_at),
    dueAt: instant(r.due_at),
    overdue: isOpenLoan(r.state) && new Date(r.due_at).getTime() < now.getTime(),
    returnedAt: instantOrNull(r.returned_at),
    recalledAt: instantOrNull(r.recalled_at),
    recallReason: r.recall_reason,
    version: r.version,
    items: items.map((i) => ({
      consoleId: i.console_id,
      serialNumber: i.serial_number,
      lotId: i.lot_id,
      lotNumber: i.lot_number,
      quantity: i.quantity,
      returnedAt: instantOrNull(i.returned_at),
    })),
    history: history.map((h) => ({
      at: instant(h.at),
      actor: h.actor_label,
      action: h.action,
      reason: h.reason,
    })),
  };
}

/** A loan concerns its lender and its borrower: either side's scope may see it. */
const canSee = (ctx: ServiceContext, r: LoanRow, action: 'request:read' | 'request:regulate') =>
  isAllowed(ctx.user.grants, action, lenderLocation(r)) || isAllowed(ctx.user.grants, action, borrowerLocation(r));

export async function listLoans(ctx: ServiceContext, q: z.output<typeof ZLoanListQuery>) {
  if (q.region) assertAllowed(ctx.user, 'request:read', { regionCode: q.region });
  const { rows, total } = await repo.listLoans(ctx.db, reachOf(ctx.user.grants, 'request:read'), q);
  const now = ctx.clock.now();
  return {
    items: await Promise.all(rows.map((r) => toDto(ctx.db, r, now))),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

export async function getLoan(ctx: ServiceContext, id: string): Promise<TLoan> {
  const row = await repo.findLoan(ctx.db, id);
  if (!row || !canSee(ctx, row, 'request:read')) throw notFound('noun.loan');
  return toDto(ctx.db, row, ctx.clock.now());
}

/**
 * The loan locked for a change: within reach, managed by the user (the national stock is the
 * nation's; a centre's loan, its regulators'), at the version read, and still in one of `states`.
 */
async function lockForChange(
  ctx: ServiceContext,
  tx: Queryable,
  id: string,
  version: number,
  states: readonly LoanState[],
): Promise<LoanRow> {
  const loan = await repo.findLoan(tx, id, true);
  if (!loan || !canSee(ctx, loan, 'request:read')) throw notFound('noun.loan');
  const managed =
    loan.kind === 'national_stock'
      ? isAllowed(ctx.user.grants, 'request:regulate', {})
      : canSee(ctx, loan, 'request:regulate');
  if (!managed) throw forbidden();
  if (loan.version !== version) {
    throw staleConflict('noun.loan');
  }
  if (!states.includes(loan.state)) throw conflict(message('loan_closed'), [issue('params.id', 'loan_closed')]);
  return loan;
}

/** Locks and checks the loan, runs `change`, moves its version and audits it with its before and after. */
async function changeLoan(
  ctx: ServiceContext,
  id: string,
  version: number,
  action: string,
  reason: string | null,
  change: (tx: Queryable, loan: LoanRow, now: Date) => Promise<void>,
  states: readonly LoanState[] = OPEN_LOAN_STATES,
): Promise<TLoan> {
  const actor = actorOf(ctx);
  const now = actor.at;
  const out = await ctx.db.transaction(async (tx) => {
    const loan = await lockForChange(ctx, tx, id, version, states);
    const before = await toDto(tx, loan, now);
    await change(tx, loan, now);
    await repo.bumpLoanVersion(tx, id, now);
    const changed = await repo.findLoan(tx, id);
    if (!changed) throw new Error('loan vanished');
    const after = await toDto(tx, changed, now);
    await appendAudit(tx, actor, { action, targetType: 'loan', targetId: id, before, after, reason });
    return after;
  });
  await ctx.events.publish('fleet.changed', { loan: id });
  return out;
}

export async function updateLoan(ctx: ServiceContext, id: string, body: z.output<typeof ZUpdateLoan>): Promise<TLoan> {
  if (body.dueAt && new Date(body.dueAt).getTime() <= ctx.clock.now().getTime()) {
    throw invalid([issue('body.dueAt', 'due_in_past')]);
  }
  if (!body.dueAt && !body.state) throw invalid([issue('body', 'no_change')]);
  // Named by what it records, for the loan's history: arrival, trip back, extension.
  const action =
    body.dueAt && body.state
      ? 'loan.update'
      : body.dueAt
        ? 'loan.extend'
        : body.state === 'active'
          ? 'loan.arrive'
          : 'loan.returning';
  return changeLoan(ctx, id, body.version, action, body.reason, async (tx, loan, now) => {
    if (body.dueAt) await repo.setDueAt(tx, id, body.dueAt);
    // Arrived: the console now stands at the borrower, lent.
    if (body.state === 'active') await repo.placeAtBorrower(tx, id, loan.borrower_finess, now);
    if (body.state) await repo.setLoanState(tx, id, body.state);
  });
}

/** Consoles come back to their lender (a recalled loan too), available or to maintenance; circuits lent were consumed. */
export async function returnLoan(ctx: ServiceContext, id: string, body: z.output<typeof ZReturnLoan>): Promise<TLoan> {
  return changeLoan(
    ctx,
    id,
    body.version,
    'loan.return',
    body.reason ?? null,
    async (tx, loan, now) => {
      const lent = new Set(await repo.outstandingConsoles(tx, id));
      const foreign = body.consoleIds.filter((c) => !lent.has(c));
      if (foreign.length) throw invalid([issue('body.consoleIds', 'not_lent', { consoles: foreign.join(', ') })]);
      await repo.takeBackConsoles(tx, loan, body.consoleIds, body.condition, now);
      if ((await repo.outstandingConsoles(tx, id)).length === 0) await repo.markReturned(tx, id, now);
    },
    [...OPEN_LOAN_STATES, 'recalled'],
  );
}

export async function recallLoan(ctx: ServiceContext, id: string, body: z.output<typeof ZRecallLoan>): Promise<TLoan> {
  return changeLoan(ctx, id, body.version, 'loan.recall', body.reason, (tx, _loan, now) =>
    repo.markRecalled(tx, id, body.reason, now),
  );
}
