import { ops } from '../../../contracts/operations.ts';
import { type ModuleDeps, serviceRoutes } from '../module.ts';
import * as professionals from './professionals.service.ts';

export function registerProfessionalRoutes(deps: ModuleDeps): void {
  const serve = serviceRoutes(deps);
  serve(ops.listProfessionals, 'professional:read', (ctx, i) => professionals.listProfessionals(ctx, i.query));
  serve(ops.getProfessional, 'professional:read', (ctx, i) =>
    professionals.getProfessional(ctx, i.params.id, i.query.on),
  );
  serve(ops.createProfessional, 'professional:write', (ctx, i) => professionals.createProfessional(ctx, i.body));
  serve(ops.updateProfessional, 'professional:write', (ctx, i) =>
    professionals.updateProfessional(ctx, i.params.id, i.body),
  );
  serve(ops.addQualification, 'professional:write', (ctx, i) =>
    professionals.addQualification(ctx, i.params.id, i.body),
  );
  serve(ops.listCentreActivity, 'professional:read', (ctx, i) => professionals.listCentreActivity(ctx, i.query));
  serve(ops.recordCentreActivity, 'professional:write', (ctx, i) =>
    professionals.recordCentreActivity(ctx, i.params.finess, i.body),
  );
}
