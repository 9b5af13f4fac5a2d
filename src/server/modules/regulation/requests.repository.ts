/** SQL for ECMO requests and their timeline. */
import type { TEcmoRequest } from '../../../contracts/regulation.ts';
import type { Reach } from '../../../domain/policy.ts';
import {
  type AgeBand,
  CLOSED_STATES,
  type Indication,
  LIVE_STATES,
  type NotificationKind,
  type OptionKind,
  type Outcome,
  type RequestEventKind,
  type RequestState,
  URGENCIES,
  type Urgency,
} from '../../../domain/regulation.ts';
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
  age_band: AgeBand;
  indication: Indication;
  urgency: Urgency;
  clinical: TEcmoRequest['clinical'];
  site_can_host: boolean;
  contact_name: string;
  contact_phone: string;
  state: RequestState;
  outcome: Outcome | null;
  decline_reason: string | null;
  escalation_reason: string | null;
  version: number;
  filed_at: Date;
  regulation_started_at: Date | null;
  escalated_at: Date | null;
  closed_at: Date | null;
  decided_option: {
    key: string;
    kind: OptionKind;
    provider: { id: string; name: string };
    consoleId: string;
    loanId: string | null;
    /** The circuit lot reserved with the console (decisions before it was recorded have none). */
    lotId?: string | null;
  } | null;
  decision_motivation: string | null;
}

const FROM =
  'FROM ecmo_requests r JOIN establishments e ON e.finess = r.finess JOIN departements d ON d.code = e.departement_code';
const SELECT = `SELECT r.*, e.name AS establishment_name, e.city, e.lat, e.lon, e.departement_code, d.region_code ${FROM}`;

export async function findRequest(db: Queryable, id: string, lock = false): Promise<RequestRow | undefined> {
  if (lock) await db.query('SELECT id FROM ecmo_requests WHERE id = $1 FOR UPDATE', [id]);
  const [row] = await db.query<RequestRow>(`${SELECT} WHERE r.id = $1`, [id]);
  return row;
}

export async function findLiveByCaseCode(db: Queryable, caseCode: string): Promise<{ id: string } | undefined> {
  const [row] = await db.query<{ id: string }>(
    'SELECT id FROM ecmo_requests WHERE case_code = $1 AND state = ANY($2::text[])',
    [caseCode, LIVE_STATES],
  );
  return row;
}

export async function listRequests(
  db: Queryable,
  reach: Reach,
  f: { state?: RequestState; live?: 'true' | 'false'; region?: string; finess?: string; limit: number; offset: number },
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
  if (f.live === 'true') where.push(`r.state = ANY(${p.add(LIVE_STATES)}::text[])`);
  if (f.live === 'false') where.push(`r.state = ANY(${p.add(CLOSED_STATES)}::text[])`);
  if (f.region) where.push(`d.region_code = ${p.add(f.region)}`);
  if (f.finess) where.push(`r.finess = ${p.add(f.finess)}`);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${FROM} ${clause}`, [...p.values]);
  // Live requests first, the most urgent first (URGENCIES runs from the most urgent), the oldest first.
  const rows = await db.query<RequestRow>(
    `${SELECT} ${clause}
     ORDER BY (r.state = ANY(${p.add(CLOSED_STATES)}::text[])), array_position(${p.add(URGENCIES)}::text[], r.urgency), r.filed_at
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
    ageBand: AgeBand;
    indication: Indication;
    urgency: Urgency;
    clinical: TEcmoRequest['clinical'];
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
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $12, $10, $11, $11) RETURNING id`,
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
      'filed' satisfies RequestState,
    ],
  );
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** The instant a request's row stamps when it enters each state (closing and declining both close it). */
const STAMP: Record<RequestState, string | null> = {
  filed: null,
  regional_regulation: 'regulation_started_at',
  escalated_national: 'escalated_at',
  decided: 'decided_at',
  executing: null,
  closed: 'closed_at',
  declined: 'closed_at',
};

/** Moves a request to a state, stamping the matching time (`at`, the app's clock); the caller checked the transition. */
export async function setState(
  db: Queryable,
  id: string,
  to: RequestState,
  extra: { outcome?: Outcome | null; declineReason?: string | null; escalationReason?: string | null },
  at: Date,
): Promise<void> {
  const stamp = STAMP[to];
  await db.query(
    `UPDATE ecmo_requests SET state = $2, version = version + 1, updated_at = $6, ${stamp ? `${stamp} = $6,` : ''}
       outcome = coalesce($3, outcome), decline_reason = coalesce($4, decline_reason), escalation_reason = coalesce($5, escalation_reason)
     WHERE id = $1`,
    [id, to, extra.outcome ?? null, extra.declineReason ?? null, extra.escalationReason ?? null, at],
  );
}

/** What a decision records on its request: the option taken, with the console, circuit lot and loan it reserved. */
export type DecidedOption = NonNullable<RequestRow['decided_option']>;

/** Moves a request to `decided` with its option and motivation (`at`, the app's clock); the caller checked the transition. */
export async function recordDecision(
  db: Queryable,
  id: string,
  option: DecidedOption,
  motivation: string,
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE ecmo_requests SET state = $5, decided_at = $4, version = version + 1, updated_at = $4,
       decided_option = $2::jsonb, decision_motivation = $3 WHERE id = $1`,
    [id, JSON.stringify(option), motivation, at, 'decided' satisfies RequestState],
  );
}

/**
 * Requests in one of `states` filed before their urgency's cutoff (an urgency without a cutoff is never
 * overdue) that have no overdue notification yet.
 */
export async function listOverdue(
  db: Queryable,
  states: readonly RequestState[],
  cutoffs: readonly { urgency: Urgency; filedBefore: Date }[],
): Promise<{ id: string; case_code: string; region_code: string; urgency: Urgency }[]> {
  return db.query(
    `SELECT r.id, r.case_code, d.region_code, r.urgency ${FROM}
     JOIN unnest($2::text[], $3::timestamptz[]) AS c(urgency, filed_before) ON c.urgency = r.urgency
     WHERE r.state = ANY($1::text[]) AND r.filed_at < c.filed_before
       AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.request_id = r.id AND n.kind = $4)`,
    [
      states,
      cutoffs.map((c) => c.urgency),
      cutoffs.map((c) => c.filedBefore.toISOString()),
      'request_overdue' satisfies NotificationKind,
    ],
  );
}

export async function insertEvent(
  db: Queryable,
  e: {
    requestId: string;
    actorId: string | null;
    actorLabel: string;
    kind: RequestEventKind;
    fromState?: RequestState | null;
    toState?: RequestState | null;
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
    kind: RequestEventKind;
    fromState: RequestState | null;
    toState: RequestState | null;
    reason: string | null;
  }>(
    `SELECT at, actor_label AS actor, kind, from_state AS "fromState", to_state AS "toState", reason
     FROM request_events WHERE request_id = $1 ORDER BY at, id`,
    [requestId],
  );
}
