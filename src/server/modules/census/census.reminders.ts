/** Census reminders: e-mails to the establishments that have not reported, and the outbox they land in. */
import type { z } from 'zod';
import type { ZRemindBody } from '../../../contracts/census.ts';
import { text } from '../../../contracts/messages.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { CensusSettings } from '../../config.ts';
import type { Queryable } from '../../db/client.ts';
import { type MailSettings, queueMails } from '../../mail/mailer.ts';
import * as outbox from '../../mail/outbox.repository.ts';
import { actorOf, assertAllowed, type ServiceContext } from '../context.ts';
import * as repo from './census.repository.ts';
import { getCensusCampaign } from './census.service.ts';

type Target = { finess: string; name: string };

/** Queues the reminder to each contact of one establishment, in the contact's language; returns how many. */
async function remindEstablishment(
  tx: Queryable,
  ctx: ServiceContext,
  mail: MailSettings,
  campaign: { week: string; dueAt: string },
  target: Target,
  contacts: readonly repo.HospitalContact[],
  at: Date,
): Promise<number> {
  const { week } = campaign;
  await queueMails(
    tx,
    contacts.map((c) => {
      // English readers get the instant as the API gives it; French readers, Paris wall time.
      const due =
        c.locale === 'en'
          ? campaign.dueAt
          : new Date(campaign.dueAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' });
      const params = { week, name: target.name, finess: target.finess, due, contact: c.display_name };
      return {
        to: c.email,
        subject: text(c.locale, 'census.reminder_subject', params),
        body: text(c.locale, 'census.reminder_body', { ...params, sender: ctx.user.displayName }),
      };
    }),
    mail,
    at,
  );
  await repo.insertReminder(tx, week, target.finess, ctx.user.email, contacts.length, at);
  return contacts.length;
}

/** E-mails the hospital contacts of establishments that have not reported this week; records each reminder. */
export async function remindMissing(
  ctx: ServiceContext,
  settings: CensusSettings,
  mail: MailSettings,
  week: string,
  body: z.output<typeof ZRemindBody>,
): Promise<{ establishments: number; recipients: number }> {
  const detail = await getCensusCampaign(ctx, settings, week, { region: body.region });
  const targets = detail.establishments.filter(
    (e) => (e.status === 'missing' || e.status === 'pending') && (!body.finess || body.finess.includes(e.finess)),
  );
  for (const t of targets)
    assertAllowed(ctx.user, 'census:remind', { regionCode: t.regionCode, establishment: t.finess });
  if (targets.length === 0) return { establishments: 0, recipients: 0 };
  const actor = actorOf(ctx);
  const result = await ctx.db.transaction(async (tx) => {
    const contacts = await repo.hospitalContacts(
      tx,
      targets.map((t) => t.finess),
    );
    let recipients = 0;
    for (const t of targets) {
      const to = contacts.filter((c) => c.finess === t.finess);
      recipients += await remindEstablishment(tx, ctx, mail, detail, t, to, actor.at);
    }
    await appendAudit(tx, actor, {
      action: 'census.remind',
      targetType: 'census_campaign',
      targetId: week,
      after: { establishments: targets.map((t) => t.finess), recipients },
    });
    return { establishments: targets.length, recipients };
  });
  await ctx.events.publish('census.changed', { week });
  return result;
}

/** The newest e-mails of the outbox (reminders and every other), for administrators. */
export async function listOutbox(db: Queryable, limit: number) {
  const mails = await outbox.listOutbox(db, limit);
  return { items: mails.map((m) => ({ ...m, createdAt: new Date(m.createdAt).toISOString() })) };
}
