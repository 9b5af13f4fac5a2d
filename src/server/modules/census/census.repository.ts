/** SQL for census campaigns, reports and reminders. */

import type { Locale } from '../../../contracts/messages.ts';
import type { ConsoleCounts, ReportSource } from '../../../domain/census.ts';
import type { Reach } from '../../../domain/policy.ts';
import type { Queryable } from '../../db/client.ts';
import { createParams } from '../../db/sql.ts';
import { establishmentReach } from '../establishments/locations.repository.ts';

export interface CampaignRow {
  week: string;
  weekStart: string;
  dueAt: Date;
}

export async function findCampaign(db: Queryable, week: string): Promise<CampaignRow | undefined> {
  const [row] = await db.query<CampaignRow>(
    `SELECT week, to_char(week_start, 'YYYY-MM-DD') AS "weekStart", due_at AS "dueAt" FROM census_campaigns WHERE week = $1`,
    [week],
  );
  return row;
}

export async function insertCampaign(
  db: Queryable,
  c: { week: string; weekStart: string; dueAt: Date },
): Promise<boolean> {
  const rows = await db.query(
    'INSERT INTO census_campaigns (week, week_start, due_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING week',
    [c.week, c.weekStart, c.dueAt],
  );
  return rows.length > 0;
}

export interface ReportRow {
  id: string;
  week: string;
  finess: string;
  version: number;
  is_current: boolean;
  source: ReportSource;
  consoles_available: number;
  consoles_in_use: number;
  consoles_maintenance: number;
  consoles_lent: number;
  consoles_out_of_service: number;
  consoles_in_transit: number;
  circuits: number;
  cannulas: number;
  patients_vv: number;
  patients_va: number;
  teams: number;
  comment: string | null;
  correction_reason: string | null;
  submitted_at: Date;
  submitted_by_label: string;
  /** First submission of that week for that establishment (timeliness). */
  first_at: Date;
  due_at: Date;
}

const REPORT_COLUMNS = `r.id, r.week, r.finess, r.version, r.is_current, r.source, r.consoles_available, r.consoles_in_use,
  r.consoles_maintenance, r.consoles_lent, r.consoles_out_of_service, r.consoles_in_transit, r.circuits, r.cannulas,
  r.patients_vv, r.patients_va, r.teams, r.comment, r.correction_reason, r.submitted_at, r.submitted_by_label,
  (SELECT min(f.submitted_at) FROM census_reports f WHERE f.week = r.week AND f.finess = r.finess) AS first_at,
  (SELECT c.due_at FROM census_campaigns c WHERE c.week = r.week) AS due_at`;

export async function reportHistory(db: Queryable, finess: string, fromWeek: string): Promise<ReportRow[]> {
  return db.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM census_reports r WHERE r.finess = $1 AND r.week >= $2 ORDER BY r.week DESC, r.version DESC`,
    [finess, fromWeek],
  );
}

export interface NewReport {
  week: string;
  finess: string;
  version: number;
  source: ReportSource;
  consoles: ConsoleCounts;
  circuits: number;
  cannulas: number;
  patients: { vv: number; va: number };
  teams: number;
  comment: string | null;
  correctionReason: string | null;
  submittedAt: Date;
  submittedBy: string | null;
  submittedByLabel: string;
}

/** Per `week/finess` transaction locks, taken in a fixed order so that two writers never deadlock. */
export async function lockReports(db: Queryable, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.query(
    'SELECT pg_advisory_xact_lock(hashtext(k)) FROM (SELECT DISTINCT unnest($1::text[]) AS k ORDER BY 1) x',
    [keys.map((k) => `census:${k}`)],
  );
}

export async function findExpectedSites(db: Queryable, finess: readonly string[]): Promise<ExpectedSite[]> {
  return db.query<ExpectedSite>(
    `SELECT e.finess, e.name, e.city, d.region_code, e.departement_code, e.ecmo_centre
     FROM establishments e JOIN departements d ON d.code = e.departement_code WHERE e.finess = ANY($1::text[])`,
    [finess],
  );
}

/** Consoles the register holds per establishment (owned or on site), for many at once. */
export async function registeredConsolesMany(db: Queryable, finess: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ finess: string; n: number }>(
    `SELECT f AS finess, count(*)::int AS n FROM (
       SELECT owner_finess AS f FROM consoles WHERE owner_finess = ANY($1::text[])
       UNION ALL
       SELECT site_finess FROM consoles WHERE site_finess = ANY($1::text[]) AND owner_finess IS DISTINCT FROM site_finess
     ) x GROUP BY f`,
    [finess],
  );
  return new Map(rows.map((r) => [r.finess, r.n]));
}

export async function currentReports(
  db: Queryable,
  weeks: readonly string[],
  finess: readonly string[],
): Promise<ReportRow[]> {
  return db.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM census_reports r WHERE r.is_current AND r.week = ANY($1::text[]) AND r.finess = ANY($2::text[])`,
    [weeks, finess],
  );
}

