/** The weekly census: campaigns, one report per ECMO centre per week (versions on correction), completeness, reminders. */
import type { z } from 'zod';
import type {
  TCensusReport,
  ZCampaignDetailQuery,
  ZCampaignListQuery,
  ZRemindBody,
  ZSubmitCensusReport,
} from '../../../contracts/census.ts';
import type { MessageArgs, MessageCode } from '../../../contracts/messages.ts';
import { type CensusStatus, censusStatus, checkCensusAgainstRegister, completeness } from '../../../domain/census.ts';
import { isAllowed, reachOf } from '../../../domain/policy.ts';
import {
  addDays,
  currentIsoWeek,
  isoWeekMonday,
  parisWallTime,
  parseIsoWeek,
  shiftIsoWeek,
} from '../../../domain/time.ts';
import { appendAudit, appendAuditMany } from '../../audit/audit.ts';
import type { CensusSettings } from '../../config.ts';
import type { Queryable } from '../../db/client.ts';
import { AppError, type FieldError, invalid, issue, notFound, renderField } from '../../http/errors.ts';
import { type MailSettings, queueMails } from '../../mail/mailer.ts';
import { actorOf, assertAllowed, type ServiceContext } from '../context.ts';
import * as repo from './census.repository.ts';

type SubmitInput = z.output<typeof ZSubmitCensusReport>;
export type ReportSource = 'form' | 'file' | 'api';

const iso = (d: Date | string): string => new Date(d).toISOString();

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
    submittedAt: iso(r.submitted_at),
    submittedBy: r.submitted_by_label,
    onTime: new Date(r.first_at).getTime() <= new Date(r.due_at).getTime(),
  };
}

/** What checking reports needs from the database, loaded once for one report or a whole file. */
export interface SubmissionContext {
  campaigns: Map<string, repo.CampaignRow | undefined>;
  sites: Map<string, repo.ExpectedSite>;
  registered: Map<string, number>;
  /** Current report per `week/finess`, locked until the transaction ends. */
  current: Map<string, repo.ReportRow>;
}

const keyOf = (r: { week: string; finess: string }): string => `${r.week}/${r.finess}`;

/**
 * Takes the per-establishment-and-week locks (one writer at a time: versions are numbered without
 * gaps or duplicates) and loads campaigns, sites, register counts and current reports.
 */
export async function loadSubmissionContext(
  tx: Queryable,
  settings: CensusSettings,
  items: readonly { week: string; finess: string }[],
  now: Date,
): Promise<SubmissionContext> {
  await repo.lockReports(tx, items.map(keyOf));
  const campaigns = new Map<string, repo.CampaignRow | undefined>();
  for (const week of new Set(items.map((i) => i.week)))
    campaigns.set(week, await ensureCampaign(tx, week, settings, now));
  const finess = [...new Set(items.map((i) => i.finess))];
  const [sites, registered, current] = [
    await repo.findExpectedSites(tx, finess),
    await repo.registeredConsolesMany(tx, finess),
    await repo.currentReports(tx, [...campaigns.keys()], finess),
  ];
  return {
    campaigns,
    sites: new Map(sites.map((x) => [x.finess, x])),
    registered,
    current: new Map(current.map((r) => [keyOf(r), r])),
  };
}

export interface CheckedReport {
  errors: FieldError[];
  version: number;
  before?: repo.ReportRow;
}

/** Checks one report: week, establishment, scope, register, existing version. Shared by form, API and file. */
export function checkSubmission(
  ctx: ServiceContext,
  sub: SubmissionContext,
  input: SubmitInput,
  prefix: string,
): CheckedReport {
  const errors: FieldError[] = [];
  const m = <C extends MessageCode>(field: string, code: C, ...args: MessageArgs<C>) =>
    errors.push(renderField(issue(`${prefix}${field}`, code, ...args), ctx.locale));
  const campaign = sub.campaigns.get(input.week);
  if (!campaign)
    m('week', parseIsoWeek(input.week) ? 'census.week_not_started' : 'census.no_such_week', { week: input.week });
  const site = sub.sites.get(input.finess);
  if (!site) {
    m('finess', 'census.unknown_establishment', { finess: input.finess });
    return { errors, version: 0 };
  }
  const location = { regionCode: site.region_code, departementCode: site.departement_code, establishment: site.finess };
  if (!isAllowed(ctx.user.grants, 'census:submit', location)) {
    m('finess', 'census.out_of_scope', { finess: input.finess });
    return { errors, version: 0 };
  }
  if (!site.ecmo_centre) m('finess', 'census.not_expected', { finess: input.finess });
  for (const v of checkCensusAgainstRegister(input, sub.registered.get(input.finess) ?? 0))
    m(v.field, v.code as never, v.params);
  const before = campaign ? sub.current.get(keyOf(input)) : undefined;
  if (before && !input.correctionReason)
    m('correctionReason', 'census.correction_reason_required', { version: before.version });
  return { errors, version: (before?.version ?? 0) + 1, before };
}

