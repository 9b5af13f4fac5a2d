import { ops } from '../../../contracts/operations.ts';
import { type ModuleDeps, serviceRoutes } from '../module.ts';
import * as service from './establishments.service.ts';

export function registerEstablishmentRoutes(deps: ModuleDeps): void {
  const serve = serviceRoutes(deps);
  serve(ops.listEstablishments, 'establishment:list', (ctx, i) => service.listEstablishments(ctx.db, i.query));
  serve(ops.getEstablishment, 'establishment:read', (ctx, i) => service.getEstablishment(ctx.db, i.params.finess));
  serve(ops.createEstablishment, 'establishment:create', (ctx, i) => service.createEstablishment(ctx, i.body));
}
