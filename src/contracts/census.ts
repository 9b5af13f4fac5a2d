import { z } from 'zod';
import { CENSUS_STATUSES, REPORT_SOURCES } from '../domain/census.ts';
import { ZFiness, ZRegionCode } from './common.ts';

export const ZIsoWeek = z
  .string()
  .regex(/^\d{4}-W\d{2}$/)
  .meta({ description: 'ISO week', examples: ['2026-W47'] });

const count = z.number().int().min(0).max(10_000);

export const ZCensusCounts = z.strictObject({
  consoles: z.strictObject({
    available: count,
    inUse: count,
    maintenance: count,
    lent: count,
    outOfService: count,
    inTransit: count,
  }),
  circuits: count,
  cannulas: count,
  patients: z.strictObject({ vv: count, va: count }),
  /** Teams staffed and able to run an ECMO this week. */
  teams: count,
  comment: z.string().trim().max(1000).nullable().default(null),
});
export type TCensusCounts = z.output<typeof ZCensusCounts>;

export const ZSubmitCensusReport = ZCensusCounts.extend({
  week: ZIsoWeek,
  finess: ZFiness,
  /** Required when a report already exists for this week: the new version says why. */
  correctionReason: z.string().trim().min(3).max(500).optional(),
});
export type TSubmitCensusReport = z.input<typeof ZSubmitCensusReport>;

// The web reads the statuses through the contracts; the array lives in the domain.
export { CENSUS_STATUSES };
export const ZCensusStatus = z.enum(CENSUS_STATUSES);

export const ZCensusReport = ZCensusCounts.extend({
  id: z.uuid(),
  week: z.string(),
  finess: z.string(),
  version: z.number().int(),
  current: z.boolean(),
  source: z.enum(REPORT_SOURCES),
  correctionReason: z.string().nullable(),
  submittedAt: z.iso.datetime(),
  submittedBy: z.string(),
  onTime: z.boolean(),
});
export type TCensusReport = z.infer<typeof ZCensusReport>;

export const ZCompleteness = z.object({
  expected: z.number().int(),
  received: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  /** received / expected, 0..1 */
  rate: z.number(),
  onTimeRate: z.number(),
});
export type TCompleteness = z.infer<typeof ZCompleteness>;

export const ZCampaignSummary = z.object({
  week: z.string(),
  weekStart: z.iso.date(),
  dueAt: z.iso.datetime(),
  /** open: before the due date; closed: after it. */
  phase: z.enum(['open', 'closed']),
  completeness: ZCompleteness,
});

export const ZCampaignList = z.object({ current: z.string(), items: z.array(ZCampaignSummary) });
export const ZCampaignListQuery = z.strictObject({
  region: ZRegionCode.optional(),
  weeks: z.coerce.number().int().min(1).max(104).default(12),
});

export const ZCampaignEstablishment = z.object({
  finess: z.string(),
  name: z.string(),
  city: z.string().nullable(),
  regionCode: z.string(),
  status: ZCensusStatus,
  report: ZCensusReport.nullable(),
  /** The latest report of an earlier week, to prefill the form. */
  previous: ZCensusReport.nullable(),
  lastReminderAt: z.iso.datetime().nullable(),
});

export const ZCampaignDetail = ZCampaignSummary.extend({
  regions: z.array(z.object({ code: z.string(), name: z.string(), completeness: ZCompleteness })),
  establishments: z.array(ZCampaignEstablishment),
});
export const ZCampaignParams = z.strictObject({ week: ZIsoWeek });
export const ZCampaignDetailQuery = z.strictObject({
  region: ZRegionCode.optional(),
  finess: ZFiness.optional(),
  status: ZCensusStatus.optional(),
});

export const ZReportHistoryQuery = z.strictObject({
  finess: ZFiness,
  weeks: z.coerce.number().int().min(1).max(104).default(12),
});
export const ZReportHistory = z.object({ items: z.array(ZCensusReport) });

export const IMPORT_MODES = ['validate', 'all', 'valid_rows'] as const;
export const ZImportQuery = z.strictObject({
  mode: z.enum(IMPORT_MODES).default('validate'),
  fileName: z.string().max(200).optional(),
});
export const ZImportRow = z.object({
  row: z.number().int(),
  finess: z.string().nullable(),
  week: z.string().nullable(),
  status: z.enum(['valid', 'invalid', 'stored']),
  version: z.number().int().nullable(),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});
export const ZImportReport = z.object({
  fileName: z.string().nullable(),
  format: z.enum(['csv', 'xlsx']),
  mode: z.enum(IMPORT_MODES),
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  stored: z.number().int(),
  report: z.array(ZImportRow),
});
export type TImportReport = z.infer<typeof ZImportReport>;

export const ZTemplateQuery = z.strictObject({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  week: ZIsoWeek.optional(),
  region: ZRegionCode.optional(),
});

export const ZRemindBody = z.strictObject({
  region: ZRegionCode.optional(),
  finess: z.array(ZFiness).max(500).optional(),
});
export const ZRemindResult = z.object({
  establishments: z.number().int(),
  recipients: z.number().int(),
});