/** Stores checked reports as new versions (previous ones stay, no longer current), each audited. */
export async function storeReports(
  tx: Queryable,
  ctx: ServiceContext,
  items: readonly { input: SubmitInput; version: number; before?: repo.ReportRow }[],
  source: ReportSource,
): Promise<TCensusReport[]> {
  if (items.length === 0) return [];
  const actor = actorOf(ctx);
  const submittedAt = actor.at;
  const ids = await repo.insertReports(
    tx,
    items.map(({ input, version, before }) => ({
      ...input,
      version,
      source,
      correctionReason: before ? (input.correctionReason ?? null) : null,
      submittedAt,
      submittedBy: ctx.user.id,
      submittedByLabel: ctx.user.email,
    })),
  );
  const stored = new Map((await repo.reportsById(tx, ids)).map((r) => [r.id, toReportDto(r)]));
  const dtos = ids.map((id) => {
    const dto = stored.get(id);
    if (!dto) throw new Error('census report vanished after insert');
    return dto;
  });
  await appendAuditMany(
    tx,
    actor,
    items.map(({ input, before }, i) => ({
      action: before ? 'census.correct' : 'census.submit',
      targetType: 'census_report',
      targetId: keyOf(input),
      before: before ? toReportDto(before) : null,
      after: dtos[i],
      reason: input.correctionReason ?? null,
    })),
  );
  return dtos;
}

