/** Professionals, teams and the on-call roster (console upkeep: upkeep.ts). */
import { z } from 'zod';
import { checkProfessionalId, PROFESSIONAL_ID_KINDS } from '../domain/identifiers.ts';
import {
  MEMBER_ROLES,
  PROFESSIONS,
  QUALIFICATION_KINDS,
  SHIFT_KINDS,
  TEAM_KINDS,
  TRANSPORTS,
} from '../domain/teams.ts';
import { ZFiness, ZPageQuery, ZRegionCode, ZWarning } from './common.ts';
import { RULE_MESSAGES } from './messages.ts';

export const ZProfession = z.enum(PROFESSIONS);
export const ZQualificationKind = z.enum(QUALIFICATION_KINDS);
export const ZTeamKind = z.enum(TEAM_KINDS);
export const ZMemberRole = z.enum(MEMBER_ROLES);
export const ZShiftKind = z.enum(SHIFT_KINDS);
export const ZTransport = z.enum(TRANSPORTS);
export const ZProfessionalIdKind = z.enum(PROFESSIONAL_ID_KINDS);
/** A file import checks only (`validate`) or stores a valid file whole (`all`). */
export const ZImportMode = z.enum(['validate', 'all']);
export const ZDate = z.iso.date();

/** RPPS or ADELI (France), INAMI (Belgium): the format is enforced; a failed check digit is a warning. */
export const ZProfessionalId = z
  .strictObject({ kind: ZProfessionalIdKind, value: z.string().trim() })
  .superRefine((id, ctx) => {
    const check = checkProfessionalId(id.kind, id.value);
    if (!check.ok) {
      const key = `${id.kind}.format` as const;
      ctx.addIssue({
        code: 'custom',
        message: RULE_MESSAGES[key].en,
        params: { key },
        path: ['value'],
        input: id.value,
      });
    }
  });

export const ZQualification = z.object({
  id: z.uuid(),
  kind: ZQualificationKind,
  issuer: z.string(),
  issuedOn: ZDate,
  validUntil: ZDate.nullable(),
  reference: z.string().nullable(),
  /** Valid on the day asked (today unless `on` was given). */
  valid: z.boolean(),
});

export const ZProfessionalSummary = z.object({
  id: z.uuid(),
  identifier: z.object({ kind: ZProfessionalIdKind, value: z.string() }),
  firstName: z.string(),
  lastName: z.string(),
  profession: ZProfession,
  establishments: z.array(z.object({ finess: z.string(), name: z.string() })),
  /** Qualifications valid on the day asked. */
  validQualifications: z.array(ZQualificationKind),
  version: z.number().int(),
});
export const ZProfessional = ZProfessionalSummary.extend({
  email: z.string().nullable(),
  phone: z.string().nullable(),
  userId: z.uuid().nullable(),
  qualifications: z.array(ZQualification),
  trainingHours: z.array(z.object({ year: z.number().int(), hours: z.number() })),
  activity: z.array(z.object({ year: z.number().int(), cecRuns: z.number().int(), ecmoRuns: z.number().int() })),
  teams: z.array(z.object({ id: z.uuid(), name: z.string(), kind: ZTeamKind, role: ZMemberRole })),
  warnings: z.array(ZWarning),
});
export type TProfessional = z.infer<typeof ZProfessional>;

export const ZProfessionalListQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  finess: ZFiness.optional(),
  region: ZRegionCode.optional(),
  profession: ZProfession.optional(),
  qualification: ZQualificationKind.optional(),
  /** The day qualifications are checked on (default today, Paris). */
  on: ZDate.optional(),
});
export const ZProfessionalPage = z.object({
  items: z.array(ZProfessionalSummary),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export const ZProfessionalParams = z.strictObject({ id: z.uuid() });
export const ZProfessionalQuery = z.strictObject({ on: ZDate.optional() });

const ZYear = z.number().int().min(1990).max(2100);
export const ZCreateProfessional = z.strictObject({
  identifier: ZProfessionalId,
  firstName: z.string().trim().min(1).max(80),
  lastName: z.string().trim().min(1).max(80),
  profession: ZProfession,
  establishments: z.array(ZFiness).min(1).max(10),
  email: z.string().trim().toLowerCase().pipe(z.email()).nullable().default(null),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d .]{9,20}$/)
    .nullable()
    .default(null),
});
export const ZUpdateProfessional = z.strictObject({
  version: z.number().int().min(1),
  firstName: z.string().trim().min(1).max(80).optional(),
  lastName: z.string().trim().min(1).max(80).optional(),
  profession: ZProfession.optional(),
  establishments: z.array(ZFiness).min(1).max(10).optional(),
  email: z.string().trim().toLowerCase().pipe(z.email()).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d .]{9,20}$/)
    .nullable()
    .optional(),
  /** Continuing-training hours of a year (replaces that year's figure). */
  trainingHours: z
    .array(z.strictObject({ year: ZYear, hours: z.number().min(0).max(2000) }))
    .max(50)
    .optional(),
  /** CEC and ECMO runs of a year (replaces that year's counts). */
  activity: z
    .array(
      z.strictObject({
        year: ZYear,
        cecRuns: z.number().int().min(0).max(5000),
        ecmoRuns: z.number().int().min(0).max(5000),
      }),
    )
    .max(50)
    .optional(),
});
export const ZAddQualification = z.strictObject({
  kind: ZQualificationKind,
  issuer: z.string().trim().min(2).max(120),
  issuedOn: ZDate,
  validUntil: ZDate.nullable().default(null),
  reference: z.string().trim().max(80).nullable().default(null),
});

