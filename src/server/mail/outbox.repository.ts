/** SQL for the mail outbox (`mail_outbox`): every e-mail written, queued, sent or failed. */
import type { MailStatus } from '../../domain/mail.ts';
import type { Queryable } from '../db/client.ts';

export interface OutboxRow {
  id: number;
  createdAt: Date;
  to: string;
  subject: string;
  body: string;
  status: MailStatus;
}

export async function insertMail(
  tx: Queryable,
  m: { to: string; subject: string; body: string; status: Extract<MailStatus, 'queued' | 'outbox'>; createdAt: Date },
): Promise<void> {
  await tx.query(
    'INSERT INTO mail_outbox (to_address, subject, body, status, created_at) VALUES ($1, $2, $3, $4, $5)',
    [m.to, m.subject, m.body, m.status, m.createdAt],
  );
}

/** A mail waiting for SMTP; its id (a bigint) as text. */
export interface QueuedMail {
  id: string;
  to: string;
  subject: string;
  body: string;
}

/** The oldest mails waiting for SMTP, `limit` at most. */
export async function queuedMails(db: Queryable, limit: number): Promise<QueuedMail[]> {
  return db.query<QueuedMail>(
    `SELECT id::text AS id, to_address AS "to", subject, body FROM mail_outbox
     WHERE status = 'queued' ORDER BY id LIMIT $1`,
    [limit],
  );
}

export async function markSent(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query("UPDATE mail_outbox SET status = 'sent', sent_at = $2 WHERE id = $1::bigint", [id, at]);
}

export async function markFailed(db: Queryable, id: string, error: string): Promise<void> {
  await db.query("UPDATE mail_outbox SET status = 'failed', error = $2 WHERE id = $1::bigint", [id, error]);
}

/** The newest mails first, `limit` at most (the development outbox page). */
export async function listOutbox(db: Queryable, limit: number): Promise<OutboxRow[]> {
  return db.query<OutboxRow>(
    `SELECT id::int AS id, created_at AS "createdAt", to_address AS "to", subject, body, status
     FROM mail_outbox ORDER BY id DESC LIMIT $1`,
    [limit],
  );
}
