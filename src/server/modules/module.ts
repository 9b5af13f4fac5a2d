/** What every module's route registration receives. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OperationDef, OperationParsed, OperationResult } from '../../contracts/operation.ts';
import type { Action } from '../../domain/policy.ts';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { EventBus } from '../events/bus.ts';
import type { TablePool } from '../files/table-pool.ts';
import { AppError } from '../http/errors.ts';
import type { HandlerContext } from '../http/route.ts';
import { type RouteOptions, registerOperation } from '../http/route.ts';
import type { ServiceContext } from './context.ts';

export type RouteFn = <O extends OperationDef>(app: FastifyInstance, op: O, options: RouteOptions<O>) => void;

export interface ModuleDeps {
  app: FastifyInstance;
  db: Database;
  config: AppConfig;
  events: EventBus;
  route: RouteFn;
  /** Reads uploaded CSV/XLSX files in worker threads, a few at a time. */
  tables: TablePool;
}

export function makeRoute(config: AppConfig): RouteFn {
  return (app, op, options) => registerOperation(app, { validateResponses: config.validateResponses }, op, options);
}

/** The service context of an authenticated handler. */
export function serviceContext<O>(
  deps: Pick<ModuleDeps, 'db' | 'events' | 'config'>,
  h: HandlerContext<O>,
): ServiceContext {
  if (!h.user) throw new AppError('unauthenticated');
  return {
    db: deps.db,
    events: deps.events,
    clock: deps.config.clock,
    user: h.user,
    locale: h.locale,
    ip: clientIp(h.request),
  };
}

/** A service call serving an operation: the service context, the parsed input, and the handler's context if needed. */
export type ServiceCall<O> = (
  ctx: ServiceContext,
  input: OperationParsed<O>,
  h: HandlerContext<O>,
) => Promise<OperationResult<O>>;

/**
 * Routes that only parse and call: `serve(ops.getTeam, 'team:read', (ctx, i) => getTeam(ctx, i.params.id))`
 * gates the operation on its policy action, then calls the service with the signed-in user's context.
 */
export function serviceRoutes(deps: ModuleDeps) {
  return <O extends OperationDef>(op: O, action: Action, call: ServiceCall<O>): void =>
    deps.route(deps.app, op, { action, handler: (h) => call(serviceContext(deps, h), h.input, h) });
}

export const clientIp = (request: FastifyRequest): string => request.ip;
