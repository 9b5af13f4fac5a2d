/**
 * The moves of a request's workflow — taking it in, executing, closing, escalating, declining —
 * each one transaction: the version the caller read, the policy action for this move, the state
 * machine (domain/regulation.ts), the timeline and the audit.
 */
import type { z } from 'zod';
import { message } from '../../../contracts/messages.ts';
import type {
  TEcmoRequest,
  ZDeclineRequest,
  ZEscalateRequest,
  ZUpdateRequestStatus,
} from '../../../contracts/regulation.ts';
import type { Action } from '../../../domain/policy.ts';
import {
  allowedOutcomes,
  canTransition,
  type Outcome,
  type RequestEventKind,
  type RequestState,
} from '../../../domain/regulation.ts';
import { type Actor, appendAudit } from '../../audit/audit.ts';
import type { RegulationSettings } from '../../config.ts';
import type { Queryable } from '../../db/client.ts';
import { conflict, invalid, issue } from '../../http/errors.ts';
import { actorOf, type ServiceContext } from '../context.ts';
import { notify } from './notifications.service.ts';
import { releaseDecision } from './release.ts';
import { lockForMove, readableRequest } from './requests.access.ts';
import * as repo from './requests.repository.ts';
import { requestChanged, withTimeline } from './requests.service.ts';

interface Move {
  to: RequestState;
  version: number;
  action: Action;
  kind: RequestEventKind;
  reason?: string | null;
  outcome?: Outcome;
  declineReason?: string;
  escalationReason?: string;
  /** The input an illegal transition is reported on: the state asked for, or the request itself. */
  field?: string;
}

/** 409 unless the state machine lets the request go from its state to the move's. */
function assertTransition(from: RequestState, move: Move): void {
  if (canTransition(from, move.to)) return;
  const params = { from, to: move.to };
  throw conflict(message('illegal_transition', params), [
    issue(move.field ?? 'params.id', 'illegal_transition', params),
  ]);
}

/**
 * The request takes the move, in its timeline; closing a decided request gives back what the decision
 * reserved. Returns the request as it now is.
 */
async function applyMove(tx: Queryable, actor: Actor, current: repo.RequestRow, move: Move): Promise<repo.RequestRow> {
  const { outcome, declineReason, escalationReason } = move;
  await repo.setState(tx, current.id, move.to, { outcome, declineReason, escalationReason }, actor.at);
  if (current.state === 'decided' && move.to === 'closed') {
    await releaseDecision(tx, actor, current, `Request ${current.case_code} closed before execution (${move.outcome})`);
  }
  await repo.insertEvent(tx, {
    requestId: current.id,
    actorId: actor.id,
    actorLabel: actor.label,
    kind: move.kind,
    fromState: current.state,
    toState: move.to,
    reason: move.reason ?? null,
    at: actor.at,
  });
  const after = await repo.findRequest(tx, current.id);
  if (!after) throw new Error('request vanished');
  return after;
}

/** An escalated request alerts the national regulators. */
async function notifyEscalated(tx: Queryable, settings: RegulationSettings, r: repo.RequestRow, move: Move, at: Date) {
  const params = { caseCode: r.case_code, region: r.region_code, reason: move.reason ?? '' };
  await notify(
    tx,
    settings.mail,
    {
      kind: 'request_escalated',
      requestId: r.id,
      regionCode: null,
      message: message('notification.request_escalated', params),
    },
    at,
  );
}

async function transition(
  ctx: ServiceContext,
  settings: RegulationSettings,
  id: string,
  move: Move,
): Promise<TEcmoRequest> {
  const { after, from } = await ctx.db.transaction(async (tx) => {
    const current = await lockForMove(ctx, tx, id, move.action, move.version);
    assertTransition(current.state, move);
    const actor = actorOf(ctx);
    const after = await applyMove(tx, actor, current, move);
    if (move.to === 'escalated_national') await notifyEscalated(tx, settings, after, move, actor.at);
    await appendAudit(tx, actor, {
      action: `request.${move.kind}`,
      targetType: 'ecmo_request',
      targetId: id,
      before: { state: current.state, version: current.version },
      after: { state: move.to, version: after.version, outcome: after.outcome },
      reason: move.reason ?? null,
    });
    return { after, from: current.state };
  });
  // What a closed decision gave back is the fleet's news too.
  if (from === 'decided' && move.to === 'closed') await ctx.events.publish('fleet.changed', { request: id });
  await ctx.events.publish('request.changed', requestChanged(after));
  return withTimeline(ctx, settings, after);
}

export async function updateStatus(
  ctx: ServiceContext,
  settings: RegulationSettings,
  id: string,
  body: z.output<typeof ZUpdateRequestStatus>,
) {
  if (body.state === 'closed') {
    const current = await readableRequest(ctx, id);
    const outcomes = allowedOutcomes(current.state);
    if (!body.outcome || !outcomes.includes(body.outcome)) {
      throw invalid([issue('body.outcome', 'outcome_required', { outcomes: outcomes.join(', ') })]);
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
  { version, reason }: z.output<typeof ZEscalateRequest>,
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
  { version, motivation }: z.output<typeof ZDeclineRequest>,
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
