/** SQL for professionals: identity, establishments, qualifications and training hours (their runs: activity.repository.ts). */
import type { ProfessionalIdKind } from '../../../domain/identifiers.ts';
import type { Reach } from '../../../domain/policy.ts';
import type { Location } from '../../../domain/roles.ts';
import type { MemberRole, Profession, QualificationKind, TeamKind } from '../../../domain/teams.ts';
import type { Queryable } from '../../db/client.ts';
import { createParams, insertRows } from '../../db/sql.ts';
import { establishmentReach } from '../establishments/locations.repository.ts';
import type { ActivityYear } from './activity.repository.ts';

export interface NewProfessional {
  idKind: ProfessionalIdKind;
  idValue: string;
  firstName: string;
  lastName: string;
  profession: Profession;
  email: string | null;
  phone: string | null;
}

export interface ProfessionalRow extends NewProfessional {
  id: string;
  /** The account this professional is, if any. */
  userId: string | null;
  version: number;
}

/** A qualification as stored; it is the domain's `Qualification` (kind, issuedOn, validUntil) with its record. */
export interface QualificationRow {
  id: string;
  professionalId: string;
  kind: QualificationKind;
  issuer: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  /** YYYY-MM-DD, last valid day; null when it does not expire. */
  validUntil: string | null;
  reference: string | null;
}

const COLUMNS = `p.id, p.id_kind AS "idKind", p.id_value AS "idValue", p.first_name AS "firstName", p.last_name AS "lastName",
  p.profession, p.email, p.phone, p.user_id AS "userId", p.version`;

/** Rows grouped by their professional. */
function byProfessional<R extends { professionalId: string }, V>(rows: readonly R[], value: (r: R) => V) {
  const out = new Map<string, V[]>();
  for (const r of rows) {
    const list = out.get(r.professionalId) ?? [];
    list.push(value(r));
    out.set(r.professionalId, list);
  }
  return out;
}

