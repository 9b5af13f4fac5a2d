/**
 * Checkpoints of the audit chain, kept outside the database. A superuser can delete the newest entries
 * of `audit_log` and roll `audit_head` back with them (triggers off): the chain alone still holds. A
 * checkpoint — the head's sequence and hash, when, signed with HMAC-SHA256 under RELAIS_AUDIT_KEY — is
 * written to a folder (one file each, atomically) and mailed to an address, on a schedule and on demand
 * (`audit:checkpoint`); `audit:verify` then requires the chain to hold that entry with that hash.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { text } from '../../contracts/messages.ts';
import type { Clock } from '../clock.ts';
import type { Database, Queryable } from '../db/client.ts';
import { deliverQueued, type MailSettings, queueMails } from '../mail/mailer.ts';
import { findLocaleByEmail } from '../modules/users/users.repository.ts';
import { hashOfEntry, lastSequence, readHeadRow } from './audit.repository.ts';
import { type AuditVerdict, verifyAuditChain } from './audit.ts';

export interface AuditSettings {
  /** RELAIS_AUDIT_KEY: the secret signing checkpoints (HMAC-SHA256), at least 32 characters. */
  key?: string;
  /** RELAIS_AUDIT_CHECKPOINT_DIR: the folder receiving one file per checkpoint. */
  checkpointDir?: string;
  /** RELAIS_AUDIT_CHECKPOINT_MAIL: the address each checkpoint is mailed to. */
  checkpointMail?: string;
  /** Period of the scheduled checkpoints in ms (RELAIS_AUDIT_CHECKPOINT_MINUTES; 0: none). */
  everyMs: number;
  mail: MailSettings;
}

export interface Checkpoint {
  /** Sequence number of the newest entry (0: the journal was empty). */
  sequence: number;
  /** Its hash. */
  hash: string;
  /** When the checkpoint was taken, ISO 8601. */
  at: string;
  /** HMAC-SHA256 of the three fields above, hex. */
  signature: string;
}

export const MIN_KEY_LENGTH = 32;
const GENESIS = '0'.repeat(64);
const FILE_PATTERN = /^audit-checkpoint-(\d{12,})-[\dTZ]+\.json$/;

const ZCheckpoint = z.strictObject({
  sequence: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime(),
  signature: z.string().regex(/^[0-9a-f]{64}$/),
});

/** A checkpoint cannot be taken or checked as asked (no key, nowhere to write): said in plain words. */
export class CheckpointRefused extends Error {}

export function checkpointKey(key: string | undefined, purpose: 'sign' | 'check' = 'sign'): string {
  if (!key)
    throw new CheckpointRefused(
      purpose === 'sign'
        ? 'RELAIS_AUDIT_KEY is not set: refusing to write an unsigned checkpoint (set a secret of at least 32 characters, e.g. from `openssl rand -hex 32`)'
        : 'RELAIS_AUDIT_KEY is not set: the checkpoint’s signature cannot be checked (set the key that signed it)',
    );
  if (key.length < MIN_KEY_LENGTH)
    throw new CheckpointRefused(`RELAIS_AUDIT_KEY is too short: at least ${MIN_KEY_LENGTH} characters`);
  return key;
}

function signatureOf(key: string, c: Pick<Checkpoint, 'sequence' | 'hash' | 'at'>): string {
  return createHmac('sha256', key).update(`relais-audit-checkpoint/1\n${c.sequence}\n${c.hash}\n${c.at}`).digest('hex');
}

export function signCheckpoint(key: string, c: Pick<Checkpoint, 'sequence' | 'hash' | 'at'>): Checkpoint {
  return { sequence: c.sequence, hash: c.hash, at: c.at, signature: signatureOf(key, c) };
}

export function hasValidSignature(key: string, c: Checkpoint): boolean {
  const expected = Buffer.from(signatureOf(key, c), 'hex');
  const given = Buffer.from(c.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The checkpoint in a file's or a mail's text (the mail wraps it in sentences); null when there is none. */
export function parseCheckpoint(text: string): Checkpoint | null {
  // A raw saved mail may be quoted-printable: its soft line breaks (`=` at a line end) are undone first.
  const unwrapped = text.replace(/=\r?\n/g, '');
  const candidates = [text.trim(), ...(unwrapped.match(/\{[^{}]*"signature"[^{}]*\}/g) ?? [])];
  for (const candidate of candidates) {
    try {
      const parsed = ZCheckpoint.safeParse(JSON.parse(candidate));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: try the next candidate
    }
  }
  return null;
}

/** The head of the chain as recorded in the database. */
export async function readHead(db: Queryable): Promise<{ sequence: number; hash: string }> {
  const head = await readHeadRow(db);
  return head ? { sequence: Number(head.seq), hash: head.hash } : { sequence: 0, hash: GENESIS };
}

export function checkpointFileName(c: Checkpoint): string {
  return `audit-checkpoint-${String(c.sequence).padStart(12, '0')}-${c.at.replace(/[-:.]/g, '')}.json`;
}

/** Written whole or not at all: a temporary file, flushed, then renamed into place. */
function writeAtomically(dir: string, name: string, text: string): string {
  try {
    return writeFileAtomically(dir, name, text);
  } catch (error) {
    throw new CheckpointRefused(`cannot write the checkpoint in ${dir}: ${(error as Error).message}`);
  }
}

function writeFileAtomically(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const target = join(dir, name);
  const temporary = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'wx', 0o640);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, target);
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
  return target;
}

