import { z } from 'zod';
import {
  AGE_BANDS,
  INDICATIONS,
  LOAN_KINDS,
  LOAN_STATES,
  NOTIFICATION_KINDS,
  OPTION_KINDS,
  OUTCOMES,
  PROVIDER_KINDS,
  REQUEST_EVENT_KINDS,
  REQUEST_STATES,
  URGENCIES,
} from '../domain/regulation.ts';
import { ZExportFormat, ZExportLang } from './boards.ts';
import { ZFiness, ZPageQuery, ZRegionCode } from './common.ts';

export const ZRequestState = z.enum(REQUEST_STATES);
export const ZOutcome = z.enum(OUTCOMES);
export const ZIndication = z.enum(INDICATIONS);
export const ZUrgency = z.enum(URGENCIES);
export const ZAgeBand = z.enum(AGE_BANDS);
export const ZOptionKind = z.enum(OPTION_KINDS);
export const ZProviderKind = z.enum(PROVIDER_KINDS);

/** A few structured clinical fields: enough to regulate, never enough to identify. */
export const ZClinical = z.strictObject({
  pao2Fio2: z.number().min(20).max(600).nullable().default(null),
  lactate: z.number().min(0).max(30).nullable().default(null),
  murrayScore: z.number().min(0).max(4).nullable().default(null),
  noFlowMinutes: z.number().int().min(0).max(120).nullable().default(null),
  lowFlowMinutes: z.number().int().min(0).max(300).nullable().default(null),
  comment: z.string().trim().max(500).nullable().default(null),
});

export const ZCreateEcmoRequest = z.strictObject({
  /** Pseudonymous: never a name, a date of birth or a social security number. */
  caseCode: z.string().trim().toUpperCase().max(40),
  finess: ZFiness,
  ageBand: ZAgeBand,
  indication: ZIndication,
  urgency: ZUrgency,
  clinical: ZClinical.default({
    pao2Fio2: null,
    lactate: null,
    murrayScore: null,
    noFlowMinutes: null,
    lowFlowMinutes: null,
    comment: null,
  }),
  siteCanHost: z.boolean(),
  contact: z.strictObject({
    name: z.string().trim().min(2).max(80),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[\d .]{9,20}$/),
  }),
});

export const ZRequestEvent = z.object({
  at: z.iso.datetime(),
  actor: z.string(),
  kind: z.enum(REQUEST_EVENT_KINDS),
  fromState: ZRequestState.nullable(),
  toState: ZRequestState.nullable(),
  reason: z.string().nullable(),
});

export const ZEcmoRequest = z.object({
  id: z.uuid(),
  caseCode: z.string(),
  establishment: z.object({
    finess: z.string(),
    name: z.string(),
    regionCode: z.string(),
    city: z.string().nullable(),
  }),
  ageBand: ZAgeBand,
  indication: ZIndication,
  urgency: ZUrgency,
  clinical: ZClinical,
  siteCanHost: z.boolean(),
  contact: z.object({ name: z.string(), phone: z.string() }),
  state: ZRequestState,
  outcome: ZOutcome.nullable(),
  declineReason: z.string().nullable(),
  escalationReason: z.string().nullable(),
  version: z.number().int(),
  filedAt: z.iso.datetime(),
  regulationStartedAt: z.iso.datetime().nullable(),
  escalatedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
  /** Minutes since filing (live requests) or until closing. */
  waitingMinutes: z.number().int(),
  /** In regional regulation beyond the limit for its urgency: proposed for escalation. */
  overdue: z.boolean(),
  /** The option decided, its console, and the loan it created (lend, national stock). */
  decision: z
    .object({
      optionKey: z.string(),
      kind: ZOptionKind,
      providerId: z.string(),
      providerName: z.string(),
      consoleId: z.string(),
      loanId: z.string().nullable(),
      motivation: z.string().nullable(),
    })
    .nullable(),
  timeline: z.array(ZRequestEvent),
});
export type TEcmoRequest = z.infer<typeof ZEcmoRequest>;

export const ZRequestListQuery = ZPageQuery.extend({
  state: ZRequestState.optional(),
  live: z.enum(['true', 'false']).optional(),
  region: ZRegionCode.optional(),
  finess: ZFiness.optional(),
});
export const ZRequestPage = z.object({
  items: z.array(ZEcmoRequest.omit({ timeline: true })),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export const ZRequestParams = z.strictObject({ id: z.uuid() });

export const ZUpdateRequestStatus = z.strictObject({
  version: z.number().int().min(1),
  state: z.enum(['regional_regulation', 'executing', 'closed']),
  outcome: ZOutcome.optional(),
  reason: z.string().trim().min(3).max(500).optional(),
});
export const ZEscalateRequest = z.strictObject({
  version: z.number().int().min(1),
  reason: z.string().trim().min(3).max(500),
});
export const ZDeclineRequest = z.strictObject({
  version: z.number().int().min(1),
  motivation: z.string().trim().min(3).max(500),
});

export const ZRankedOption = z.object({
  key: z.string(),
  kind: ZOptionKind,
  provider: z.object({
    kind: ZProviderKind,
    id: z.string(),
    name: z.string(),
    regionCode: z.string(),
  }),
  consoleId: z.string(),
  consoleSerial: z.string(),
  travel: z.object({ mode: z.enum(['road', 'air']), distanceKm: z.number(), minutes: z.number() }),
  minutesToEcmo: z.number(),
  left: z.object({ consoles: z.number().int(), circuits: z.number().int() }),
  teams: z.number().int(),
  /** The team that would act, from the on-call roster (transfer: the centre's; dispatch: the mobile unit). */
  team: z.object({ id: z.string(), name: z.string(), readyInMinutes: z.number().int() }).nullable(),
  score: z.number(),
  rank: z.number().int(),
  reasons: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })),
});
export const ZRequestOptions = z.object({
  requestId: z.uuid(),
  computedAt: z.iso.datetime(),
  /** The travel assumptions the estimates rest on, shown to the regulator. */
  assumptions: z.object({
    roadFactor: z.number(),
    roadSpeedKmh: z.number(),
    airSpeedKmh: z.number().nullable(),
    setupMinutes: z.record(z.string(), z.number()),
  }),
  items: z.array(ZRankedOption),
});

