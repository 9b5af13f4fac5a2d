import { ops } from '../../../contracts/operations.ts';
import { UPLOAD_LIMIT_BYTES, UPLOAD_TYPES } from '../../files/limits.ts';
import { deliverQueued } from '../../mail/mailer.ts';
import { type ModuleDeps, serviceContext } from '../module.ts';
import { importCensusFile } from './census.import.ts';
import * as census from './census.service.ts';
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
      census.submitCensusReport(
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
    handler: async (h) => {
      const file = await censusTemplate(serviceContext(deps, h), config.census, h.input.query);
      h.reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.buffer);
      return '';
    },
  });
  route(app, ops.remindCensus, {
    action: 'census:remind',
    handler: async (h) => {
      const result = await census.remindMissing(
        serviceContext(deps, h),
        config.census,
        config,
        h.input.params.week,
        h.input.body,
      );
      void deliverQueued(db, config).catch((err) => h.request.log.error({ err }, 'mail delivery failed'));
      return result;
    },
  });
  route(app, ops.listOutbox, {
    action: 'outbox:read',
    handler: async (h) => ({
      items: (
        await db.query<{
          id: number;
          createdAt: Date;
          to: string;
          subject: string;
          body: string;
          status: 'queued' | 'sent' | 'failed' | 'outbox';
        }>(
          `SELECT id::int AS id, created_at AS "createdAt", to_address AS "to", subject, body, status
           FROM mail_outbox ORDER BY id DESC LIMIT $1`,
          [h.input.query.limit],
        )
      ).map((m) => ({ ...m, createdAt: new Date(m.createdAt).toISOString() })),
    }),
  });
}
