/**
 * E-mail: every message is written to `mail_outbox` in the transaction of the change that causes it.
 * With SMTP_URL set, queued messages are then sent by nodemailer; without it they stay as the
 * development outbox, readable by administrators (listOutbox).
 */
import nodemailer from 'nodemailer';
import type { Clock } from '../clock.ts';
import type { Database, Queryable } from '../db/client.ts';
import * as outbox from './outbox.repository.ts';

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
  for (const m of mails) await outbox.insertMail(tx, { ...m, status, createdAt: now });
}

/**
 * Sends what is queued (after the queuing transaction committed), each mail dated by `clock` when sent.
 * Failures are recorded, not thrown.
 */
export async function deliverQueued(db: Database, settings: MailSettings, clock: Clock): Promise<number> {
  if (!settings.smtpUrl) return 0;
  const transport = nodemailer.createTransport(settings.smtpUrl);
  const queued = await outbox.queuedMails(db, 500);
  let sent = 0;
  for (const m of queued) {
    try {
      await transport.sendMail({ from: settings.mailFrom, to: m.to, subject: m.subject, text: m.body });
      await outbox.markSent(db, m.id, clock.now());
      sent++;
    } catch (error) {
      await outbox.markFailed(db, m.id, String((error as Error).message).slice(0, 500));
    }
  }
  transport.close();
  return sent;
}
