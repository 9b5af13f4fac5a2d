import { z } from 'zod';
import { ACTIONS } from '../domain/policy.ts';
import { ROLES, SCOPE_KINDS } from '../domain/roles.ts';
import { ZEmail } from './common.ts';
import { LOCALES } from './messages/define.ts';

export const ZRole = z.enum(ROLES);
export const ZScopeKind = z.enum(SCOPE_KINDS);
export const ZLocale = z.enum(LOCALES);
export const ZAction = z.enum(Object.keys(ACTIONS) as [keyof typeof ACTIONS, ...(keyof typeof ACTIONS)[]]);

export const ZLoginBody = z.strictObject({
  email: ZEmail,
  password: z.string().min(1).max(200),
});
export type TLoginBody = z.infer<typeof ZLoginBody>;

export const ZGrant = z.object({
  role: ZRole,
  scopeKind: ZScopeKind,
  scopeCode: z.string().nullable(),
  scopeLabel: z.string().nullable(),
  regionCode: z.string().nullable(),
});
export type TGrant = z.infer<typeof ZGrant>;

export const ZCurrentUser = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  locale: ZLocale,
  grants: z.array(ZGrant),
  /** Actions allowed somewhere: the web app builds its navigation from them. */
  permissions: z.array(ZAction),
  /** To send back in the `x-csrf-token` header of every write. */
  csrfToken: z.string(),
  /** The server's clock when it answered (RELAIS_NOW may pin it): the web app's clock follows it. */
  serverTime: z.iso.datetime(),
});
export type TCurrentUser = z.infer<typeof ZCurrentUser>;
