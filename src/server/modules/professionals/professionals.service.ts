/**
 * Professionals: identifiers (RPPS, ADELI, INAMI), profession, establishments, qualifications valid on
 * a day, continuing-training hours and activity per year. A professional is within reach where any of
 * their establishments is.
 */
import type { z } from 'zod';
import { message } from '../../../contracts/messages.ts';
import type {
  TProfessional,
  ZAddQualification,
  ZCreateProfessional,
  ZProfessionalListQuery,
  ZUpdateProfessional,
} from '../../../contracts/teams.ts';
import { checkProfessionalId, type ProfessionalIdKind } from '../../../domain/identifiers.ts';
import { reachOf } from '../../../domain/policy.ts';
import { type QualificationKind, qualificationValidOn } from '../../../domain/teams.ts';
import { parisDate } from '../../../domain/time.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Queryable } from '../../db/client.ts';
import { conflict, forbidden, invalid, issue, notFound, renderField, staleConflict } from '../../http/errors.ts';
import { actorOf, type ServiceContext } from '../context.ts';
import { locationsOf } from '../establishments/locations.repository.ts';
import { allowedAtAny, assertEstablishments, assertFilters } from '../establishments/locations.ts';
import * as activity from './activity.repository.ts';
import type { ProfessionalRow, QualificationRow } from './professionals.repository.ts';
import * as repo from './professionals.repository.ts';

const validKinds = (qs: readonly QualificationRow[] | undefined, on: string): QualificationKind[] => [
  ...new Set((qs ?? []).filter((q) => qualificationValidOn(q, on)).map((q) => q.kind)),
];

function summary(
  r: ProfessionalRow,
  est: Map<string, { finess: string; name: string }[]>,
  quals: Map<string, QualificationRow[]>,
  on: string,
) {
  return {
    id: r.id,
    identifier: { kind: r.idKind, value: r.idValue },
    firstName: r.firstName,
    lastName: r.lastName,
    profession: r.profession,
    establishments: est.get(r.id) ?? [],
    validQualifications: validKinds(quals.get(r.id), on),
    version: r.version,
  };
}

export async function listProfessionals(ctx: ServiceContext, q: z.output<typeof ZProfessionalListQuery>) {
  await assertFilters(ctx, 'professional:read', q);
  const on = q.on ?? parisDate(ctx.clock.now());
  const { rows, total } = await repo.listProfessionals(ctx.db, reachOf(ctx.user.grants, 'professional:read'), {
    ...q,
    on,
  });
  const ids = rows.map((r) => r.id);
  const [est, quals] = await Promise.all([repo.establishmentsOf(ctx.db, ids), repo.qualificationsOf(ctx.db, ids)]);
  return { items: rows.map((r) => summary(r, est, quals, on)), total, limit: q.limit, offset: q.offset };
}

/** The professional if within the user's reach (else 404), and for writing within the reach to write (else 403). */
async function reachable(ctx: ServiceContext, db: Queryable, id: string, write: boolean, lock = false) {
  const row = await repo.findProfessional(db, id, lock);
  if (!row) throw notFound('noun.professional');
  const places = (await repo.placesOf(db, [id])).get(id) ?? [];
  if (!allowedAtAny(ctx, 'professional:read', places)) throw notFound('noun.professional');
  if (write && !allowedAtAny(ctx, 'professional:write', places)) throw forbidden();
  return row;
}

export async function professionalDto(
  db: Queryable,
  row: ProfessionalRow,
  on: string,
  warnings: TProfessional['warnings'] = [],
): Promise<TProfessional> {
  const [est, quals, record] = await Promise.all([
    repo.establishmentsOf(db, [row.id]),
    repo.qualificationsOf(db, [row.id]),
    repo.recordOf(db, row.id),
  ]);
  return {
    ...summary(row, est, quals, on),
    email: row.email,
    phone: row.phone,
    userId: row.userId,
    qualifications: (quals.get(row.id) ?? []).map(({ professionalId: _, ...q }) => ({
      ...q,
      valid: qualificationValidOn(q, on),
    })),
    ...record,
    warnings,
  };
}

export async function getProfessional(ctx: ServiceContext, id: string, on?: string): Promise<TProfessional> {
  const row = await reachable(ctx, ctx.db, id, false);
  return professionalDto(ctx.db, row, on ?? parisDate(ctx.clock.now()));
}

/** A failed RPPS or INAMI check digit is kept, with a warning in the reader's language (ADELI has none). */
function identifierWarnings(ctx: ServiceContext, kind: ProfessionalIdKind, value: string): TProfessional['warnings'] {
  const check = checkProfessionalId(kind, value);
  if (!check.ok || check.warning !== 'check_digit' || kind === 'adeli') return [];
  const code = kind === 'rpps' ? 'rpps.check_digit' : 'inami.check_digit';
  return [renderField(issue('body.identifier.value', code), ctx.locale)];
}