export async function submitCensusReport(
  ctx: ServiceContext,
  settings: CensusSettings,
  input: SubmitInput,
  source: ReportSource,
): Promise<TCensusReport> {
  const report = await ctx.db.transaction(async (tx) => {
    const sub = await loadSubmissionContext(tx, settings, [input], ctx.clock.now());
    const checked = checkSubmission(ctx, sub, input, 'body.');
    if (checked.errors.some((e) => e.code === 'census.out_of_scope'))
      throw new AppError('forbidden', checked.errors[0]?.message);
    if (checked.errors.length) {
      const onlyVersion = checked.errors.every((e) => e.code === 'census.correction_reason_required');
      throw onlyVersion
        ? new AppError('conflict', checked.errors[0]?.message, checked.errors)
        : invalid(checked.errors);
    }
    const [stored] = await storeReports(tx, ctx, [{ input, version: checked.version, before: checked.before }], source);
    if (!stored) throw new Error('census report not stored');
    return stored;
  });
  await ctx.events.publish('census.changed', { week: input.week, finess: input.finess });
  return report;
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
  const items = weeks
    .filter((w) => byWeek.has(w))
    .map((week) => {
      const w = byWeek.get(week) as NonNullable<ReturnType<typeof byWeek.get>>;
      const closed = now.getTime() > new Date(w.dueAt).getTime();
      return {
        week,
        weekStart: w.weekStart,
        dueAt: iso(w.dueAt),
        phase: closed ? ('closed' as const) : ('open' as const),
        completeness: completeness(w.expected, w.received, w.onTime, closed),
      };
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
  if (!campaign) throw notFound(`Census campaign ${week}`);
  if (q.region) assertAllowed(ctx.user, 'census:read', { regionCode: q.region });
  const dueAt = new Date(campaign.dueAt);
  const sites = await repo.campaignSites(ctx.db, week, reachOf(ctx.user.grants, 'census:read'), q);
  const regionNames = new Map(
    (await ctx.db.query<{ code: string; name: string }>('SELECT code, name FROM regions')).map((r) => [r.code, r.name]),
  );
  const closed = now.getTime() > dueAt.getTime();
  const establishments = sites.map((s) => ({
    finess: s.finess,
    name: s.name,
    city: s.city,
    regionCode: s.region_code,
    status: censusStatus(s.first_at ? new Date(s.first_at) : null, dueAt, now) as CensusStatus,
    report: s.report ? toReportDto(s.report) : null,
    previous: s.previous ? toReportDto(s.previous) : null,
    lastReminderAt: s.last_reminder_at ? iso(s.last_reminder_at) : null,
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
    dueAt: iso(dueAt),
    phase: closed ? ('closed' as const) : ('open' as const),
    completeness: completeness(totals.expected, totals.received, totals.onTime, closed),
    regions: [...perRegion.entries()]
      .map(([code, r]) => ({
        code,
        name: regionNames.get(code) ?? code,
        completeness: completeness(r.expected, r.received, r.onTime, closed),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    establishments: q.status ? establishments.filter((e) => e.status === q.status) : establishments,
  };
}

export async function listReportHistory(ctx: ServiceContext, finess: string, weeks: number) {
  const site = await repo.findExpectedSite(ctx.db, finess);
  if (!site) throw notFound(`Establishment ${finess}`);
  assertAllowed(ctx.user, 'census:read', {
    regionCode: site.region_code,
    departementCode: site.departement_code,
    establishment: finess,
  });
  const from = shiftIsoWeek(currentIsoWeek(ctx.clock.now()), -(weeks - 1));
  return { items: (await repo.reportHistory(ctx.db, finess, from)).map(toReportDto) };
}

/** E-mails the hospital contacts of establishments that have not reported this week; records each reminder. */
export async function remindMissing(
  ctx: ServiceContext,
  settings: CensusSettings,
  mail: MailSettings,
  week: string,
  body: z.output<typeof ZRemindBody>,
): Promise<{ establishments: number; recipients: number }> {
  const detail = await getCensusCampaign(ctx, settings, week, { region: body.region });
  const targets = detail.establishments.filter(
    (e) => (e.status === 'missing' || e.status === 'pending') && (!body.finess || body.finess.includes(e.finess)),
  );
  for (const t of targets)
    assertAllowed(ctx.user, 'census:remind', { regionCode: t.regionCode, establishment: t.finess });
  if (targets.length === 0) return { establishments: 0, recipients: 0 };
  const actor = actorOf(ctx);
  const result = await ctx.db.transaction(async (tx) => {
    const contacts = await repo.hospitalContacts(
      tx,
      targets.map((t) => t.finess),
    );
    let recipients = 0;
    for (const t of targets) {
      const to = contacts.filter((c) => c.finess === t.finess);
      await queueMails(
        tx,
        to.map((c) => ({
          to: c.email,
          subject:
            c.locale === 'en'
              ? `Relais — ECMO census ${week} awaited for ${t.name}`
              : `Relais — recensement ECMO ${week} attendu pour ${t.name}`,
          body:
            c.locale === 'en'
              ? `Hello ${c.display_name},\n\nThe weekly ECMO census of week ${week} for ${t.name} (FINESS ${t.finess}) has not been received. It was due ${detail.dueAt}.\nPlease fill it in Relais (Census page).\n\nReminder sent by ${ctx.user.displayName}.`
              : `Bonjour ${c.display_name},\n\nLe recensement hebdomadaire ECMO de la semaine ${week} pour ${t.name} (FINESS ${t.finess}) n’a pas été reçu. Échéance : ${new Date(detail.dueAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}.\nMerci de le saisir dans Relais (page Recensement).\n\nRelance envoyée par ${ctx.user.displayName}.`,
        })),
        mail,
        actor.at,
      );
      await repo.insertReminder(tx, week, t.finess, ctx.user.email, to.length, actor.at);
      recipients += to.length;
    }
    await appendAudit(tx, actor, {
      action: 'census.remind',
      targetType: 'census_campaign',
      targetId: week,
      after: { establishments: targets.map((t) => t.finess), recipients },
    });
    return { establishments: targets.length, recipients };
  });
  await ctx.events.publish('census.changed', { week });
  return result;
}
