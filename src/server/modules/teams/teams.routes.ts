import { ops } from '../../../contracts/operations.ts';
import { type ModuleDeps, serviceContext } from '../module.ts';
import * as professionals from './professionals.service.ts';
import { importRoster } from './roster.import.ts';
import * as roster from './roster.service.ts';
import * as teams from './teams.service.ts';
import * as upkeep from './upkeep.service.ts';

export function registerTeamRoutes(deps: ModuleDeps): void {
  const { app, config, route } = deps;
  const composition = config.regulation.composition;
  route(app, ops.listProfessionals, {
    action: 'professional:read',
    handler: async (h) => professionals.listProfessionals(serviceContext(deps, h), h.input.query),
  });
  route(app, ops.getProfessional, {
    action: 'professional:read',
    handler: async (h) => professionals.getProfessional(serviceContext(deps, h), h.input.params.id, h.input.query.on),
  });
  route(app, ops.createProfessional, {
    action: 'professional:write',
    handler: async (h) => professionals.createProfessional(serviceContext(deps, h), h.input.body),
  });
  route(app, ops.updateProfessional, {
    action: 'professional:write',
    handler: async (h) => professionals.updateProfessional(serviceContext(deps, h), h.input.params.id, h.input.body),
  });
  route(app, ops.addQualification, {
    action: 'professional:write',
    handler: async (h) => professionals.addQualification(serviceContext(deps, h), h.input.params.id, h.input.body),
  });
  route(app, ops.listCentreActivity, {
    action: 'professional:read',
    handler: async (h) => professionals.listCentreActivity(serviceContext(deps, h), h.input.query),
  });
  route(app, ops.recordCentreActivity, {
    action: 'professional:write',
    handler: async (h) =>
      professionals.recordCentreActivity(serviceContext(deps, h), h.input.params.finess, h.input.body),
  });
  route(app, ops.listTeams, {
    action: 'team:read',
    handler: async (h) => teams.listTeams(serviceContext(deps, h), h.input.query),
  });
  route(app, ops.getTeamAvailability, {
    action: 'team:read',
    handler: async (h) => roster.getTeamAvailability(serviceContext(deps, h), composition, h.input.query),
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
  route(app, ops.listShifts, {
    action: 'team:read',
    handler: async (h) => roster.listShifts(serviceContext(deps, h), composition, h.input.query),
  });
  route(app, ops.upsertShifts, {
    action: 'roster:write',
    handler: async (h) => roster.upsertShifts(serviceContext(deps, h), composition, h.input.params.id, h.input.body),
  });
  route(app, ops.importRoster, {
    action: 'roster:write',
    handler: async (h) => {
      const body = h.request.body;
      return importRoster(
        serviceContext(deps, h),
        {
          buffer: Buffer.isBuffer(body) ? body : Buffer.alloc(0),
          contentType: h.request.headers['content-type'],
          fileName: h.input.query.fileName ?? null,
        },
        h.input.query.mode,
        deps.tables,
      );
    },
  });
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
