import type { Action } from '../../../domain/policy.ts';
import { isAllowed } from '../../../domain/policy.ts';
import type { Location } from '../../../domain/roles.ts';
import type { Queryable } from '../../db/client.ts';
import { forbidden, notFound, staleConflict } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import * as repo from './requests.repository.ts';

export const locationOf = (r: repo.RequestRow): Location => ({
  regionCode: r.region_code,
  departementCode: r.departement_code,
  establishment: r.finess,
});

/** 404 unless the user may read the request. */
export function assertReadable(ctx: ServiceContext, r: repo.RequestRow | undefined): asserts r is repo.RequestRow {
  if (!r || !isAllowed(ctx.user.grants, 'request:read', locationOf(r))) throw notFound('noun.request');
}

/** 403 unless the user may take this action on the request (escalated requests are the nation's). */
export function assertMayAct(ctx: ServiceContext, r: repo.RequestRow, action: Action): void {
  const where = r.state === 'escalated_national' ? {} : locationOf(r);
  if (!isAllowed(ctx.user.grants, action, where)) throw forbidden();
}

/** The request, if the user may read it. */
export async function readableRequest(ctx: ServiceContext, id: string): Promise<repo.RequestRow> {
  const row = await repo.findRequest(ctx.db, id);
  assertReadable(ctx, row);
  return row;
}

/**
 * The first step of every move: the request locked, readable, the action allowed, at the version the
 * caller read (else 409: someone moved it meanwhile).
 */
export async function lockForMove(
  ctx: ServiceContext,
  tx: Queryable,
  id: string,
  action: Action,
  version: number,
): Promise<repo.RequestRow> {
  const request = await repo.findRequest(tx, id, true);
  assertReadable(ctx, request);
  assertMayAct(ctx, request, action);
  if (request.version !== version) {
    throw staleConflict('noun.request');
  }
  return request;
}
