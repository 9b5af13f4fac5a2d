/**
 * Notifications to regulators: a request filed (its region's regulators), escalated (the national
 * regulators) or overdue (both). Each is created once, in the transaction of its cause, with an e-mail to each
 * recipient (SMTP or the development outbox), and stays active until someone acknowledges it.
 */
import { reachOf } from '../../../domain/policy.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { RegulationSettings } from '../../config.ts';
import type { Database, Queryable } from '../../db/client.ts';
import { createParams } from '../../db/sql.ts';
import { notFound } from '../../http/errors.ts';
import { type MailSettings, queueMails } from '../../mail/mailer.ts';
import { actorOf, type ServiceContext } from '../context.ts';

export type NotificationKind = 'request_filed' | 'request_escalated' | 'request_overdue';

interface NotificationRow {
  id: number;
  created_at: Date;
  kind: NotificationKind;
  request_id: string;
  region_code: string | null;
  message: string;
  acknowledged_at: Date | null;
  acknowledged_label: string | null;
}

const toDto = (n: NotificationRow) => ({
  id: Number(n.id),
  createdAt: new Date(n.created_at).toISOString(),
  kind: n.kind,
  requestId: n.request_id,
  regionCode: n.region_code,
  message: n.message,
  acknowledgedAt: n.acknowledged_at ? new Date(n.acknowledged_at).toISOString() : null,
  acknowledgedBy: n.acknowledged_label,
});

/** Creates the notification (once per request and kind, dated `now`) and queues its e-mails; returns whether it was new. */
export async function notify(
  tx: Queryable,
  mail: MailSettings,
  n: { kind: NotificationKind; requestId: string; regionCode: string | null; message: string },
  now: Date,
): Promise<boolean> {
  const created = await tx.query(
    `INSERT INTO notifications (kind, request_id, region_code, message, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (request_id, kind) DO NOTHING RETURNING id`,
    [n.kind, n.requestId, n.regionCode, n.message, now],
  );
  if (created.length === 0) return false;
  // Filed: the region's regulators. Escalated: the national ones. Overdue: both, since the region
  // should escalate and the nation may step in.
  const recipients = await tx.query<{ email: string }>(
    `SELECT DISTINCT u.email FROM users u JOIN user_roles r ON r.user_id = u.id
     WHERE u.active AND ((r.role = 'regional_regulator' AND r.scope_code = $1) OR (r.role = 'national_regulator' AND $2))`,
    [n.regionCode, n.regionCode === null || n.kind === 'request_overdue'],
  );
  await queueMails(
    tx,
    recipients.map((r) => ({
      to: r.email,
      subject: `Relais — ${n.message}`,
      body: `${n.message}\n\nOuvrez Relais pour traiter et acquitter cette alerte.`,
    })),
    mail,
    now,
  );
  return true;
}

export async function listNotifications(ctx: ServiceContext, active: boolean) {
  const reach = reachOf(ctx.user.grants, 'notification:read');
  const p = createParams();
  const where: string[] = [];
  if (!reach.everywhere) where.push(`n.region_code = ANY(${p.add(reach.regions)}::text[])`);
  // A filed request is its region's to take in: the nation is alerted when it is escalated or overdue.
  else where.push(`n.kind <> 'request_filed'`);
  const activeClause = active ? 'n.acknowledged_at IS NULL' : 'true';
  const clause = where.length ? `AND ${where.join(' AND ')}` : '';
  const rows = await ctx.db.query<NotificationRow>(
    `SELECT n.id::int AS id, n.created_at, n.kind, n.request_id, n.region_code, n.message, n.acknowledged_at, n.acknowledged_label
     FROM notifications n WHERE ${activeClause} ${clause} ORDER BY n.acknowledged_at IS NULL DESC, n.created_at DESC, n.id DESC LIMIT 200`,
    p.values,
  );
  const [count] = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications n WHERE n.acknowledged_at IS NULL ${clause}`,
    p.values,
  );
  return { items: rows.map(toDto), active: count?.n ?? 0 };
}

export async function acknowledge(ctx: ServiceContext, id: number) {
  const reach = reachOf(ctx.user.grants, 'notification:read');
  const row = await ctx.db.transaction(async (tx) => {
    const [n] = await tx.query<NotificationRow>(
      `SELECT id::int AS id, created_at, kind, request_id, region_code, message, acknowledged_at, acknowledged_label
       FROM notifications WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const visible = n && (reach.everywhere || (n.region_code !== null && reach.regions.includes(n.region_code)));
    if (!n || !visible) throw notFound('Notification');
    if (n.acknowledged_at) return n;
    const actor = actorOf(ctx);
    await tx.query(
      'UPDATE notifications SET acknowledged_at = $4, acknowledged_by = $2, acknowledged_label = $3 WHERE id = $1',
      [id, ctx.user.id, ctx.user.email, actor.at],
    );
    await appendAudit(tx, actor, {
      action: 'notification.acknowledge',
      targetType: 'notification',
      targetId: String(id),
      after: { kind: n.kind, requestId: n.request_id },
    });
    const [after] = await tx.query<NotificationRow>(
      `SELECT id::int AS id, created_at, kind, request_id, region_code, message, acknowledged_at, acknowledged_label FROM notifications WHERE id = $1`,
      [id],
    );
    return after as NotificationRow;
  });
  await ctx.events.publish('request.changed', { notification: id });
  return toDto(row);
}

/** Notifies the region's and the national regulators of requests left unregulated beyond their urgency's limit at `now`. */
export async function notifyOverdue(
  db: Database,
  settings: RegulationSettings,
  mail: MailSettings,
  now: Date,
): Promise<number> {
  const limits = settings.overdueMinutes;
  const rows = await db.query<{ id: string; case_code: string; region_code: string; urgency: string }>(
    `SELECT r.id, r.case_code, d.region_code, r.urgency FROM ecmo_requests r
     JOIN establishments e ON e.finess = r.finess JOIN departements d ON d.code = e.departement_code
     WHERE r.state IN ('filed', 'regional_regulation') AND (
       (r.urgency = 'immediate' AND r.filed_at < $4::timestamptz - make_interval(mins => $1::int)) OR
       (r.urgency = 'hours' AND r.filed_at < $4::timestamptz - make_interval(mins => $2::int)) OR
       (r.urgency = 'planned' AND $3::int IS NOT NULL AND r.filed_at < $4::timestamptz - make_interval(mins => $3::int)))
       AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.request_id = r.id AND n.kind = 'request_overdue')`,
    [limits.immediate, limits.hours, limits.planned, now],
  );
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
          message: `Demande ${r.case_code} (région ${r.region_code}) sans solution au-delà du délai : escalade proposée`,
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
