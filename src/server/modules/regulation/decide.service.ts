/**
 * Deciding a request: the chosen option is checked again against live data and its console and one
 * circuit are reserved in one transaction (the console row locked), so that two regulators deciding
 * on the last console at the same moment cannot both have it. Loans are created for lend and
 * national-stock options.
 */
import type { z } from 'zod';
import type { ZDecideRequest } from '../../../contracts/regulation.ts';
import { isAllowed } from '../../../domain/policy.ts';
import { type RequestState, rankOptions } from '../../../domain/regulation.ts';
import { parisDate } from '../../../domain/time.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { RegulationSettings } from '../../config.ts';
import type { Queryable } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { actorOf, type ServiceContext } from '../context.ts';
import { loadProviders } from './options.service.ts';
import * as repo from './requests.repository.ts';
import { getRequest, requestChanged } from './requests.service.ts';

/** First key of the transaction-scoped advisory locks taken per provider site (the second is the site's hash). */
const PROVIDER_LOCK = 72_746_010;

const CONSOLE_STATUS_AFTER: Record<string, string> = {
  // Reserved for the patient who comes in.
  transfer: 'in_use',
  // Leaves with the mobile team, or on its way to the borrower.
  umac: 'in_transit',
  lend: 'in_transit',
  national_stock: 'in_transit',
};

function unavailable(ctx: ServiceContext, detail: string): AppError {
  return new AppError('conflict', detail, [
    {
      field: 'body.optionKey',
      code: 'option_unavailable',
      message:
        ctx.locale === 'fr'
          ? 'Cette solution n’est plus disponible : la liste a été recalculée, choisissez à nouveau.'
          : 'This option is no longer available: the list was recomputed, choose again.',
    },
  ]);
}

/** Takes one circuit from the provider's lot that expires first (never an expired one). */
async function takeCircuit(
  tx: Queryable,
  site: { finess: string | null; depot: string | null },
  today: string,
  now: Date,
): Promise<string | null> {
  const [lot] = await tx.query<{ id: string }>(
    `SELECT id FROM stock_lots WHERE item_kind = 'circuit' AND quantity > 0 AND expiry_date >= $3::date
       AND coalesce(site_finess, '') = coalesce($1, '') AND coalesce(site_depot, '') = coalesce($2, '')
     ORDER BY expiry_date, lot_number LIMIT 1 FOR UPDATE`,
    [site.finess, site.depot, today],
  );
  if (!lot) return null;
  await tx.query('UPDATE stock_lots SET quantity = quantity - 1, updated_at = $2 WHERE id = $1', [lot.id, now]);
  return lot.id;
}

