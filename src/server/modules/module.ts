/** What every module's route registration receives. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OperationDef } from '../../contracts/operation.ts';
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

export const clientIp = (request: FastifyRequest): string => request.ip;
