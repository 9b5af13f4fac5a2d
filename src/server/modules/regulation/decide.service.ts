/**
 * Deciding a request: the chosen option is checked again against live data and its console and one
 * circuit are reserved in one transaction (the console row locked), so that two regulators deciding
 * on the last console at the same moment cannot both have it. Loans are created for lend and
 * national-stock options.
 */
import type { z } from 'zod';
import { type MessageRef, message } from '../../../contracts/messages.ts';
import type { ZDecideRequest } from '../../../contracts/regulation.ts';
import type { DeviceStatus } from '../../../domain/fleet.ts';
import {
  canDecide,
  isLoanKind,
  type LoanKind,
  type OptionKind,
  type RankedOption,
  rankOptions,
} from '../../../domain/regulation.ts';
import { parisDate } from '../../../domain/time.ts';
import { type Actor, appendAudit } from '../../audit/audit.ts';
import type { RegulationSettings } from '../../config.ts';
import type { Queryable } from '../../db/client.ts';
import { conflict, issue } from '../../http/errors.ts';
import { actorOf, type ServiceContext } from '../context.ts';
import { insertDeviceEvent } from '../fleet/devices.repository.ts';
import { insertLoan } from './loans.repository.ts';
import { loadProviders } from './providers.ts';
import { lockForMove } from './requests.access.ts';
import * as repo from './requests.repository.ts';
import { getRequest, requestChanged } from './requests.service.ts';
import {
  consoleSite,
  type LockedConsole,
  lockConsole,
  lockProviderSite,
  setConsoleStatus,
  takeCircuit,
} from './reservations.repository.ts';

const CONSOLE_STATUS_AFTER: Record<OptionKind, DeviceStatus> = {
  // Reserved for the patient who comes in.
  transfer: 'in_use',
  // Leaves with the mobile team, or on its way to the borrower.
  umac: 'in_transit',
  lend: 'in_transit',
  national_stock: 'in_transit',
};

/** The option cannot be had any more: the field error asks to choose again, the detail says why. */
const unavailable = (why: MessageRef) => conflict(why, [issue('body.optionKey', 'option_unavailable')]);

/** The request locked at the version read, in a state the workflow lets be decided. */
async function lockDecidable(ctx: ServiceContext, tx: Queryable, id: string, version: number) {
  const request = await lockForMove(ctx, tx, id, 'request:regulate', version);
  if (!canDecide(request.state)) {
    const params = { from: request.state, to: 'decided' };
    throw conflict(message('illegal_transition', params), [issue('body.version', 'illegal_transition', params)]);
  }
  return request;
}

/**
 * Decisions drawing on one provider take turns (a transaction-scoped lock on the provider's site),
 * then lock the console: a concurrent decision waits here and, once it passes, reads what the first
 * one left — so a provider never lends its last console, nor gives one console or circuit twice.
 */
async function reserveConsole(tx: Queryable, consoleId: string): Promise<LockedConsole & { site: string }> {
  const located = await consoleSite(tx, consoleId);
  if (!located) throw unavailable(message('decision.unknown_console'));
  await lockProviderSite(tx, located);
  const console = await lockConsole(tx, consoleId);
  const site = console ? (console.site_finess ?? console.site_depot) : null;
  if (console?.status !== 'available' || site !== located) throw unavailable(message('decision.console_taken'));
  return { ...console, site: located };
}

/** Only the chosen provider can make its option valid or not: it alone is read again, under the lock. */
async function recheckOption(
  tx: Queryable,
  settings: RegulationSettings,
  request: repo.RequestRow,
  console: { site: string },
  optionKey: string,
  now: Date,
): Promise<RankedOption> {
  const { lat, lon } = request;
  if (lat === null || lon === null) throw unavailable(message('no_coordinates'));
  const options = rankOptions(
    {
      site: { finess: request.finess, regionCode: request.region_code, lat, lon },
      indication: request.indication,
      urgency: request.urgency,
      siteCanHost: request.site_can_host,
      escalated: request.state === 'escalated_national',
    },
    await loadProviders(tx, parisDate(now), { composition: settings.composition, at: now }, console.site),
    settings.travel,
  );
  const option = options.find((o) => o.key === optionKey);
  if (!option || option.provider.id !== console.site) {
    throw unavailable(message('decision.option_withdrawn', { option: optionKey }));
  }
  return option;
}

