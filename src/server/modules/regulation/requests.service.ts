/** ECMO requests: filing, reading and listing; the moves of the workflow are in requests.workflow.ts. */
import type { z } from 'zod';
import { message } from '../../../contracts/messages.ts';
import type { TEcmoRequest, ZCreateEcmoRequest, ZRequestListQuery } from '../../../contracts/regulation.ts';
import { reachOf } from '../../../domain/policy.ts';
import { checkCaseCode, isAwaiting } from '../../../domain/regulation.ts';
import { instant, instantOrNull } from '../../../domain/time.ts';
import { type Actor, appendAudit } from '../../audit/audit.ts';
import type { RegulationSettings } from '../../config.ts';
import type { Queryable } from '../../db/client.ts';
import { conflict, invalid, issue } from '../../http/errors.ts';
import { actorOf, assertAllowed, type ServiceContext } from '../context.ts';
import { findEstablishment } from '../establishments/establishments.repository.ts';
import { notify } from './notifications.service.ts';
import { readableRequest } from './requests.access.ts';
import * as repo from './requests.repository.ts';

/**
 * The payload of a `request.changed` event: what changed and where, so that the live stream
 * (events.routes.ts) gives it to the users who may read the request — never its content.
 */
export const requestChanged = (
  r: Pick<repo.RequestRow, 'id' | 'region_code' | 'departement_code' | 'finess' | 'state'>,
) => ({
  request: r.id,
  region: r.region_code,
  departement: r.departement_code,
  finess: r.finess,
  state: r.state,
});

export function toRequestDto(
  r: repo.RequestRow,
  settings: RegulationSettings,
  timeline: TEcmoRequest['timeline'],
  now: Date,
): TEcmoRequest {
  const end = r.closed_at ? new Date(r.closed_at) : now;
  const limit = settings.overdueMinutes[r.urgency];
  // The patient waits from filing: a request left unregulated (filed or in regional regulation) past
  // the limit for its urgency is flagged and proposed for escalation.
  const waited = (now.getTime() - new Date(r.filed_at).getTime()) / 60_000;
  return {
    id: r.id,
    caseCode: r.case_code,
    establishment: { finess: r.finess, name: r.establishment_name, regionCode: r.region_code, city: r.city },
    ageBand: r.age_band,
    indication: r.indication,
    urgency: r.urgency,
    clinical: r.clinical,
    siteCanHost: r.site_can_host,
    contact: { name: r.contact_name, phone: r.contact_phone },
    state: r.state,
    outcome: r.outcome,
    declineReason: r.decline_reason,
    escalationReason: r.escalation_reason,
    version: r.version,
    filedAt: instant(r.filed_at),
    regulationStartedAt: instantOrNull(r.regulation_started_at),
    escalatedAt: instantOrNull(r.escalated_at),
    closedAt: instantOrNull(r.closed_at),
    waitingMinutes: Math.max(0, Math.round((end.getTime() - new Date(r.filed_at).getTime()) / 60_000)),
    overdue: isAwaiting(r.state) && limit !== null && waited > limit,
    decision: r.decided_option
      ? {
          optionKey: r.decided_option.key,
          kind: r.decided_option.kind,
          providerId: r.decided_option.provider.id,
          providerName: r.decided_option.provider.name,
          consoleId: r.decided_option.consoleId,
          loanId: r.decided_option.loanId,
          motivation: r.decision_motivation,
        }
      : null,
    timeline,
  };
}

/** The request as the API gives it, with its timeline. */
export async function withTimeline(
  ctx: ServiceContext,
  settings: RegulationSettings,
  r: repo.RequestRow,
): Promise<TEcmoRequest> {
  const events = await repo.listEvents(ctx.db, r.id);
  return toRequestDto(
    r,
    settings,
    events.map((e) => ({ ...e, at: instant(e.at) })),
    ctx.clock.now(),
  );
}

/**
 * A request may be filed for a known establishment within the user's reach (400, 403), for a case
 * with no live request (409 naming it: the team finds it instead of filing twice).
 */
async function assertMayFile(
  ctx: ServiceContext,
  tx: Queryable,
  input: z.output<typeof ZCreateEcmoRequest>,
): Promise<void> {
  const site = await findEstablishment(tx, input.finess);
  if (!site) throw invalid([issue('body.finess', 'unknown_establishment', { finess: input.finess })]);
  assertAllowed(ctx.user, 'request:create', {
    regionCode: site.regionCode,
    departementCode: site.departementCode,
    establishment: input.finess,
  });
  const live = await repo.findLiveByCaseCode(tx, input.caseCode);
  if (live) {
    const params = { id: live.id };
    throw conflict(message('live_request_exists', params), [issue('body.caseCode', 'live_request_exists', params)]);
  }
}

/** The request filed, first in its timeline. */
async function fileRequest(
  ctx: ServiceContext,
  tx: Queryable,
  actor: Actor,
  input: z.output<typeof ZCreateEcmoRequest>,
): Promise<repo.RequestRow> {
  const id = await repo.insertRequest(tx, {
    ...input,
    contactName: input.contact.name,
    contactPhone: input.contact.phone,
    filedBy: ctx.user.id,
    filedAt: actor.at,
  });
  await repo.insertEvent(tx, {
    requestId: id,
    actorId: actor.id,
    actorLabel: actor.label,
    kind: 'filed',
    toState: 'filed',
    at: actor.at,
  });
  const row = await repo.findRequest(tx, id);
  if (!row) throw new Error('request vanished after insert');
  return row;
}

export async function createRequest(
  ctx: ServiceContext,
  settings: RegulationSettings,
  input: z.output<typeof ZCreateEcmoRequest>,
): Promise<TEcmoRequest> {
  const problem = checkCaseCode(input.caseCode);
  if (problem) throw invalid([issue('body.caseCode', `case_code.${problem}`)]);
  const created = await ctx.db.transaction(async (tx) => {
    await assertMayFile(ctx, tx, input);
    const actor = actorOf(ctx);
    const row = await fileRequest(ctx, tx, actor, input);
    const caseCode = row.case_code;
    const { indication, urgency, establishment_name: establishment } = row;
    await notify(
      tx,
      settings.mail,
      {
        kind: 'request_filed',
        requestId: row.id,
        regionCode: row.region_code,
        message: message('notification.request_filed', { caseCode, indication, urgency, establishment }),
      },
      actor.at,
    );
    const filed = { ...toRequestDto(row, settings, [], actor.at), timeline: undefined };
    await appendAudit(tx, actor, {
      action: 'request.file',
      targetType: 'ecmo_request',
      targetId: row.id,
      after: filed,
    });
    return row;
  });
  await ctx.events.publish('request.changed', requestChanged(created));
  return withTimeline(ctx, settings, created);
}

export async function listRequests(
  ctx: ServiceContext,
  settings: RegulationSettings,
  q: z.output<typeof ZRequestListQuery>,
) {
  if (q.region) assertAllowed(ctx.user, 'request:read', { regionCode: q.region });
  const { rows, total } = await repo.listRequests(ctx.db, reachOf(ctx.user.grants, 'request:read'), q);
  const now = ctx.clock.now();
  return {
    items: rows.map((r) => {
      const { timeline: _, ...dto } = toRequestDto(r, settings, [], now);
      return dto;
    }),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

export async function getRequest(ctx: ServiceContext, settings: RegulationSettings, id: string): Promise<TEcmoRequest> {
  return withTimeline(ctx, settings, await readableRequest(ctx, id));
}
