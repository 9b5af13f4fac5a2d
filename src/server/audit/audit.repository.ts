/** SQL for the audit journal: its hash-chained entries (`audit_log`) and the newest hash (`audit_head`). */
import type { Queryable } from '../db/client.ts';
import { createParams } from '../db/sql.ts';

// Appends are serialized so that each entry chains onto exactly one predecessor.
const AUDIT_LOCK = 72_746_002;

/** An entry as stored; `seq` is a bigint, read as text. */
export interface AuditRow {
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
  prevHash: string;
  hash: string;
}

/** An entry to insert: `before` and `after` already JSON text (or null). */
export type NewAuditRow = Omit<AuditRow, 'before' | 'after'> & { before: string | null; after: string | null };

/** Holds the journal's append lock until the transaction ends. */
export async function lockJournal(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
}

/** The recorded head of the chain: the newest entry's sequence and hash, if any entry was ever written. */
export async function readHeadRow(db: Queryable): Promise<{ seq: string; hash: string } | undefined> {
  const [head] = await db.query<{ seq: string; hash: string }>('SELECT seq::text AS seq, hash FROM audit_head');
  return head;
}

/** The next `n` sequence numbers, in order. */
export async function nextSequences(tx: Queryable, n: number): Promise<string[]> {
  const rows = await tx.query<{ seq: string }>(
    "SELECT nextval(pg_get_serial_sequence('audit_log', 'seq'))::text AS seq FROM generate_series(1, $1::int)",
    [n],
  );
  return rows.map((r) => r.seq);
}

/** Inserts entries in one statement. */
export async function insertEntries(tx: Queryable, rows: readonly NewAuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  const p = createParams();
  const values = rows.map(
    (r) =>
      `(${p.add(r.seq)}::bigint, ${p.add(r.at)}, ${p.add(r.actorId)}::uuid, ${p.add(r.actorLabel)}, ${p.add(r.action)}, ` +
      `${p.add(r.targetType)}, ${p.add(r.targetId)}, ${p.add(r.before)}::jsonb, ${p.add(r.after)}::jsonb, ` +
      `${p.add(r.reason)}, ${p.add(r.ip)}, ${p.add(r.prevHash)}, ${p.add(r.hash)})`,
  );
  await tx.query(
    `INSERT INTO audit_log (seq, at, actor_id, actor_label, action, target_type, target_id, before, after, reason, ip, prev_hash, hash)
     VALUES ${values.join(', ')}`,
    p.values,
  );
}

/** Records the newest entry as the chain's head. */
export async function writeHead(tx: Queryable, seq: string, hash: string): Promise<void> {
  await tx.query(
    `INSERT INTO audit_head (id, seq, hash) VALUES (true, $1::bigint, $2)
     ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`,
    [seq, hash],
  );
}

/** Up to `limit` entries after sequence `afterSeq`, in order. */
export async function entriesAfter(db: Queryable, afterSeq: string, limit: number): Promise<AuditRow[]> {
  return db.query<AuditRow>(
    `SELECT seq::text AS seq, at, actor_id AS "actorId", actor_label AS "actorLabel", action,
       target_type AS "targetType", target_id AS "targetId", before, after, reason, ip,
       prev_hash AS "prevHash", hash
     FROM audit_log WHERE audit_log.seq > $1::bigint ORDER BY audit_log.seq LIMIT $2`,
    [afterSeq, limit],
  );
}

/** The highest sequence in the journal (0 when it is empty). */
export async function lastSequence(db: Queryable): Promise<bigint> {
  const [last] = await db.query<{ seq: string | null }>('SELECT max(seq)::text AS seq FROM audit_log');
  return BigInt(last?.seq ?? 0);
}

/** The hash of the entry with this sequence, when it is in the journal. */
export async function hashOfEntry(db: Queryable, seq: string): Promise<string | undefined> {
  const [entry] = await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1::bigint', [seq]);
  return entry?.hash;
}
