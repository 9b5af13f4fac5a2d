/**
 * Notifications to regulators: a request filed (its region's regulators), escalated (the national
 * regulators) or overdue (both). Each is created once, in the transaction of its cause, with an e-mail to each
 * recipient (SMTP or the development outbox), and stays active until someone acknowledges it.
 */
import { type MessageRef, message, renderMessage, text } from '../../../contracts/messages.ts';
import { reachOf } from '../../../domain/policy.ts';
import { AWAITING_STATES, type NotificationKind, URGENCIES } from '../../../domain/regulation.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { RegulationSettings } from '../../config.ts';
import type { Database, Queryable } from '../../db/client.ts';
import { notFound } from '../../http/errors.ts';
import { type MailSettings, queueMails } from '../../mail/mailer.ts';
import { actorOf, type ServiceContext } from '../context.ts';
import * as repo from './notifications.repository.ts';
import { listOverdue } from './requests.repository.ts';

export type { NotificationKind } from '../../../domain/regulation.ts';

const toDto = (n: repo.NotificationRow) => ({
  id: Number(n.id),
  createdAt: new Date(n.created_at).toISOString(),
  kind: n.kind,
  requestId: n.request_id,
  regionCode: n.region_code,
  message: n.message,
  acknowledgedAt: n.acknowledged_at ? new Date(n.acknowledged_at).toISOString() : null,
  acknowledgedBy: n.acknowledged_label,
});

/**
 * Creates the notification (once per request and kind, dated `now`) and queues its e-mails; returns
 * whether it was new. Its text is stored and mailed in French, the regulators' language.
 */
export async function notify(
  tx: Queryable,
  mail: MailSettings,
  n: { kind: NotificationKind; requestId: string; regionCode: string | null; message: MessageRef },
  now: Date,
): Promise<boolean> {
  const written = renderMessage(n.message, 'fr');
  if (!(await repo.insertNotification(tx, { ...n, message: written }, now))) return false;
  // Filed: the region's regulators. Escalated: the national ones. Overdue: both, since the region
  // should escalate and the nation may step in.
  const recipients = await repo.regulatorEmails(
    tx,
    n.regionCode,
    n.regionCode === null || n.kind === 'request_overdue',
  );
  await queueMails(
    tx,
    recipients.map((to) => ({
      to,
      subject: text('fr', 'notification.mail_subject', { message: written }),
      body: text('fr', 'notification.mail_body', { message: written }),
    })),
    mail,
    now,
  );
  return true;
}

export async function listNotifications(ctx: ServiceContext, active: boolean) {
  const { rows, active: count } = await repo.listNotifications(
    ctx.db,
    reachOf(ctx.user.grants, 'notification:read'),
    active,
  );
  return { items: rows.map(toDto), active: count };
}

export async function acknowledge(ctx: ServiceContext, id: number) {
  const reach = reachOf(ctx.user.grants, 'notification:read');
  const row = await ctx.db.transaction(async (tx) => {
    const n = await repo.findNotification(tx, id, true);
    const visible = n && (reach.everywhere || (n.region_code !== null && reach.regions.includes(n.region_code)));
    if (!n || !visible) throw notFound('noun.notification');
    if (n.acknowledged_at) return n;
    const actor = actorOf(ctx);
    await repo.markAcknowledged(tx, id, actor, actor.at);
    await appendAudit(tx, actor, {
      action: 'notification.acknowledge',
      targetType: 'notification',
      targetId: String(id),
      after: { kind: n.kind, requestId: n.request_id },
    });
    return (await repo.findNotification(tx, id)) ?? n;
  });
  await ctx.events.publish('request.changed', { notification: id });
  return toDto(row);
}

/** The instant before which a request of each urgency filed is overdue at `now` (none for an urgency without a limit). */
function overdueCutoffs(settings: RegulationSettings, now: Date) {
  return URGENCIES.flatMap((urgency) => {
    const minutes = settings.overdueMinutes[urgency];
    return minutes === null ? [] : [{ urgency, filedBefore: new Date(now.getTime() - minutes * 60_000) }];
  });
}

/** Notifies the region's and the national regulators of requests left unregulated beyond their urgency's limit at `now`. */
export async function notifyOverdue(
  db: Database,
  settings: RegulationSettings,
  mail: MailSettings,
  now: Date,
): Promise<number> {
  const rows = await listOverdue(db, AWAITING_STATES, overdueCutoffs(settings, now));
  let created = 0;
  for (const r of rows) {
    const fresh = await db.transaction(async (tx) => {
      const isNew = await notify(
        tx,
        mail,
        {
          kind: 'request_overdue',
          requestId: r.id,
          regionCode: r.region_code,
          message: message('notification.request_overdue', { caseCode: r.case_code, region: r.region_code }),
        },
        now,
      );
      if (isNew) {
        await appendAudit(
          tx,
          { id: null, label: 'system', at: now },
          { action: 'request.overdue', targetType: 'ecmo_request', targetId: r.id, after: { urgency: r.urgency } },
        );
      }
      return isNew;
    });
    if (fresh) created++;
  }
  return created;
}
