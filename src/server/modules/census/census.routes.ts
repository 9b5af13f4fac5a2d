import { ops } from '../../../contracts/operations.ts';
import { UPLOAD_LIMIT_BYTES, UPLOAD_TYPES } from '../../files/limits.ts';
import { deliverQueued } from '../../mail/mailer.ts';
import { sendDownload } from '../boards/boards.export.ts';
import { type ModuleDeps, serviceContext } from '../module.ts';
import { importCensusFile } from './census.import.ts';
import * as reminders from './census.reminders.ts';
import * as census from './census.service.ts';
import { submitCensusReport } from './census.submit.ts';
import { censusTemplate } from './census.template.ts';

export function registerCensusRoutes(deps: ModuleDeps): void {
  const { app, db, config, route } = deps;
  // Uploads arrive as raw bytes; other routes never accept these types (their zod body rejects them).
  app.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES }, (_req, body, done) =>
    done(null, body),
  );
  route(app, ops.listCensusCampaigns, {
    action: 'census:read',
    handler: async (h) => census.listCensusCampaigns(serviceContext(deps, h), config.census, h.input.query),
  });
  route(app, ops.getCensusCampaign, {
    action: 'census:read',
    handler: async (h) =>
      census.getCensusCampaign(serviceContext(deps, h), config.census, h.input.params.week, h.input.query),
  });
  route(app, ops.submitCensusReport, {
    action: 'census:submit',
    handler: async (h) =>
      submitCensusReport(
        serviceContext(deps, h),
        config.census,
        h.input.body,
        h.request.headers['x-relais-client'] === 'web' ? 'form' : 'api',
      ),
  });
  route(app, ops.listCensusReports, {
    action: 'census:read',
    handler: async (h) => census.listReportHistory(serviceContext(deps, h), h.input.query.finess, h.input.query.weeks),
  });
  route(app, ops.importCensusFile, {
    action: 'census:submit',
    handler: async (h) => {
      const body = h.request.body;
      const buffer = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      return importCensusFile(
        serviceContext(deps, h),
        config.census,
        { buffer, contentType: h.request.headers['content-type'], fileName: h.input.query.fileName ?? null },
        h.input.query.mode,
        deps.tables,
      );
    },
  });
  route(app, ops.getCensusTemplate, {
    action: 'census:submit',
    handler: async (h) =>
      sendDownload(h.reply, await censusTemplate(serviceContext(deps, h), config.census, h.input.query)),
  });
  route(app, ops.remindCensus, {
    action: 'census:remind',
    handler: async (h) => {
      const result = await reminders.remindMissing(
        serviceContext(deps, h),
        config.census,
        config,
        h.input.params.week,
        h.input.body,
      );
      void deliverQueued(db, config, config.clock).catch((err) => h.request.log.error({ err }, 'mail delivery failed'));
      return result;
    },
  });
  route(app, ops.listOutbox, {
    action: 'outbox:read',
    handler: async (h) => reminders.listOutbox(db, h.input.query.limit),
  });
}
