/** SQL for ECMO requests and their timeline. */
import type { Reach } from '../../../domain/policy.ts';
import type { Queryable } from '../../db/client.ts';
import { createParams, reachCondition } from '../../db/sql.ts';

export interface RequestRow {
  id: string;
  case_code: string;
  finess: string;
  establishment_name: string;
  city: string | null;
  region_code: string;
  departement_code: string;
  lat: number | null;
  lon: number | null;
  age_band: string;
  indication: 'VV' | 'VA' | 'ECPR';
  urgency: 'immediate' | 'hours' | 'planned';
  clinical: Record<string, unknown>;
  site_can_host: boolean;
  contact_name: string;
  contact_phone: string;
  state: string;
  outcome: string | null;
  decline_reason: string | null;
  escalation_reason: string | null;
  version: number;
  filed_at: Date;
  regulation_started_at: Date | null;
  escalated_at: Date | null;
  closed_at: Date | null;
  decided_option: {
    key: string;
    kind: string;
    provider: { id: string; name: string };
    consoleId: string;
    loanId: string | null;
    /** The circuit lot reserved with the console (decisions before it was recorded have none). */
    lotId?: string | null;
  } | null;
  decision_motivation: string | null;
}

const SELECT = `SELECT r.*, e.name AS establishment_name, e.city, e.lat, e.lon, e.departement_code, d.region_code
  FROM ecmo_requests r JOIN establishments e ON e.finess = r.finess JOIN departements d ON d.code = e.departement_code`;

export async function findRequest(db: Queryable, id: string, lock = false): Promise<RequestRow | undefined> {
  if (lock) await db.query('SELECT id FROM ecmo_requests WHERE id = $1 FOR UPDATE', [id]);
  const [row] = await db.query<RequestRow>(`${SELECT} WHERE r.id = $1`, [id]);
  return row;
}

export async function findLiveByCaseCode(db: Queryable, caseCode: string): Promise<{ id: string } | undefined> {
  const [row] = await db.query<{ id: string }>(
    "SELECT id FROM ecmo_requests WHERE case_code = $1 AND state NOT IN ('closed', 'declined')",
    [caseCode],
  );
  return row;
}

export async function listRequests(
  db: Queryable,
  reach: Reach,
  f: { state?: string; live?: 'true' | 'false'; region?: string; finess?: string; limit: number; offset: number },
): Promise<{ rows: RequestRow[]; total: number }> {
  const p = createParams();
  const where: string[] = [];
  const scoped = reachCondition(
    reach,
    { regions: ['d.region_code'], departements: ['e.departement_code'], establishments: ['r.finess'] },
    p,
  );
  if (scoped) where.push(scoped);
  if (f.state) where.push(`r.state = ${p.add(f.state)}`);
  if (f.live === 'true') where.push("r.state NOT IN ('closed', 'declined')");
  if (f.live === 'false') where.push("r.state IN ('closed', 'declined')");
  if (f.region) where.push(`d.region_code = ${p.add(f.region)}`);
  if (f.finess) where.push(`r.finess = ${p.add(f.finess)}`);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const from =
    'FROM ecmo_requests r JOIN establishments e ON e.finess = r.finess JOIN departements d ON d.code = e.departement_code';
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${from} ${clause}`, p.values);
  const rows = await db.query<RequestRow>(
    `${SELECT} ${clause}
     ORDER BY (r.state IN ('closed', 'declined')), CASE r.urgency WHEN 'immediate' THEN 0 WHEN 'hours' THEN 1 ELSE 2 END, r.filed_at
     LIMIT ${p.add(f.limit)} OFFSET ${p.add(f.offset)}`,
    p.values,
  );
  return { rows, total: count?.n ?? 0 };
}

export async function insertRequest(
  db: Queryable,
  r: {
    caseCode: string;
    finess: string;
    ageBand: string;
    indication: string;
    urgency: string;
    clinical: unknown;
    siteCanHost: boolean;
    contactName: string;
    contactPhone: string;
    filedBy: string;
    filedAt: Date;
  },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO ecmo_requests (case_code, finess, age_band, indication, urgency, clinical, site_can_host, contact_name, contact_phone,
       state, filed_by, filed_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, 'filed', $10, $11, $11) RETURNING id`,
    [
      r.caseCode,
      r.finess,
      r.ageBand,
      r.indication,
      r.urgency,
      JSON.stringify(r.clinical),
      r.siteCanHost,
      r.contactName,
      r.contactPhone,
      r.filedBy,
      r.filedAt,
    ],
  );
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** Moves a request to a state, stamping the matching time (`at`, the app's clock); the caller checked the transition. */
export async function setState(
  db: Queryable,
  id: string,
  to: string,
  extra: { outcome?: string | null; declineReason?: string | null; escalationReason?: string | null },
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE ecmo_requests SET state = $2, version = version + 1, updated_at = $6,
       outcome = coalesce($3, outcome), decline_reason = coalesce($4, decline_reason), escalation_reason = coalesce($5, escalation_reason),
       regulation_started_at = CASE WHEN $2 = 'regional_regulation' THEN $6 ELSE regulation_started_at END,
       escalated_at = CASE WHEN $2 = 'escalated_national' THEN $6 ELSE escalated_at END,
       decided_at = CASE WHEN $2 = 'decided' THEN $6 ELSE decided_at END,
       closed_at = CASE WHEN $2 IN ('closed', 'declined') THEN $6 ELSE closed_at END
     WHERE id = $1`,
    [id, to, extra.outcome ?? null, extra.declineReason ?? null, extra.escalationReason ?? null, at],
  );
}

export async function insertEvent(
  db: Queryable,
  e: {
    requestId: string;
    actorId: string | null;
    actorLabel: string;
    kind: string;
    fromState?: string | null;
    toState?: string | null;
    reason?: string | null;
    at: Date;
  },
): Promise<void> {
  await db.query(
    'INSERT INTO request_events (request_id, actor_id, actor_label, kind, from_state, to_state, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [e.requestId, e.actorId, e.actorLabel, e.kind, e.fromState ?? null, e.toState ?? null, e.reason ?? null, e.at],
  );
}

export async function listEvents(db: Queryable, requestId: string) {
  return db.query<{
    at: Date;
    actor: string;
    kind: string;
    fromState: string | null;
    toState: string | null;
    reason: string | null;
  }>(
    `SELECT at, actor_label AS actor, kind, from_state AS "fromState", to_state AS "toState", reason
     FROM request_events WHERE request_id = $1 ORDER BY at, id`,
    [requestId],
  );
}
