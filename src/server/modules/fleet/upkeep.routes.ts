import { ops } from '../../../contracts/operations.ts';
import { type ModuleDeps, serviceContext } from '../module.ts';
import * as upkeep from './upkeep.service.ts';

export function registerUpkeepRoutes(deps: ModuleDeps): void {
  const { app, config, route } = deps;
  route(app, ops.getDeviceUpkeep, {
    action: 'upkeep:read',
    handler: async (h) => upkeep.getDeviceUpkeep(serviceContext(deps, h), config.upkeep, h.input.params.id),
  });
  route(app, ops.recordDeviceCheck, {
    action: 'upkeep:write',
    handler: async (h) =>
      upkeep.recordDeviceCheck(serviceContext(deps, h), config.upkeep, h.input.params.id, h.input.body),
  });
  route(app, ops.recordMaintenance, {
    action: 'upkeep:write',
    handler: async (h) =>
      upkeep.recordMaintenance(serviceContext(deps, h), config.upkeep, h.input.params.id, h.input.body),
  });
  route(app, ops.listMaintenanceDue, {
    action: 'upkeep:read',
    handler: async (h) => upkeep.listMaintenanceDue(serviceContext(deps, h), config.upkeep, h.input.query),
  });
}