export async function reportsById(db: Queryable, ids: readonly string[]): Promise<ReportRow[]> {
  return db.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM census_reports r WHERE r.id = ANY($1::uuid[])`, [ids]);
}

/** Inserts new versions, making each the current one of its week and establishment. Returns ids in order. */
export async function insertReports(db: Queryable, reports: readonly NewReport[]): Promise<string[]> {
  await db.query(
    `UPDATE census_reports SET is_current = false WHERE is_current AND week || '/' || finess = ANY($1::text[])`,
    [reports.map((r) => `${r.week}/${r.finess}`)],
  );
  const ids: string[] = [];
  for (let i = 0; i < reports.length; i += 200) {
    const params: unknown[] = [];
    const values = reports.slice(i, i + 200).map((r) => {
      const row = [
        r.week,
        r.finess,
        r.version,
        r.source,
        r.consoles.available,
        r.consoles.inUse,
        r.consoles.maintenance,
        r.consoles.lent,
        r.consoles.outOfService,
        r.consoles.inTransit,
        r.circuits,
        r.cannulas,
        r.patients.vv,
        r.patients.va,
        r.teams,
        r.comment,
        r.correctionReason,
        r.submittedAt,
        r.submittedBy,
        r.submittedByLabel,
      ];
      return `(${row.map((v) => `$${params.push(v)}`).join(', ')}, true)`;
    });
    const rows = await db.query<{ id: string; week: string; finess: string }>(
      `INSERT INTO census_reports (week, finess, version, source, consoles_available, consoles_in_use, consoles_maintenance,
         consoles_lent, consoles_out_of_service, consoles_in_transit, circuits, cannulas, patients_vv, patients_va, teams, comment,
         correction_reason, submitted_at, submitted_by, submitted_by_label, is_current)
       VALUES ${values.join(', ')} RETURNING id, week, finess`,
      params,
    );
    // Matched by key, not by position: RETURNING order is not promised.
    const byKey = new Map(rows.map((r) => [`${r.week}/${r.finess}`, r.id]));
    for (const r of reports.slice(i, i + 200)) ids.push(byKey.get(`${r.week}/${r.finess}`) ?? '');
  }
  return ids;
}

export interface ExpectedSite {
  finess: string;
  name: string;
  city: string | null;
  region_code: string;
  departement_code: string;
  ecmo_centre: boolean;
}

export interface CampaignSiteRow extends ExpectedSite {
  first_at: Date | null;
  last_reminder_at: Date | null;
  report: ReportRow | null;
  previous: ReportRow | null;
}

function reportJson(alias: string): string {
  return `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE to_jsonb(${alias}) END`;
}

/** Establishments expected to report (ECMO centres) within reach, with this week's and last known report. */
export async function campaignSites(
  db: Queryable,
  week: string,
  reach: Reach,
  filter: { region?: string; finess?: string },
): Promise<CampaignSiteRow[]> {
  const p = createParams();
  const w = p.add(week);
  const where = ['e.ecmo_centre'];
  const scoped = establishmentReach(reach, 'e.finess', p);
  if (scoped) where.push(scoped);
  if (filter.region) where.push(`d.region_code = ${p.add(filter.region)}`);
  if (filter.finess) where.push(`e.finess = ${p.add(filter.finess)}`);
  return db.query<CampaignSiteRow>(
    `SELECT e.finess, e.name, e.city, d.region_code, e.departement_code, e.ecmo_centre,
       (SELECT min(f.submitted_at) FROM census_reports f WHERE f.week = ${w} AND f.finess = e.finess) AS first_at,
       (SELECT max(m.at) FROM census_reminders m WHERE m.week = ${w} AND m.finess = e.finess) AS last_reminder_at,
       ${reportJson('cur')} AS report, ${reportJson('prev')} AS previous
     FROM establishments e JOIN departements d ON d.code = e.departement_code
     LEFT JOIN LATERAL (SELECT ${REPORT_COLUMNS} FROM census_reports r WHERE r.week = ${w} AND r.finess = e.finess AND r.is_current) cur ON true
     LEFT JOIN LATERAL (SELECT ${REPORT_COLUMNS} FROM census_reports r WHERE r.week < ${w} AND r.finess = e.finess AND r.is_current
                        ORDER BY r.week DESC LIMIT 1) prev ON true
     WHERE ${where.join(' AND ')}
     ORDER BY d.region_code, e.name`,
    p.values,
  );
}

export interface WeekCompletenessRow {
  week: string;
  week_start: string;
  due_at: Date;
  region_code: string;
  expected: number;
  received: number;
  on_time: number;
}

/** Per campaign and region: expected, received and on-time counts, within reach. */
export async function completenessByWeek(
  db: Queryable,
  weeks: string[],
  reach: Reach,
  region?: string,
): Promise<WeekCompletenessRow[]> {
  const p = createParams();
  const where = ['e.ecmo_centre'];
  const scoped = establishmentReach(reach, 'e.finess', p);
  if (scoped) where.push(scoped);
  if (region) where.push(`d.region_code = ${p.add(region)}`);
  return db.query<WeekCompletenessRow>(
    `WITH sites AS (
       SELECT e.finess, d.region_code FROM establishments e JOIN departements d ON d.code = e.departement_code
       WHERE ${where.join(' AND ')}),
     firsts AS (
       SELECT r.week, r.finess, min(r.submitted_at) AS first_at FROM census_reports r
       WHERE r.week = ANY(${p.add(weeks)}::text[]) GROUP BY r.week, r.finess)
     SELECT c.week, to_char(c.week_start, 'YYYY-MM-DD') AS week_start, c.due_at, s.region_code,
       count(*)::int AS expected, count(f.first_at)::int AS received,
       count(*) FILTER (WHERE f.first_at <= c.due_at)::int AS on_time
     FROM census_campaigns c CROSS JOIN sites s
     LEFT JOIN firsts f ON f.week = c.week AND f.finess = s.finess
     WHERE c.week = ANY(${p.add(weeks)}::text[])
     GROUP BY c.week, c.week_start, c.due_at, s.region_code`,
    p.values,
  );
}

export async function insertReminder(
  db: Queryable,
  week: string,
  finess: string,
  actorLabel: string,
  recipients: number,
  at: Date,
): Promise<void> {
  await db.query(
    'INSERT INTO census_reminders (week, finess, actor_label, recipients, at) VALUES ($1, $2, $3, $4, $5)',
    [week, finess, actorLabel, recipients, at],
  );
}

export interface HospitalContact {
  finess: string;
  email: string;
  display_name: string;
  locale: Locale;
}

/** Hospital users (clinicians, perfusionists) of establishments: who receives reminders. */
export async function hospitalContacts(db: Queryable, finess: string[]): Promise<HospitalContact[]> {
  return db.query(
    `SELECT DISTINCT ur.scope_code AS finess, u.email, u.display_name, u.locale FROM user_roles ur JOIN users u ON u.id = ur.user_id
     WHERE u.active AND ur.scope_kind = 'establishment' AND ur.role IN ('clinician', 'perfusionist') AND ur.scope_code = ANY($1::text[])`,
    [finess],
  );
}
