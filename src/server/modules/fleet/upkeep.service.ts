/**
 * Equipment upkeep: the pre-use check a qualified professional signs before a run, maintenance and
 * calibration records with the next due date from the model's interval, the list of consoles due,
 * and reminders ahead of due dates to the owning establishment's perfusionists. A console overdue
 * or awaiting a check is blocked: the options engine never offers it.
 */
import type { z } from 'zod';
import { message, text } from '../../../contracts/messages.ts';
import type { ZMaintenanceDueQuery, ZRecordCheck, ZRecordMaintenance } from '../../../contracts/upkeep.ts';
import { isAllowed, reachOf } from '../../../domain/policy.ts';
import type { Location } from '../../../domain/roles.ts';
import { parisDate } from '../../../domain/time.ts';
import { checkPasses, dueAfter, fitToGo, intervalsOf, maySignCheck, upkeepState } from '../../../domain/upkeep.ts';
import { type Actor, appendAudit } from '../../audit/audit.ts';
import type { UpkeepSettings } from '../../config.ts';
import type { Database, Queryable } from '../../db/client.ts';
import { forbidden, invalid, issue, notFound } from '../../http/errors.ts';
import { queueMails } from '../../mail/mailer.ts';
import { actorOf, type ServiceContext } from '../context.ts';
import { assertFilters } from '../establishments/locations.ts';
import { professionalExists, qualificationsOf, worksAtAny } from '../professionals/professionals.repository.ts';
import { insertDeviceEvent } from './devices.repository.ts';
import type { CheckRow, UpkeepConsoleRow } from './upkeep.repository.ts';
import * as repo from './upkeep.repository.ts';

/** Where a console is, and whose it is: either side's scope may see and keep it. */
function locations(c: UpkeepConsoleRow): Location[] {
  const out: Location[] = [
    { regionCode: c.regionCode, departementCode: c.departementCode, establishment: c.siteFiness },
  ];
  if (c.ownerFiness && c.ownerRegion) {
    out.push({ regionCode: c.ownerRegion, departementCode: c.ownerDepartement, establishment: c.ownerFiness });
  }
  return out;
}

/** The console if the user may see its upkeep (else 404), and for writing keep it (else 403). */
async function reachableConsole(
  ctx: ServiceContext,
  db: Queryable,
  id: string,
  write: boolean,
  lock = false,
): Promise<UpkeepConsoleRow> {
  const c = await repo.findUpkeepConsole(db, id, lock);
  if (!c || !locations(c).some((l) => isAllowed(ctx.user.grants, 'upkeep:read', l))) throw notFound('noun.console');
  if (write && !locations(c).some((l) => isAllowed(ctx.user.grants, 'upkeep:write', l))) throw forbidden();
  return c;
}

const checkDto = (k: CheckRow) => ({
  id: k.id,
  consoleId: k.consoleId,
  checkedAt: new Date(k.checkedAt).toISOString(),
  signedBy: { id: k.signedBy, name: k.signer },
  items: k.items,
  passed: k.passed,
  notes: k.notes,
});

function summary(c: UpkeepConsoleRow, on: string, soonDays: number, check: CheckRow | undefined) {
  return {
    consoleId: c.id,
    serialNumber: c.serialNumber,
    model: c.model,
    site: { id: c.siteId, name: c.siteName },
    owner: c.ownerFiness ? { finess: c.ownerFiness, name: c.ownerName ?? c.ownerFiness } : null,
    status: c.status,
    maintenanceDue: c.maintenanceDue,
    calibrationDue: c.calibrationDue,
    maintenance: upkeepState(c.maintenanceDue, on, soonDays),
    calibration: upkeepState(c.calibrationDue, on, soonDays),
    checkRequired: c.checkRequired,
    blocked: !fitToGo(c, on),
    lastCheck: check ? checkDto(check) : null,
  };
}

async function upkeepDto(db: Queryable, c: UpkeepConsoleRow, settings: UpkeepSettings, on: string) {
  const checks = await repo.lastChecks(db, [c.id]);
  const records = await repo.recordsOf(db, c.id);
  return {
    ...summary(c, on, settings.reminderDays, checks.get(c.id)),
    records: records.map((r) => ({ ...r, consoleId: c.id, recordedBy: r.recordedBy ?? 'system' })),
  };
}

export async function getDeviceUpkeep(ctx: ServiceContext, settings: UpkeepSettings, id: string) {
  return upkeepDto(ctx.db, await reachableConsole(ctx, ctx.db, id, false), settings, parisDate(ctx.clock.now()));
}

/**
 * The signer exists, holds a qualification to sign on `on`, and works where the console stands or at
 * its owner (a depot's console without owner: any qualified professional).
 */
async function assertSigner(tx: Queryable, c: UpkeepConsoleRow, signedBy: string, on: string): Promise<void> {
  const known = await professionalExists(tx, signedBy);
  const qualified = maySignCheck((await qualificationsOf(tx, [signedBy])).get(signedBy) ?? [], on);
  if (!known || !qualified) throw invalid([issue('body.signedBy', known ? 'not_qualified' : 'unknown_professional')]);
  const places = [c.siteFiness, c.ownerFiness].filter((f): f is string => f !== null);
  if (places.length && !(await worksAtAny(tx, signedBy, places))) {
    throw invalid([issue('body.signedBy', 'not_on_site')]);
  }
}

/** A line in the console's history (its page shows upkeep beside status changes), at the actor's instant. */
async function historyLine(tx: Queryable, actor: Actor, consoleId: string, reason: string): Promise<void> {
  await insertDeviceEvent(tx, {
    consoleId,
    actorId: actor.id,
    actorLabel: actor.label,
    kind: 'updated',
    reason,
    at: actor.at,
  });
}

