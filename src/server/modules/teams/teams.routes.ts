import { ops } from '../../../contracts/operations.ts';
import { type ModuleDeps, serviceRoutes } from '../module.ts';
import * as teams from './teams.service.ts';

export function registerTeamRoutes(deps: ModuleDeps): void {
  const serve = serviceRoutes(deps);
  serve(ops.listTeams, 'team:read', (ctx, i) => teams.listTeams(ctx, i.query));
  serve(ops.getTeam, 'team:read', (ctx, i) => teams.getTeam(ctx, i.params.id));
  serve(ops.createTeam, 'team:write', (ctx, i) => teams.createTeam(ctx, i.body));
  serve(ops.updateTeamMembers, 'team:write', (ctx, i) => teams.updateTeamMembers(ctx, i.params.id, i.body));
}
