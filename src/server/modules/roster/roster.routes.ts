import { ops } from '../../../contracts/operations.ts';
import { type ModuleDeps, serviceContext } from '../module.ts';
import { importRoster } from './roster.import.ts';
import * as roster from './roster.service.ts';

export function registerRosterRoutes(deps: ModuleDeps): void {
  const { app, config, route } = deps;
  const composition = config.regulation.composition;
  route(app, ops.getTeamAvailability, {
    action: 'team:read',
    handler: async (h) => roster.getTeamAvailability(serviceContext(deps, h), composition, h.input.query),
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
      const file = {
        buffer: Buffer.isBuffer(body) ? body : Buffer.alloc(0),
        contentType: h.request.headers['content-type'],
        fileName: h.input.query.fileName ?? null,
      };
      return importRoster(serviceContext(deps, h), file, h.input.query.mode, deps.tables);
    },
  });
}
