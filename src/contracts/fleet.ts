import { z } from 'zod';
import {
  CANNULA_TYPES,
  DEVICE_EVENT_KINDS,
  DEVICE_STATUSES,
  type DeviceStatus,
  SITE_KINDS,
  STOCK_KINDS,
} from '../domain/fleet.ts';
import { ZDepartementCode, ZFiness, ZPageQuery, ZRegionCode } from './common.ts';

// The web reads the fleet's vocabulary through its contracts; the arrays live in the domain.
export { CANNULA_TYPES, DEVICE_STATUSES, STOCK_KINDS };

export const ZDeviceStatus = z.enum(DEVICE_STATUSES);
export type TDeviceStatus = DeviceStatus;

export const ZDepotId = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9-]{3,24}$/)
  .meta({ description: 'National-stock depot identifier', examples: ['SNS-LYON'] });

/** Where something is: an establishment (FINESS) or a national-stock depot. */
export const ZSite = z.object({
  kind: z.enum(SITE_KINDS),
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  departementCode: z.string(),
});
export type TSite = z.infer<typeof ZSite>;

export const ZSiteInput = z.union([z.strictObject({ finess: ZFiness }), z.strictObject({ depot: ZDepotId })]);

export const ZDevice = z.object({
  id: z.uuid(),
  manufacturer: z.string(),
  model: z.string(),
  serialNumber: z.string(),
  udi: z.string().nullable(),
  /** null: the national stock. */
  owner: ZSite.nullable(),
  site: ZSite,
  status: ZDeviceStatus,
  statusSince: z.iso.datetime(),
  version: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type TDevice = z.infer<typeof ZDevice>;

export const ZDeviceListQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  status: ZDeviceStatus.optional(),
  region: ZRegionCode.optional(),
  departement: ZDepartementCode.optional(),
  finess: ZFiness.optional(),
  depot: ZDepotId.optional(),
  nationalStock: z.enum(['true', 'false']).optional(),
});
export const ZDevicePage = z.object({
  items: z.array(ZDevice),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  /** Counts per status over the whole filtered set. */
  byStatus: z.record(ZDeviceStatus, z.number().int()),
});

export const ZDeviceParams = z.strictObject({ id: z.uuid() });

const ZText = (max: number) => z.string().trim().min(1).max(max);

export const ZCreateDevice = z.strictObject({
  manufacturer: ZText(80),
  model: ZText(80),
  serialNumber: ZText(60),
  udi: z.string().trim().max(120).nullable().default(null),
  /** FINESS of the owner; null for the national stock. */
  ownerFiness: ZFiness.nullable(),
  site: ZSiteInput,
  status: ZDeviceStatus.default('available'),
  reason: z.string().trim().max(500).optional(),
});

export const ZUpdateDevice = z
  .strictObject({
    /** The version read; a concurrent change answers 409. */
    version: z.number().int().min(1),
    status: ZDeviceStatus.optional(),
    site: ZSiteInput.optional(),
    model: ZText(80).optional(),
    udi: z.string().trim().max(120).nullable().optional(),
    reason: z.string().trim().min(3).max(500),
  })
  .meta({ description: 'Every change carries a reason; status and site changes are recorded in the history.' });

export const ZDeviceEvent = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  actor: z.string(),
  kind: z.enum(DEVICE_EVENT_KINDS),
  fromStatus: ZDeviceStatus.nullable(),
  toStatus: ZDeviceStatus.nullable(),
  fromSite: z.string().nullable(),
  toSite: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable(),
});
export const ZDeviceHistory = z.object({ items: z.array(ZDeviceEvent) });

export const ZStockLot = z.object({
  id: z.uuid(),
  site: ZSite,
  itemKind: z.enum(STOCK_KINDS),
  cannulaType: z.enum(CANNULA_TYPES).nullable(),
  sizeFr: z.number().int().nullable(),
  product: z.string(),
  lotNumber: z.string(),
  expiryDate: z.iso.date(),
  quantity: z.number().int(),
  /** Expired lots never count as available. */
  expired: z.boolean(),
  updatedAt: z.iso.datetime(),
});
export type TStockLot = z.infer<typeof ZStockLot>;

export const ZStockListQuery = ZPageQuery.extend({
  region: ZRegionCode.optional(),
  finess: ZFiness.optional(),
  depot: ZDepotId.optional(),
  itemKind: z.enum(STOCK_KINDS).optional(),
  includeExpired: z.enum(['true', 'false']).default('false'),
});
export const ZStockPage = z.object({
  items: z.array(ZStockLot),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  /** Non-expired quantities over the filtered set. */
  available: z.object({ circuits: z.number().int(), cannulas: z.number().int() }),
});

export const ZAdjustStock = z.strictObject({
  site: ZSiteInput,
  itemKind: z.enum(STOCK_KINDS),
  cannulaType: z.enum(CANNULA_TYPES).nullable().default(null),
  sizeFr: z.number().int().min(6).max(34).nullable().default(null),
  product: ZText(120),
  lotNumber: ZText(60),
  expiryDate: z.iso.date(),
  /** Units added (positive) or removed (negative). */
  delta: z
    .number()
    .int()
    .min(-10_000)
    .max(10_000)
    .refine((d) => d !== 0, { message: 'delta must not be 0' }),
  reason: z.string().trim().min(3).max(500),
});

export const ZDepot = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  departementCode: z.string(),
  city: z.string().nullable(),
});
export type TDepot = z.infer<typeof ZDepot>;
