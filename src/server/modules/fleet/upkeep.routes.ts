import { ops } from '../../../contracts/operations.ts';
import { type ModuleDeps, serviceRoutes } from '../module.ts';
import * as upkeep from './upkeep.service.ts';

export function registerUpkeepRoutes(deps: ModuleDeps): void {
  const serve = serviceRoutes(deps);
  const settings = deps.config.upkeep;
  serve(ops.getDeviceUpkeep, 'upkeep:read', (ctx, i) => upkeep.getDeviceUpkeep(ctx, settings, i.params.id));
  serve(ops.recordDeviceCheck, 'upkeep:write', (ctx, i) =>
    upkeep.recordDeviceCheck(ctx, settings, i.params.id, i.body),
  );
  serve(ops.recordMaintenance, 'upkeep:write', (ctx, i) =>
    upkeep.recordMaintenance(ctx, settings, i.params.id, i.body),
  );
  serve(ops.listMaintenanceDue, 'upkeep:read', (ctx, i) => upkeep.listMaintenanceDue(ctx, settings, i.query));
}
