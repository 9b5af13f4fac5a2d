import { hash } from '@node-rs/argon2';
import type { z } from 'zod';
import type { TGrant } from '../../../contracts/auth.ts';
import type { TWarning } from '../../../contracts/common.ts';
import { message } from '../../../contracts/messages.ts';
import type { TCreateUser, TUser, ZCreateUser, ZUserListQuery } from '../../../contracts/users.ts';
import { checkRpps } from '../../../domain/identifiers.ts';
import { reachOf } from '../../../domain/policy.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Queryable } from '../../db/client.ts';
import { conflict, type FieldIssue, invalid, issue, issueSaying, renderField } from '../../http/errors.ts';
import { actorOf, assertAllowed, type ServiceContext } from '../context.ts';
import { checkPasswordStrength } from './password-policy.ts';
import * as repo from './users.repository.ts';

export const hashPassword = (password: string): Promise<string> =>
  // algorithm 2 = Argon2id (a const enum in the typings, unusable under isolatedModules).
  hash(password, { algorithm: 2 as never, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

export function toUserDto(row: repo.UserRow, grants: repo.GrantRow[]): TUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    locale: row.locale,
    rpps: row.rpps,
    active: row.active,
    createdAt: new Date(row.createdAt).toISOString(),
    grants: grants.map(grantDto),
  };
}

/** A grant as the client sees it (the département a grant lies in stays on the server). */
export const grantDto = (g: repo.GrantRow): TGrant => ({
  role: g.role,
  scopeKind: g.scopeKind,
  scopeCode: g.scopeCode,
  scopeLabel: g.scopeLabel,
  regionCode: g.regionCode,
});

export async function listUsers(ctx: ServiceContext, query: z.output<typeof ZUserListQuery>) {
  // Asking for a region outside one's reach is refused rather than silently answered empty.
  if (query.region) assertAllowed(ctx.user, 'user:list', { regionCode: query.region });
  const { rows, total } = await repo.listUsers(ctx.db, reachOf(ctx.user.grants, 'user:list'), query);
  return { items: rows.map((r) => toUserDto(r, r.grants)), total, limit: query.limit, offset: query.offset };
}

type CreateUserInput = z.output<typeof ZCreateUser>;

/**
 * Creates the account and all its grants in one transaction: a grant on an unknown scope
 * refuses the whole request and leaves no account behind.
 */
export async function createUser(
  ctx: ServiceContext,
  input: CreateUserInput,
): Promise<{ user: TUser; warnings: TWarning[] }> {
  const weak = checkPasswordStrength(input.password, input, ctx.locale);
  if (weak) throw invalid([weak]);
  const passwordHash = await hashPassword(input.password);
  const warnings: TWarning[] = [];
  const rppsCheck = input.rpps ? checkRpps(input.rpps) : null;
  if (rppsCheck?.ok && rppsCheck.warning) {
    // A warning of a 200 answer: written in the reader's language here, as no error handler renders it.
    warnings.push(renderField(issue('body.rpps', 'rpps.check_digit'), ctx.locale));
  }
  const user = await ctx.db.transaction(async (tx) => {
    if (await repo.findUserByEmail(tx, input.email)) {
      throw conflict(message('access.email_taken'), [
        issueSaying('body.email', 'duplicate', message('access.email_in_use')),
      ]);
    }
    const actor = actorOf(ctx);
    const created = await repo.insertUser(tx, { ...input, passwordHash, createdAt: actor.at });
    await insertGrants(tx, ctx, created.id, input.grants);
    const grants = await repo.loadGrants(tx, created.id);
    const dto = toUserDto(created, grants);
    await appendAudit(tx, actor, {
      action: 'user.create',
      targetType: 'user',
      targetId: created.id,
      after: dto,
      reason: input.reason ?? null,
    });
    return dto;
  });
  return { user, warnings };
}

async function insertGrants(
  tx: Queryable,
  ctx: ServiceContext,
  userId: string,
  grants: CreateUserInput['grants'],
): Promise<void> {
  const errors: FieldIssue[] = [];
  for (const [i, g] of grants.entries()) {
    const where = await repo.locateScope(tx, g.scopeKind, g.scopeCode);
    if (!where) {
      errors.push(issue(`body.grants.${i}.scopeCode`, 'unknown_scope', { code: String(g.scopeCode) }));
      continue;
    }
    assertAllowed(ctx.user, 'user:create', {
      regionCode: where.regionCode,
      departementCode: where.departementCode,
      establishment: g.scopeKind === 'establishment' ? g.scopeCode : null,
    });
    await repo.insertGrant(tx, userId, { ...g, ...where });
  }
  if (errors.length) throw invalid(errors);
}

export type { TCreateUser };

/** Adds one grant to an existing account (command line `user:grant`). */
export async function grantRole(
  ctx: ServiceContext,
  email: string,
  grant: CreateUserInput['grants'][number],
  reason: string | null,
): Promise<TUser> {
  const user = await ctx.db.transaction(async (tx) => {
    const account = await repo.findUserByEmail(tx, email);
    if (!account) throw invalid([issue('email', 'unknown_user', { email })]);
    const before = toUserDto(account, await repo.loadGrants(tx, account.id));
    await insertGrants(tx, ctx, account.id, [grant]);
    const after = toUserDto(account, await repo.loadGrants(tx, account.id));
    await appendAudit(tx, actorOf(ctx), {
      action: 'user.grant',
      targetType: 'user',
      targetId: account.id,
      before: before.grants,
      after: after.grants,
      reason,
    });
    return after;
  });
  // Cached sessions of this user must pick up the new grant at once, on every instance.
  await ctx.events.publish('session.revoked', { user: user.id });
  return user;
}
