/** SQL for loans of consoles and circuits, their items, and the consoles they move. */
import type { DeviceStatus } from '../../../domain/fleet.ts';
import type { Reach } from '../../../domain/policy.ts';
import { type LoanKind, type LoanState, OPEN_LOAN_STATES } from '../../../domain/regulation.ts';
import type { Queryable } from '../../db/client.ts';
import { createParams, reachCondition } from '../../db/sql.ts';

export interface LoanRow {
  id: string;
  request_id: string | null;
  kind: LoanKind;
  lender_finess: string | null;
  lender_depot: string | null;
  /** The lender's FINESS or depot id (a loan has exactly one). */
  lender_id: string;
  lender_name: string;
  lender_region: string;
  lender_departement: string;
  borrower_finess: string;
  borrower_name: string;
  borrower_region: string;
  borrower_departement: string;
  state: LoanState;
  starts_at: Date;
  due_at: Date;
  returned_at: Date | null;
  recalled_at: Date | null;
  recall_reason: string | null;
  version: number;
}

const COLUMNS = `l.*, coalesce(l.lender_finess, l.lender_depot) AS lender_id, coalesce(le.name, lp.name) AS lender_name, ld.region_code AS lender_region, ld.code AS lender_departement,
  be.name AS borrower_name, bd.region_code AS borrower_region, bd.code AS borrower_departement`;
const FROM = `FROM loans l
  LEFT JOIN establishments le ON le.finess = l.lender_finess LEFT JOIN depots lp ON lp.id = l.lender_depot
  JOIN departements ld ON ld.code = coalesce(le.departement_code, lp.departement_code)
  JOIN establishments be ON be.finess = l.borrower_finess JOIN departements bd ON bd.code = be.departement_code`;

export interface LoanFilter {
  state?: LoanState;
  open?: 'true' | 'false';
  region?: string;
  limit: number;
  offset: number;
}

