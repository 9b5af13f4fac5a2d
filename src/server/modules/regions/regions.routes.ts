import { ops } from '../../../contracts/operations.ts';
import { type ModuleDeps, serviceRoutes } from '../module.ts';
import * as regions from './regions.service.ts';

export function registerRegionRoutes(deps: ModuleDeps): void {
  serviceRoutes(deps)(ops.listRegions, 'region:list', (ctx) => regions.listRegions(ctx.db));
}