export const ZDecideRequest = z.strictObject({
  version: z.number().int().min(1),
  /** `kind:provider` of a ranked option, as listRequestOptions gave it. */
  optionKey: z.string().regex(new RegExp(`^(${OPTION_KINDS.join('|')}):[A-Z0-9-]{3,24}$`)),
  consoleId: z.uuid(),
  motivation: z.string().trim().min(3).max(500),
});

export const ZLoanState = z.enum(LOAN_STATES);
export const ZLoan = z.object({
  id: z.uuid(),
  requestId: z.uuid().nullable(),
  kind: z.enum(LOAN_KINDS),
  lender: z.object({
    kind: ZProviderKind,
    id: z.string(),
    name: z.string(),
    regionCode: z.string(),
  }),
  borrower: z.object({ finess: z.string(), name: z.string(), regionCode: z.string() }),
  state: ZLoanState,
  startsAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  overdue: z.boolean(),
  returnedAt: z.iso.datetime().nullable(),
  recalledAt: z.iso.datetime().nullable(),
  recallReason: z.string().nullable(),
  version: z.number().int(),
  items: z.array(
    z.object({
      consoleId: z.string().nullable(),
      serialNumber: z.string().nullable(),
      lotId: z.string().nullable(),
      lotNumber: z.string().nullable(),
      quantity: z.number().int(),
      returnedAt: z.iso.datetime().nullable(),
    }),
  ),
  /** What happened to the loan, from the audit journal: who, when, what, why. */
  history: z.array(
    z.object({ at: z.iso.datetime(), actor: z.string(), action: z.string(), reason: z.string().nullable() }),
  ),
});
export type TLoan = z.infer<typeof ZLoan>;
export const ZLoanParams = z.strictObject({ id: z.uuid() });
export const ZLoanListQuery = ZPageQuery.extend({
  state: ZLoanState.optional(),
  open: z.enum(['true', 'false']).optional(),
  region: ZRegionCode.optional(),
});
export const ZLoanPage = z.object({
  items: z.array(ZLoan),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export const ZUpdateLoan = z.strictObject({
  version: z.number().int().min(1),
  /** The console arrived (active) or is on its way back (returning). */
  state: z.enum(['active', 'returning']).optional(),
  dueAt: z.iso.datetime().optional(),
  reason: z.string().trim().min(3).max(500),
});
export const ZReturnLoan = z.strictObject({
  version: z.number().int().min(1),
  consoleIds: z.array(z.uuid()).min(1).max(20),
  /** The borrower's word on the console's state: back to service or to maintenance first. */
  condition: z.enum(['available', 'maintenance']),
  reason: z.string().trim().max(500).optional(),
});
export const ZRecallLoan = z.strictObject({
  version: z.number().int().min(1),
  reason: z.string().trim().min(3).max(500),
});

export const ZNotification = z.object({
  id: z.number().int(),
  createdAt: z.iso.datetime(),
  kind: z.enum(NOTIFICATION_KINDS),
  requestId: z.uuid(),
  regionCode: z.string().nullable(),
  message: z.string(),
  acknowledgedAt: z.iso.datetime().nullable(),
  acknowledgedBy: z.string().nullable(),
});
export const ZNotificationList = z.object({ items: z.array(ZNotification), active: z.number().int() });
export const ZNotificationQuery = z.strictObject({ active: z.enum(['true', 'false']).default('true') });
export const ZNotificationParams = z.strictObject({ id: z.coerce.number().int().min(1) });

export const ZReportQuery = z.strictObject({
  region: ZRegionCode.optional(),
  from: z.iso.date(),
  to: z.iso.date(),
});
/** The report as a file: CSV, XLSX or PDF, in the reader's language (`lang`, else Accept-Language). */
export const ZReportExportQuery = ZReportQuery.extend({
  format: ZExportFormat.default('csv'),
  lang: ZExportLang.optional(),
});
export const ZRegulationReport = z.object({
  region: z.string().nullable(),
  from: z.iso.date(),
  to: z.iso.date(),
  requests: z.number().int(),
  byState: z.record(z.string(), z.number().int()),
  byOutcome: z.record(z.string(), z.number().int()),
  decided: z.number().int(),
  minutesToDecision: z.object({ median: z.number().nullable(), p90: z.number().nullable() }),
  escalations: z.number().int(),
  loans: z.object({ lend: z.number().int(), nationalStock: z.number().int(), overdue: z.number().int() }),
  declined: z.array(
    z.object({
      requestId: z.uuid(),
      caseCode: z.string(),
      reason: z.string().nullable(),
      at: z.iso.datetime().nullable(),
    }),
  ),
});
