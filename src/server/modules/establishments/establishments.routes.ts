import { ops } from '../../../contracts/operations.ts';
import { type ModuleDeps, serviceContext } from '../module.ts';
import * as service from './establishments.service.ts';

export function registerEstablishmentRoutes(deps: ModuleDeps): void {
  const { app, db, route } = deps;
  route(app, ops.listEstablishments, {
    action: 'establishment:list',
    handler: async ({ input }) => service.listEstablishments(db, input.query),
  });
  route(app, ops.getEstablishment, {
    action: 'establishment:read',
    handler: async ({ input }) => service.getEstablishment(db, input.params.finess),
  });
  route(app, ops.createEstablishment, {
    action: 'establishment:create',
    handler: async (h) => service.createEstablishment(serviceContext(deps, h), h.input.body),
  });
}
