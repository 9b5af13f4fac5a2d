/** ECMO requests: filing, the workflow (every transition audited and in the timeline), escalation, decline. */
import type { z } from 'zod';
import type {
  TEcmoRequest,
  ZCreateEcmoRequest,
  ZRequestListQuery,
  ZUpdateRequestStatus,
} from '../../../contracts/regulation.ts';
import { type Action, isAllowed, reachOf } from '../../../domain/policy.ts';
import {
  allowedOutcomes,
  canTransition,
  checkCaseCode,
  type Outcome,
  type RequestState,
} from '../../../domain/regulation.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { RegulationSettings } from '../../config.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { actorOf, assertAllowed, type ServiceContext } from '../context.ts';
import { notify } from './notifications.service.ts';
import { releaseDecision } from './release.ts';
import * as repo from './requests.repository.ts';

const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);
const msg = (ctx: { locale: 'fr' | 'en' }, fr: string, en: string): string => (ctx.locale === 'fr' ? fr : en);

const CASE_CODE_MESSAGES = {
  format: [
    'Un code de cas compte 4 à 24 lettres, chiffres ou tirets, dont au moins deux chiffres.',
    'A case code has 4 to 24 letters, digits or dashes, at least two of them digits.',
  ],
  looks_like_name: [
    'Ce code ressemble à un nom : utilisez un code pseudonyme (ex. LYON-2026-0042).',
    'This code looks like a name: use a pseudonymous code (e.g. LYON-2026-0042).',
  ],
  looks_like_birth_date: [
    'Ce code contient une date de naissance : utilisez un code pseudonyme.',
    'This code contains a date of birth: use a pseudonymous code.',
  ],
  looks_like_social_security_number: [
    'Ce code ressemble à un numéro de sécurité sociale : utilisez un code pseudonyme.',
    'This code looks like a social security number: use a pseudonymous code.',
  ],
} as const;

const locationOf = (r: repo.RequestRow) => ({
  regionCode: r.region_code,
  departementCode: r.departement_code,
  establishment: r.finess,
});

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
    ageBand: r.age_band as TEcmoRequest['ageBand'],
    indication: r.indication,
    urgency: r.urgency,
    clinical: r.clinical as TEcmoRequest['clinical'],
    siteCanHost: r.site_can_host,
    contact: { name: r.contact_name, phone: r.contact_phone },
    state: r.state as RequestState,
    outcome: r.outcome as Outcome | null,
    declineReason: r.decline_reason,
    escalationReason: r.escalation_reason,
    version: r.version,
    filedAt: iso(r.filed_at) as string,
    regulationStartedAt: iso(r.regulation_started_at),
    escalatedAt: iso(r.escalated_at),
    closedAt: iso(r.closed_at),
    waitingMinutes: Math.max(0, Math.round((end.getTime() - new Date(r.filed_at).getTime()) / 60_000)),
    overdue: (r.state === 'filed' || r.state === 'regional_regulation') && limit !== null && waited > limit,
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

async function withTimeline(
  ctx: ServiceContext,
  settings: RegulationSettings,
  r: repo.RequestRow,
): Promise<TEcmoRequest> {
  const events = await repo.listEvents(ctx.db, r.id);
  return toRequestDto(
    r,
    settings,
    events.map((e) => ({
      ...e,
      at: new Date(e.at).toISOString(),
      fromState: e.fromState as RequestState | null,
      toState: e.toState as RequestState | null,
    })),
    ctx.clock.now(),
  );
}

/** The request, if the user may read it (else 404: requests elsewhere are not revealed). */
async function readable(ctx: ServiceContext, id: string): Promise<repo.RequestRow> {
  const row = await repo.findRequest(ctx.db, id);
  if (!row || !isAllowed(ctx.user.grants, 'request:read', locationOf(row))) throw notFound('Request');
  return row;
}

