import { ops } from '../../../contracts/operations.ts';
import { UPLOAD_LIMIT_BYTES, UPLOAD_TYPES } from '../../files/limits.ts';
import { sendDownload } from '../../http/download.ts';
import { deliverQueued } from '../../mail/mailer.ts';
import { type ModuleDeps, serviceRoutes } from '../module.ts';
import { importCensusFile } from './census.import.ts';
import * as reminders from './census.reminders.ts';
import * as census from './census.service.ts';
import { submitCensusReport } from './census.submit.ts';
import { censusTemplate } from './census.template.ts';

export function registerCensusRoutes(deps: ModuleDeps): void {
  const { app, db, config } = deps;
  // Uploads arrive as raw bytes; other routes never accept these types (their zod body rejects them).
  app.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES }, (_req, body, done) =>
    done(null, body),
  );
  const serve = serviceRoutes(deps);
  serve(ops.listCensusCampaigns, 'census:read', (ctx, i) => census.listCensusCampaigns(ctx, config.census, i.query));
  serve(ops.getCensusCampaign, 'census:read', (ctx, i) =>
    census.getCensusCampaign(ctx, config.census, i.params.week, i.query),
  );
  serve(ops.submitCensusReport, 'census:submit', (ctx, i, h) =>
    submitCensusReport(ctx, config.census, i.body, h.request.headers['x-relais-client'] === 'web' ? 'form' : 'api'),
  );
  serve(ops.listCensusReports, 'census:read', (ctx, i) => census.listReportHistory(ctx, i.query.finess, i.query.weeks));
  serve(ops.importCensusFile, 'census:submit', (ctx, i, h) => {
    const body = h.request.body;
    const buffer = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
    const file = { buffer, contentType: h.request.headers['content-type'], fileName: i.query.fileName ?? null };
    return importCensusFile(ctx, config.census, file, i.query.mode, deps.tables);
  });
  serve(ops.getCensusTemplate, 'census:submit', async (ctx, i, h) =>
    sendDownload(h.reply, await censusTemplate(ctx, config.census, i.query)),
  );
  serve(ops.remindCensus, 'census:remind', async (ctx, i, h) => {
    const result = await reminders.remindMissing(ctx, config.census, config, i.params.week, i.body);
    void deliverQueued(db, config, config.clock).catch((err) => h.request.log.error({ err }, 'mail delivery failed'));
    return result;
  });
  serve(ops.listOutbox, 'outbox:read', (ctx, i) => reminders.listOutbox(ctx.db, i.query.limit));
}
