/**
 * E-mail: every message is written to `mail_outbox` in the transaction of the change that causes it.
 * With SMTP_URL set, queued messages are then sent by nodemailer; without it they stay as the
 * development outbox, readable by administrators (listOutbox).
 */
import nodemailer from 'nodemailer';
import type { Database, Queryable } from '../db/client.ts';

export interface Mail {
  to: string;
  subject: string;
  body: string;
}

export interface MailSettings {
  smtpUrl?: string;
  mailFrom: string;
}

/** Queues mails, dated `now` (the app's clock). */
export async function queueMails(
  tx: Queryable,
  mails: readonly Mail[],
  settings: MailSettings,
  now: Date,
): Promise<void> {
  const status = settings.smtpUrl ? 'queued' : 'outbox';
  for (const m of mails) {
    await tx.query(
      'INSERT INTO mail_outbox (to_address, subject, body, status, created_at) VALUES ($1, $2, $3, $4, $5)',
      [m.to, m.subject, m.body, status, now],
    );
  }
}

/** Sends what is queued (after the queuing transaction committed). Failures are recorded, not thrown. */
export async function deliverQueued(db: Database, settings: MailSettings): Promise<number> {
  if (!settings.smtpUrl) return 0;
  const transport = nodemailer.createTransport(settings.smtpUrl);
  const queued = await db.query<{ id: string; to_address: string; subject: string; body: string }>(
    "SELECT id::text AS id, to_address, subject, body FROM mail_outbox WHERE status = 'queued' ORDER BY id LIMIT 500",
  );
  let sent = 0;
  for (const m of queued) {
    try {
      await transport.sendMail({ from: settings.mailFrom, to: m.to_address, subject: m.subject, text: m.body });
      await db.query("UPDATE mail_outbox SET status = 'sent', sent_at = now() WHERE id = $1::bigint", [m.id]);
      sent++;
    } catch (error) {
      await db.query("UPDATE mail_outbox SET status = 'failed', error = $2 WHERE id = $1::bigint", [
        m.id,
        String((error as Error).message).slice(0, 500),
      ]);
    }
  }
  transport.close();
  return sent;
}
