import { ops } from '../../../contracts/operations.ts';
import { type ModuleDeps, serviceContext } from '../module.ts';
import * as service from './users.service.ts';

export function registerUserRoutes(deps: ModuleDeps): void {
  const { app, route } = deps;
  route(app, ops.listUsers, {
    action: 'user:list',
    handler: async (h) => service.listUsers(serviceContext(deps, h), h.input.query),
  });
  route(app, ops.createUser, {
    action: 'user:create',
    handler: async (h) => service.createUser(serviceContext(deps, h), h.input.body),
  });
}
