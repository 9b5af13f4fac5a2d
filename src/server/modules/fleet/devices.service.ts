/** The console register: create, change status or site (with a reason), read history. */
import type { z } from 'zod';
import type { TDevice, ZCreateDevice, ZDeviceListQuery, ZUpdateDevice } from '../../../contracts/fleet.ts';
import { message, noun } from '../../../contracts/messages.ts';
import { DEVICE_STATUSES, type DeviceStatus } from '../../../domain/fleet.ts';
import { isAllowed, reachOf } from '../../../domain/policy.ts';
import { instant } from '../../../domain/time.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Queryable } from '../../db/client.ts';
import { conflict, forbidden, invalid, issue, issueSaying, notFound, staleVersion } from '../../http/errors.ts';
import type { AuthUser } from '../../http/session.ts';
import { actorOf, assertAllowed, type ServiceContext } from '../context.ts';
import * as repo from './devices.repository.ts';
import { assertFilterInReach, locationOf, requireSite, siteColumns } from './sites.ts';

export function toDeviceDto(r: repo.DeviceRow): TDevice {
  return {
    id: r.id,
    manufacturer: r.manufacturer,
    model: r.model,
    serialNumber: r.serialNumber,
    udi: r.udi,
    owner: r.owner,
    site: r.site,
    status: r.status,
    statusSince: instant(r.statusSince),
    version: r.version,
    updatedAt: instant(r.updatedAt),
  };
}

/** A console is within a user's reach where it stands or where its owner is. */
function canSee(user: AuthUser, action: 'device:read' | 'device:update', d: repo.DeviceRow): boolean {
  return (
    isAllowed(user.grants, action, locationOf(d.site)) ||
    (d.owner !== null && isAllowed(user.grants, action, locationOf(d.owner)))
  );
}

export async function listDevices(ctx: ServiceContext, query: z.output<typeof ZDeviceListQuery>) {
  await assertFilterInReach(ctx.db, ctx.user, 'device:list', query);
  const { rows, total, byStatus } = await repo.listDevices(ctx.db, reachOf(ctx.user.grants, 'device:list'), query);
  // Every status is counted, those without a console at 0 (fromEntries cannot know its keys).
  const counts = Object.fromEntries(DEVICE_STATUSES.map((s) => [s, byStatus[s] ?? 0])) as Record<DeviceStatus, number>;
  return { items: rows.map(toDeviceDto), total, limit: query.limit, offset: query.offset, byStatus: counts };
}

export async function getDevice(ctx: ServiceContext, id: string): Promise<TDevice> {
  const row = await repo.findDevice(ctx.db, id);
  if (!row || !canSee(ctx.user, 'device:read', row)) throw notFound('noun.console');
  return toDeviceDto(row);
}

export async function listDeviceHistory(ctx: ServiceContext, id: string) {
  const row = await repo.findDevice(ctx.db, id);
  if (!row || !canSee(ctx.user, 'device:read', row)) throw notFound('noun.console');
  const events = await repo.listDeviceEvents(ctx.db, id);
  return { items: events.map((e) => ({ ...e, at: instant(e.at) })) };
}

const siteId = (s: { siteFiness: string | null; siteDepot: string | null }): string =>
  s.siteFiness ?? s.siteDepot ?? '';

type CreateInput = z.output<typeof ZCreateDevice>;

/** Where the new console stands and who owns it, if the caller may register it there and it is new. */
async function checkRegistration(tx: Queryable, ctx: ServiceContext, input: CreateInput) {
  const site = await requireSite(tx, input.site, 'body.site');
  const owner = input.ownerFiness ? await requireSite(tx, { finess: input.ownerFiness }, 'body.ownerFiness') : null;
  assertAllowed(ctx.user, 'device:create', site.location);
  // The national stock is the nation's: only a national scope may register its consoles.
  assertAllowed(ctx.user, 'device:create', owner ? owner.location : {});
  if (input.status === 'lent' && owner?.id === site.id) throw invalid([issue('body.status', 'lent_at_owner')]);
  if (await repo.findBySerial(tx, input.manufacturer, input.serialNumber))
    throw conflict(message('fleet.serial_taken'), [
      issueSaying('body.serialNumber', 'duplicate', message('fleet.serial_taken')),
    ]);
  return { site, owner };
}

