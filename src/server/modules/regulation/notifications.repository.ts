/** SQL for notifications to regulators, their acknowledgement, and who receives them. */
import type { Reach } from '../../../domain/policy.ts';
import type { NotificationKind } from '../../../domain/regulation.ts';
import type { Role } from '../../../domain/roles.ts';
import type { Queryable } from '../../db/client.ts';
import { createParams } from '../../db/sql.ts';

export interface NotificationRow {
  id: number;
  created_at: Date;
  kind: NotificationKind;
  request_id: string;
  region_code: string | null;
  message: string;
  acknowledged_at: Date | null;
  acknowledged_label: string | null;
}

const COLUMNS =
  'n.id::int AS id, n.created_at, n.kind, n.request_id, n.region_code, n.message, n.acknowledged_at, n.acknowledged_label';

export interface NewNotification {
  kind: NotificationKind;
  requestId: string;
  regionCode: string | null;
  message: string;
}

/** Inserts the notification unless its request already has one of this kind; whether it was new. */
export async function insertNotification(db: Queryable, n: NewNotification, at: Date): Promise<boolean> {
  const created = await db.query(
    `INSERT INTO notifications (kind, request_id, region_code, message, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (request_id, kind) DO NOTHING RETURNING id`,
    [n.kind, n.requestId, n.regionCode, n.message, at],
  );
  return created.length > 0;
}

const REGIONAL: Role = 'regional_regulator';
const NATIONAL: Role = 'national_regulator';

/** The active regulators' addresses: the region's (if any), and the nation's when `national`. */
export async function regulatorEmails(db: Queryable, regionCode: string | null, national: boolean): Promise<string[]> {
  const rows = await db.query<{ email: string }>(
    `SELECT DISTINCT u.email FROM users u JOIN user_roles r ON r.user_id = u.id
     WHERE u.active AND ((r.role = $3 AND r.scope_code = $1) OR (r.role = $4 AND $2))`,
    [regionCode, national, REGIONAL, NATIONAL],
  );
  return rows.map((r) => r.email);
}

/**
 * Notifications within reach, the unacknowledged first, then the newest (200 at most), with the count
 * of those unacknowledged. A filed request is its region's to take in: the nation is alerted when it is
 * escalated or overdue.
 */
export async function listNotifications(
  db: Queryable,
  reach: Reach,
  activeOnly: boolean,
): Promise<{ rows: NotificationRow[]; active: number }> {
  const p = createParams();
  const where = reach.everywhere
    ? `n.kind <> ${p.add('request_filed' satisfies NotificationKind)}`
    : `n.region_code = ANY(${p.add(reach.regions)}::text[])`;
  const rows = await db.query<NotificationRow>(
    `SELECT ${COLUMNS} FROM notifications n WHERE ${activeOnly ? 'n.acknowledged_at IS NULL' : 'true'} AND ${where}
     ORDER BY n.acknowledged_at IS NULL DESC, n.created_at DESC, n.id DESC LIMIT 200`,
    p.values,
  );
  const [count] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications n WHERE n.acknowledged_at IS NULL AND ${where}`,
    p.values,
  );
  return { rows, active: count?.n ?? 0 };
}

export async function findNotification(db: Queryable, id: number, lock = false): Promise<NotificationRow | undefined> {
  const [row] = await db.query<NotificationRow>(
    `SELECT ${COLUMNS} FROM notifications n WHERE n.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row;
}

export async function markAcknowledged(
  db: Queryable,
  id: number,
  by: { id: string | null; label: string },
  at: Date,
): Promise<void> {
  await db.query(
    'UPDATE notifications SET acknowledged_at = $4, acknowledged_by = $2, acknowledged_label = $3 WHERE id = $1',
    [id, by.id, by.label, at],
  );
}