/** One circuit from the provider's lot that expires first. */
async function reserveCircuit(tx: Queryable, console: LockedConsole, now: Date): Promise<string> {
  const lot = await takeCircuit(tx, { finess: console.site_finess, depot: console.site_depot }, parisDate(now), now);
  if (!lot) throw unavailable(message('decision.no_circuit'));
  return lot;
}

/** The console leaves `available` for the solution, in its history. */
async function dispatchConsole(
  tx: Queryable,
  actor: Actor,
  console: LockedConsole,
  option: RankedOption,
  caseCode: string,
): Promise<void> {
  const status = CONSOLE_STATUS_AFTER[option.kind];
  await setConsoleStatus(tx, console.id, status, actor.at);
  await insertDeviceEvent(tx, {
    consoleId: console.id,
    actorId: actor.id,
    actorLabel: actor.label,
    kind: 'status',
    fromStatus: 'available',
    toStatus: status,
    reason: `Regulation of ${caseCode}: ${option.kind}`,
    at: actor.at,
  });
}

/** A loan from the console's site to the requester, due after the kind's default length. */
function createLoan(
  tx: Queryable,
  settings: RegulationSettings,
  request: repo.RequestRow,
  console: LockedConsole,
  kind: LoanKind,
  lotId: string,
  now: Date,
): Promise<string> {
  return insertLoan(tx, {
    requestId: request.id,
    kind,
    lenderFiness: console.site_finess,
    lenderDepot: console.site_depot,
    borrowerFiness: request.finess,
    days: settings.loanDays[kind],
    consoleId: console.id,
    lotId,
    at: now,
  });
}

/** The request moves to `decided` with what it holds, in its timeline and the audit journal. */
async function recordDecided(
  tx: Queryable,
  actor: Actor,
  request: repo.RequestRow,
  decided: repo.DecidedOption & RankedOption,
  motivation: string,
): Promise<void> {
  await repo.recordDecision(tx, request.id, decided, motivation, actor.at);
  await repo.insertEvent(tx, {
    requestId: request.id,
    actorId: actor.id,
    actorLabel: actor.label,
    kind: 'decide',
    fromState: request.state,
    toState: 'decided',
    reason: motivation,
    at: actor.at,
  });
  await appendAudit(tx, actor, {
    action: 'request.decide',
    targetType: 'ecmo_request',
    targetId: request.id,
    before: { state: request.state, version: request.version },
    after: {
      state: 'decided',
      option: decided.key,
      consoleId: decided.consoleId,
      lotId: decided.lotId,
      loanId: decided.loanId,
    },
    reason: motivation,
  });
}

export async function decide(
  ctx: ServiceContext,
  settings: RegulationSettings,
  id: string,
  input: z.output<typeof ZDecideRequest>,
) {
  const actor = actorOf(ctx);
  const request = await ctx.db.transaction(async (tx) => {
    const request = await lockDecidable(ctx, tx, id, input.version);
    const console = await reserveConsole(tx, input.consoleId);
    const option = await recheckOption(tx, settings, request, console, input.optionKey, actor.at);
    const lotId = await reserveCircuit(tx, console, actor.at);
    await dispatchConsole(tx, actor, console, option, request.case_code);
    const loanId = isLoanKind(option.kind)
      ? await createLoan(tx, settings, request, console, option.kind, lotId, actor.at)
      : null;
    await recordDecided(tx, actor, request, { ...option, consoleId: console.id, loanId, lotId }, input.motivation);
    return request;
  });
  await ctx.events.publish('fleet.changed', { console: input.consoleId });
  await ctx.events.publish('request.changed', requestChanged({ ...request, state: 'decided' }));
  return getRequest(ctx, settings, id);
}
