import { ops } from '../../../contracts/operations.ts';
import { type ModuleDeps, serviceRoutes } from '../module.ts';
import { importRoster } from './roster.import.ts';
import * as roster from './roster.service.ts';

export function registerRosterRoutes(deps: ModuleDeps): void {
  const serve = serviceRoutes(deps);
  const composition = deps.config.regulation.composition;
  serve(ops.getTeamAvailability, 'team:read', (ctx, i) => roster.getTeamAvailability(ctx, composition, i.query));
  serve(ops.listShifts, 'team:read', (ctx, i) => roster.listShifts(ctx, composition, i.query));
  serve(ops.upsertShifts, 'roster:write', (ctx, i) => roster.upsertShifts(ctx, composition, i.params.id, i.body));
  serve(ops.importRoster, 'roster:write', (ctx, i, h) => {
    const body = h.request.body;
    const file = {
      buffer: Buffer.isBuffer(body) ? body : Buffer.alloc(0),
      contentType: h.request.headers['content-type'],
      fileName: i.query.fileName ?? null,
    };
    return importRoster(ctx, file, i.query.mode, deps.tables);
  });
}
