import { ops } from '../../../contracts/operations.ts';
import { AppError } from '../../http/errors.ts';
import type { ModuleDeps } from '../module.ts';

export function registerSystemRoutes({ app, db, route }: ModuleDeps): void {
  route(app, ops.health, { handler: async () => ({ status: 'ok' as const }) });
  route(app, ops.ready, {
    handler: async () => {
      try {
        await db.query('SELECT 1');
      } catch {
        throw new AppError('unavailable', 'The database does not answer');
      }
      return { status: 'ready' as const, engine: db.engine };
    },
  });
}
