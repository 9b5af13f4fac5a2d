import { ops } from '../../../contracts/operations.ts';
import type { ModuleDeps } from '../module.ts';
import * as regions from './regions.service.ts';

export function registerRegionRoutes({ app, db, route }: ModuleDeps): void {
  route(app, ops.listRegions, {
    action: 'region:list',
    handler: async () => regions.listRegions(db),
  });
}