export const ZTeamMember = z.object({
  professionalId: z.uuid(),
  name: z.string(),
  profession: ZProfession,
  role: ZMemberRole,
  validQualifications: z.array(ZQualificationKind),
});
export const ZTeam = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: ZTeamKind,
  base: z.object({ finess: z.string(), name: z.string(), regionCode: z.string() }),
  transport: ZTransport.nullable(),
  active: z.boolean(),
  version: z.number().int(),
  members: z.array(ZTeamMember),
});
export type TTeam = z.infer<typeof ZTeam>;
export const ZTeamListQuery = ZPageQuery.extend({
  kind: ZTeamKind.optional(),
  region: ZRegionCode.optional(),
  finess: ZFiness.optional(),
});
export const ZTeamPage = z.object({
  items: z.array(ZTeam.omit({ members: true }).extend({ members: z.number().int() })),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export const ZTeamParams = z.strictObject({ id: z.uuid() });
export const ZCreateTeam = z
  .strictObject({
    name: z.string().trim().min(3).max(100),
    kind: ZTeamKind,
    base: ZFiness,
    transport: ZTransport.nullable().default(null),
  })
  .superRefine((t, ctx) => {
    if ((t.kind === 'umac') !== (t.transport !== null)) {
      const key = t.kind === 'umac' ? 'team.transport_required' : 'team.transport_forbidden';
      ctx.addIssue({
        code: 'custom',
        path: ['transport'],
        message: RULE_MESSAGES[key].en,
        params: { key },
        input: t.transport,
      });
    }
  });
export const ZUpdateTeamMembers = z.strictObject({
  version: z.number().int().min(1),
  members: z.array(z.strictObject({ professionalId: z.uuid(), role: ZMemberRole })).max(60),
});

export const ZShiftInput = z.strictObject({
  professionalId: z.uuid(),
  role: ZMemberRole,
  kind: ZShiftKind,
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  /** Minutes to be on site, for an on-call shift at home. */
  callInMinutes: z.number().int().min(0).max(240).default(0),
});
export const ZUpsertShifts = z.strictObject({
  /** The window the shifts replace: the team's shifts starting in [from, to) are those given. */
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  shifts: z.array(ZShiftInput).max(2000),
});
export const ZShift = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  teamName: z.string(),
  professionalId: z.uuid(),
  name: z.string(),
  role: ZMemberRole,
  kind: ZShiftKind,
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  callInMinutes: z.number().int(),
});
export const ZRosterGap = z.object({
  teamId: z.uuid(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  /** The slots of the minimum composition nobody fills, in words of roles. */
  missing: z.array(z.array(ZMemberRole)),
});
export const ZShiftListQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  team: z.uuid().optional(),
  finess: ZFiness.optional(),
  region: ZRegionCode.optional(),
  /** Only the shifts of the signed-in professional ("my week"). */
  mine: z.enum(['true', 'false']).optional(),
});
export const ZShiftList = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  teams: z.array(z.object({ id: z.uuid(), name: z.string(), kind: ZTeamKind, baseName: z.string() })),
  shifts: z.array(ZShift),
  gaps: z.array(ZRosterGap),
});
export const ZRosterImportQuery = z.strictObject({
  mode: ZImportMode.default('validate'),
  fileName: z.string().max(200).optional(),
});
export const ZRosterImportReport = z.object({
  fileName: z.string().nullable(),
  mode: ZImportMode,
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  stored: z.number().int(),
  report: z.array(
    z.object({
      row: z.number().int(),
      status: z.enum(['valid', 'invalid', 'stored']),
      errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
    }),
  ),
});

export const ZAvailabilityQuery = z.strictObject({
  region: ZRegionCode.optional(),
  finess: ZFiness.optional(),
  kind: ZTeamKind.optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});
export const ZTeamAvailability = z.object({
  at: z.iso.datetime(),
  items: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      kind: ZTeamKind,
      base: z.object({ finess: z.string(), name: z.string(), regionCode: z.string() }),
      transport: ZTransport.nullable(),
      deployable: z.boolean(),
      readyInMinutes: z.number().int().nullable(),
      onDuty: z.array(
        z.object({
          professionalId: z.uuid(),
          name: z.string(),
          role: ZMemberRole,
          kind: ZShiftKind,
          callInMinutes: z.number().int(),
          until: z.iso.datetime(),
        }),
      ),
      missing: z.array(z.array(ZMemberRole)),
    }),
  ),
});

/** CEC and ECMO runs of a centre per year (counted from run records later; entered for now). */
export const ZCentreActivityQuery = z.strictObject({ finess: ZFiness.optional(), region: ZRegionCode.optional() });
export const ZCentreActivity = z.object({
  items: z.array(
    z.object({
      finess: z.string(),
      name: z.string(),
      year: z.number().int(),
      cecRuns: z.number().int(),
      ecmoRuns: z.number().int(),
    }),
  ),
});
export const ZCentreParams = z.strictObject({ finess: ZFiness });
export const ZRecordCentreActivity = z.strictObject({
  year: z.number().int().min(1990).max(2100),
  cecRuns: z.number().int().min(0).max(20000),
  ecmoRuns: z.number().int().min(0).max(20000),
});
