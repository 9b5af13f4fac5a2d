import { ops } from '../../../contracts/operations.ts';
import { type ModuleDeps, serviceRoutes } from '../module.ts';
import * as service from './users.service.ts';

export function registerUserRoutes(deps: ModuleDeps): void {
  const serve = serviceRoutes(deps);
  serve(ops.listUsers, 'user:list', (ctx, i) => service.listUsers(ctx, i.query));
  serve(ops.createUser, 'user:create', (ctx, i) => service.createUser(ctx, i.body));
}