export async function createDevice(ctx: ServiceContext, input: CreateInput): Promise<TDevice> {
  const dto = await ctx.db.transaction(async (tx) => {
    const { site, owner } = await checkRegistration(tx, ctx, input);
    const ids = siteColumns(site);
    const actor = actorOf(ctx);
    const id = await repo.insertDevice(tx, { ...input, ownerFiness: owner?.id ?? null, ...ids, statusSince: actor.at });
    await repo.insertDeviceEvent(tx, {
      at: actor.at,
      consoleId: id,
      actorId: ctx.user.id,
      actorLabel: ctx.user.email,
      kind: 'created',
      toStatus: input.status,
      toSite: siteId(ids),
      reason: input.reason ?? null,
    });
    const created = await repo.findDevice(tx, id);
    if (!created) throw new Error('console vanished after insert');
    const out = toDeviceDto(created);
    await appendAudit(tx, actor, {
      action: 'device.create',
      targetType: 'console',
      targetId: id,
      after: out,
      reason: input.reason ?? null,
    });
    return out;
  });
  await ctx.events.publish('fleet.changed', { console: dto.id });
  return dto;
}

type UpdateInput = z.output<typeof ZUpdateDevice>;

/** The console, locked for the change, if the caller may change it and read the version it sends. */
async function lockForUpdate(tx: Queryable, ctx: ServiceContext, id: string, version: number) {
  const current = await repo.findDevice(tx, id, true);
  if (!current || !canSee(ctx.user, 'device:read', current)) throw notFound('noun.console');
  if (!canSee(ctx.user, 'device:update', current)) throw forbidden();
  if (current.version !== version)
    throw conflict(message('stale_version', { what: noun('noun.console') }), [staleVersion('noun.console')]);
  return current;
}

/** What the change does: the status and site it leads to, the description fields it changes. */
async function planUpdate(tx: Queryable, ctx: ServiceContext, current: repo.DeviceRow, input: UpdateInput) {
  let target = { siteFiness: current.siteFiness, siteDepot: current.siteDepot };
  if (input.site) {
    const site = await requireSite(tx, input.site, 'body.site');
    assertAllowed(ctx.user, 'device:update', site.location);
    target = siteColumns(site);
  }
  const status = input.status ?? current.status;
  if (status === 'lent' && target.siteFiness !== null && target.siteFiness === current.ownerFiness)
    throw invalid([issue('body.status', 'lent_at_owner')]);
  const changes: Record<string, unknown> = {};
  if (input.model !== undefined && input.model !== current.model)
    changes.model = { from: current.model, to: input.model };
  if (input.udi !== undefined && input.udi !== current.udi) changes.udi = { from: current.udi, to: input.udi };
  const statusChanged = status !== current.status;
  const moved = siteId(target) !== siteId(current);
  if (!statusChanged && !moved && Object.keys(changes).length === 0) throw invalid([issue('body', 'no_change')]);
  return { status, target, changes, statusChanged, moved };
}

/** Writes the change and one history line per kind of change (status, site, description). */
async function applyUpdate(
  tx: Queryable,
  ctx: ServiceContext,
  current: repo.DeviceRow,
  input: UpdateInput,
  plan: Awaited<ReturnType<typeof planUpdate>>,
  at: Date,
): Promise<void> {
  const { status, target, changes, statusChanged } = plan;
  const udi = input.udi === undefined ? current.udi : input.udi;
  const row = { status, ...target, model: input.model ?? current.model, udi, statusChanged };
  await repo.updateDevice(tx, current.id, row, at);
  const base = { consoleId: current.id, actorId: ctx.user.id, actorLabel: ctx.user.email, reason: input.reason, at };
  if (statusChanged)
    await repo.insertDeviceEvent(tx, { ...base, kind: 'status', fromStatus: current.status, toStatus: status });
  if (plan.moved)
    await repo.insertDeviceEvent(tx, { ...base, kind: 'moved', fromSite: siteId(current), toSite: siteId(target) });
  if (Object.keys(changes).length) await repo.insertDeviceEvent(tx, { ...base, kind: 'updated', changes });
}

/**
 * Changes a console's status, site or description. The caller sends the version it read: a console
 * changed meanwhile answers 409 rather than silently overwriting the other change.
 */
export async function updateDevice(ctx: ServiceContext, id: string, input: UpdateInput): Promise<TDevice> {
  const dto = await ctx.db.transaction(async (tx) => {
    const current = await lockForUpdate(tx, ctx, id, input.version);
    const plan = await planUpdate(tx, ctx, current, input);
    const actor = actorOf(ctx);
    await applyUpdate(tx, ctx, current, input, plan, actor.at);
    const updated = await repo.findDevice(tx, id);
    if (!updated) throw new Error('console vanished after update');
    const out = toDeviceDto(updated);
    const before = toDeviceDto(current);
    await appendAudit(tx, actor, {
      action: 'device.update',
      targetType: 'console',
      targetId: id,
      before,
      after: out,
      reason: input.reason,
    });
    return out;
  });
  await ctx.events.publish('fleet.changed', { console: id });
  return dto;
}
