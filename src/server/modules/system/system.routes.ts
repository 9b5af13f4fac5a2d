import { ops } from '../../../contracts/operations.ts';
import type { ModuleDeps } from '../module.ts';
import { readiness } from './system.service.ts';

export function registerSystemRoutes({ app, db, route }: ModuleDeps): void {
  route(app, ops.health, { handler: async () => ({ status: 'ok' as const }) });
  route(app, ops.ready, { handler: () => readiness(db) });
}
