/** An e-mail's state in the outbox: queued for SMTP, kept in the development outbox (no SMTP), sent, or failed. */
export const MAIL_STATUSES = ['queued', 'outbox', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
