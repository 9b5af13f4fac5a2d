/** Console upkeep: pre-use checks, maintenance and calibration records, the consoles due. */
import { z } from 'zod';
import { CHECK_ITEMS, MAINTENANCE_KINDS, UPKEEP_STATES } from '../domain/upkeep.ts';
import { ZFiness, ZPageQuery, ZRegionCode } from './common.ts';
import { ZDeviceStatus } from './fleet.ts';
import { ZDate } from './teams.ts';

export const ZDeviceParams = z.strictObject({ id: z.uuid() });
export const ZRecordCheck = z.strictObject({
  /** The professional who signs: a perfusionist (or ECMO-qualified nurse) with a valid qualification. */
  signedBy: z.uuid(),
  items: z.strictObject(
    Object.fromEntries(CHECK_ITEMS.map((k) => [k, z.boolean()])) as Record<(typeof CHECK_ITEMS)[number], z.ZodBoolean>,
  ),
  notes: z.string().trim().max(500).nullable().default(null),
});
export const ZDeviceCheck = z.object({
  id: z.uuid(),
  consoleId: z.uuid(),
  checkedAt: z.iso.datetime(),
  signedBy: z.object({ id: z.uuid(), name: z.string() }),
  items: z.record(z.enum(CHECK_ITEMS), z.boolean()),
  passed: z.boolean(),
  notes: z.string().nullable(),
});
export const ZRecordMaintenance = z.strictObject({
  kind: z.enum(MAINTENANCE_KINDS),
  performedOn: ZDate,
  /** Who did it: a technician, a company (the manufacturer's service), or a professional below. */
  performedBy: z.string().trim().min(2).max(120),
  professionalId: z.uuid().nullable().default(null),
  notes: z.string().trim().max(500).nullable().default(null),
});
export const ZMaintenanceRecord = z.object({
  id: z.uuid(),
  consoleId: z.uuid(),
  kind: z.enum(MAINTENANCE_KINDS),
  performedOn: ZDate,
  performedBy: z.string(),
  notes: z.string().nullable(),
  nextDue: ZDate,
  recordedBy: z.string(),
});
export const ZUpkeepState = z.enum(UPKEEP_STATES);
export const ZDeviceUpkeep = z.object({
  consoleId: z.uuid(),
  serialNumber: z.string(),
  model: z.string(),
  site: z.object({ id: z.string(), name: z.string() }),
  owner: z.object({ finess: z.string(), name: z.string() }).nullable(),
  status: ZDeviceStatus,
  maintenanceDue: ZDate.nullable(),
  calibrationDue: ZDate.nullable(),
  maintenance: ZUpkeepState,
  calibration: ZUpkeepState,
  checkRequired: z.boolean(),
  /** Not offered by regulation: overdue, or a check pending. */
  blocked: z.boolean(),
  lastCheck: ZDeviceCheck.nullable(),
  records: z.array(ZMaintenanceRecord),
});
export const ZMaintenanceDueQuery = ZPageQuery.extend({
  region: ZRegionCode.optional(),
  finess: ZFiness.optional(),
  /** Due within this many days (overdue always included). */
  withinDays: z.coerce.number().int().min(0).max(365).default(30),
});
export const ZMaintenanceDuePage = z.object({
  today: ZDate,
  items: z.array(ZDeviceUpkeep.omit({ records: true })),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
