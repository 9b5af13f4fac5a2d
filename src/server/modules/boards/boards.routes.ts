import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ops } from '../../../contracts/operations.ts';
import { sendDownload } from '../../http/download.ts';
import { sendReady } from '../../http/ready-bytes.ts';
import { REFERENCE_DIR } from '../../seed/reference.ts';
import { type ModuleDeps, serviceRoutes } from '../module.ts';
import { nationalBoardFile, regionalBoardFile } from './boards.export.ts';
import { createBoardCache, regionalBoardFor } from './boards.service.ts';

export function registerBoardRoutes(deps: ModuleDeps): void {
  const { db, config, events } = deps;
  const cache = createBoardCache(db, config.census, events, config.clock);

  const serve = serviceRoutes(deps);
  serve(ops.getNationalBoard, 'board:national', async (_ctx, i, h) =>
    sendReady(h, await cache.national(i.query.week, i.query.weeks)),
  );
  serve(ops.exportNationalBoard, 'board:national', async (_ctx, i, h) => {
    const { week, weeks, format, lang } = i.query;
    const board = (await cache.national(week, weeks)).value;
    return sendDownload(h.reply, await nationalBoardFile(board, format, lang ?? h.locale, config.clock.now()));
  });
  serve(ops.getRegionalBoard, 'board:regional', async (ctx, i, h) =>
    sendReady(h, await regionalBoardFor(cache, ctx.user, i.params.region, i.query)),
  );
  serve(ops.exportRegionalBoard, 'board:regional', async (ctx, i, h) => {
    const board = (await regionalBoardFor(cache, ctx.user, i.params.region, i.query)).value;
    return sendDownload(
      h.reply,
      await regionalBoardFile(board, i.query.format, i.query.lang ?? h.locale, config.clock.now()),
    );
  });
  // Read once: the outlines are the same for every reader, who keeps them a day.
  const shapes: z.output<typeof ops.getRegionShapes.response> = JSON.parse(
    readFileSync(`${REFERENCE_DIR}france-regions.geojson`, 'utf8'),
  );
  serve(ops.getRegionShapes, 'region:list', async (_ctx, _i, h) => {
    h.reply.header('cache-control', 'private, max-age=86400');
    return shapes;
  });
}
