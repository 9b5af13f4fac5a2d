/** buildApp: plugins first (cookies, security headers, errors, sessions), then each module's routes. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { message } from '../contracts/messages.ts';
import { ops } from '../contracts/operations.ts';
import { type AppConfig, fastifyTrustProxy } from './config.ts';
import type { Database } from './db/client.ts';
import type { EventBus } from './events/bus.ts';
import { createTablePool } from './files/table-pool.ts';
import { clientErrorHandler, frameworkErrors } from './http/client-error.ts';
import { installErrorHandler, sendProblem } from './http/errors.ts';
import { buildOpenApi } from './http/openapi.ts';
import { RequestLog } from './http/request-log.ts';
import { installSecurityHeaders } from './http/security-headers.ts';
import { installSessionResolver } from './http/session.ts';
import { createSessionCache } from './http/session-cache.ts';
import { registerAuthRoutes } from './modules/auth/auth.routes.ts';
import { registerBoardRoutes } from './modules/boards/boards.routes.ts';
import { registerCensusRoutes } from './modules/census/census.routes.ts';
import { registerEstablishmentRoutes } from './modules/establishments/establishments.routes.ts';
import { registerFleetRoutes } from './modules/fleet/fleet.routes.ts';
import { registerUpkeepRoutes } from './modules/fleet/upkeep.routes.ts';
import { type ModuleDeps, makeRoute } from './modules/module.ts';
import { registerProfessionalRoutes } from './modules/professionals/professionals.routes.ts';
import { registerRegionRoutes } from './modules/regions/regions.routes.ts';
import { registerEventRoutes } from './modules/regulation/events.routes.ts';
import { registerRegulationRoutes } from './modules/regulation/regulation.routes.ts';
import { registerRosterRoutes } from './modules/roster/roster.routes.ts';
import { registerSystemRoutes } from './modules/system/system.routes.ts';
import { registerTeamRoutes } from './modules/teams/teams.routes.ts';
import { registerUserRoutes } from './modules/users/users.routes.ts';
import { appJobs, startScheduler } from './scheduler.ts';

export const APP_VERSION = '0.1.0';

/** Each module registers its routes here; add a line to add a module. */
const MODULES: ((deps: ModuleDeps) => void)[] = [
  registerSystemRoutes,
  registerAuthRoutes,
  registerRegionRoutes,
  registerEstablishmentRoutes,
  registerUserRoutes,
  registerFleetRoutes,
  registerCensusRoutes,
  registerBoardRoutes,
  registerRegulationRoutes,
  registerEventRoutes,
  registerProfessionalRoutes,
  registerTeamRoutes,
  registerRosterRoutes,
  registerUpkeepRoutes,
];

export async function buildApp(config: AppConfig, db: Database, events: EventBus): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // Errors before routing (431 oversized headers, malformed paths…) are problem+json like the rest.
    clientErrorHandler,
    frameworkErrors,
    // One line per request would bury the start-up banner: requests are logged at `debug`.
    logController: new RequestLog(),
  });
  // The API speaks JSON only: any other body is answered 415.
  app.removeContentTypeParser('text/plain');
  await app.register(cookie);
  installSecurityHeaders(app);
  installErrorHandler(app);
  installSessionResolver(app, db, createSessionCache(events, config.clock), config.clock);

  // Uploaded files are read off the request thread; closing the app stops the parses under way.
  const tables = createTablePool();
  app.addHook('onClose', () => tables.close());
  const deps: ModuleDeps = { app, db, config, events, route: makeRoute(config), tables };
  for (const register of MODULES) register(deps);
  startScheduler(app, appJobs(app, db, config));

  const openapi = buildOpenApi(ops, APP_VERSION);
  app.get('/api/openapi.json', async () => openapi);

  const hasWeb = existsSync(join(config.webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: config.webDir, wildcard: false, index: false });
    app.get('/assets/*', (request, reply) => reply.sendFile(request.url.slice(1).split('?')[0] ?? ''));
  }
  // The web app owns every non-API path (client-side routing): answer with its shell.
  app.setNotFoundHandler((request, reply) => {
    if (!hasWeb || request.url.startsWith('/api/') || request.method !== 'GET') {
      return sendProblem(reply, request, 'not_found', message('problem.no_route'));
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
  return app;
}