export async function qualificationsOf(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, QualificationRow[]>> {
  if (ids.length === 0) return new Map();
  // Dates as YYYY-MM-DD text: drivers would turn a `date` into a time-zoned Date.
  const rows = await db.query<QualificationRow>(
    `SELECT id, professional_id AS "professionalId", kind, issuer, to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn",
       to_char(valid_until, 'YYYY-MM-DD') AS "validUntil", reference
     FROM qualifications WHERE professional_id = ANY($1::uuid[]) ORDER BY issued_on, kind`,
    [ids],
  );
  return byProfessional(rows, (r) => r);
}

export async function establishmentsOf(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, { finess: string; name: string }[]>> {
  const rows = await db.query<{ professionalId: string; finess: string; name: string }>(
    `SELECT pe.professional_id AS "professionalId", pe.finess, e.name
     FROM professional_establishments pe JOIN establishments e ON e.finess = pe.finess
     WHERE pe.professional_id = ANY($1::uuid[]) ORDER BY e.name`,
    [ids],
  );
  return byProfessional(rows, ({ finess, name }) => ({ finess, name }));
}

/** Where these professionals work, as locations (a professional on record works somewhere). */
export async function placesOf(db: Queryable, ids: readonly string[]): Promise<Map<string, Location[]>> {
  const rows = await db.query<{ professionalId: string; finess: string; regionCode: string; departementCode: string }>(
    `SELECT pe.professional_id AS "professionalId", pe.finess, d.region_code AS "regionCode", e.departement_code AS "departementCode"
     FROM professional_establishments pe JOIN establishments e ON e.finess = pe.finess JOIN departements d ON d.code = e.departement_code
     WHERE pe.professional_id = ANY($1::uuid[])`,
    [ids],
  );
  return byProfessional(rows, (r) => ({
    regionCode: r.regionCode,
    departementCode: r.departementCode,
    establishment: r.finess,
  }));
}

export interface ProfessionalFilter {
  q?: string;
  finess?: string;
  region?: string;
  profession?: Profession;
  /** Holding this qualification valid on `on`. */
  qualification?: QualificationKind;
  /** YYYY-MM-DD */
  on: string;
  limit: number;
  offset: number;
}

/** Professionals working at an establishment within the reach, narrowed by the filter, by name. */
export async function listProfessionals(
  db: Queryable,
  reach: Reach,
  f: ProfessionalFilter,
): Promise<{ rows: ProfessionalRow[]; total: number }> {
  const p = createParams();
  const where: string[] = [];
  const scoped = establishmentReach(reach, 'pe.finess', p);
  if (scoped) where.push(scoped);
  if (f.finess) where.push(`pe.finess = ${p.add(f.finess)}`);
  if (f.region) where.push(`d.region_code = ${p.add(f.region)}`);
  const inner = `SELECT DISTINCT pe.professional_id FROM professional_establishments pe
    JOIN establishments e ON e.finess = pe.finess JOIN departements d ON d.code = e.departement_code
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const outer: string[] = [`p.id IN (${inner})`];
  if (f.q) {
    const like = p.add(`%${f.q.toLowerCase()}%`);
    outer.push(
      `(lower(p.last_name || ' ' || p.first_name) LIKE ${like} OR lower(p.first_name || ' ' || p.last_name) LIKE ${like} OR p.id_value LIKE ${like})`,
    );
  }
  if (f.profession) outer.push(`p.profession = ${p.add(f.profession)}`);
  if (f.qualification) {
    const on = p.add(f.on);
    outer.push(`EXISTS (SELECT 1 FROM qualifications x WHERE x.professional_id = p.id AND x.kind = ${p.add(f.qualification)}
      AND x.issued_on <= ${on}::date AND (x.valid_until IS NULL OR x.valid_until >= ${on}::date))`);
  }
  const rows = await db.query<ProfessionalRow & { total: number }>(
    `SELECT count(*) OVER ()::int AS total, ${COLUMNS} FROM professionals p WHERE ${outer.join(' AND ')}
     ORDER BY lower(p.last_name), lower(p.first_name), p.id LIMIT ${p.add(f.limit)} OFFSET ${p.add(f.offset)}`,
    p.values,
  );
  return { rows: rows.map(({ total: _, ...r }) => r), total: rows[0]?.total ?? 0 };
}

export async function findProfessional(db: Queryable, id: string, lock = false): Promise<ProfessionalRow | undefined> {
  const [row] = await db.query<ProfessionalRow>(
    `SELECT ${COLUMNS} FROM professionals p WHERE p.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row;
}

export async function professionalExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM professionals WHERE id = $1', [id])).length > 0;
}

export async function findByIdentifier(
  db: Queryable,
  kind: ProfessionalIdKind,
  value: string,
): Promise<{ id: string } | undefined> {
  const [row] = await db.query<{ id: string }>('SELECT id FROM professionals WHERE id_kind = $1 AND id_value = $2', [
    kind,
    value,
  ]);
  return row;
}

/** The professionals carrying these identifier values, whatever their kind (an RPPS and an INAMI number may coincide). */
export async function professionalsByIdValue(
  db: Queryable,
  values: readonly string[],
): Promise<{ id: string; idValue: string }[]> {
  return db.query('SELECT id, id_value AS "idValue" FROM professionals WHERE id_value = ANY($1::text[])', [values]);
}

/** The professional an account is, if any. */
export async function professionalOfUser(db: Queryable, userId: string): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>('SELECT id FROM professionals WHERE user_id = $1', [userId]);
  return row?.id;
}

/** Whether the professional works at one of these establishments. */
export async function worksAtAny(db: Queryable, id: string, finess: readonly string[]): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM professional_establishments WHERE professional_id = $1 AND finess = ANY($2::text[])',
    [id, finess],
  );
  return rows.length > 0;
}

