import { ops } from '../../../contracts/operations.ts';
import { sendDownload } from '../../http/download.ts';
import { sendReady } from '../../http/ready-bytes.ts';
import { type ModuleDeps, serviceRoutes } from '../module.ts';
import { decide } from './decide.service.ts';
import * as loans from './loans.service.ts';
import { acknowledge, listNotifications } from './notifications.service.ts';
import { createOptionsService } from './options.service.ts';
import { regulationReportFile } from './report.export.ts';
import { regulationReport } from './report.service.ts';
import * as requests from './requests.service.ts';
import * as workflow from './requests.workflow.ts';

export function registerRegulationRoutes(deps: ModuleDeps): void {
  const serve = serviceRoutes(deps);
  const { config } = deps;
  const settings = config.regulation;
  serve(ops.createEcmoRequest, 'request:create', (ctx, i) => requests.createRequest(ctx, settings, i.body));
  serve(ops.listEcmoRequests, 'request:read', (ctx, i) => requests.listRequests(ctx, settings, i.query));
  serve(ops.getEcmoRequest, 'request:read', (ctx, i) => requests.getRequest(ctx, settings, i.params.id));
  const options = createOptionsService(deps.db, deps.events, settings, config.clock);
  // Ready bytes (brotli or gzip as accepted, 304 on a matching ETag), as the boards: refreshed by every regulator's screen.
  serve(ops.listRequestOptions, 'request:regulate', async (ctx, i, h) =>
    sendReady(h, await options.list(ctx, i.params.id)),
  );
  // Withdrawing is open to the requesting team; the service asks the policy for the exact move.
  serve(ops.updateEcmoRequestStatus, 'request:withdraw', (ctx, i) =>
    workflow.updateStatus(ctx, settings, i.params.id, i.body),
  );
  serve(ops.escalateEcmoRequest, 'request:regulate', (ctx, i) => workflow.escalate(ctx, settings, i.params.id, i.body));
  serve(ops.declineEcmoRequest, 'request:regulate', (ctx, i) => workflow.decline(ctx, settings, i.params.id, i.body));
  serve(ops.decideEcmoRequest, 'request:regulate', (ctx, i) => decide(ctx, settings, i.params.id, i.body));
  serve(ops.listLoans, 'request:read', (ctx, i) => loans.listLoans(ctx, i.query));
  serve(ops.getLoan, 'request:read', (ctx, i) => loans.getLoan(ctx, i.params.id));
  serve(ops.updateLoan, 'request:regulate', (ctx, i) => loans.updateLoan(ctx, i.params.id, i.body));
  serve(ops.returnLoan, 'request:regulate', (ctx, i) => loans.returnLoan(ctx, i.params.id, i.body));
  serve(ops.recallLoan, 'request:regulate', (ctx, i) => loans.recallLoan(ctx, i.params.id, i.body));
  serve(ops.listNotifications, 'notification:read', (ctx, i) => listNotifications(ctx, i.query.active === 'true'));
  serve(ops.acknowledgeNotification, 'notification:read', (ctx, i) => acknowledge(ctx, i.params.id));
  serve(ops.getRegulationReport, 'report:regulation', (ctx, i) => regulationReport(ctx, i.query));
  serve(ops.exportRegulationReport, 'report:regulation', async (signedIn, i, h) => {
    const { format, lang, ...query } = i.query;
    const ctx = { ...signedIn, locale: lang ?? h.locale };
    return sendDownload(h.reply, await regulationReportFile(ctx, await regulationReport(ctx, query), format));
  });
}
