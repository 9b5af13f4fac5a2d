/** Loans of consoles and circuits: arrival, due dates (extended with a reason), return, recall. */
import type { z } from 'zod';
import type { TLoan, ZLoanListQuery, ZRecallLoan, ZReturnLoan, ZUpdateLoan } from '../../../contracts/regulation.ts';
import { isAllowed, reachOf } from '../../../domain/policy.ts';
import type { Location } from '../../../domain/roles.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Queryable } from '../../db/client.ts';
import { createParams, reachCondition } from '../../db/sql.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { actorOf, assertAllowed, type ServiceContext } from '../context.ts';

interface LoanRow {
  id: string;
  request_id: string | null;
  kind: 'lend' | 'national_stock';
  lender_finess: string | null;
  lender_depot: string | null;
  lender_name: string;
  lender_region: string;
  lender_departement: string;
  borrower_finess: string;
  borrower_name: string;
  borrower_region: string;
  borrower_departement: string;
  state: TLoan['state'];
  starts_at: Date;
  due_at: Date;
  returned_at: Date | null;
  recalled_at: Date | null;
  recall_reason: string | null;
  version: number;
}

const SELECT = `SELECT l.*, coalesce(le.name, lp.name) AS lender_name, ld.region_code AS lender_region, ld.code AS lender_departement,
  be.name AS borrower_name, bd.region_code AS borrower_region, bd.code AS borrower_departement
  FROM loans l
  LEFT JOIN establishments le ON le.finess = l.lender_finess LEFT JOIN depots lp ON lp.id = l.lender_depot
  JOIN departements ld ON ld.code = coalesce(le.departement_code, lp.departement_code)
  JOIN establishments be ON be.finess = l.borrower_finess JOIN departements bd ON bd.code = be.departement_code`;

const OPEN = ['requested', 'in_transit', 'active', 'returning'];
const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);
const msg = (ctx: { locale: 'fr' | 'en' }, fr: string, en: string): string => (ctx.locale === 'fr' ? fr : en);

function lenderLocation(r: LoanRow): Location {
  return { regionCode: r.lender_region, departementCode: r.lender_departement, establishment: r.lender_finess };
}
function borrowerLocation(r: LoanRow): Location {
  return { regionCode: r.borrower_region, departementCode: r.borrower_departement, establishment: r.borrower_finess };
}

