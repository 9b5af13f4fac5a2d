import { ops } from '../../../contracts/operations.ts';
import { type ModuleDeps, serviceRoutes } from '../module.ts';
import * as devices from './devices.service.ts';
import * as sites from './sites.ts';
import * as stock from './stock.service.ts';

export function registerFleetRoutes(deps: ModuleDeps): void {
  const serve = serviceRoutes(deps);
  serve(ops.listDevices, 'device:list', (ctx, i) => devices.listDevices(ctx, i.query));
  serve(ops.getDevice, 'device:read', (ctx, i) => devices.getDevice(ctx, i.params.id));
  serve(ops.createDevice, 'device:create', (ctx, i) => devices.createDevice(ctx, i.body));
  serve(ops.updateDevice, 'device:update', (ctx, i) => devices.updateDevice(ctx, i.params.id, i.body));
  serve(ops.listDeviceHistory, 'device:read', (ctx, i) => devices.listDeviceHistory(ctx, i.params.id));
  serve(ops.listDepots, 'device:list', (ctx) => sites.listDepots(ctx.db));
  serve(ops.listStock, 'stock:list', (ctx, i) => stock.listStock(ctx, i.query));
  serve(ops.adjustStock, 'stock:adjust', (ctx, i) => stock.adjustStock(ctx, i.body));
}
