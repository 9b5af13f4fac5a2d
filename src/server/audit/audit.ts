/**
 * The audit journal: every state change appends one entry in the same transaction as the change.
 * Entries are hash-chained (each hash covers the previous one), so altering or removing a row
 * breaks the chain at that row; `audit_head` keeps the newest hash so that removing the tail shows too.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/client.ts';

export interface Actor {
  id: string | null;
  label: string;
  ip?: string | null;
  /** When the change happens, read from the app's clock. */
  at: Date;
}

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

const GENESIS = '0'.repeat(64);
// Appends are serialized so that each entry chains onto exactly one predecessor.
const AUDIT_LOCK = 72_746_002;

/** Key-sorted JSON, so that the hash does not depend on how jsonb orders keys. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

interface HashedFields {
  seq: string;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  ip: string | null;
}

function entryHash(prevHash: string, f: HashedFields): string {
  const body = canonicalJson({ ...f, at: f.at.toISOString() });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** Appends an entry; call it inside the transaction that makes the change. */
export async function appendAudit(tx: Queryable, actor: Actor, entry: AuditEntry): Promise<void> {
  await appendAuditMany(tx, actor, [entry]);
}

/** Appends several entries in order, chained one onto the other, in a few statements (bulk imports). */
export async function appendAuditMany(tx: Queryable, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  const head = (await tx.query<{ hash: string }>('SELECT hash FROM audit_head'))[0];
  const seqs = await tx.query<{ seq: string }>(
    "SELECT nextval(pg_get_serial_sequence('audit_log', 'seq'))::text AS seq FROM generate_series(1, $1::int)",
    [entries.length],
  );
  // Millisecond precision: what JavaScript dates carry, so the hash can be recomputed from the row.
  const at = new Date(actor.at.getTime());
  let prevHash = head?.hash ?? GENESIS;
  const rows: unknown[][] = [];
  for (const [i, entry] of entries.entries()) {
    const fields: HashedFields = {
      seq: seqs[i]?.seq ?? '',
      at,
      actorId: actor.id,
      actorLabel: actor.label,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      before: normalize(entry.before),
      after: normalize(entry.after),
      reason: entry.reason ?? null,
      ip: actor.ip ?? null,
    };
    const hash = entryHash(prevHash, fields);
    rows.push([
      fields.seq,
      at,
      fields.actorId,
      fields.actorLabel,
      fields.action,
      fields.targetType,
      fields.targetId,
      fields.before === null ? null : JSON.stringify(fields.before),
      fields.after === null ? null : JSON.stringify(fields.after),
      fields.reason,
      fields.ip,
      prevHash,
      hash,
    ]);
    prevHash = hash;
  }
  const params: unknown[] = [];
  const values = rows.map((r) => {
    const p = r.map((v) => `$${params.push(v)}`);
    return `(${p[0]}::bigint, ${p[1]}, ${p[2]}::uuid, ${p[3]}, ${p[4]}, ${p[5]}, ${p[6]}, ${p[7]}::jsonb, ${p[8]}::jsonb, ${p.slice(9).join(', ')})`;
  });
  await tx.query(
    `INSERT INTO audit_log (seq, at, actor_id, actor_label, action, target_type, target_id, before, after, reason, ip, prev_hash, hash)
     VALUES ${values.join(', ')}`,
    params,
  );
  const last = rows[rows.length - 1] as unknown[];
  await tx.query(
    `INSERT INTO audit_head (id, seq, hash) VALUES (true, $1::bigint, $2)
     ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`,
    [last[0], prevHash],
  );
}

/** JSON round trip: what jsonb will give back (dates as strings, undefined dropped). */
function normalize(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value));
}

export type AuditVerdict =
  | { ok: true; entries: number }
  | { ok: false; entries: number; badSeq: string; problem: string };

interface AuditRow {
  seq: string;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

/** Walks the whole chain in order; names the first entry that does not hold. */
export async function verifyAuditChain(db: Queryable, pageSize = 5000): Promise<AuditVerdict> {
  let prevHash = GENESIS;
  let lastSeq = '0';
  let count = 0;
  for (;;) {
    const rows = await db.query<AuditRow>(
      `SELECT seq::text AS seq, at, actor_id, actor_label, action, target_type, target_id, before, after, reason, ip, prev_hash, hash
       FROM audit_log WHERE audit_log.seq > $1::bigint ORDER BY audit_log.seq LIMIT $2`,
      [lastSeq, pageSize],
    );
    for (const r of rows) {
      count++;
      if (r.prev_hash !== prevHash) {
        return {
          ok: false,
          entries: count,
          badSeq: r.seq,
          problem: 'does not chain onto the entry before it (an entry was removed or altered)',
        };
      }
      const expected = entryHash(prevHash, {
        seq: r.seq,
        at: new Date(r.at),
        actorId: r.actor_id,
        actorLabel: r.actor_label,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        before: r.before,
        after: r.after,
        reason: r.reason,
        ip: r.ip,
      });
      if (expected !== r.hash) {
        return {
          ok: false,
          entries: count,
          badSeq: r.seq,
          problem: 'its content does not match its hash (the row was altered)',
        };
      }
      prevHash = r.hash;
      lastSeq = r.seq;
    }
    if (rows.length < pageSize) break;
  }
  const head = (await db.query<{ seq: string; hash: string }>('SELECT seq::text AS seq, hash FROM audit_head'))[0];
  if (head && head.hash !== prevHash) {
    return {
      ok: false,
      entries: count,
      badSeq: head.seq,
      problem: 'the newest entries are missing (the chain ends before its recorded head)',
    };
  }
  if (!head && count > 0) {
    return { ok: false, entries: count, badSeq: lastSeq, problem: 'the recorded head of the chain is missing' };
  }
  return { ok: true, entries: count };
}