async function toDto(db: Queryable, r: LoanRow, now: Date): Promise<TLoan> {
  const items = await db.query<{
    console_id: string | null;
    serial_number: string | null;
    lot_id: string | null;
    lot_number: string | null;
    quantity: number;
    returned_at: Date | null;
  }>(
    `SELECT i.console_id, c.serial_number, i.lot_id, s.lot_number, i.quantity, i.returned_at
     FROM loan_items i LEFT JOIN consoles c ON c.id = i.console_id LEFT JOIN stock_lots s ON s.id = i.lot_id WHERE i.loan_id = $1`,
    [r.id],
  );
  // The decision that created the loan is the request's entry; the loan's own are under its id.
  const history = await db.query<{ at: Date; actor_label: string; action: string; reason: string | null }>(
    `SELECT at, actor_label, action, reason FROM audit_log
     WHERE (target_type = 'loan' AND target_id = $1)
        OR (target_type = 'ecmo_request' AND target_id = $2 AND action IN ('request.decide', 'request.release'))
     ORDER BY seq`,
    [r.id, r.request_id ?? ''],
  );
  return {
    id: r.id,
    requestId: r.request_id,
    kind: r.kind,
    lender: {
      kind: r.lender_finess ? 'establishment' : 'depot',
      id: (r.lender_finess ?? r.lender_depot) as string,
      name: r.lender_name,
      regionCode: r.lender_region,
    },
    borrower: { finess: r.borrower_finess, name: r.borrower_name, regionCode: r.borrower_region },
    state: r.state,
    startsAt: iso(r.starts_at) as string,
    dueAt: iso(r.due_at) as string,
    overdue: OPEN.includes(r.state) && new Date(r.due_at).getTime() < now.getTime(),
    returnedAt: iso(r.returned_at),
    recalledAt: iso(r.recalled_at),
    recallReason: r.recall_reason,
    version: r.version,
    items: items.map((i) => ({
      consoleId: i.console_id,
      serialNumber: i.serial_number,
      lotId: i.lot_id,
      lotNumber: i.lot_number,
      quantity: i.quantity,
      returnedAt: iso(i.returned_at),
    })),
    history: history.map((h) => ({
      at: iso(h.at) as string,
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
  const p = createParams();
  const where: string[] = [];
  const reach = reachOf(ctx.user.grants, 'request:read');
  const scoped = reachCondition(
    reach,
    {
      regions: ['ld.region_code', 'bd.region_code'],
      departements: ['ld.code', 'bd.code'],
      establishments: ['l.lender_finess', 'l.borrower_finess'],
    },
    p,
  );
  if (scoped) where.push(scoped);
  if (q.state) where.push(`l.state = ${p.add(q.state)}`);
  if (q.open === 'true') where.push(`l.state = ANY(${p.add(OPEN)}::text[])`);
  if (q.region) where.push(`(ld.region_code = ${p.add(q.region)} OR bd.region_code = $${p.values.length})`);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = await ctx.db.query<LoanRow & { total: number }>(
    `${SELECT.replace('SELECT l.*,', 'SELECT count(*) OVER ()::int AS total, l.*,')} ${clause} ORDER BY l.due_at LIMIT ${p.add(q.limit)} OFFSET ${p.add(q.offset)}`,
    p.values,
  );
  const now = ctx.clock.now();
  return {
    items: await Promise.all(rows.map((r) => toDto(ctx.db, r, now))),
    total: rows[0]?.total ?? 0,
    limit: q.limit,
    offset: q.offset,
  };
}

async function findLoan(db: Queryable, id: string, lock = false): Promise<LoanRow | undefined> {
  if (lock) await db.query('SELECT id FROM loans WHERE id = $1 FOR UPDATE', [id]);
  const [row] = await db.query<LoanRow>(`${SELECT} WHERE l.id = $1`, [id]);
  return row;
}

export async function getLoan(ctx: ServiceContext, id: string): Promise<TLoan> {
  const row = await findLoan(ctx.db, id);
  if (!row || !canSee(ctx, row, 'request:read')) throw notFound('Loan');
  return toDto(ctx.db, row, ctx.clock.now());
}

/** Locks the loan, checks reach, version and that it is still open; runs `change`; audits. */
async function changeLoan(
  ctx: ServiceContext,
  id: string,
  version: number,
  action: string,
  reason: string | null,
  change: (tx: Queryable, loan: LoanRow, now: Date) => Promise<void>,
  openStates: readonly string[] = OPEN,
): Promise<TLoan> {
  const actor = actorOf(ctx);
  const now = actor.at;
  const out = await ctx.db.transaction(async (tx) => {
    const loan = await findLoan(tx, id, true);
    if (!loan || !canSee(ctx, loan, 'request:read')) throw notFound('Loan');
    // The national stock is the nation's to manage; a centre's loan, its regulators'.
    const managed =
      loan.kind === 'national_stock'
        ? isAllowed(ctx.user.grants, 'request:regulate', {})
        : canSee(ctx, loan, 'request:regulate');
    if (!managed) throw forbidden();
    if (loan.version !== version) {
      throw new AppError('conflict', 'The loan changed meanwhile: reload it', [
        {
          field: 'body.version',
          code: 'stale_version',
          message: msg(ctx, 'Le prêt a changé entre-temps : rechargez-le.', 'The loan changed meanwhile: reload it.'),
        },
      ]);
    }
    if (!openStates.includes(loan.state)) {
      throw new AppError('conflict', `The loan is ${loan.state}`, [
        { field: 'params.id', code: 'loan_closed', message: msg(ctx, 'Ce prêt est clos.', 'This loan is closed.') },
      ]);
    }
    const before = await toDto(tx, loan, now);
    await change(tx, loan, now);
    await tx.query('UPDATE loans SET version = version + 1, updated_at = $2 WHERE id = $1', [id, now]);
    const after = await toDto(tx, (await findLoan(tx, id)) as LoanRow, now);
    await appendAudit(tx, actor, { action, targetType: 'loan', targetId: id, before, after, reason });
    return after;
  });
  await ctx.events.publish('fleet.changed', { loan: id });
  return out;
}

export async function updateLoan(ctx: ServiceContext, id: string, body: z.output<typeof ZUpdateLoan>): Promise<TLoan> {
  if (body.dueAt && new Date(body.dueAt).getTime() <= ctx.clock.now().getTime()) {
    throw invalid([
      {
        field: 'body.dueAt',
        code: 'due_in_past',
        message: msg(ctx, 'La date de retour doit être dans le futur.', 'The due date must be in the future.'),
      },
    ]);
  }
  if (!body.dueAt && !body.state)
    throw invalid([{ field: 'body', code: 'no_change', message: msg(ctx, 'Rien à modifier.', 'Nothing to change.') }]);
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
    if (body.dueAt) await tx.query('UPDATE loans SET due_at = $2 WHERE id = $1', [id, body.dueAt]);
    if (body.state === 'active') {
      // Arrived: the console now stands at the borrower, lent.
      await tx.query(
        `UPDATE consoles SET status = 'lent', site_finess = $2, site_depot = NULL, status_since = $3, version = version + 1, updated_at = $3
         WHERE id IN (SELECT console_id FROM loan_items WHERE loan_id = $1 AND console_id IS NOT NULL AND returned_at IS NULL)`,
        [id, loan.borrower_finess, now],
      );
      await tx.query("UPDATE loans SET state = 'active' WHERE id = $1", [id]);
    } else if (body.state === 'returning') {
      await tx.query("UPDATE loans SET state = 'returning' WHERE id = $1", [id]);
    }
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
      const lent = new Set(
        (
          await tx.query<{ console_id: string }>(
            'SELECT console_id FROM loan_items WHERE loan_id = $1 AND console_id IS NOT NULL AND returned_at IS NULL',
            [id],
          )
        ).map((r) => r.console_id),
      );
      const foreign = body.consoleIds.filter((c) => !lent.has(c));
      if (foreign.length) {
        throw invalid([
          {
            field: 'body.consoleIds',
            code: 'not_lent',
            message: msg(
              ctx,
              `Consoles absentes de ce prêt : ${foreign.join(', ')}`,
              `Consoles not in this loan: ${foreign.join(', ')}`,
            ),
          },
        ]);
      }
      await tx.query(
        // Back from a loan, a console waits for a pre-use check before regulation offers it again.
        `UPDATE consoles SET status = $2, site_finess = $3, site_depot = $4, status_since = $5, version = version + 1, updated_at = $5,
         check_required = true
       WHERE id = ANY($1::uuid[])`,
        [body.consoleIds, body.condition, loan.lender_finess, loan.lender_depot, now],
      );
      await tx.query('UPDATE loan_items SET returned_at = $3 WHERE loan_id = $1 AND console_id = ANY($2::uuid[])', [
        id,
        body.consoleIds,
        now,
      ]);
      const [left] = await tx.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM loan_items WHERE loan_id = $1 AND console_id IS NOT NULL AND returned_at IS NULL',
        [id],
      );
      if ((left?.n ?? 0) === 0)
        await tx.query("UPDATE loans SET state = 'returned', returned_at = $2 WHERE id = $1", [id, now]);
    },
    [...OPEN, 'recalled'],
  );
}

export async function recallLoan(ctx: ServiceContext, id: string, body: z.output<typeof ZRecallLoan>): Promise<TLoan> {
  return changeLoan(ctx, id, body.version, 'loan.recall', body.reason, async (tx, _loan, now) => {
    await tx.query("UPDATE loans SET state = 'recalled', recalled_at = $3, recall_reason = $2 WHERE id = $1", [
      id,
      body.reason,
      now,
    ]);
  });
}
