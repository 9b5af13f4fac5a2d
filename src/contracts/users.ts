import { z } from 'zod';
import { ROLE_SCOPE_KINDS } from '../domain/roles.ts';
import { ZGrant, ZLocale, ZRole, ZScopeKind } from './auth.ts';
import { ZEmail, ZPageQuery, ZRegionCode, ZRpps, ZWarning } from './common.ts';
import { RULE_MESSAGES } from './messages.ts';

export const ZGrantInput = z
  .strictObject({
    role: ZRole,
    scopeKind: ZScopeKind,
    /** Region or département code, or FINESS number; absent for the nation. */
    scopeCode: z.string().trim().toUpperCase().max(9).nullable().default(null),
  })
  .superRefine((g, ctx) => {
    const kindOk = ROLE_SCOPE_KINDS[g.role].includes(g.scopeKind);
    const codeOk = (g.scopeKind === 'nation') === (g.scopeCode === null);
    if (!kindOk || !codeOk) {
      ctx.addIssue({
        code: 'custom',
        path: kindOk ? ['scopeCode'] : ['scopeKind'],
        message: RULE_MESSAGES['grant.scope'].en,
        params: { key: 'grant.scope' },
        input: g,
      });
    }
  });
export type TGrantInput = z.input<typeof ZGrantInput>;

export const ZUser = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  locale: ZLocale,
  rpps: z.string().nullable(),
  active: z.boolean(),
  grants: z.array(ZGrant),
  createdAt: z.iso.datetime(),
});
export type TUser = z.infer<typeof ZUser>;

export const ZUserListQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  region: ZRegionCode.optional(),
});
export const ZUserPage = z.object({
  items: z.array(ZUser),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const ZCreateUser = z.strictObject({
  email: ZEmail,
  displayName: z.string().trim().min(2).max(120),
  password: z
    .string()
    .max(200)
    .superRefine((value, ctx) => {
      if (value.length < 10) {
        ctx.addIssue({
          code: 'custom',
          message: RULE_MESSAGES['password.length'].en,
          params: { key: 'password.length' },
          input: value,
        });
      }
    }),
  locale: ZLocale.default('fr'),
  rpps: ZRpps.nullable().default(null),
  grants: z.array(ZGrantInput).min(1).max(20),
  reason: z.string().trim().max(500).optional(),
});
export type TCreateUser = z.input<typeof ZCreateUser>;

export const ZCreatedUser = z.object({ user: ZUser, warnings: z.array(ZWarning) });
