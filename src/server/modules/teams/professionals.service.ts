/**
 * Professionals: identifiers (RPPS, ADELI, INAMI), profession, establishments, qualifications valid on
 * a day, continuing-training hours and activity per year. A professional is within reach where any of
 * their establishments is.
 */
import type { z } from 'zod';
import { RULE_MESSAGES } from '../../../contracts/messages.ts';
import type {
  TProfessional,
  ZAddQualification,
  ZCreateProfessional,
  ZProfessionalListQuery,
  ZUpdateProfessional,
} from '../../../contracts/teams.ts';
import { checkProfessionalId } from '../../../domain/identifiers.ts';
import { type QualificationKind, qualificationValidOn } from '../../../domain/teams.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Queryable } from '../../db/client.ts';
import { createParams } from '../../db/sql.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../http/errors.ts';
import { actorOf, type ServiceContext } from '../context.ts';
import {
  allowedAtAny,
  assertEstablishments,
  assertFilters,
  locationsOf,
  msg,
  pushReach,
  staleVersion,
  today,
  ymd,
} from './shared.ts';

interface ProfessionalRow {
  id: string;
  id_kind: 'rpps' | 'adeli' | 'inami';
  id_value: string;
  first_name: string;
  last_name: string;
  profession: TProfessional['profession'];
  email: string | null;
  phone: string | null;
  user_id: string | null;
  version: number;
}

interface QualificationRow {
  id: string;
  professional_id: string;
  kind: QualificationKind;
  issuer: string;
  issued_on: string;
  valid_until: string | null;
  reference: string | null;
}

const QUALIFICATION_SELECT = `SELECT id, professional_id, kind, issuer, ${ymd('issued_on', 'issued_on')}, ${ymd('valid_until', 'valid_until')}, reference FROM qualifications`;