/** The checkpoint file of the folder with the highest sequence; `checkpoint` is null when it does not read as one. */
export function latestCheckpoint(dir: string): { file: string; checkpoint: Checkpoint | null } | null {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const [newest] = names
    .filter((n) => FILE_PATTERN.test(n))
    .sort((a, b) => {
      const sa = BigInt(FILE_PATTERN.exec(a)?.[1] ?? 0);
      const sb = BigInt(FILE_PATTERN.exec(b)?.[1] ?? 0);
      return sa === sb ? (a < b ? 1 : -1) : sa < sb ? 1 : -1;
    });
  if (!newest) return null;
  const file = join(dir, newest);
  return { file, checkpoint: parseCheckpoint(readFileSync(file, 'utf8')) };
}

export interface TakenCheckpoint {
  checkpoint: Checkpoint;
  /** The file written, when a folder is configured. */
  file?: string;
  /** The address mailed, when one is configured. */
  mailedTo?: string;
}

/** Signs the current head and writes it to the folder and the mail outbox (whichever are configured). */
export async function takeCheckpoint(db: Database, settings: AuditSettings, clock: Clock): Promise<TakenCheckpoint> {
  const key = checkpointKey(settings.key);
  if (!settings.checkpointDir && !settings.checkpointMail)
    throw new CheckpointRefused(
      'nowhere to keep the checkpoint outside the database: set RELAIS_AUDIT_CHECKPOINT_DIR or RELAIS_AUDIT_CHECKPOINT_MAIL',
    );
  const taken = await db.transaction(async (tx): Promise<TakenCheckpoint> => {
    const now = clock.now();
    const checkpoint = signCheckpoint(key, { ...(await readHead(tx)), at: now.toISOString() });
    const to = settings.checkpointMail;
    if (to) {
      const locale = (await findLocaleByEmail(tx, to)) ?? 'fr';
      const at = new Date(checkpoint.at).toLocaleString(locale === 'en' ? 'en-GB' : 'fr-FR', {
        timeZone: 'Europe/Paris',
        dateStyle: 'long',
        timeStyle: 'medium',
      });
      // The sequence as text: a number would be grouped ("n° 1 050"), unlike the CLI and the file name.
      const params = { sequence: String(checkpoint.sequence), at, checkpoint: JSON.stringify(checkpoint) };
      await queueMails(
        tx,
        [
          {
            to,
            subject: text(locale, 'audit.checkpoint.subject', params),
            body: text(locale, 'audit.checkpoint.body', params),
          },
        ],
        settings.mail,
        now,
      );
    }
    // Written before the mail commits: if the file cannot be written, no mail claims a checkpoint either.
    const file = settings.checkpointDir
      ? writeAtomically(settings.checkpointDir, checkpointFileName(checkpoint), `${JSON.stringify(checkpoint)}\n`)
      : undefined;
    return { checkpoint, ...(file ? { file } : {}), ...(to ? { mailedTo: to } : {}) };
  });
  if (taken.mailedTo && settings.mail.smtpUrl) await deliverQueued(db, settings.mail, clock);
  return taken;
}

/**
 * The chain checked whole, then against a checkpoint: its signature must hold, and the chain must
 * still contain its entry with its hash. Names what is missing when the journal ends before it.
 */
export async function verifyAgainstCheckpoint(
  db: Queryable,
  checkpoint: Checkpoint,
  key: string | undefined,
): Promise<AuditVerdict> {
  const checked = checkpointKey(key, 'check');
  const seq = String(checkpoint.sequence);
  const chain = await verifyAuditChain(db);
  if (!hasValidSignature(checked, checkpoint)) {
    return {
      ok: false,
      entries: chain.entries,
      badSeq: seq,
      problem: 'the checkpoint’s signature is not valid: it was forged or altered, or signed with another key',
    };
  }
  if (!chain.ok) return chain;
  if (checkpoint.sequence === 0) return chain;
  const lastSeq = await lastSequence(db);
  if (lastSeq < BigInt(checkpoint.sequence)) {
    const first = String(lastSeq + 1n);
    return {
      ok: false,
      entries: chain.entries,
      badSeq: first,
      problem: `${first === seq ? `entry ${seq} is` : `entries ${first} to ${seq} are`} missing: the journal was cut after a checkpoint`,
    };
  }
  const hash = await hashOfEntry(db, seq);
  if (hash === undefined) {
    return {
      ok: false,
      entries: chain.entries,
      badSeq: seq,
      problem: `entry ${seq} of the checkpoint is missing: the journal was cut after it and went on`,
    };
  }
  if (hash !== checkpoint.hash) {
    return {
      ok: false,
      entries: chain.entries,
      badSeq: seq,
      problem: `entry ${seq} differs from the checkpoint: the journal was rewritten up to it`,
    };
  }
  return chain;
}
