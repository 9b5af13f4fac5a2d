import { ops } from '../../../contracts/operations.ts';
import { type ModuleDeps, serviceContext } from '../module.ts';
import * as teams from './teams.service.ts';

export function registerTeamRoutes(deps: ModuleDeps): void {
  const { app, route } = deps;
  route(app, ops.listTeams, {
    action: 'team:read',
    handler: async (h) => teams.listTeams(serviceContext(deps, h), h.input.query),
  });
  route(app, ops.getTeam, {
    action: 'team:read',
    handler: async (h) => teams.getTeam(serviceContext(deps, h), h.input.params.id),
  });
  route(app, ops.createTeam, {
    action: 'team:write',
    handler: async (h) => teams.createTeam(serviceContext(deps, h), h.input.body),
  });
  route(app, ops.updateTeamMembers, {
    action: 'team:write',
    handler: async (h) => teams.updateTeamMembers(serviceContext(deps, h), h.input.params.id, h.input.body),
  });
}
