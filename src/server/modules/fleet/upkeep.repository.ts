/** SQL for console upkeep: pre-use checks, maintenance and calibration records, due dates and reminders. */
import type { TDeviceStatus } from '../../../contracts/fleet.ts';
import type { Reach } from '../../../domain/policy.ts';
import type { CheckItem, Intervals, MaintenanceKind } from '../../../domain/upkeep.ts';
import type { Queryable } from '../../db/client.ts';
import { createParams, insertRows, reachCondition } from '../../db/sql.ts';

/** A console as upkeep sees it: where it stands, whose it is, its due dates (YYYY-MM-DD). */
export interface UpkeepConsoleRow {
  id: string;
  serialNumber: string;
  model: string;
  status: TDeviceStatus;
  ownerFiness: string | null;
  ownerName: string | null;
  /** The establishment's FINESS or the depot's id. */
  siteId: string;
  siteName: string;
  siteFiness: string | null;
  regionCode: string;
  departementCode: string;
  ownerRegion: string | null;
  ownerDepartement: string | null;
  maintenanceDue: string | null;
  calibrationDue: string | null;
  checkRequired: boolean;
}

// Dates as YYYY-MM-DD text: drivers would turn a `date` into a time-zoned Date.
const COLUMNS = `c.id, c.serial_number AS "serialNumber", c.model, c.status, c.owner_finess AS "ownerFiness", oe.name AS "ownerName",
  coalesce(c.site_finess, c.site_depot) AS "siteId", coalesce(se.name, sp.name) AS "siteName", c.site_finess AS "siteFiness",
  sd.region_code AS "regionCode", sd.code AS "departementCode", od.region_code AS "ownerRegion", od.code AS "ownerDepartement",
  to_char(c.maintenance_due, 'YYYY-MM-DD') AS "maintenanceDue", to_char(c.calibration_due, 'YYYY-MM-DD') AS "calibrationDue",
  c.check_required AS "checkRequired"`;
const FROM = `consoles c
  LEFT JOIN establishments se ON se.finess = c.site_finess LEFT JOIN depots sp ON sp.id = c.site_depot
  JOIN departements sd ON sd.code = coalesce(se.departement_code, sp.departement_code)
  LEFT JOIN establishments oe ON oe.finess = c.owner_finess LEFT JOIN departements od ON od.code = oe.departement_code`;