export async function decide(
  ctx: ServiceContext,
  settings: RegulationSettings,
  id: string,
  input: z.output<typeof ZDecideRequest>,
) {
  const actor = actorOf(ctx);
  const now = actor.at;
  const today = parisDate(now);
  const result = await ctx.db.transaction(async (tx) => {
    const request = await repo.findRequest(tx, id, true);
    const location = request
      ? { regionCode: request.region_code, departementCode: request.departement_code, establishment: request.finess }
      : {};
    if (!request || !isAllowed(ctx.user.grants, 'request:read', location)) throw notFound('Request');
    const escalated = request.state === 'escalated_national';
    if (!isAllowed(ctx.user.grants, 'request:regulate', escalated ? {} : location)) throw forbidden();
    if (request.version !== input.version) {
      throw new AppError('conflict', `The request changed since version ${input.version}`, [
        {
          field: 'body.version',
          code: 'stale_version',
          message:
            ctx.locale === 'fr'
              ? 'La demande a changé entre-temps : rechargez-la.'
              : 'The request changed meanwhile: reload it.',
        },
      ]);
    }
    if (request.state !== 'regional_regulation' && !escalated) {
      throw new AppError('conflict', `A request in ${request.state} cannot be decided`, [
        {
          field: 'body.version',
          code: 'illegal_transition',
          message:
            ctx.locale === 'fr'
              ? 'Cette demande n’est plus en régulation.'
              : 'This request is no longer in regulation.',
        },
      ]);
    }
    // Decisions drawing on one provider take turns (a transaction-scoped lock on the provider's site),
    // then lock the console: a concurrent decision waits here and, once it passes, reads what the first
    // one left — so a provider never lends its last console, nor gives one console or circuit twice.
    const [located] = await tx.query<{ site: string }>(
      'SELECT coalesce(site_finess, site_depot) AS site FROM consoles WHERE id = $1',
      [input.consoleId],
    );
    if (!located) throw unavailable(ctx, 'Unknown console');
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PROVIDER_LOCK, located.site]);
    const [console] = await tx.query<{
      id: string;
      status: string;
      site_finess: string | null;
      site_depot: string | null;
    }>('SELECT id, status, site_finess, site_depot FROM consoles WHERE id = $1 FOR UPDATE', [input.consoleId]);
    const site = console ? (console.site_finess ?? console.site_depot) : null;
    if (console?.status !== 'available' || site !== located.site) {
      throw unavailable(ctx, 'The console is no longer available');
    }
    if (request.lat === null || request.lon === null) throw unavailable(ctx, 'The requesting site has no coordinates');
    // Only the chosen provider can make its option valid or not: it alone is read again, under the lock.
    const options = rankOptions(
      {
        site: { finess: request.finess, regionCode: request.region_code, lat: request.lat, lon: request.lon },
        indication: request.indication,
        urgency: request.urgency,
        siteCanHost: request.site_can_host,
        escalated,
      },
      await loadProviders(tx, today, { composition: settings.composition, at: now }, site),
      settings.travel,
    );
    const option = options.find((o) => o.key === input.optionKey);
    const providerSite = { finess: console.site_finess, depot: console.site_depot };
    if (!option || option.provider.id !== site)
      throw unavailable(ctx, `Option ${input.optionKey} is no longer offered`);
    const lot = await takeCircuit(tx, providerSite, today, now);
    if (!lot) throw unavailable(ctx, 'The provider has no circuit left');
    await tx.query(
      `UPDATE consoles SET status = $2, status_since = $3, version = version + 1, updated_at = $3 WHERE id = $1`,
      [console.id, CONSOLE_STATUS_AFTER[option.kind], now],
    );
    await tx.query(
      `INSERT INTO console_events (console_id, actor_id, actor_label, kind, from_status, to_status, reason, at)
       VALUES ($1, $2, $3, 'status', 'available', $4, $5, $6)`,
      [
        console.id,
        ctx.user.id,
        ctx.user.email,
        CONSOLE_STATUS_AFTER[option.kind],
        `Regulation of ${request.case_code}: ${option.kind}`,
        now,
      ],
    );
    let loanId: string | null = null;
    if (option.kind === 'lend' || option.kind === 'national_stock') {
      const days = settings.loanDays[option.kind];
      const [loan] = await tx.query<{ id: string }>(
        `INSERT INTO loans (request_id, kind, lender_finess, lender_depot, borrower_finess, state, starts_at, due_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'in_transit', $7, $7::timestamptz + make_interval(days => $6::int), $7, $7) RETURNING id`,
        [id, option.kind, console.site_finess, console.site_depot, request.finess, days, now],
      );
      loanId = loan?.id ?? null;
      await tx.query('INSERT INTO loan_items (loan_id, console_id) VALUES ($1, $2)', [loanId, console.id]);
      await tx.query('INSERT INTO loan_items (loan_id, lot_id, quantity) VALUES ($1, $2, 1)', [loanId, lot]);
    }
    await tx.query(
      `UPDATE ecmo_requests SET state = 'decided', decided_at = $4, version = version + 1, updated_at = $4,
         decided_option = $2::jsonb, decision_motivation = $3 WHERE id = $1`,
      [id, JSON.stringify({ ...option, consoleId: console.id, loanId, lotId: lot }), input.motivation, now],
    );
    await repo.insertEvent(tx, {
      requestId: id,
      actorId: ctx.user.id,
      actorLabel: ctx.user.email,
      kind: 'decide',
      fromState: request.state as RequestState,
      toState: 'decided',
      reason: input.motivation,
      at: now,
    });
    await appendAudit(tx, actor, {
      action: 'request.decide',
      targetType: 'ecmo_request',
      targetId: id,
      before: { state: request.state, version: request.version },
      after: { state: 'decided', option: option.key, consoleId: console.id, lotId: lot, loanId },
      reason: input.motivation,
    });
    return { request: { ...request, state: 'decided' }, consoleId: console.id };
  });
  await ctx.events.publish('fleet.changed', { console: result.consoleId });
  await ctx.events.publish('request.changed', requestChanged(result.request));
  return getRequest(ctx, settings, id);
}
