/**
 * Submitting census reports: the checks shared by the form, the API and the file import (week,
 * establishment, scope, register, existing version), and the storing of checked reports as versions.
 */
import type { z } from 'zod';
import type { TCensusReport, ZSubmitCensusReport } from '../../../contracts/census.ts';
import type { MessageArgs, MessageCode } from '../../../contracts/messages.ts';
import { checkCensusAgainstRegister, type ReportSource } from '../../../domain/census.ts';
import { isAllowed } from '../../../domain/policy.ts';
import { parseIsoWeek } from '../../../domain/time.ts';
import { appendAuditMany } from '../../audit/audit.ts';
import type { CensusSettings } from '../../config.ts';
import type { Queryable } from '../../db/client.ts';
import { conflict, type FieldIssue, forbidden, invalid, issue } from '../../http/errors.ts';
import { actorOf, type ServiceContext } from '../context.ts';
import * as repo from './census.repository.ts';
import { ensureCampaign, toReportDto } from './census.service.ts';

export type SubmitInput = z.output<typeof ZSubmitCensusReport>;

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
  /** Field errors, named from `prefix` (rendered by the caller: the error handler or the import report). */
  errors: FieldIssue[];
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
  const errors: FieldIssue[] = [];
  const m = <C extends MessageCode>(field: string, code: C, ...args: MessageArgs<C>) =>
    errors.push(issue(`${prefix}${field}`, code, ...args));
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
    errors.push({ field: `${prefix}${v.field}`, code: v.code, params: v.params });
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

/**
 * Why a checked report is refused, as the answer says it: outside the reader's scope is 403; a report
 * refused only for want of a correction reason is 409 (a version exists); anything else 400.
 */
function refusal(errors: readonly FieldIssue[]) {
  const [first] = errors;
  if (!first) return undefined;
  if (errors.some((e) => e.code === 'census.out_of_scope')) return forbidden(first);
  return errors.every((e) => e.code === 'census.correction_reason_required')
    ? conflict(first, errors)
    : invalid(errors);
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
    const refused = refusal(checked.errors);
    if (refused) throw refused;
    const [stored] = await storeReports(tx, ctx, [{ input, version: checked.version, before: checked.before }], source);
    if (!stored) throw new Error('census report not stored');
    return stored;
  });
  await ctx.events.publish('census.changed', { week: input.week, finess: input.finess });
  return report;
}