/** The console, its row locked for update first when `lock`. */
export async function findUpkeepConsole(
  db: Queryable,
  id: string,
  lock = false,
): Promise<UpkeepConsoleRow | undefined> {
  if (lock) await db.query('SELECT id FROM consoles WHERE id = $1 FOR UPDATE', [id]);
  const [row] = await db.query<UpkeepConsoleRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.id = $1`, [id]);
  return row;
}

export interface DueFilter {
  /** Due on or before this day (YYYY-MM-DD), or awaiting a check. */
  until: string;
  region?: string;
  finess?: string;
  limit: number;
  offset: number;
}

/** Consoles within reach (where they stand or whose they are) due by `until` or awaiting a check, soonest first. */
export async function listDue(
  db: Queryable,
  reach: Reach,
  f: DueFilter,
): Promise<{ rows: UpkeepConsoleRow[]; total: number }> {
  const p = createParams();
  const until = p.add(f.until);
  const where = [`(c.maintenance_due <= ${until}::date OR c.calibration_due <= ${until}::date OR c.check_required)`];
  const scoped = reachCondition(
    reach,
    {
      regions: ['sd.region_code', 'od.region_code'],
      departements: ['sd.code', 'od.code'],
      establishments: ['c.site_finess', 'c.owner_finess'],
    },
    p,
  );
  if (scoped) where.push(scoped);
  if (f.region) {
    const region = p.add(f.region);
    where.push(`(sd.region_code = ${region} OR od.region_code = ${region})`);
  }
  if (f.finess) {
    const finess = p.add(f.finess);
    where.push(`(c.site_finess = ${finess} OR c.owner_finess = ${finess})`);
  }
  const rows = await db.query<UpkeepConsoleRow & { total: number }>(
    `SELECT count(*) OVER ()::int AS total, ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')}
     ORDER BY least(coalesce(c.maintenance_due, '9999-12-31'), coalesce(c.calibration_due, '9999-12-31')), c.serial_number
     LIMIT ${p.add(f.limit)} OFFSET ${p.add(f.offset)}`,
    p.values,
  );
  return { rows: rows.map(({ total: _, ...r }) => r), total: rows[0]?.total ?? 0 };
}

export interface CheckRow {
  id: string;
  consoleId: string;
  checkedAt: Date;
  signedBy: string;
  signer: string;
  items: Record<CheckItem, boolean>;
  passed: boolean;
  notes: string | null;
}

/** The latest pre-use check of each of these consoles. */
export async function lastChecks(db: Queryable, ids: readonly string[]): Promise<Map<string, CheckRow>> {
  const rows = await db.query<CheckRow>(
    `SELECT DISTINCT ON (k.console_id) k.id, k.console_id AS "consoleId", k.checked_at AS "checkedAt", k.signed_by AS "signedBy",
       p.first_name || ' ' || p.last_name AS signer, k.items, k.passed, k.notes
     FROM device_checks k JOIN professionals p ON p.id = k.signed_by WHERE k.console_id = ANY($1::uuid[])
     ORDER BY k.console_id, k.checked_at DESC`,
    [ids],
  );
  return new Map(rows.map((r) => [r.consoleId, r]));
}

export interface RecordRow {
  id: string;
  kind: MaintenanceKind;
  performedOn: string;
  performedBy: string;
  notes: string | null;
  nextDue: string;
  /** The e-mail of the account that recorded it; null for the seeded history. */
  recordedBy: string | null;
}

/** The console's latest 50 interventions, latest first. */
export async function recordsOf(db: Queryable, consoleId: string): Promise<RecordRow[]> {
  return db.query<RecordRow>(
    `SELECT r.id, r.kind, to_char(r.performed_on, 'YYYY-MM-DD') AS "performedOn", r.performed_by AS "performedBy", r.notes,
       to_char(r.next_due, 'YYYY-MM-DD') AS "nextDue", u.email AS "recordedBy"
     FROM maintenance_records r LEFT JOIN users u ON u.id = r.created_by WHERE r.console_id = $1
     ORDER BY r.performed_on DESC, r.created_at DESC LIMIT 50`,
    [consoleId],
  );
}

export interface NewCheck {
  consoleId: string;
  signedBy: string;
  items: Record<CheckItem, boolean>;
  passed: boolean;
  notes: string | null;
  createdBy: string;
  at: Date;
}

/**
 * Records a pre-use check: a passing one clears a pending check, a failing one holds the console back
 * until another passes. Counts a version of the console. Returns the check's id.
 */
export async function insertCheck(db: Queryable, c: NewCheck): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    'INSERT INTO device_checks (console_id, signed_by, items, passed, notes, created_by, checked_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
    [c.consoleId, c.signedBy, JSON.stringify(c.items), c.passed, c.notes, c.createdBy, c.at],
  );
  await db.query('UPDATE consoles SET check_required = $2, version = version + 1, updated_at = $3 WHERE id = $1', [
    c.consoleId,
    !c.passed,
    c.at,
  ]);
  return (row as { id: string }).id;
}

/** The model's own intervals, stored as data (corrected without a release), if any. */
export async function storedIntervals(db: Queryable, model: string): Promise<Intervals | null> {
  const [row] = await db.query<Intervals>(
    'SELECT maintenance_days AS "maintenanceDays", calibration_days AS "calibrationDays" FROM upkeep_intervals WHERE model = $1',
    [model],
  );
  return row ?? null;
}

export interface NewRecord {
  consoleId: string;
  kind: MaintenanceKind;
  performedOn: string;
  performedBy: string;
  professionalId: string | null;
  notes: string | null;
  nextDue: string;
  createdBy: string;
  at: Date;
}

/**
 * Records an intervention; the latest one of its kind sets the console's due date (recording an
 * older one never moves it back). Counts a version of the console.
 */
export async function insertRecord(db: Queryable, r: NewRecord): Promise<void> {
  await db.query(
    `INSERT INTO maintenance_records (console_id, kind, performed_on, performed_by, professional_id, notes, next_due, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [r.consoleId, r.kind, r.performedOn, r.performedBy, r.professionalId, r.notes, r.nextDue, r.createdBy, r.at],
  );
  const column = r.kind === 'maintenance' ? 'maintenance_due' : 'calibration_due';
  await db.query(
    `UPDATE consoles SET ${column} = (SELECT next_due FROM maintenance_records WHERE console_id = $1 AND kind = $2
       ORDER BY performed_on DESC, created_at DESC LIMIT 1), version = version + 1, updated_at = $3 WHERE id = $1`,
    [r.consoleId, r.kind, r.at],
  );
}