export async function insertProfessional(db: Queryable, n: NewProfessional): Promise<ProfessionalRow> {
  const [row] = await db.query<ProfessionalRow>(
    `INSERT INTO professionals AS p (id_kind, id_value, first_name, last_name, profession, email, phone)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [n.idKind, n.idValue, n.firstName, n.lastName, n.profession, n.email, n.phone],
  );
  return row as ProfessionalRow;
}

export async function setEstablishments(db: Queryable, id: string, finess: readonly string[]): Promise<void> {
  await db.query('DELETE FROM professional_establishments WHERE professional_id = $1', [id]);
  for (const f of new Set(finess)) {
    await db.query('INSERT INTO professional_establishments (professional_id, finess) VALUES ($1, $2)', [id, f]);
  }
}

/** Fields left undefined stay as they are; email and phone may be set to null. */
export interface ProfessionalChanges {
  firstName?: string;
  lastName?: string;
  profession?: Profession;
  email?: string | null;
  phone?: string | null;
}

/** Applies the changes and counts a version, at the app clock's instant. */
export async function updateProfessional(db: Queryable, id: string, c: ProfessionalChanges, at: Date): Promise<void> {
  await db.query(
    `UPDATE professionals SET first_name = coalesce($2, first_name), last_name = coalesce($3, last_name),
       profession = coalesce($4, profession), email = CASE WHEN $5 THEN $6 ELSE email END,
       phone = CASE WHEN $7 THEN $8 ELSE phone END, version = version + 1, updated_at = $9 WHERE id = $1`,
    [
      id,
      c.firstName ?? null,
      c.lastName ?? null,
      c.profession ?? null,
      c.email !== undefined,
      c.email ?? null,
      c.phone !== undefined,
      c.phone ?? null,
      at,
    ],
  );
}

/** Replaces these years' continuing-training hours. */
export async function setTrainingHours(
  db: Queryable,
  id: string,
  years: readonly { year: number; hours: number }[],
): Promise<void> {
  for (const h of years) {
    await db.query(
      `INSERT INTO training_hours (professional_id, year, hours) VALUES ($1, $2, $3)
       ON CONFLICT (professional_id, year) DO UPDATE SET hours = EXCLUDED.hours`,
      [id, h.year, h.hours],
    );
  }
}

export interface NewQualification {
  kind: QualificationKind;
  issuer: string;
  issuedOn: string;
  validUntil: string | null;
  reference: string | null;
}

/** Adds a qualification and counts a version of its professional. */
export async function addQualification(
  db: Queryable,
  id: string,
  q: NewQualification,
  by: { userId: string; at: Date },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO qualifications (professional_id, kind, issuer, issued_on, valid_until, reference, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [id, q.kind, q.issuer, q.issuedOn, q.validUntil, q.reference, by.userId],
  );
  await db.query('UPDATE professionals SET version = version + 1, updated_at = $2 WHERE id = $1', [id, by.at]);
  return (row as { id: string }).id;
}

/** A professional's record beside identity: training hours and activity by year (latest first), teams. */
export async function recordOf(db: Queryable, id: string) {
  const [hours, activity, teams] = await Promise.all([
    db.query<{ year: number; hours: string }>(
      'SELECT year, hours FROM training_hours WHERE professional_id = $1 ORDER BY year DESC',
      [id],
    ),
    db.query<ActivityYear>(
      'SELECT year, cec_runs AS "cecRuns", ecmo_runs AS "ecmoRuns" FROM activity_counts WHERE professional_id = $1 ORDER BY year DESC',
      [id],
    ),
    db.query<{ id: string; name: string; kind: TeamKind; role: MemberRole }>(
      'SELECT t.id, t.name, t.kind, m.role FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.professional_id = $1 ORDER BY t.name',
      [id],
    ),
  ]);
  // numeric comes back as text: hours may have decimals.
  return { trainingHours: hours.map((h) => ({ year: h.year, hours: Number(h.hours) })), activity, teams };
}

/** Professionals with their record, written at once (seeds and benchmarks; the caller owns the transaction). */
export interface SeedProfessionals {
  professionals: readonly (NewProfessional & { id: string; userId: string | null })[];
  establishments: readonly { professionalId: string; finess: string }[];
  qualifications: readonly (Omit<NewQualification, 'reference'> & { professionalId: string })[];
  trainingHours: readonly { professionalId: string; year: number; hours: number }[];
  activity: readonly (ActivityYear & { professionalId: string })[];
  centreActivity: readonly (ActivityYear & { finess: string })[];
}

export async function insertProfessionalsBulk(db: Queryable, s: SeedProfessionals): Promise<void> {
  await insertRows(
    db,
    'professionals',
    ['id', 'id_kind', 'id_value', 'first_name', 'last_name', 'profession', 'user_id'],
    s.professionals.map((p) => [p.id, p.idKind, p.idValue, p.firstName, p.lastName, p.profession, p.userId]),
  );
  await insertRows(
    db,
    'professional_establishments',
    ['professional_id', 'finess'],
    s.establishments.map((e) => [e.professionalId, e.finess]),
  );
  await insertRows(
    db,
    'qualifications',
    ['professional_id', 'kind', 'issuer', 'issued_on', 'valid_until'],
    s.qualifications.map((q) => [q.professionalId, q.kind, q.issuer, q.issuedOn, q.validUntil]),
  );
  await insertRows(
    db,
    'training_hours',
    ['professional_id', 'year', 'hours'],
    s.trainingHours.map((h) => [h.professionalId, h.year, h.hours]),
  );
  await insertRows(
    db,
    'activity_counts',
    ['professional_id', 'year', 'cec_runs', 'ecmo_runs'],
    s.activity.map((a) => [a.professionalId, a.year, a.cecRuns, a.ecmoRuns]),
  );
  await insertRows(
    db,
    'activity_counts',
    ['finess', 'year', 'cec_runs', 'ecmo_runs'],
    s.centreActivity.map((a) => [a.finess, a.year, a.cecRuns, a.ecmoRuns]),
  );
}