export async function qualificationsOf(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, QualificationRow[]>> {
  const out = new Map<string, QualificationRow[]>();
  if (ids.length === 0) return out;
  const rows = await db.query<QualificationRow>(
    `${QUALIFICATION_SELECT} WHERE professional_id = ANY($1::uuid[]) ORDER BY issued_on, kind`,
    [ids],
  );
  for (const r of rows) {
    const list = out.get(r.professional_id) ?? [];
    list.push(r);
    out.set(r.professional_id, list);
  }
  return out;
}

export const toQualification = (q: QualificationRow) => ({
  kind: q.kind,
  issuedOn: q.issued_on,
  validUntil: q.valid_until,
});

async function establishmentsOf(db: Queryable, ids: readonly string[]) {
  const rows = await db.query<{ professional_id: string; finess: string; name: string }>(
    `SELECT pe.professional_id, pe.finess, e.name FROM professional_establishments pe JOIN establishments e ON e.finess = pe.finess
     WHERE pe.professional_id = ANY($1::uuid[]) ORDER BY e.name`,
    [ids],
  );
  const out = new Map<string, { finess: string; name: string }[]>();
  for (const r of rows) {
    const list = out.get(r.professional_id) ?? [];
    list.push({ finess: r.finess, name: r.name });
    out.set(r.professional_id, list);
  }
  return out;
}

const validKinds = (qs: readonly QualificationRow[] | undefined, on: string): QualificationKind[] => [
  ...new Set((qs ?? []).filter((q) => qualificationValidOn(toQualification(q), on)).map((q) => q.kind)),
];

function summary(
  r: ProfessionalRow,
  est: Map<string, { finess: string; name: string }[]>,
  quals: Map<string, QualificationRow[]>,
  on: string,
) {
  return {
    id: r.id,
    identifier: { kind: r.id_kind, value: r.id_value },
    firstName: r.first_name,
    lastName: r.last_name,
    profession: r.profession,
    establishments: est.get(r.id) ?? [],
    validQualifications: validKinds(quals.get(r.id), on),
    version: r.version,
  };
}

export async function listProfessionals(ctx: ServiceContext, q: z.output<typeof ZProfessionalListQuery>) {
  await assertFilters(ctx, 'professional:read', q);
  const on = q.on ?? today(ctx.clock);
  const p = createParams();
  const where: string[] = [];
  pushReach(ctx, 'professional:read', where, p, 'pe.finess');
  if (q.finess) where.push(`pe.finess = ${p.add(q.finess)}`);
  if (q.region) where.push(`d.region_code = ${p.add(q.region)}`);
  const inner = `SELECT DISTINCT pe.professional_id FROM professional_establishments pe
    JOIN establishments e ON e.finess = pe.finess JOIN departements d ON d.code = e.departement_code
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const outer: string[] = [`p.id IN (${inner})`];
  if (q.q) {
    const like = p.add(`%${q.q.toLowerCase()}%`);
    outer.push(
      `(lower(p.last_name || ' ' || p.first_name) LIKE ${like} OR lower(p.first_name || ' ' || p.last_name) LIKE ${like} OR p.id_value LIKE ${like})`,
    );
  }
  if (q.profession) outer.push(`p.profession = ${p.add(q.profession)}`);
  if (q.qualification) {
    outer.push(`EXISTS (SELECT 1 FROM qualifications x WHERE x.professional_id = p.id AND x.kind = ${p.add(q.qualification)}
      AND x.issued_on <= ${p.add(on)}::date AND (x.valid_until IS NULL OR x.valid_until >= $${p.values.length}::date))`);
  }
  const rows = await ctx.db.query<ProfessionalRow & { total: number }>(
    `SELECT count(*) OVER ()::int AS total, p.* FROM professionals p WHERE ${outer.join(' AND ')}
     ORDER BY lower(p.last_name), lower(p.first_name), p.id LIMIT ${p.add(q.limit)} OFFSET ${p.add(q.offset)}`,
    p.values,
  );
  const ids = rows.map((r) => r.id);
  const [est, quals] = await Promise.all([establishmentsOf(ctx.db, ids), qualificationsOf(ctx.db, ids)]);
  return {
    items: rows.map((r) => summary(r, est, quals, on)),
    total: rows[0]?.total ?? 0,
    limit: q.limit,
    offset: q.offset,
  };
}

async function findProfessional(db: Queryable, id: string, lock = false): Promise<ProfessionalRow | undefined> {
  const [row] = await db.query<ProfessionalRow>(
    `SELECT * FROM professionals WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row;
}

/** The professional if within the user's reach for `action` (else 404 for reading, 403 for writing). */
async function reachable(ctx: ServiceContext, db: Queryable, id: string, write: boolean, lock = false) {
  const row = await findProfessional(db, id, lock);
  if (!row) throw notFound('Professional');
  const finess = (await establishmentsOf(db, [id])).get(id)?.map((e) => e.finess) ?? [];
  const locations = (await locationsOf(db, finess)).values();
  const list = [...locations];
  if (!allowedAtAny(ctx, 'professional:read', list)) throw notFound('Professional');
  if (write && !allowedAtAny(ctx, 'professional:write', list)) throw forbidden();
  return row;
}

export async function professionalDto(
  db: Queryable,
  row: ProfessionalRow,
  on: string,
  warnings: TProfessional['warnings'] = [],
): Promise<TProfessional> {
  const [est, quals, hours, activity, teams] = await Promise.all([
    establishmentsOf(db, [row.id]),
    qualificationsOf(db, [row.id]),
    db.query<{ year: number; hours: string }>(
      'SELECT year, hours FROM training_hours WHERE professional_id = $1 ORDER BY year DESC',
      [row.id],
    ),
    db.query<{ year: number; cec_runs: number; ecmo_runs: number }>(
      'SELECT year, cec_runs, ecmo_runs FROM activity_counts WHERE professional_id = $1 ORDER BY year DESC',
      [row.id],
    ),
    db.query<{
      id: string;
      name: string;
      kind: 'ecmo' | 'umac' | 'transplant';
      role: 'perfusionist' | 'surgeon' | 'intensivist' | 'nurse';
    }>(
      `SELECT t.id, t.name, t.kind, m.role FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.professional_id = $1 ORDER BY t.name`,
      [row.id],
    ),
  ]);
  return {
    ...summary(row, est, quals, on),
    email: row.email,
    phone: row.phone,
    userId: row.user_id,
    qualifications: (quals.get(row.id) ?? []).map((q) => ({
      id: q.id,
      kind: q.kind,
      issuer: q.issuer,
      issuedOn: q.issued_on,
      validUntil: q.valid_until,
      reference: q.reference,
      valid: qualificationValidOn(toQualification(q), on),
    })),
    trainingHours: hours.map((h) => ({ year: h.year, hours: Number(h.hours) })),
    activity: activity.map((a) => ({ year: a.year, cecRuns: a.cec_runs, ecmoRuns: a.ecmo_runs })),
    teams,
    warnings,
  };
}

export async function getProfessional(ctx: ServiceContext, id: string, on?: string): Promise<TProfessional> {
  const row = await reachable(ctx, ctx.db, id, false);
  return professionalDto(ctx.db, row, on ?? today(ctx.clock));
}

function identifierWarnings(
  ctx: ServiceContext,
  kind: ProfessionalRow['id_kind'],
  value: string,
): TProfessional['warnings'] {
  const check = checkProfessionalId(kind, value);
  if (!check.ok || check.warning !== 'check_digit' || kind === 'adeli') return [];
  const key = kind === 'rpps' ? 'rpps.check_digit' : 'inami.check_digit';
  return [{ field: 'body.identifier.value', code: key, message: RULE_MESSAGES[key][ctx.locale] }];
}

async function setEstablishments(tx: Queryable, id: string, finess: readonly string[]) {
  await tx.query('DELETE FROM professional_establishments WHERE professional_id = $1', [id]);
  for (const f of new Set(finess)) {
    await tx.query('INSERT INTO professional_establishments (professional_id, finess) VALUES ($1, $2)', [id, f]);
  }
}

export async function createProfessional(
  ctx: ServiceContext,
  body: z.output<typeof ZCreateProfessional>,
): Promise<TProfessional> {
  return ctx.db.transaction(async (tx) => {
    await assertEstablishments(ctx, tx, 'professional:write', body.establishments, 'body.establishments');
    const [taken] = await tx.query<{ id: string }>(
      'SELECT id FROM professionals WHERE id_kind = $1 AND id_value = $2',
      [body.identifier.kind, body.identifier.value],
    );
    if (taken) {
      throw conflict(`A professional already has this identifier: ${taken.id}`, [
        {
          field: 'body.identifier.value',
          code: 'identifier_taken',
          message: msg(
            ctx,
            'Un professionnel porte déjà cet identifiant.',
            'A professional already has this identifier.',
          ),
        },
      ]);
    }
    const [row] = await tx.query<ProfessionalRow>(
      `INSERT INTO professionals (id_kind, id_value, first_name, last_name, profession, email, phone)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [
        body.identifier.kind,
        body.identifier.value,
        body.firstName,
        body.lastName,
        body.profession,
        body.email,
        body.phone,
      ],
    );
    const created = row as ProfessionalRow;
    await setEstablishments(tx, created.id, body.establishments);
    const dto = await professionalDto(
      tx,
      created,
      today(ctx.clock),
      identifierWarnings(ctx, body.identifier.kind, body.identifier.value),
    );
    await appendAudit(tx, actorOf(ctx), {
      action: 'professional.create',
      targetType: 'professional',
      targetId: created.id,
      after: { ...dto, warnings: undefined },
    });
    return dto;
  });
}

export async function updateProfessional(
  ctx: ServiceContext,
  id: string,
  body: z.output<typeof ZUpdateProfessional>,
): Promise<TProfessional> {
  return ctx.db.transaction(async (tx) => {
    const row = await reachable(ctx, tx, id, true, true);
    if (row.version !== body.version) {
      throw new AppError('conflict', 'The professional changed meanwhile', [
        staleVersion(ctx, { fr: 'Le professionnel', en: 'The professional' }),
      ]);
    }
    const before = await professionalDto(tx, row, today(ctx.clock));
    if (body.establishments) {
      await assertEstablishments(ctx, tx, 'professional:write', body.establishments, 'body.establishments');
      // Nor may an establishment outside the user's reach be taken away from them.
      const kept = new Set(body.establishments);
      const dropped = before.establishments.map((e) => e.finess).filter((f) => !kept.has(f));
      const places = await locationsOf(tx, dropped);
      const outside = (f: string) => {
        const place = places.get(f);
        return !place || !allowedAtAny(ctx, 'professional:write', [place]);
      };
      if (dropped.some(outside)) throw forbidden();
      await setEstablishments(tx, id, body.establishments);
    }
    await tx.query(
      `UPDATE professionals SET first_name = coalesce($2, first_name), last_name = coalesce($3, last_name),
         profession = coalesce($4, profession), email = CASE WHEN $5 THEN $6 ELSE email END,
         phone = CASE WHEN $7 THEN $8 ELSE phone END, version = version + 1, updated_at = now() WHERE id = $1`,
      [
        id,
        body.firstName ?? null,
        body.lastName ?? null,
        body.profession ?? null,
        body.email !== undefined,
        body.email ?? null,
        body.phone !== undefined,
        body.phone ?? null,
      ],
    );
    for (const h of body.trainingHours ?? []) {
      await tx.query(
        `INSERT INTO training_hours (professional_id, year, hours) VALUES ($1, $2, $3)
         ON CONFLICT (professional_id, year) DO UPDATE SET hours = EXCLUDED.hours`,
        [id, h.year, h.hours],
      );
    }
    for (const a of body.activity ?? []) {
      await tx.query(
        `INSERT INTO activity_counts (professional_id, year, cec_runs, ecmo_runs) VALUES ($1, $2, $3, $4)
         ON CONFLICT (professional_id, year) WHERE professional_id IS NOT NULL DO UPDATE SET cec_runs = EXCLUDED.cec_runs, ecmo_runs = EXCLUDED.ecmo_runs`,
        [id, a.year, a.cecRuns, a.ecmoRuns],
      );
    }
    const after = await professionalDto(tx, (await findProfessional(tx, id)) as ProfessionalRow, today(ctx.clock));
    await appendAudit(tx, actorOf(ctx), {
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
  const now = today(ctx.clock);
  if (body.issuedOn > now) {
    throw invalid([
      {
        field: 'body.issuedOn',
        code: 'in_future',
        message: msg(ctx, 'La date de délivrance ne peut pas être future.', 'The issue date cannot be in the future.'),
      },
    ]);
  }
  if (body.validUntil !== null && body.validUntil < body.issuedOn) {
    throw invalid([
      {
        field: 'body.validUntil',
        code: 'before_issue',
        message: msg(ctx, 'La fin de validité précède la délivrance.', 'Validity ends before the issue date.'),
      },
    ]);
  }
  const out = await ctx.db.transaction(async (tx) => {
    const row = await reachable(ctx, tx, id, true, true);
    const [q] = await tx.query<{ id: string }>(
      `INSERT INTO qualifications (professional_id, kind, issuer, issued_on, valid_until, reference, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [id, body.kind, body.issuer, body.issuedOn, body.validUntil, body.reference, ctx.user.id],
    );
    await tx.query('UPDATE professionals SET version = version + 1, updated_at = now() WHERE id = $1', [id]);
    await appendAudit(tx, actorOf(ctx), {
      action: 'professional.qualify',
      targetType: 'professional',
      targetId: id,
      after: { qualification: q?.id, ...body },
    });
    return professionalDto(tx, { ...row, version: row.version + 1 }, now);
  });
  // A qualification may complete a team's composition: the options engine looks again.
  await ctx.events.publish('roster.changed', { professional: id });
  return out;
}

/** CEC and ECMO runs per centre and year, for the centres within reach. */
export async function listCentreActivity(ctx: ServiceContext, q: { finess?: string; region?: string }) {
  await assertFilters(ctx, 'professional:read', q);
  const p = createParams();
  const where: string[] = ['a.finess IS NOT NULL'];
  pushReach(ctx, 'professional:read', where, p, 'a.finess');
  if (q.finess) where.push(`a.finess = ${p.add(q.finess)}`);
  if (q.region) where.push(`d.region_code = ${p.add(q.region)}`);
  const rows = await ctx.db.query<{ finess: string; name: string; year: number; cec_runs: number; ecmo_runs: number }>(
    `SELECT a.finess, e.name, a.year, a.cec_runs, a.ecmo_runs FROM activity_counts a
     JOIN establishments e ON e.finess = a.finess JOIN departements d ON d.code = e.departement_code
     WHERE ${where.join(' AND ')} ORDER BY e.name, a.year DESC LIMIT 2000`,
    p.values,
  );
  return {
    items: rows.map((r) => ({
      finess: r.finess,
      name: r.name,
      year: r.year,
      cecRuns: r.cec_runs,
      ecmoRuns: r.ecmo_runs,
    })),
  };
}

export async function recordCentreActivity(
  ctx: ServiceContext,
  finess: string,
  body: { year: number; cecRuns: number; ecmoRuns: number },
) {
  await ctx.db.transaction(async (tx) => {
    await assertEstablishments(ctx, tx, 'professional:write', [finess], 'params.finess');
    const [before] = await tx.query<{ cec_runs: number; ecmo_runs: number }>(
      'SELECT cec_runs, ecmo_runs FROM activity_counts WHERE finess = $1 AND year = $2',
      [finess, body.year],
    );
    await tx.query(
      `INSERT INTO activity_counts (finess, year, cec_runs, ecmo_runs) VALUES ($1, $2, $3, $4)
       ON CONFLICT (finess, year) WHERE finess IS NOT NULL DO UPDATE SET cec_runs = EXCLUDED.cec_runs, ecmo_runs = EXCLUDED.ecmo_runs`,
      [finess, body.year, body.cecRuns, body.ecmoRuns],
    );
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
