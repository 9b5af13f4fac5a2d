import { ops } from '../../../contracts/operations.ts';
import { type ModuleDeps, serviceContext } from '../module.ts';
import * as devices from './devices.service.ts';
import * as sites from './sites.ts';
import * as stock from './stock.service.ts';

export function registerFleetRoutes(deps: ModuleDeps): void {
  const { app, db, route } = deps;
  route(app, ops.listDevices, {
    action: 'device:list',
    handler: async (h) => devices.listDevices(serviceContext(deps, h), h.input.query),
  });
  route(app, ops.getDevice, {
    action: 'device:read',
    handler: async (h) => devices.getDevice(serviceContext(deps, h), h.input.params.id),
  });
  route(app, ops.createDevice, {
    action: 'device:create',
    handler: async (h) => devices.createDevice(serviceContext(deps, h), h.input.body),
  });
  route(app, ops.updateDevice, {
    action: 'device:update',
    handler: async (h) => devices.updateDevice(serviceContext(deps, h), h.input.params.id, h.input.body),
  });
  route(app, ops.listDeviceHistory, {
    action: 'device:read',
    handler: async (h) => devices.listDeviceHistory(serviceContext(deps, h), h.input.params.id),
  });
  route(app, ops.listDepots, {
    action: 'device:list',
    handler: async () => sites.listDepots(db),
  });
  route(app, ops.listStock, {
    action: 'stock:list',
    handler: async (h) => stock.listStock(serviceContext(deps, h), h.input.query),
  });
  route(app, ops.adjustStock, {
    action: 'stock:adjust',
    handler: async (h) => stock.adjustStock(serviceContext(deps, h), h.input.body),
  });
}