export async function createRequest(
  ctx: ServiceContext,
  settings: RegulationSettings,
  input: z.output<typeof ZCreateEcmoRequest>,
): Promise<TEcmoRequest> {
  const problem = checkCaseCode(input.caseCode);
  if (problem) {
    const [fr, en] = CASE_CODE_MESSAGES[problem];
    throw invalid([{ field: 'body.caseCode', code: `case_code.${problem}`, message: msg(ctx, fr, en) }]);
  }
  const created = await ctx.db.transaction(async (tx) => {
    const [site] = await tx.query<{ region_code: string; departement_code: string }>(
      'SELECT d.region_code, e.departement_code FROM establishments e JOIN departements d ON d.code = e.departement_code WHERE e.finess = $1',
      [input.finess],
    );
    if (!site) {
      throw invalid([
        {
          field: 'body.finess',
          code: 'unknown_establishment',
          message: msg(ctx, `Établissement inconnu : ${input.finess}`, `Unknown establishment: ${input.finess}`),
        },
      ]);
    }
    assertAllowed(ctx.user, 'request:create', {
      regionCode: site.region_code,
      departementCode: site.departement_code,
      establishment: input.finess,
    });
    const live = await repo.findLiveByCaseCode(tx, input.caseCode);
    if (live) {
      throw conflict(`A live request already exists for case ${input.caseCode}: ${live.id}`, [
        {
          field: 'body.caseCode',
          code: 'live_request_exists',
          message: msg(
            ctx,
            `Une demande en cours existe déjà pour ce cas : ${live.id}`,
            `A live request already exists for this case: ${live.id}`,
          ),
        },
      ]);
    }
    const actor = actorOf(ctx);
    const id = await repo.insertRequest(tx, {
      ...input,
      contactName: input.contact.name,
      contactPhone: input.contact.phone,
      filedBy: ctx.user.id,
      filedAt: actor.at,
    });
    await repo.insertEvent(tx, {
      requestId: id,
      actorId: ctx.user.id,
      actorLabel: ctx.user.email,
      kind: 'filed',
      toState: 'filed',
      at: actor.at,
    });
    const row = await repo.findRequest(tx, id);
    if (!row) throw new Error('request vanished after insert');
    const dto = toRequestDto(row, settings, [], actor.at);
    await notify(
      tx,
      settings.mail,
      {
        kind: 'request_filed',
        requestId: id,
        regionCode: row.region_code,
        message: `Nouvelle demande ECMO ${row.case_code} (${row.indication}, ${row.urgency}) : ${row.establishment_name}`,
      },
      actor.at,
    );
    await appendAudit(tx, actor, {
      action: 'request.file',
      targetType: 'ecmo_request',
      targetId: id,
      after: { ...dto, timeline: undefined },
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
  return withTimeline(ctx, settings, await readable(ctx, id));
}

/**
 * One transition of the workflow, in one transaction: the version the caller read, the policy action
 * for this move, the state machine, the timeline and the audit.
 */
async function transition(
  ctx: ServiceContext,
  settings: RegulationSettings,
  id: string,
  move: {
    to: RequestState;
    version: number;
    action: Action;
    kind: string;
    reason?: string | null;
    outcome?: Outcome;
    declineReason?: string;
    escalationReason?: string;
    /** The input an illegal transition is reported on: the state asked for, or the request itself. */
    field?: string;
  },
): Promise<TEcmoRequest> {
  const { after: updated, released } = await ctx.db.transaction(async (tx) => {
    const current = await repo.findRequest(tx, id, true);
    if (!current || !isAllowed(ctx.user.grants, 'request:read', locationOf(current))) throw notFound('Request');
    // Escalated requests are the nation's to regulate.
    const where = current.state === 'escalated_national' ? {} : locationOf(current);
    if (!isAllowed(ctx.user.grants, move.action, where)) throw forbidden();
    if (current.version !== move.version) {
      throw new AppError(
        'conflict',
        `The request changed since version ${move.version} (now ${current.version}): reload it`,
        [
          {
            field: 'body.version',
            code: 'stale_version',
            message: msg(
              ctx,
              'La demande a changé entre-temps : rechargez-la.',
              'The request changed meanwhile: reload it.',
            ),
          },
        ],
      );
    }
    const from = current.state as RequestState;
    if (!canTransition(from, move.to)) {
      throw new AppError('conflict', `A request cannot go from ${from} to ${move.to}`, [
        {
          field: move.field ?? 'params.id',
          code: 'illegal_transition',
          message: msg(
            ctx,
            `Transition impossible : ${from} → ${move.to}.`,
            `Transition not allowed: ${from} → ${move.to}.`,
          ),
        },
      ]);
    }
    const actor = actorOf(ctx);
    await repo.setState(
      tx,
      id,
      move.to,
      {
        outcome: move.outcome,
        declineReason: move.declineReason,
        escalationReason: move.escalationReason,
      },
      actor.at,
    );
    if (from === 'decided' && move.to === 'closed') {
      await releaseDecision(
        tx,
        actor,
        current,
        `Request ${current.case_code} closed before execution (${move.outcome})`,
      );
    }
    await repo.insertEvent(tx, {
      requestId: id,
      actorId: ctx.user.id,
      actorLabel: ctx.user.email,
      kind: move.kind,
      fromState: from,
      toState: move.to,
      reason: move.reason ?? null,
      at: actor.at,
    });
    const after = await repo.findRequest(tx, id);
    if (!after) throw new Error('request vanished');
    if (move.to === 'escalated_national') {
      await notify(
        tx,
        settings.mail,
        {
          kind: 'request_escalated',
          requestId: id,
          regionCode: null,
          message: `Demande ${after.case_code} escaladée au national (région ${after.region_code}) : ${move.reason ?? ''}`,
        },
        actor.at,
      );
    }
    await appendAudit(tx, actor, {
      action: `request.${move.kind}`,
      targetType: 'ecmo_request',
      targetId: id,
      before: { state: from, version: current.version },
      after: { state: move.to, version: after.version, outcome: after.outcome },
      reason: move.reason ?? null,
    });
    return { after, released: from === 'decided' && move.to === 'closed' };
  });
  if (released) await ctx.events.publish('fleet.changed', { request: id });
  await ctx.events.publish('request.changed', requestChanged(updated));
  return withTimeline(ctx, settings, updated);
}

export async function updateStatus(
  ctx: ServiceContext,
  settings: RegulationSettings,
  id: string,
  body: z.output<typeof ZUpdateRequestStatus>,
) {
  if (body.state === 'closed') {
    const current = await readable(ctx, id);
    const outcomes = allowedOutcomes(current.state as RequestState);
    if (!body.outcome || !outcomes.includes(body.outcome)) {
      throw invalid([
        {
          field: 'body.outcome',
          code: 'outcome_required',
          message: msg(
            ctx,
            `Issue attendue parmi : ${outcomes.join(', ')}.`,
            `Outcome expected among: ${outcomes.join(', ')}.`,
          ),
        },
      ]);
    }
    // Withdrawing (died, no longer indicated, withdrawn) is open to the requesting team; other closings are regulation.
    const action: Action = current.state === 'executing' ? 'request:regulate' : 'request:withdraw';
    return transition(ctx, settings, id, {
      to: 'closed',
      version: body.version,
      action,
      kind: 'close',
      reason: body.reason,
      outcome: body.outcome,
      field: 'body.state',
    });
  }
  const kind = body.state === 'regional_regulation' ? 'take_in_charge' : 'execute';
  return transition(ctx, settings, id, {
    to: body.state,
    version: body.version,
    action: 'request:regulate',
    kind,
    reason: body.reason,
    field: 'body.state',
  });
}

export async function escalate(
  ctx: ServiceContext,
  settings: RegulationSettings,
  id: string,
  version: number,
  reason: string,
) {
  return transition(ctx, settings, id, {
    to: 'escalated_national',
    version,
    action: 'request:regulate',
    kind: 'escalate',
    reason,
    escalationReason: reason,
  });
}

export async function decline(
  ctx: ServiceContext,
  settings: RegulationSettings,
  id: string,
  version: number,
  motivation: string,
) {
  return transition(ctx, settings, id, {
    to: 'declined',
    version,
    action: 'request:regulate',
    kind: 'decline',
    reason: motivation,
    declineReason: motivation,
  });
}

export { readable as readableRequest };
