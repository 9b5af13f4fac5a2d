/** A census file to fill: one row per expected establishment within reach, prefilled with its last report. */
import type { z } from 'zod';
import type { TCensusReport, ZTemplateQuery } from '../../../contracts/census.ts';
import { reachOf } from '../../../domain/policy.ts';
import { currentIsoWeek } from '../../../domain/time.ts';
import type { CensusSettings } from '../../config.ts';
import { type Column, toCsv, toXlsx } from '../../files/tabular.ts';
import { assertAllowed, type ServiceContext } from '../context.ts';
import { CENSUS_COLUMNS } from './census.import.ts';
import * as repo from './census.repository.ts';
import { ensureCampaign, toReportDto } from './census.service.ts';

interface TemplateRow {
  week: string;
  finess: string;
  name: string;
  report: TCensusReport | null;
}

const VALUE: Record<(typeof CENSUS_COLUMNS)[number]['key'], (r: TemplateRow) => unknown> = {
  week: (r) => r.week,
  finess: (r) => r.finess,
  name: (r) => r.name,
  consoles_available: (r) => r.report?.consoles.available ?? null,
  consoles_in_use: (r) => r.report?.consoles.inUse ?? null,
  consoles_maintenance: (r) => r.report?.consoles.maintenance ?? null,
  consoles_lent: (r) => r.report?.consoles.lent ?? null,
  consoles_out_of_service: (r) => r.report?.consoles.outOfService ?? null,
  consoles_in_transit: (r) => r.report?.consoles.inTransit ?? null,
  circuits: (r) => r.report?.circuits ?? null,
  cannulas: (r) => r.report?.cannulas ?? null,
  patients_vv: (r) => r.report?.patients.vv ?? null,
  patients_va: (r) => r.report?.patients.va ?? null,
  teams: (r) => r.report?.teams ?? null,
  comment: () => null,
  correction_reason: () => null,
};

/** What each column holds, by its French header (the template's). */
const NOTICE: Record<(typeof CENSUS_COLUMNS)[number]['fr'], string> = {
  semaine: 'Semaine ISO du recensement, par exemple 2026-W47.',
  finess: 'Numéro FINESS géographique de l’établissement (9 caractères).',
  etablissement: 'Nom de l’établissement (indicatif, non lu).',
  consoles_disponibles: 'Consoles ECMO disponibles.',
  consoles_en_service: 'Consoles en service (patient branché).',
  consoles_maintenance: 'Consoles en maintenance.',
  consoles_pretees: 'Consoles prêtées (présentes ici ou prêtées ailleurs).',
  consoles_hors_service: 'Consoles hors service.',
  consoles_en_transit: 'Consoles en transit.',
  circuits: 'Circuits (avec oxygénateur) en stock, non périmés.',
  canules: 'Canules en stock, non périmées.',
  patients_vv: 'Patients sous ECMO veino-veineuse maintenant.',
  patients_va: 'Patients sous ECMO veino-artérielle maintenant.',
  equipes: 'Équipes en état de conduire une ECMO cette semaine.',
  commentaire: 'Commentaire libre (texte, sans formule).',
  motif_correction: 'Obligatoire si un recensement existe déjà pour la semaine : motif de la correction.',
};

export async function censusTemplate(
  ctx: ServiceContext,
  settings: CensusSettings,
  q: z.output<typeof ZTemplateQuery>,
) {
  const now = ctx.clock.now();
  const week = q.week ?? currentIsoWeek(now);
  if (q.region) assertAllowed(ctx.user, 'census:submit', { regionCode: q.region });
  await ctx.db.transaction((tx) => ensureCampaign(tx, week, settings, now));
  const sites = await repo.campaignSites(ctx.db, week, reachOf(ctx.user.grants, 'census:submit'), { region: q.region });
  const rows: TemplateRow[] = sites.map((s) => ({
    week,
    finess: s.finess,
    name: s.name,
    report: s.report ? toReportDto(s.report) : s.previous ? toReportDto(s.previous) : null,
  }));
  const columns: Column<TemplateRow>[] = CENSUS_COLUMNS.map((c) => ({
    header: c.fr,
    value: VALUE[c.key],
    width: c.key === 'name' ? 48 : undefined,
  }));
  const base = `recensement-ecmo-${week}`;
  if (q.format === 'csv')
    return { buffer: toCsv(rows, columns), contentType: 'text/csv; charset=utf-8', fileName: `${base}.csv` };
  const notice = Object.entries(NOTICE).map(([column, meaning]) => ({ column, meaning }));
  const buffer = await toXlsx([
    { name: 'Recensement', rows, columns },
    {
      name: 'Notice',
      rows: notice,
      columns: [
        { header: 'colonne', value: (r: { column: string }) => r.column, width: 26 },
        { header: 'contenu', value: (r: { meaning: string }) => r.meaning, width: 90 },
      ],
    },
  ]);
  return {
    buffer,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `${base}.xlsx`,
  };
}
