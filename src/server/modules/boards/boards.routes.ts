import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ops } from '../../../contracts/operations.ts';
import { sendReady } from '../../http/ready-bytes.ts';
import { REFERENCE_DIR } from '../../seed/reference.ts';
import { type ModuleDeps, serviceContext } from '../module.ts';
import { nationalBoardFile, regionalBoardFile, sendDownload } from './boards.export.ts';
import { createBoardCache, regionalBoardFor } from './boards.service.ts';

export function registerBoardRoutes(deps: ModuleDeps): void {
  const { app, db, config, events, route } = deps;
  const cache = createBoardCache(db, config.census, events, config.clock);

  route(app, ops.getNationalBoard, {
    action: 'board:national',
    handler: async (h) => sendReady(h, await cache.national(h.input.query.week, h.input.query.weeks)),
  });
  route(app, ops.exportNationalBoard, {
    action: 'board:national',
    handler: async (h) => {
      const { week, weeks, format, lang } = h.input.query;
      const board = (await cache.national(week, weeks)).value;
      return sendDownload(h.reply, await nationalBoardFile(board, format, lang ?? h.locale, config.clock.now()));
    },
  });
  route(app, ops.getRegionalBoard, {
    action: 'board:regional',
    handler: async (h) =>
      sendReady(h, await regionalBoardFor(cache, serviceContext(deps, h).user, h.input.params.region, h.input.query)),
  });
  route(app, ops.exportRegionalBoard, {
    action: 'board:regional',
    handler: async (h) => {
      const { format, lang } = h.input.query;
      const user = serviceContext(deps, h).user;
      const board = (await regionalBoardFor(cache, user, h.input.params.region, h.input.query)).value;
      return sendDownload(h.reply, await regionalBoardFile(board, format, lang ?? h.locale, config.clock.now()));
    },
  });
  // Read once: the outlines are the same for every reader, who keeps them a day.
  const shapes: z.output<typeof ops.getRegionShapes.response> = JSON.parse(
    readFileSync(`${REFERENCE_DIR}france-regions.geojson`, 'utf8'),
  );
  route(app, ops.getRegionShapes, {
    action: 'region:list',
    handler: async (h) => {
      h.reply.header('cache-control', 'private, max-age=86400');
      return shapes;
    },
  });
}
