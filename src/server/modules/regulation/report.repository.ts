/** SQL for the regulation report: the requests filed over a period in a region (or the nation), and their loans. */
import { type LoanKind, OPEN_LOAN_STATES, type Outcome, type RequestState } from '../../../domain/regulation.ts';
import type { Queryable } from '../../db/client.ts';
import { createParams, type Params } from '../../db/sql.ts';

/** Paris days, from `from` to the day before `until` (both `YYYY-MM-DD`), as everywhere in Relais. */
export interface ReportPeriod {
  from: string;
  until: string;
  region?: string;
}

const FROM =
  'FROM ecmo_requests r JOIN establishments e ON e.finess = r.finess JOIN departements d ON d.code = e.departement_code';

function periodCondition(q: ReportPeriod, p: Params): string {
  const where = [
    `r.filed_at >= (${p.add(q.from)}::date)::timestamp AT TIME ZONE 'Europe/Paris'`,
    `r.filed_at < (${p.add(q.until)}::date)::timestamp AT TIME ZONE 'Europe/Paris'`,
  ];
  if (q.region) where.push(`d.region_code = ${p.add(q.region)}`);
  return where.join(' AND ');
}

export interface ReportRequestRow {
  id: string;
  case_code: string;
  state: RequestState;
  outcome: Outcome | null;
  decline_reason: string | null;
  closed_at: Date | null;
  minutes_to_decision: number | null;
  escalated: boolean;
}

export function listReportRequests(db: Queryable, q: ReportPeriod): Promise<ReportRequestRow[]> {
  const p = createParams();
  return db.query<ReportRequestRow>(
    `SELECT r.id, r.case_code, r.state, r.outcome, r.decline_reason, r.closed_at, r.escalated_at IS NOT NULL AS escalated,
       CASE WHEN r.decided_at IS NULL THEN NULL ELSE extract(epoch FROM r.decided_at - r.filed_at) / 60 END::float8 AS minutes_to_decision
     ${FROM} WHERE ${periodCondition(q, p)}`,
    p.values,
  );
}

/** Loans made for the period's requests, by kind, and those still out past their due date at `now`. */
export async function countReportLoans(
  db: Queryable,
  q: ReportPeriod,
  now: Date,
): Promise<Record<LoanKind, number> & { overdue: number }> {
  const p = createParams();
  const where = periodCondition(q, p);
  const [row] = await db.query<Record<LoanKind, number> & { overdue: number }>(
    `SELECT count(*) FILTER (WHERE l.kind = 'lend')::int AS lend, count(*) FILTER (WHERE l.kind = 'national_stock')::int AS national_stock,
       count(*) FILTER (WHERE l.state = ANY(${p.add(OPEN_LOAN_STATES)}::text[]) AND l.due_at < ${p.add(now)}::timestamptz)::int AS overdue
     FROM loans l JOIN ecmo_requests r ON r.id = l.request_id JOIN establishments e ON e.finess = r.finess
     JOIN departements d ON d.code = e.departement_code WHERE ${where}`,
    p.values,
  );
  return row ?? { lend: 0, national_stock: 0, overdue: 0 };
}

/** A region's name, for the report's title (the code itself when unknown). */
export async function regionName(db: Queryable, code: string): Promise<string> {
  const [row] = await db.query<{ name: string }>('SELECT name FROM regions WHERE code = $1', [code]);
  return row?.name ?? code;
}
