/** SQL for ECMO consoles and their history. */
import type { TSite } from '../../../contracts/fleet.ts';
import type { DeviceEventKind, DeviceStatus } from '../../../domain/fleet.ts';
import type { Reach } from '../../../domain/policy.ts';
import type { Queryable } from '../../db/client.ts';
import { createParams, reachCondition } from '../../db/sql.ts';
import { siteJoin } from './sites.repository.ts';

export interface DeviceRow {
  id: string;
  manufacturer: string;
  model: string;
  serialNumber: string;
  udi: string | null;
  owner: TSite | null;
  site: TSite;
  status: DeviceStatus;
  statusSince: Date;
  version: number;
  updatedAt: Date;
  siteFiness: string | null;
  siteDepot: string | null;
  ownerFiness: string | null;
}

const site = siteJoin('s', 'c.site_finess', 'c.site_depot');
const owner = siteJoin('o', 'c.owner_finess', 'NULL::text');
const SELECT = `SELECT c.id, c.manufacturer, c.model, c.serial_number AS "serialNumber", c.udi, c.status,
  c.status_since AS "statusSince", c.version, c.updated_at AS "updatedAt",
  c.site_finess AS "siteFiness", c.site_depot AS "siteDepot", c.owner_finess AS "ownerFiness",
  ${site.json} AS site, ${owner.json} AS owner
  FROM consoles c ${site.joins} ${owner.joins}`;

export interface DeviceFilter {
  q?: string;
  status?: DeviceStatus;
  region?: string;
  departement?: string;
  finess?: string;
  depot?: string;
  nationalStock?: 'true' | 'false';
  limit: number;
  offset: number;
}

export async function listDevices(db: Queryable, reach: Reach, f: DeviceFilter) {
  const p = createParams();
  const where: string[] = [];
  const scoped = reachCondition(
    reach,
    {
      regions: [site.region, owner.region],
      departements: [site.departement, owner.departement],
      establishments: ['c.site_finess', 'c.owner_finess'],
    },
    p,
  );
  if (scoped) where.push(scoped);
  if (f.region) where.push(`(${site.region} = ${p.add(f.region)})`);
  if (f.departement) where.push(`(${site.departement} = ${p.add(f.departement)})`);
  if (f.finess) {
    const ph = p.add(f.finess);
    where.push(`(c.site_finess = ${ph} OR c.owner_finess = ${ph})`);
  }
  if (f.depot) where.push(`c.site_depot = ${p.add(f.depot)}`);
  if (f.nationalStock === 'true') where.push('c.owner_finess IS NULL');
  if (f.nationalStock === 'false') where.push('c.owner_finess IS NOT NULL');
  if (f.q) {
    const ph = p.add(`%${f.q}%`);
    where.push(
      `(c.serial_number ILIKE ${ph} OR c.model ILIKE ${ph} OR c.manufacturer ILIKE ${ph} OR c.udi ILIKE ${ph})`,
    );
  }
  const base = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const byStatusRows = await db.query<{ status: DeviceStatus; n: number }>(
    `SELECT c.status, count(*)::int AS n FROM consoles c ${site.joins} ${owner.joins} ${base} GROUP BY c.status`,
    p.values,
  );
  const statusFilter = f.status ? `${base ? `${base} AND` : 'WHERE'} c.status = ${p.add(f.status)}` : base;
  const [count] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM consoles c ${site.joins} ${owner.joins} ${statusFilter}`,
    p.values,
  );
  const rows = await db.query<DeviceRow>(
    `${SELECT} ${statusFilter} ORDER BY ${site.region}, ${site.name}, c.manufacturer, c.serial_number
     LIMIT ${p.add(f.limit)} OFFSET ${p.add(f.offset)}`,
    p.values,
  );
  return { rows, total: count?.n ?? 0, byStatus: Object.fromEntries(byStatusRows.map((r) => [r.status, r.n])) };
}

export async function findDevice(db: Queryable, id: string, forUpdate = false): Promise<DeviceRow | undefined> {
  if (forUpdate) await db.query('SELECT id FROM consoles WHERE id = $1 FOR UPDATE', [id]);
  const [row] = await db.query<DeviceRow>(`${SELECT} WHERE c.id = $1`, [id]);
  return row;
}

export async function findBySerial(
  db: Queryable,
  manufacturer: string,
  serial: string,
): Promise<{ id: string } | undefined> {
  const [row] = await db.query<{ id: string }>(
    'SELECT id FROM consoles WHERE lower(manufacturer) = lower($1) AND serial_number = $2',
    [manufacturer, serial],
  );
  return row;
}

export interface NewDevice {
  manufacturer: string;
  model: string;
  serialNumber: string;
  udi: string | null;
  ownerFiness: string | null;
  siteFiness: string | null;
  siteDepot: string | null;
  status: DeviceStatus;
  /** The app clock's instant of the registration. */
  statusSince: Date;
}

export async function insertDevice(db: Queryable, d: NewDevice): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO consoles (manufacturer, model, serial_number, udi, owner_finess, site_finess, site_depot, status, status_since)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [d.manufacturer, d.model, d.serialNumber, d.udi, d.ownerFiness, d.siteFiness, d.siteDepot, d.status, d.statusSince],
  );
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function updateDevice(
  db: Queryable,
  id: string,
  c: {
    status: DeviceStatus;
    siteFiness: string | null;
    siteDepot: string | null;
    model: string;
    udi: string | null;
    statusChanged: boolean;
  },
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE consoles SET status = $2, site_finess = $3, site_depot = $4, model = $5, udi = $6,
       status_since = CASE WHEN $7 THEN $8 ELSE status_since END, version = version + 1, updated_at = $8
     WHERE id = $1`,
    [id, c.status, c.siteFiness, c.siteDepot, c.model, c.udi, c.statusChanged, at],
  );
}

