import { readFileSync } from 'node:fs';
import type { FastifyReply } from 'fastify';
import type { TNationalBoard, TRegionalBoard } from '../../../contracts/boards.ts';
import { ops } from '../../../contracts/operations.ts';
import { notFound } from '../../http/errors.ts';
import { sendReady } from '../../http/ready-bytes.ts';
import { REFERENCE_DIR } from '../../seed/reference.ts';
import { assertAllowed } from '../context.ts';
import type { ModuleDeps } from '../module.ts';
import { type ExportFile, nationalBoardFile, regionalBoardFile } from './boards.export.ts';
import { createBoardCache } from './boards.service.ts';

export function registerBoardRoutes(deps: ModuleDeps): void {
  const { app, db, config, events, route } = deps;
  const cache = createBoardCache(db, config.census, events, config.clock);

  const sendExport = (h: { reply: FastifyReply }, file: ExportFile) => {
    h.reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .send(file.buffer);
    return '';
  };

  route(app, ops.getNationalBoard, {
    action: 'board:national',
    handler: async (h) => sendReady(h, await cache.national(h.input.query.week, h.input.query.weeks)),
  });
  route(app, ops.exportNationalBoard, {
    action: 'board:national',
    handler: async (h) => {
      const { week, weeks, format, lang } = h.input.query;
      const board = (await cache.national(week, weeks)).value as TNationalBoard;
      return sendExport(h, await nationalBoardFile(board, format, lang ?? h.locale, config.clock.now()));
    },
  });
  const regional = async (h: {
    user: { grants: unknown } | null;
    input: { params: { region: string }; query: { week?: string; weeks: number } };
  }) => {
    const user = h.user as Parameters<typeof assertAllowed>[0];
    assertAllowed(user, 'board:regional', { regionCode: h.input.params.region });
    const board = await cache.regional(h.input.params.region, h.input.query.week, h.input.query.weeks);
    if (!board) throw notFound(`Region ${h.input.params.region}`);
    return board;
  };
  route(app, ops.getRegionalBoard, {
    action: 'board:regional',
    handler: async (h) => sendReady(h, await regional(h)),
  });
  route(app, ops.exportRegionalBoard, {
    action: 'board:regional',
    handler: async (h) => {
      const board = (await regional(h)).value as TRegionalBoard;
      const { format, lang } = h.input.query;
      return sendExport(h, await regionalBoardFile(board, format, lang ?? h.locale, config.clock.now()));
    },
  });
  const shapes = readFileSync(`${REFERENCE_DIR}france-regions.geojson`, 'utf8');
  route(app, ops.getRegionShapes, {
    action: 'region:list',
    handler: async (h) => {
      h.reply.type('application/json; charset=utf-8').header('cache-control', 'private, max-age=86400').send(shapes);
      return undefined as never;
    },
  });
}
