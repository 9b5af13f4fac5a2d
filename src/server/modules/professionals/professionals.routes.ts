import { ops } from '../../../contracts/operations.ts';
import { type ModuleDeps, serviceContext } from '../module.ts';
import * as professionals from './professionals.service.ts';

export function registerProfessionalRoutes(deps: ModuleDeps): void {
  const { app, route } = deps;
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
}
