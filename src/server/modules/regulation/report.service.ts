/** The regulation report of a region (or the nation) over a period. */
import type { z } from 'zod';
import type { ZReportQuery } from '../../../contracts/regulation.ts';
import { addDays } from '../../../domain/time.ts';
import { createParams } from '../../db/sql.ts';
import { invalid } from '../../http/errors.ts';
import { assertAllowed, type ServiceContext } from '../context.ts';

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

export async function regulationReport(ctx: ServiceContext, q: z.output<typeof ZReportQuery>) {
  assertAllowed(ctx.user, 'report:regulation', q.region ? { regionCode: q.region } : {});
  if (q.from > q.to) {
    throw invalid([
      {
        field: 'query.to',
        code: 'period_reversed',
        message:
          ctx.locale === 'fr'
            ? 'La fin de la période précède son début.'
            : 'The end of the period comes before its start.',
      },
    ]);
  }
  const p = createParams();
  // Days are Paris days, as everywhere in Relais.
  const where = [
    `r.filed_at >= (${p.add(q.from)}::date)::timestamp AT TIME ZONE 'Europe/Paris'`,
    `r.filed_at < (${p.add(addDays(q.to, 1))}::date)::timestamp AT TIME ZONE 'Europe/Paris'`,
  ];
  if (q.region) where.push(`d.region_code = ${p.add(q.region)}`);
  const rows = await ctx.db.query<{
    id: string;
    case_code: string;
    state: string;
    outcome: string | null;
    decline_reason: string | null;
    closed_at: Date | null;
    minutes_to_decision: number | null;
    escalated: boolean;
  }>(
    `SELECT r.id, r.case_code, r.state, r.outcome, r.decline_reason, r.closed_at, r.escalated_at IS NOT NULL AS escalated,
       CASE WHEN r.decided_at IS NULL THEN NULL ELSE extract(epoch FROM r.decided_at - r.filed_at) / 60 END::float8 AS minutes_to_decision
     FROM ecmo_requests r JOIN establishments e ON e.finess = r.finess JOIN departements d ON d.code = e.departement_code
     WHERE ${where.join(' AND ')}`,
    p.values,
  );
  const count = (key: (r: (typeof rows)[number]) => string | null) =>
    rows.reduce<Record<string, number>>((acc, r) => {
      const k = key(r);
      if (k) acc[k] = (acc[k] ?? 0) + 1;
      return acc;
    }, {});
  const minutes = rows
    .map((r) => r.minutes_to_decision)
    .filter((m): m is number => m !== null)
    .sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  const [loans] = await ctx.db.query<{ lend: number; national: number; overdue: number }>(
    `SELECT count(*) FILTER (WHERE l.kind = 'lend')::int AS lend, count(*) FILTER (WHERE l.kind = 'national_stock')::int AS national,
       count(*) FILTER (WHERE l.state IN ('requested', 'in_transit', 'active', 'returning') AND l.due_at < ${p.add(ctx.clock.now())}::timestamptz)::int AS overdue
     FROM loans l JOIN ecmo_requests r ON r.id = l.request_id JOIN establishments e ON e.finess = r.finess
     JOIN departements d ON d.code = e.departement_code WHERE ${where.join(' AND ')}`,
    p.values,
  );
  return {
    region: q.region ?? null,
    from: q.from,
    to: q.to,
    requests: rows.length,
    byState: count((r) => r.state),
    byOutcome: count((r) => r.outcome),
    decided: minutes.length,
    minutesToDecision: { median: round(percentile(minutes, 50)), p90: round(percentile(minutes, 90)) },
    escalations: rows.filter((r) => r.escalated).length,
    loans: { lend: loans?.lend ?? 0, nationalStock: loans?.national ?? 0, overdue: loans?.overdue ?? 0 },
    declined: rows
      .filter((r) => r.state === 'declined')
      .map((r) => ({
        requestId: r.id,
        caseCode: r.case_code,
        reason: r.decline_reason,
        at: r.closed_at ? new Date(r.closed_at).toISOString() : null,
      })),
  };
}