export interface DueReminder {
  consoleId: string;
  serialNumber: string;
  model: string;
  /** The owner, or where the console stands for the national stock's. */
  finess: string;
  kind: MaintenanceKind;
  due: string;
}

/** Due dates on or before `until` (YYYY-MM-DD) not reminded yet, per console and kind. */
export async function remindersDue(db: Queryable, until: string): Promise<DueReminder[]> {
  return db.query<DueReminder>(
    `SELECT c.id AS "consoleId", c.serial_number AS "serialNumber", c.model, coalesce(c.owner_finess, c.site_finess) AS finess,
       k.kind, to_char(k.due, 'YYYY-MM-DD') AS due
     FROM consoles c CROSS JOIN LATERAL (VALUES ('maintenance', c.maintenance_due), ('calibration', c.calibration_due)) AS k(kind, due)
     WHERE k.due IS NOT NULL AND k.due <= $1::date AND coalesce(c.owner_finess, c.site_finess) IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM upkeep_reminders r WHERE r.console_id = c.id AND r.kind = k.kind AND r.due = k.due)`,
    [until],
  );
}

/** Marks the reminder sent at `at`; false when another instance did first. */
export async function claimReminder(db: Queryable, d: DueReminder, at: Date): Promise<boolean> {
  const rows = await db.query(
    'INSERT INTO upkeep_reminders (console_id, kind, due, sent_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING console_id',
    [d.consoleId, d.kind, d.due, at],
  );
  return rows.length > 0;
}

/** An establishment's perfusionists: its perfusionist accounts, and the perfusionists on record there with an address. */
export async function perfusionistAddresses(db: Queryable, finess: string): Promise<string[]> {
  const rows = await db.query<{ email: string }>(
    `SELECT u.email FROM users u JOIN user_roles r ON r.user_id = u.id
     WHERE u.active AND r.role = 'perfusionist' AND r.scope_kind = 'establishment' AND r.scope_code = $1
     UNION
     SELECT p.email FROM professionals p JOIN professional_establishments pe ON pe.professional_id = p.id
     WHERE pe.finess = $1 AND p.profession = 'perfusionist' AND p.email IS NOT NULL
     ORDER BY 1`,
    [finess],
  );
  return rows.map((r) => r.email);
}

/** Every console's id, by serial number (seeds). */
export async function allConsoleIds(db: Queryable): Promise<string[]> {
  return (await db.query<{ id: string }>('SELECT id FROM consoles ORDER BY serial_number')).map((c) => c.id);
}

/** Past interventions and the due dates they set, written at once (seeds; the caller owns the transaction). */
export async function insertUpkeepHistory(
  db: Queryable,
  records: readonly {
    consoleId: string;
    kind: MaintenanceKind;
    performedOn: string;
    performedBy: string;
    nextDue: string;
  }[],
  dues: readonly { consoleId: string; maintenanceDue: string; calibrationDue: string }[],
): Promise<void> {
  await insertRows(
    db,
    'maintenance_records',
    ['console_id', 'kind', 'performed_on', 'performed_by', 'next_due'],
    records.map((r) => [r.consoleId, r.kind, r.performedOn, r.performedBy, r.nextDue]),
  );
  for (let i = 0; i < dues.length; i += 500) {
    const chunk = dues.slice(i, i + 500);
    await db.query(
      `UPDATE consoles c SET maintenance_due = v.m::date, calibration_due = v.k::date
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, m, k) WHERE c.id = v.id`,
      [chunk.map((d) => d.consoleId), chunk.map((d) => d.maintenanceDue), chunk.map((d) => d.calibrationDue)],
    );
  }
}
