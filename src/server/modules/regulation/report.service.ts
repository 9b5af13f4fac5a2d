/** The regulation report of a region (or the nation) over a period. */
import type { z } from 'zod';
import type { ZReportQuery } from '../../../contracts/regulation.ts';
import { addDays } from '../../../domain/time.ts';
import { invalid, issue } from '../../http/errors.ts';
import { assertAllowed, type ServiceContext } from '../context.ts';
import { countReportLoans, listReportRequests } from './report.repository.ts';

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

export async function regulationReport(ctx: ServiceContext, q: z.output<typeof ZReportQuery>) {
  assertAllowed(ctx.user, 'report:regulation', q.region ? { regionCode: q.region } : {});
  if (q.from > q.to) throw invalid([issue('query.to', 'period_reversed')]);
  const period = { from: q.from, until: addDays(q.to, 1), region: q.region };
  const rows = await listReportRequests(ctx.db, period);
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
  const loans = await countReportLoans(ctx.db, period, ctx.clock.now());
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
    loans: { lend: loans.lend, nationalStock: loans.national_stock, overdue: loans.overdue },
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
