/** The weekly census: campaigns, one report per ECMO centre per week (versions on correction), completeness, reminders. */
import type { z } from 'zod';
import type { TCensusReport, ZCampaignDetailQuery, ZCampaignListQuery } from '../../../contracts/census.ts';
import { censusStatus, completeness } from '../../../domain/census.ts';
import { reachOf } from '../../../domain/policy.ts';
import {
  addDays,
  currentIsoWeek,
  instant,
  isoWeekMonday,
  parisWallTime,
  parseIsoWeek,
  shiftIsoWeek,
} from '../../../domain/time.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { CensusSettings } from '../../config.ts';
import type { Queryable } from '../../db/client.ts';
import { notFound } from '../../http/errors.ts';
import { assertAllowed, type ServiceContext } from '../context.ts';
import { regionNames } from '../regions/regions.repository.ts';
import * as repo from './census.repository.ts';

export function dueAtOf(week: string, settings: CensusSettings): Date {
  return parisWallTime(addDays(isoWeekMonday(week), settings.dueWeekday - 1), settings.dueTime);
}

/**
 * The campaign of a week, created on first use for the current or a past week. A week that does
 * not exist, or has not begun, has no campaign.
 */
export async function ensureCampaign(
  tx: Queryable,
  week: string,
  settings: CensusSettings,
  now: Date,
): Promise<repo.CampaignRow | undefined> {
  if (!parseIsoWeek(week) || week > currentIsoWeek(now)) return undefined;
  const existing = await repo.findCampaign(tx, week);
  if (existing) return existing;
  const dueAt = dueAtOf(week, settings);
  if (await repo.insertCampaign(tx, { week, weekStart: isoWeekMonday(week), dueAt })) {
    await appendAudit(
      tx,
      { id: null, label: 'system', at: now },
      {
        action: 'census.campaign.open',
        targetType: 'census_campaign',
        targetId: week,
        after: { dueAt: dueAt.toISOString() },
      },
    );
  }
  return repo.findCampaign(tx, week);
}

export function toReportDto(r: repo.ReportRow): TCensusReport {
  return {
    id: r.id,
    week: r.week,
    finess: r.finess,
    version: r.version,
    current: r.is_current,
    source: r.source,
    consoles: {
      available: r.consoles_available,
      inUse: r.consoles_in_use,
      maintenance: r.consoles_maintenance,
      lent: r.consoles_lent,
      outOfService: r.consoles_out_of_service,
      inTransit: r.consoles_in_transit,
    },
    circuits: r.circuits,
    cannulas: r.cannulas,
    patients: { vv: r.patients_vv, va: r.patients_va },
    teams: r.teams,
    comment: r.comment,
    correctionReason: r.correction_reason,
    submittedAt: instant(r.submitted_at),
    submittedBy: r.submitted_by_label,
    onTime: new Date(r.first_at).getTime() <= new Date(r.due_at).getTime(),
  };
}

export async function listCensusCampaigns(
  ctx: ServiceContext,
  settings: CensusSettings,
  q: z.output<typeof ZCampaignListQuery>,
) {
  const now = ctx.clock.now();
  const current = currentIsoWeek(now);
  if (q.region) assertAllowed(ctx.user, 'census:read', { regionCode: q.region });
  await ctx.db.transaction((tx) => ensureCampaign(tx, current, settings, now));
  const weeks = Array.from({ length: q.weeks }, (_, i) => shiftIsoWeek(current, -i));
  const rows = await repo.completenessByWeek(ctx.db, weeks, reachOf(ctx.user.grants, 'census:read'), q.region);
  const byWeek = new Map<
    string,
    { weekStart: string; dueAt: Date; expected: number; received: number; onTime: number }
  >();
  for (const r of rows) {
    const w = byWeek.get(r.week) ?? { weekStart: r.week_start, dueAt: r.due_at, expected: 0, received: 0, onTime: 0 };
    w.expected += r.expected;
    w.received += r.received;
    w.onTime += r.on_time;
    byWeek.set(r.week, w);
  }
  const items = weeks.flatMap((week) => {
    const w = byWeek.get(week);
    if (!w) return [];
    const closed = now.getTime() > new Date(w.dueAt).getTime();
    return [
      {
        week,
        weekStart: w.weekStart,
        dueAt: instant(w.dueAt),
        phase: closed ? ('closed' as const) : ('open' as const),
        completeness: completeness(w.expected, w.received, w.onTime, closed),
      },
    ];
  });
  return { current, items };
}

export async function getCensusCampaign(
  ctx: ServiceContext,
  settings: CensusSettings,
  week: string,
  q: z.output<typeof ZCampaignDetailQuery>,
) {
  const now = ctx.clock.now();
  const campaign = await ctx.db.transaction((tx) => ensureCampaign(tx, week, settings, now));
  if (!campaign) throw notFound('noun.census_campaign', week);
  if (q.region) assertAllowed(ctx.user, 'census:read', { regionCode: q.region });
  const dueAt = new Date(campaign.dueAt);
  const sites = await repo.campaignSites(ctx.db, week, reachOf(ctx.user.grants, 'census:read'), q);
  const names = await regionNames(ctx.db);
  const closed = now.getTime() > dueAt.getTime();
  const establishments = sites.map((s) => ({
    finess: s.finess,
    name: s.name,
    city: s.city,
    regionCode: s.region_code,
    status: censusStatus(s.first_at ? new Date(s.first_at) : null, dueAt, now),
    report: s.report ? toReportDto(s.report) : null,
    previous: s.previous ? toReportDto(s.previous) : null,
    lastReminderAt: s.last_reminder_at ? instant(s.last_reminder_at) : null,
  }));
  const perRegion = new Map<string, { expected: number; received: number; onTime: number }>();
  for (const e of establishments) {
    const r = perRegion.get(e.regionCode) ?? { expected: 0, received: 0, onTime: 0 };
    r.expected++;
    if (e.report) r.received++;
    if (e.status === 'on_time') r.onTime++;
    perRegion.set(e.regionCode, r);
  }
  const totals = [...perRegion.values()].reduce(
    (a, r) => ({ expected: a.expected + r.expected, received: a.received + r.received, onTime: a.onTime + r.onTime }),
    { expected: 0, received: 0, onTime: 0 },
  );
  return {
    week,
    weekStart: campaign.weekStart,
    dueAt: instant(dueAt),
    phase: closed ? ('closed' as const) : ('open' as const),
    completeness: completeness(totals.expected, totals.received, totals.onTime, closed),
    regions: [...perRegion.entries()]
      .map(([code, r]) => ({
        code,
        name: names.get(code) ?? code,
        completeness: completeness(r.expected, r.received, r.onTime, closed),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    establishments: q.status ? establishments.filter((e) => e.status === q.status) : establishments,
  };
}

export async function listReportHistory(ctx: ServiceContext, finess: string, weeks: number) {
  const [site] = await repo.findExpectedSites(ctx.db, [finess]);
  if (!site) throw notFound('noun.establishment', finess);
  assertAllowed(ctx.user, 'census:read', {
    regionCode: site.region_code,
    departementCode: site.departement_code,
    establishment: finess,
  });
  const from = shiftIsoWeek(currentIsoWeek(ctx.clock.now()), -(weeks - 1));
  return { items: (await repo.reportHistory(ctx.db, finess, from)).map(toReportDto) };
}
