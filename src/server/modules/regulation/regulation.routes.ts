import { ops } from '../../../contracts/operations.ts';
import { sendReady } from '../../http/ready-bytes.ts';
import { type ModuleDeps, serviceContext } from '../module.ts';
import { decide } from './decide.service.ts';
import * as loans from './loans.service.ts';
import { acknowledge, listNotifications } from './notifications.service.ts';
import { createOptionsService } from './options.service.ts';
import { regulationReportFile } from './report.export.ts';
import { regulationReport } from './report.service.ts';
import * as requests from './requests.service.ts';
import * as workflow from './requests.workflow.ts';

export function registerRegulationRoutes(deps: ModuleDeps): void {
  const { app, config, route } = deps;
  const settings = config.regulation;
  route(app, ops.createEcmoRequest, {
    action: 'request:create',
    handler: async (h) => requests.createRequest(serviceContext(deps, h), settings, h.input.body),
  });
  route(app, ops.listEcmoRequests, {
    action: 'request:read',
    handler: async (h) => requests.listRequests(serviceContext(deps, h), settings, h.input.query),
  });
  route(app, ops.getEcmoRequest, {
    action: 'request:read',
    handler: async (h) => requests.getRequest(serviceContext(deps, h), settings, h.input.params.id),
  });
  const options = createOptionsService(deps.db, deps.events, settings, config.clock);
  route(app, ops.listRequestOptions, {
    action: 'request:regulate',
    // Ready bytes (brotli or gzip as accepted, 304 on a matching ETag), as the boards: refreshed by every regulator's screen.
    handler: async (h) => sendReady(h, await options.list(serviceContext(deps, h), h.input.params.id)),
  });
  route(app, ops.updateEcmoRequestStatus, {
    // Withdrawing is open to the requesting team; the service asks the policy for the exact move.
    action: 'request:withdraw',
    handler: async (h) => workflow.updateStatus(serviceContext(deps, h), settings, h.input.params.id, h.input.body),
  });
  route(app, ops.escalateEcmoRequest, {
    action: 'request:regulate',
    handler: async (h) => workflow.escalate(serviceContext(deps, h), settings, h.input.params.id, h.input.body),
  });
  route(app, ops.declineEcmoRequest, {
    action: 'request:regulate',
    handler: async (h) => workflow.decline(serviceContext(deps, h), settings, h.input.params.id, h.input.body),
  });
  route(app, ops.decideEcmoRequest, {
    action: 'request:regulate',
    handler: async (h) => decide(serviceContext(deps, h), settings, h.input.params.id, h.input.body),
  });
  route(app, ops.listLoans, {
    action: 'request:read',
    handler: async (h) => loans.listLoans(serviceContext(deps, h), h.input.query),
  });
  route(app, ops.getLoan, {
    action: 'request:read',
    handler: async (h) => loans.getLoan(serviceContext(deps, h), h.input.params.id),
  });
  route(app, ops.updateLoan, {
    action: 'request:regulate',
    handler: async (h) => loans.updateLoan(serviceContext(deps, h), h.input.params.id, h.input.body),
  });
  route(app, ops.returnLoan, {
    action: 'request:regulate',
    handler: async (h) => loans.returnLoan(serviceContext(deps, h), h.input.params.id, h.input.body),
  });
  route(app, ops.recallLoan, {
    action: 'request:regulate',
    handler: async (h) => loans.recallLoan(serviceContext(deps, h), h.input.params.id, h.input.body),
  });
  route(app, ops.listNotifications, {
    action: 'notification:read',
    handler: async (h) => listNotifications(serviceContext(deps, h), h.input.query.active === 'true'),
  });
  route(app, ops.acknowledgeNotification, {
    action: 'notification:read',
    handler: async (h) => acknowledge(serviceContext(deps, h), h.input.params.id),
  });
  route(app, ops.getRegulationReport, {
    action: 'report:regulation',
    handler: async (h) => regulationReport(serviceContext(deps, h), h.input.query),
  });
  route(app, ops.exportRegulationReport, {
    action: 'report:regulation',
    handler: async (h) => {
      const { format, lang, ...query } = h.input.query;
      const ctx = { ...serviceContext(deps, h), locale: lang ?? h.locale };
      const file = await regulationReportFile(ctx, await regulationReport(ctx, query), format);
      h.reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.buffer);
      return '';
    },
  });
}
