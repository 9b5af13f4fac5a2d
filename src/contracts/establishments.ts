import { z } from 'zod';
import { ESTABLISHMENT_CATEGORIES, SECTORS } from '../domain/establishments.ts';
import { ZDepartementCode, ZFiness, ZPageQuery, ZRegionCode } from './common.ts';

// The web reads the categories through the contracts; the table lives in the domain.
export { ESTABLISHMENT_CATEGORIES };
// Typed as text: the web's forms send what the reader chose, and the schema names a wrong choice.
export const ZCategoryCode = z.enum(Object.keys(ESTABLISHMENT_CATEGORIES) as [string, ...string[]]);

export const ZEstablishment = z.object({
  finess: z.string(),
  name: z.string(),
  categoryCode: z.string(),
  categoryLabel: z.string(),
  sector: z.enum(SECTORS).nullable(),
  departementCode: z.string(),
  departementName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  street: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  phone: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  updatedAt: z.iso.datetime(),
});
export type TEstablishment = z.infer<typeof ZEstablishment>;

export const ZEstablishmentListQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  region: ZRegionCode.optional(),
  departement: ZDepartementCode.optional(),
  category: ZCategoryCode.optional(),
});
export type TEstablishmentListQuery = z.input<typeof ZEstablishmentListQuery>;

export const ZEstablishmentPage = z.object({
  items: z.array(ZEstablishment),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const ZFinessParams = z.strictObject({ finess: ZFiness });

export const ZCreateEstablishment = z.strictObject({
  finess: ZFiness,
  name: z.string().trim().min(3).max(200),
  categoryCode: ZCategoryCode,
  sector: z.enum(SECTORS).nullable().default(null),
  street: z.string().trim().max(200).nullable().default(null),
  postcode: z
    .string()
    .trim()
    .regex(/^\d{5}$/)
    .nullable()
    .default(null),
  city: z.string().trim().max(100).nullable().default(null),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d ]{9,16}$/)
    .nullable()
    .default(null),
  lat: z.number().min(-90).max(90).nullable().default(null),
  lon: z.number().min(-180).max(180).nullable().default(null),
  reason: z.string().trim().max(500).optional(),
});
export type TCreateEstablishment = z.input<typeof ZCreateEstablishment>;