export async function createProfessional(
  ctx: ServiceContext,
  body: z.output<typeof ZCreateProfessional>,
): Promise<TProfessional> {
  return ctx.db.transaction(async (tx) => {
    await assertEstablishments(ctx, tx, 'professional:write', body.establishments, 'body.establishments');
    const taken = await repo.findByIdentifier(tx, body.identifier.kind, body.identifier.value);
    if (taken) {
      throw conflict(message('professional.identifier_taken', { id: taken.id }), [
        issue('body.identifier.value', 'identifier_taken'),
      ]);
    }
    const created = await repo.insertProfessional(tx, {
      ...body,
      idKind: body.identifier.kind,
      idValue: body.identifier.value,
    });
    await repo.setEstablishments(tx, created.id, body.establishments);
    const actor = actorOf(ctx);
    const warnings = identifierWarnings(ctx, body.identifier.kind, body.identifier.value);
    const dto = await professionalDto(tx, created, parisDate(actor.at), warnings);
    await appendAudit(tx, actor, {
      action: 'professional.create',
      targetType: 'professional',
      targetId: created.id,
      after: { ...dto, warnings: undefined },
    });
    return dto;
  });
}

/**
 * Sets the establishments of a professional: the new ones must be within the user's reach, and so must
 * those taken away (nobody removes a colleague from a hospital outside their scope).
 */
async function moveEstablishments(
  ctx: ServiceContext,
  tx: Queryable,
  before: TProfessional,
  establishments: readonly string[],
): Promise<void> {
  await assertEstablishments(ctx, tx, 'professional:write', establishments, 'body.establishments');
  const kept = new Set(establishments);
  const dropped = before.establishments.map((e) => e.finess).filter((f) => !kept.has(f));
  const places = await locationsOf(tx, dropped);
  const outside = (f: string) => {
    const place = places.get(f);
    return !place || !allowedAtAny(ctx, 'professional:write', [place]);
  };
  if (dropped.some(outside)) throw forbidden();
  await repo.setEstablishments(tx, before.id, establishments);
}

export async function updateProfessional(
  ctx: ServiceContext,
  id: string,
  body: z.output<typeof ZUpdateProfessional>,
): Promise<TProfessional> {
  return ctx.db.transaction(async (tx) => {
    const row = await reachable(ctx, tx, id, true, true);
    if (row.version !== body.version) throw staleConflict('noun.professional');
    const actor = actorOf(ctx);
    const on = parisDate(actor.at);
    const before = await professionalDto(tx, row, on);
    if (body.establishments) await moveEstablishments(ctx, tx, before, body.establishments);
    await repo.updateProfessional(tx, id, body, actor.at);
    await repo.setTrainingHours(tx, id, body.trainingHours ?? []);
    await activity.setActivity(tx, id, body.activity ?? []);
    const after = await professionalDto(tx, (await repo.findProfessional(tx, id)) as ProfessionalRow, on);
    await appendAudit(tx, actor, {
      action: 'professional.update',
      targetType: 'professional',
      targetId: id,
      before: { ...before, warnings: undefined },
      after: { ...after, warnings: undefined },
    });
    return after;
  });
}

export async function addQualification(
  ctx: ServiceContext,
  id: string,
  body: z.output<typeof ZAddQualification>,
): Promise<TProfessional> {
  const actor = actorOf(ctx);
  const today = parisDate(actor.at);
  if (body.issuedOn > today) throw invalid([issue('body.issuedOn', 'in_future')]);
  if (body.validUntil !== null && body.validUntil < body.issuedOn) {
    throw invalid([issue('body.validUntil', 'before_issue')]);
  }
  const out = await ctx.db.transaction(async (tx) => {
    const row = await reachable(ctx, tx, id, true, true);
    const qualification = await repo.addQualification(tx, id, body, { userId: ctx.user.id, at: actor.at });
    await appendAudit(tx, actor, {
      action: 'professional.qualify',
      targetType: 'professional',
      targetId: id,
      after: { qualification, ...body },
    });
    return professionalDto(tx, { ...row, version: row.version + 1 }, today);
  });
  // A qualification may complete a team's composition: the options engine looks again.
  await ctx.events.publish('roster.changed', { professional: id });
  return out;
}

/** CEC and ECMO runs per centre and year, for the centres within reach. */
export async function listCentreActivity(ctx: ServiceContext, q: { finess?: string; region?: string }) {
  await assertFilters(ctx, 'professional:read', q);
  return { items: await activity.listCentreActivity(ctx.db, reachOf(ctx.user.grants, 'professional:read'), q) };
}

export async function recordCentreActivity(
  ctx: ServiceContext,
  finess: string,
  body: { year: number; cecRuns: number; ecmoRuns: number },
) {
  await ctx.db.transaction(async (tx) => {
    await assertEstablishments(ctx, tx, 'professional:write', [finess], 'params.finess');
    const before = await activity.findCentreActivity(tx, finess, body.year);
    await activity.setCentreActivity(tx, finess, body);
    await appendAudit(tx, actorOf(ctx), {
      action: 'centre.activity',
      targetType: 'establishment',
      targetId: finess,
      before: before ?? null,
      after: body,
    });
  });
  return listCentreActivity(ctx, { finess });
}
