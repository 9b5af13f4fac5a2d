import { z } from 'zod';
import { TENSIONS } from '../domain/census.ts';
import { ZCensusStatus, ZCompleteness, ZIsoWeek } from './census.ts';
import { ZRegionCode } from './common.ts';

// The web reads the tensions through the contracts; the array lives in the domain.
export { TENSIONS };
export const ZTension = z.enum(TENSIONS);

export const ZConsoleCounts = z.object({
  available: z.number().int(),
  inUse: z.number().int(),
  maintenance: z.number().int(),
  lent: z.number().int(),
  outOfService: z.number().int(),
  inTransit: z.number().int(),
  total: z.number().int(),
});
export type TConsoleCounts = z.infer<typeof ZConsoleCounts>;

/** When each kind of figure last changed (ISO instants, null when never). */
export const ZFreshness = z.object({
  consoles: z.iso.datetime().nullable(),
  stock: z.iso.datetime().nullable(),
  census: z.iso.datetime().nullable(),
});

export const ZRegionFigures = z.object({
  code: z.string(),
  name: z.string(),
  consoles: ZConsoleCounts,
  circuits: z.number().int(),
  cannulas: z.number().int(),
  patients: z.object({ vv: z.number().int(), va: z.number().int() }),
  teams: z.number().int(),
  /** Réanimation beds (DREES SAE 2018). */
  icuBeds: z.number().int(),
  availablePer100IcuBeds: z.number().nullable(),
  tension: ZTension,
  completeness: ZCompleteness,
  lastUpdated: ZFreshness,
  /** Some census figures come from a report older than this week's campaign. */
  stale: z.boolean(),
});

export const ZTrendPoint = z.object({
  week: z.string(),
  consolesAvailable: z.number().int(),
  consolesInUse: z.number().int(),
  patientsVv: z.number().int(),
  patientsVa: z.number().int(),
  received: z.number().int(),
  expected: z.number().int(),
});

export const ZDepotFigures = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  consoles: ZConsoleCounts,
  circuits: z.number().int(),
});

export const ZBoardQuery = z.strictObject({
  week: ZIsoWeek.optional(),
  weeks: z.coerce.number().int().min(1).max(52).default(12),
});

export const ZNationalBoard = z.object({
  generatedAt: z.iso.datetime(),
  week: z.string(),
  dueAt: z.iso.datetime(),
  totals: ZRegionFigures.omit({ code: true, name: true }),
  regions: z.array(ZRegionFigures),
  nationalStock: z.object({ consoles: ZConsoleCounts, circuits: z.number().int(), depots: z.array(ZDepotFigures) }),
  trend: z.array(ZTrendPoint),
  /** The demo's ECMO centres and console counts are illustrative. */
  demoNotice: z.boolean(),
});
export type TNationalBoard = z.infer<typeof ZNationalBoard>;

export const ZBoardEstablishment = z.object({
  finess: z.string(),
  name: z.string(),
  city: z.string().nullable(),
  departementCode: z.string(),
  ecmoCentre: z.boolean(),
  umacBase: z.boolean(),
  cardiacSurgery: z.boolean(),
  consoles: ZConsoleCounts,
  circuits: z.number().int(),
  cannulas: z.number().int(),
  expiredUnits: z.number().int(),
  patients: z.object({ vv: z.number().int(), va: z.number().int() }).nullable(),
  teams: z.number().int().nullable(),
  census: z.object({
    status: ZCensusStatus,
    week: z.string().nullable(),
    version: z.number().int().nullable(),
    submittedAt: z.iso.datetime().nullable(),
  }),
  tension: ZTension,
  lastUpdated: ZFreshness,
  stale: z.boolean(),
});

export const ZRegionalBoard = z.object({
  generatedAt: z.iso.datetime(),
  week: z.string(),
  dueAt: z.iso.datetime(),
  region: ZRegionFigures,
  establishments: z.array(ZBoardEstablishment),
  depots: z.array(ZDepotFigures),
  trend: z.array(ZTrendPoint),
  demoNotice: z.boolean(),
});
export type TRegionalBoard = z.infer<typeof ZRegionalBoard>;
export const ZRegionalBoardParams = z.strictObject({ region: ZRegionCode });

/** File formats of an export: CSV and XLSX for spreadsheets, PDF to read and print. */
export const ZExportFormat = z.enum(['csv', 'xlsx', 'pdf']);
/** The reader's language (headers, words, decimal separator); without it, the request's Accept-Language. */
export const ZExportLang = z.enum(['fr', 'en']);
export const ZExportQuery = ZBoardQuery.extend({ format: ZExportFormat.default('csv'), lang: ZExportLang.optional() });
