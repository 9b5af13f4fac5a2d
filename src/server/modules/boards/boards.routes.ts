import { readFileSync } from 'node:fs';
import type { FastifyReply } from 'fastify';
import type { TNationalBoard, TRegionalBoard } from '../../../contracts/boards.ts';
import { ops } from '../../../contracts/operations.ts';
import { type Column, toCsv, toXlsx } from '../../files/tabular.ts';
import { notFound } from '../../http/errors.ts';
import { sendReady } from '../../http/ready-bytes.ts';
import { REFERENCE_DIR } from '../../seed/reference.ts';
import { assertAllowed } from '../context.ts';
import type { ModuleDeps } from '../module.ts';
import { createBoardCache } from './boards.service.ts';

type RegionRow = TNationalBoard['regions'][number];
type SiteRow = TRegionalBoard['establishments'][number];

const NATIONAL_COLUMNS: Column<RegionRow>[] = [
  { header: 'code_region', value: (r) => r.code },
  { header: 'region', value: (r) => r.name, width: 28 },
  { header: 'tension', value: (r) => r.tension },
  { header: 'consoles_disponibles', value: (r) => r.consoles.available },
  { header: 'consoles_en_service', value: (r) => r.consoles.inUse },
  { header: 'consoles_maintenance', value: (r) => r.consoles.maintenance },
  { header: 'consoles_pretees', value: (r) => r.consoles.lent },
  { header: 'consoles_hors_service', value: (r) => r.consoles.outOfService },
  { header: 'consoles_en_transit', value: (r) => r.consoles.inTransit },
  { header: 'consoles_total', value: (r) => r.consoles.total },
  { header: 'circuits', value: (r) => r.circuits },
  { header: 'canules', value: (r) => r.cannulas },
  { header: 'patients_vv', value: (r) => r.patients.vv },
  { header: 'patients_va', value: (r) => r.patients.va },
  { header: 'lits_reanimation_sae2018', value: (r) => r.icuBeds },
  { header: 'disponibles_pour_100_lits', value: (r) => r.availablePer100IcuBeds },
  { header: 'recensements_attendus', value: (r) => r.completeness.expected },
  { header: 'recensements_recus', value: (r) => r.completeness.received },
  { header: 'a_temps', value: (r) => r.completeness.onTime },
  { header: 'en_retard', value: (r) => r.completeness.late },
  { header: 'manquants', value: (r) => r.completeness.missing },
  { header: 'maj_consoles', value: (r) => r.lastUpdated.consoles },
  { header: 'maj_recensement', value: (r) => r.lastUpdated.census },
];

const REGIONAL_COLUMNS: Column<SiteRow>[] = [
  { header: 'finess', value: (r) => r.finess },
  { header: 'etablissement', value: (r) => r.name, width: 48 },
  { header: 'commune', value: (r) => r.city },
  { header: 'centre_ecmo', value: (r) => (r.ecmoCentre ? 'oui' : 'non') },
  { header: 'base_umac', value: (r) => (r.umacBase ? 'oui' : 'non') },
  { header: 'tension', value: (r) => r.tension },
  { header: 'consoles_disponibles', value: (r) => r.consoles.available },
  { header: 'consoles_en_service', value: (r) => r.consoles.inUse },
  { header: 'consoles_maintenance', value: (r) => r.consoles.maintenance },
  { header: 'consoles_pretees', value: (r) => r.consoles.lent },
  { header: 'consoles_hors_service', value: (r) => r.consoles.outOfService },
  { header: 'consoles_en_transit', value: (r) => r.consoles.inTransit },
  { header: 'circuits', value: (r) => r.circuits },
  { header: 'canules', value: (r) => r.cannulas },
  { header: 'unites_perimees', value: (r) => r.expiredUnits },
  { header: 'patients_vv', value: (r) => r.patients?.vv ?? null },
  { header: 'patients_va', value: (r) => r.patients?.va ?? null },
  { header: 'equipes', value: (r) => r.teams },
  { header: 'recensement', value: (r) => r.census.status },
  { header: 'semaine_recensement', value: (r) => r.census.week },
  { header: 'donnees_anciennes', value: (r) => (r.stale ? 'oui' : 'non') },
  { header: 'maj_consoles', value: (r) => r.lastUpdated.consoles },
  { header: 'maj_recensement', value: (r) => r.lastUpdated.census },
];

export function registerBoardRoutes(deps: ModuleDeps): void {
  const { app, db, config, events, route } = deps;
  const cache = createBoardCache(db, config.census, events, config.clock);

  const sendExport = async (
    h: { reply: FastifyReply },
    format: 'csv' | 'xlsx',
    name: string,
    sheet: { name: string; rows: readonly unknown[]; columns: readonly Column<never>[] },
  ) => {
    const buffer = format === 'csv' ? toCsv(sheet.rows as never[], sheet.columns) : await toXlsx([sheet as never]);
    h.reply
      .type(
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      )
      .header('content-disposition', `attachment; filename="${name}.${format}"`)
      .send(buffer);
    return '';
  };

  route(app, ops.getNationalBoard, {
    action: 'board:national',
    handler: async (h) => sendReady(h, await cache.national(h.input.query.week, h.input.query.weeks)),
  });
  route(app, ops.exportNationalBoard, {
    action: 'board:national',
    handler: async (h) => {
      const board = (await cache.national(h.input.query.week, h.input.query.weeks)).value as TNationalBoard;
      return sendExport(h, h.input.query.format, `tableau-national-${board.week}`, {
        name: `National ${board.week}`,
        rows: board.regions,
        columns: NATIONAL_COLUMNS as Column<never>[],
      });
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
      return sendExport(h, h.input.query.format, `tableau-region-${board.region.code}-${board.week}`, {
        name: `${board.region.name} ${board.week}`,
        rows: board.establishments,
        columns: REGIONAL_COLUMNS as Column<never>[],
      });
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
