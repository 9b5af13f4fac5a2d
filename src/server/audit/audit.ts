/**
 * The audit journal: every state change appends one entry in the same transaction as the change.
 * Entries are hash-chained (each hash covers the previous one), so altering or removing a row
 * breaks the chain at that row; `audit_head` keeps the newest hash so that removing the tail shows too.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/client.ts';
import * as repo from './audit.repository.ts';

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

/** What an entry's hash covers: every column but the hashes. */
type HashedFields = Omit<repo.AuditRow, 'prevHash' | 'hash'>;

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
  await repo.lockJournal(tx);
  const head = await repo.readHeadRow(tx);
  const seqs = await repo.nextSequences(tx, entries.length);
  // Millisecond precision: what JavaScript dates carry, so the hash can be recomputed from the row.
  const at = new Date(actor.at.getTime());
  let prevHash = head?.hash ?? GENESIS;
  const rows: repo.NewAuditRow[] = [];
  for (const [i, entry] of entries.entries()) {
    const fields: HashedFields = {
      seq: seqs[i] ?? '',
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
    rows.push({
      ...fields,
      before: fields.before === null ? null : JSON.stringify(fields.before),
      after: fields.after === null ? null : JSON.stringify(fields.after),
      prevHash,
      hash,
    });
    prevHash = hash;
  }
  await repo.insertEntries(tx, rows);
  await repo.writeHead(tx, rows[rows.length - 1]?.seq ?? '', prevHash);
}

/** JSON round trip: what jsonb will give back (dates as strings, undefined dropped). */
function normalize(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value));
}

export type AuditVerdict =
  | { ok: true; entries: number }
  | { ok: false; entries: number; badSeq: string; problem: string };

/** Walks the whole chain in order; names the first entry that does not hold. */
export async function verifyAuditChain(db: Queryable, pageSize = 5000): Promise<AuditVerdict> {
  let prevHash = GENESIS;
  let lastSeq = '0';
  let count = 0;
  for (;;) {
    const rows = await repo.entriesAfter(db, lastSeq, pageSize);
    for (const r of rows) {
      count++;
      if (r.prevHash !== prevHash) {
        return {
          ok: false,
          entries: count,
          badSeq: r.seq,
          problem: 'does not chain onto the entry before it (an entry was removed or altered)',
        };
      }
      // Field by field: the hash covers these and no other column.
      const expected = entryHash(prevHash, {
        seq: r.seq,
        at: new Date(r.at),
        actorId: r.actorId,
        actorLabel: r.actorLabel,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
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
  const head = await repo.readHeadRow(db);
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