/** Loans within reach of their lender or their borrower, the first due first. */
export async function listLoans(
  db: Queryable,
  reach: Reach,
  f: LoanFilter,
): Promise<{ rows: LoanRow[]; total: number }> {
  const p = createParams();
  const where: string[] = [];
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
  if (f.state) where.push(`l.state = ${p.add(f.state)}`);
  if (f.open === 'true') where.push(`l.state = ANY(${p.add(OPEN_LOAN_STATES)}::text[])`);
  if (f.region) where.push(`(ld.region_code = ${p.add(f.region)} OR bd.region_code = $${p.values.length})`);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = await db.query<LoanRow & { total: number }>(
    `SELECT count(*) OVER ()::int AS total, ${COLUMNS} ${FROM} ${clause}
     ORDER BY l.due_at LIMIT ${p.add(f.limit)} OFFSET ${p.add(f.offset)}`,
    p.values,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

export async function findLoan(db: Queryable, id: string, lock = false): Promise<LoanRow | undefined> {
  if (lock) await db.query('SELECT id FROM loans WHERE id = $1 FOR UPDATE', [id]);
  const [row] = await db.query<LoanRow>(`SELECT ${COLUMNS} ${FROM} WHERE l.id = $1`, [id]);
  return row;
}

export interface LoanItemRow {
  console_id: string | null;
  serial_number: string | null;
  lot_id: string | null;
  lot_number: string | null;
  quantity: number;
  returned_at: Date | null;
}

export function listLoanItems(db: Queryable, loanId: string): Promise<LoanItemRow[]> {
  return db.query<LoanItemRow>(
    `SELECT i.console_id, c.serial_number, i.lot_id, s.lot_number, i.quantity, i.returned_at
     FROM loan_items i LEFT JOIN consoles c ON c.id = i.console_id LEFT JOIN stock_lots s ON s.id = i.lot_id WHERE i.loan_id = $1`,
    [loanId],
  );
}

/** The loan's history from the audit journal: its own entries, and the decision (and release) that made it. */
export function listLoanHistory(
  db: Queryable,
  loanId: string,
  requestId: string | null,
): Promise<{ at: Date; actor_label: string; action: string; reason: string | null }[]> {
  return db.query(
    `SELECT at, actor_label, action, reason FROM audit_log
     WHERE (target_type = 'loan' AND target_id = $1)
        OR (target_type = 'ecmo_request' AND target_id = $2 AND action IN ('request.decide', 'request.release'))
     ORDER BY seq`,
    [loanId, requestId ?? ''],
  );
}

export interface NewLoan {
  requestId: string;
  kind: LoanKind;
  lenderFiness: string | null;
  lenderDepot: string | null;
  borrowerFiness: string;
  /** The loan's length in days from `at`, when it is due back. */
  days: number;
  consoleId: string;
  lotId: string;
  at: Date;
}

/** A loan on its way to the borrower with one console and one circuit of a lot. */
export async function insertLoan(db: Queryable, l: NewLoan): Promise<string> {
  const [loan] = await db.query<{ id: string }>(
    `INSERT INTO loans (request_id, kind, lender_finess, lender_depot, borrower_finess, state, starts_at, due_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $8, $7, $7::timestamptz + make_interval(days => $6::int), $7, $7) RETURNING id`,
    [
      l.requestId,
      l.kind,
      l.lenderFiness,
      l.lenderDepot,
      l.borrowerFiness,
      l.days,
      l.at,
      'in_transit' satisfies LoanState,
    ],
  );
  if (!loan) throw new Error('insert returned no row');
  await db.query('INSERT INTO loan_items (loan_id, console_id) VALUES ($1, $2)', [loan.id, l.consoleId]);
  await db.query('INSERT INTO loan_items (loan_id, lot_id, quantity) VALUES ($1, $2, 1)', [loan.id, l.lotId]);
  return loan.id;
}

/** Every change of a loan moves its version (the optimistic lock clients send back). */
export async function bumpLoanVersion(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('UPDATE loans SET version = version + 1, updated_at = $2 WHERE id = $1', [id, at]);
}

export async function setDueAt(db: Queryable, id: string, dueAt: string): Promise<void> {
  await db.query('UPDATE loans SET due_at = $2 WHERE id = $1', [id, dueAt]);
}

export async function setLoanState(db: Queryable, id: string, state: LoanState): Promise<void> {
  await db.query('UPDATE loans SET state = $2 WHERE id = $1', [id, state]);
}

export async function markReturned(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('UPDATE loans SET state = $3, returned_at = $2 WHERE id = $1', [
    id,
    at,
    'returned' satisfies LoanState,
  ]);
}

export async function markRecalled(db: Queryable, id: string, reason: string, at: Date): Promise<void> {
  await db.query('UPDATE loans SET state = $4, recalled_at = $3, recall_reason = $2 WHERE id = $1', [
    id,
    reason,
    at,
    'recalled' satisfies LoanState,
  ]);
}

/** The consoles of the loan not yet back. */
export async function outstandingConsoles(db: Queryable, loanId: string): Promise<string[]> {
  const rows = await db.query<{ console_id: string }>(
    'SELECT console_id FROM loan_items WHERE loan_id = $1 AND console_id IS NOT NULL AND returned_at IS NULL',
    [loanId],
  );
  return rows.map((r) => r.console_id);
}

/** Arrived: the loan's consoles not yet back now stand at the borrower, lent. */
export async function placeAtBorrower(db: Queryable, loanId: string, borrowerFiness: string, at: Date): Promise<void> {
  await db.query(
    `UPDATE consoles SET status = $4, site_finess = $2, site_depot = NULL, status_since = $3, version = version + 1, updated_at = $3
     WHERE id IN (SELECT console_id FROM loan_items WHERE loan_id = $1 AND console_id IS NOT NULL AND returned_at IS NULL)`,
    [loanId, borrowerFiness, at, 'lent' satisfies DeviceStatus],
  );
}

/**
 * Consoles back at their lender in the condition the borrower gives, their items returned. Back from
 * a loan, a console waits for a pre-use check before regulation offers it again.
 */
export async function takeBackConsoles(
  db: Queryable,
  loan: Pick<LoanRow, 'id' | 'lender_finess' | 'lender_depot'>,
  consoleIds: readonly string[],
  condition: DeviceStatus,
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE consoles SET status = $2, site_finess = $3, site_depot = $4, status_since = $5, version = version + 1, updated_at = $5,
       check_required = true
     WHERE id = ANY($1::uuid[])`,
    [consoleIds, condition, loan.lender_finess, loan.lender_depot, at],
  );
  await db.query('UPDATE loan_items SET returned_at = $3 WHERE loan_id = $1 AND console_id = ANY($2::uuid[])', [
    loan.id,
    consoleIds,
    at,
  ]);
}

/** Every item of the loan ends returned (a recall before the console left: nothing is out). */
export async function closeLoanItems(db: Queryable, loanId: string, at: Date): Promise<void> {
  await db.query('UPDATE loan_items SET returned_at = $2 WHERE loan_id = $1 AND returned_at IS NULL', [loanId, at]);
}