export interface DeviceEventInput {
  consoleId: string;
  actorId: string | null;
  actorLabel: string;
  kind: DeviceEventKind;
  fromStatus?: DeviceStatus | null;
  toStatus?: DeviceStatus | null;
  fromSite?: string | null;
  toSite?: string | null;
  changes?: Record<string, unknown> | null;
  reason?: string | null;
  at: Date;
}

export async function insertDeviceEvent(db: Queryable, e: DeviceEventInput): Promise<void> {
  await db.query(
    `INSERT INTO console_events (console_id, actor_id, actor_label, kind, from_status, to_status, from_site, to_site, changes, reason, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
    [
      e.consoleId,
      e.actorId,
      e.actorLabel,
      e.kind,
      e.fromStatus ?? null,
      e.toStatus ?? null,
      e.fromSite ?? null,
      e.toSite ?? null,
      e.changes ? JSON.stringify(e.changes) : null,
      e.reason ?? null,
      e.at,
    ],
  );
}

/** The "created" event of every console that has none yet (consoles registered in bulk by the seeds). */
export async function insertCreatedEvents(db: Queryable, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO console_events (console_id, actor_label, kind, to_status, to_site, reason, at)
     SELECT id, 'system', 'created', status, coalesce(site_finess, site_depot), 'seed', $1 FROM consoles c
     WHERE NOT EXISTS (SELECT 1 FROM console_events e WHERE e.console_id = c.id)`,
    [at],
  );
}

export async function listDeviceEvents(db: Queryable, consoleId: string) {
  return db.query<{
    id: number;
    at: Date;
    actor: string;
    kind: DeviceEventKind;
    fromStatus: DeviceStatus | null;
    toStatus: DeviceStatus | null;
    fromSite: string | null;
    toSite: string | null;
    changes: Record<string, unknown> | null;
    reason: string | null;
  }>(
    `SELECT id::int AS id, at, actor_label AS actor, kind, from_status AS "fromStatus", to_status AS "toStatus",
       from_site AS "fromSite", to_site AS "toSite", changes, reason
     FROM console_events WHERE console_id = $1 ORDER BY at DESC, id DESC`,
    [consoleId],
  );
}

export async function countDevices(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM consoles');
  return row?.n ?? 0;
}
