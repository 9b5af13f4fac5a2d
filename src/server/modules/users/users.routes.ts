import { ops } from '../../../contracts/operations.ts';
import { type ModuleDeps, serviceContext } from '../module.ts';
import * as service from './users.service.ts';

export function registerUserRoutes({ app, db, route }: ModuleDeps): void {
  route(app, ops.listUsers, {
    action: 'user:list',
    handler: async (h) => service.listUsers(serviceContext(db, h), h.input.query),
  });
  route(app, ops.createUser, {
    action: 'user:create',
    handler: async (h) => service.createUser(serviceContext(db, h), h.input.body),
  });
}
