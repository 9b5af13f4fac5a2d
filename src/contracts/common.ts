import { z } from 'zod';
import { checkFiness, checkRpps } from '../domain/identifiers.ts';
import { RULE_MESSAGES, type RuleMessageKey } from './messages.ts';

/** A custom zod issue carrying a stable message key (translated by the error handler and the web app). */
function ruleIssue(key: RuleMessageKey, input: unknown) {
  return { code: 'custom' as const, message: RULE_MESSAGES[key].en, params: { key }, input };
}

export const ZFiness = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const check = checkFiness(value);
    if (!check.ok) ctx.addIssue(ruleIssue(`finess.${check.reason}`, value));
  })
  .meta({
    description: 'FINESS number: 9 characters, département first (2A/2B for Corsica), Luhn check digit.',
    pattern: '^(?:\\d{2}|2A|2B)\\d{7}$',
    examples: ['690781810'],
  });

/** RPPS: the format is enforced here; a failed check digit is a warning added by the service. */
export const ZRpps = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (!checkRpps(value).ok) ctx.addIssue(ruleIssue('rpps.format', value));
  })
  .meta({ description: 'RPPS number: 11 digits.', pattern: '^\\d{11}$', examples: ['10000001916'] });

export const ZRegionCode = z
  .string()
  .regex(/^\d{2}$/)
  .meta({ description: 'INSEE region code', examples: ['84'] });
export const ZDepartementCode = z
  .string()
  .regex(/^(?:\d{2}|2A|2B|97\d)$/)
  .meta({ description: 'INSEE département code', examples: ['69'] });

export const ZEmail = z.string().trim().toLowerCase().pipe(z.email());

export const ZPageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ZWarning = z.object({ field: z.string(), code: z.string(), message: z.string() });
export type TWarning = z.infer<typeof ZWarning>;

/** RFC 9457 problem details, as every error of the API is sent. */
export const ZProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type TProblem = z.infer<typeof ZProblem>;

export const ZOk = z.object({ ok: z.literal(true) });