/**
 * A change of a console's upkeep, in one transaction: the console locked, within the user's reach to
 * keep it (`change` records, and returns the console as it now stands); then the fleet looks again.
 */
async function changeUpkeep(
  ctx: ServiceContext,
  settings: UpkeepSettings,
  id: string,
  change: (tx: Queryable, c: UpkeepConsoleRow, actor: Actor, on: string) => Promise<UpkeepConsoleRow>,
) {
  const actor = actorOf(ctx);
  const on = parisDate(actor.at);
  const out = await ctx.db.transaction(async (tx) => {
    const c = await reachableConsole(ctx, tx, id, true, true);
    return upkeepDto(tx, await change(tx, c, actor, on), settings, on);
  });
  await ctx.events.publish('fleet.changed', { console: id });
  return out;
}

/** A signed pre-use check: a passing one clears a pending check, a failing one holds the console back. */
export async function recordDeviceCheck(
  ctx: ServiceContext,
  settings: UpkeepSettings,
  id: string,
  body: z.output<typeof ZRecordCheck>,
) {
  return changeUpkeep(ctx, settings, id, async (tx, c, actor, on) => {
    await assertSigner(tx, c, body.signedBy, on);
    const passed = checkPasses(body.items);
    const check = await repo.insertCheck(tx, { ...body, consoleId: id, passed, createdBy: ctx.user.id, at: actor.at });
    await historyLine(tx, actor, id, passed ? 'Pre-use check passed' : 'Pre-use check failed: console held back');
    await appendAudit(tx, actor, {
      action: 'device.check',
      targetType: 'console',
      targetId: id,
      before: { checkRequired: c.checkRequired },
      after: { check, passed, items: body.items, signedBy: body.signedBy },
      reason: body.notes,
    });
    return { ...c, checkRequired: !passed };
  });
}

/** A maintenance or calibration done; the next due date follows from the model's interval. */
export async function recordMaintenance(
  ctx: ServiceContext,
  settings: UpkeepSettings,
  id: string,
  body: z.output<typeof ZRecordMaintenance>,
) {
  if (body.performedOn > parisDate(ctx.clock.now())) throw invalid([issue('body.performedOn', 'in_future')]);
  return changeUpkeep(ctx, settings, id, async (tx, c, actor) => {
    if (body.professionalId && !(await professionalExists(tx, body.professionalId))) {
      throw invalid([issue('body.professionalId', 'unknown_professional')]);
    }
    const intervals = intervalsOf(c.model, await repo.storedIntervals(tx, c.model), settings);
    const days = body.kind === 'maintenance' ? intervals.maintenanceDays : intervals.calibrationDays;
    const nextDue = dueAfter(body.performedOn, days);
    await repo.insertRecord(tx, { ...body, consoleId: id, nextDue, createdBy: ctx.user.id, at: actor.at });
    await historyLine(tx, actor, id, `${body.kind} on ${body.performedOn} by ${body.performedBy}; next due ${nextDue}`);
    const after = (await repo.findUpkeepConsole(tx, id)) as UpkeepConsoleRow;
    await appendAudit(tx, actor, {
      action: `device.${body.kind}`,
      targetType: 'console',
      targetId: id,
      before: { maintenanceDue: c.maintenanceDue, calibrationDue: c.calibrationDue },
      after: { ...body, nextDue, maintenanceDue: after.maintenanceDue, calibrationDue: after.calibrationDue },
      reason: body.notes,
    });
    return after;
  });
}

export async function listMaintenanceDue(
  ctx: ServiceContext,
  settings: UpkeepSettings,
  q: z.output<typeof ZMaintenanceDueQuery>,
) {
  await assertFilters(ctx, 'upkeep:read', q);
  const on = parisDate(ctx.clock.now());
  const { rows, total } = await repo.listDue(ctx.db, reachOf(ctx.user.grants, 'upkeep:read'), {
    ...q,
    until: dueAfter(on, q.withinDays),
  });
  const checks = await repo.lastChecks(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    today: on,
    items: rows.map((r) => summary(r, on, settings.reminderDays, checks.get(r.id))),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

/** Sends one reminder, once: marks it sent, mails the establishment's perfusionists, audits. False when already sent. */
async function sendReminder(tx: Queryable, d: repo.DueReminder, settings: UpkeepSettings, now: Date): Promise<boolean> {
  if (!(await repo.claimReminder(tx, d, now))) return false;
  const recipients = await repo.perfusionistAddresses(tx, d.finess);
  // The reminder is written in French, the language of the hospitals it goes to.
  const params = { what: message(`upkeep.kind.${d.kind}`), serial: d.serialNumber, model: d.model, due: d.due };
  const subject = text('fr', 'upkeep.reminder_subject', params);
  const body = text('fr', 'upkeep.reminder_body', params);
  await queueMails(
    tx,
    recipients.map((to) => ({ to, subject, body })),
    settings.mail,
    now,
  );
  await appendAudit(
    tx,
    { id: null, label: 'system', at: now },
    {
      action: 'device.upkeep_reminder',
      targetType: 'console',
      targetId: d.consoleId,
      after: { kind: d.kind, due: d.due, recipients: recipients.length },
    },
  );
  return true;
}

/**
 * Reminds the perfusionists of a console's owning establishment (or of where it stands, for the
 * national stock's nobody) of a due date within `reminderDays`, once per console, kind and due date:
 * its perfusionist accounts and the perfusionists on record there with an e-mail address.
 */
export async function remindUpkeep(db: Database, settings: UpkeepSettings, now: Date): Promise<number> {
  let sent = 0;
  for (const d of await repo.remindersDue(db, dueAfter(parisDate(now), settings.reminderDays))) {
    if (await db.transaction((tx) => sendReminder(tx, d, settings, now))) sent++;
  }
  return sent;
}
