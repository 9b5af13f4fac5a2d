/**
 * The columns of the board spreadsheets (CSV and XLSX) in the reader's language: one row per region
 * (national board) or per establishment (regional board). Tension words are those of the screens (the
 * web's boards dictionary), so that the export says what the page says.
 */
import type { TConsoleCounts, TNationalBoard, TRegionalBoard } from '../../../contracts/boards.ts';
import { type Locale, text } from '../../../contracts/messages.ts';
import type { CensusStatus } from '../../../domain/census.ts';
import { boardsEn } from '../../../web/i18n/boards.en.ts';
import { boardsFr } from '../../../web/i18n/boards.fr.ts';
import type { Column } from '../../files/tabular.ts';

export type Words = typeof boardsEn;
export const DICTIONARIES: Record<Locale, Words> = { fr: boardsFr, en: boardsEn };

/** i18next-style `{{name}}` parameters. */
export const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''));

/** An establishment's census status in a cell. */
export const censusWord = (status: CensusStatus, locale: Locale): string => text(locale, `board.census.${status}`);

type RegionRow = TNationalBoard['regions'][number];
type SiteRow = TRegionalBoard['establishments'][number];

interface ColumnDef<T> {
  header: Record<Locale, string>;
  value: (row: T, words: Words, locale: Locale) => unknown;
  width?: number;
  kind?: 'instant';
}

const columnsFor = <T>(defs: readonly ColumnDef<T>[], locale: Locale): Column<T>[] =>
  defs.map((d) => ({
    header: d.header[locale],
    value: (row: T) => d.value(row, DICTIONARIES[locale], locale),
    width: d.width,
    kind: d.kind,
  }));

const consoleColumns = <T>(of: (row: T) => TConsoleCounts): ColumnDef<T>[] => [
  { header: { fr: 'Consoles disponibles', en: 'Consoles available' }, value: (r) => of(r).available },
  { header: { fr: 'Consoles en service', en: 'Consoles in use' }, value: (r) => of(r).inUse },
  { header: { fr: 'Consoles en maintenance', en: 'Consoles in maintenance' }, value: (r) => of(r).maintenance },
  { header: { fr: 'Consoles prêtées', en: 'Consoles lent' }, value: (r) => of(r).lent },
  { header: { fr: 'Consoles hors service', en: 'Consoles out of service' }, value: (r) => of(r).outOfService },
  { header: { fr: 'Consoles en transit', en: 'Consoles in transit' }, value: (r) => of(r).inTransit },
];

const UPDATED: ColumnDef<{ lastUpdated: { consoles: string | null; census: string | null } }>[] = [
  {
    header: { fr: 'Mise à jour des consoles', en: 'Consoles updated' },
    value: (r) => r.lastUpdated.consoles,
    kind: 'instant',
  },
  {
    header: { fr: 'Mise à jour du recensement', en: 'Census updated' },
    value: (r) => r.lastUpdated.census,
    kind: 'instant',
  },
];

const NATIONAL_COLUMNS: ColumnDef<RegionRow>[] = [
  { header: { fr: 'Code région', en: 'Region code' }, value: (r) => r.code },
  { header: { fr: 'Région', en: 'Region' }, value: (r) => r.name, width: 28 },
  { header: { fr: 'Tension', en: 'Tension' }, value: (r, w) => w.tension[r.tension] },
  ...consoleColumns<RegionRow>((r) => r.consoles),
  { header: { fr: 'Consoles au total', en: 'Consoles in all' }, value: (r) => r.consoles.total },
  { header: { fr: 'Circuits', en: 'Circuits' }, value: (r) => r.circuits },
  { header: { fr: 'Canules', en: 'Cannulas' }, value: (r) => r.cannulas },
  { header: { fr: 'Patients VV', en: 'VV patients' }, value: (r) => r.patients.vv },
  { header: { fr: 'Patients VA', en: 'VA patients' }, value: (r) => r.patients.va },
  { header: { fr: 'Lits de réanimation (SAE 2018)', en: 'ICU beds (SAE 2018)' }, value: (r) => r.icuBeds },
  {
    header: { fr: 'Disponibles pour 100 lits de réanimation', en: 'Available per 100 ICU beds' },
    value: (r) => r.availablePer100IcuBeds,
  },
  { header: { fr: 'Recensements attendus', en: 'Census reports expected' }, value: (r) => r.completeness.expected },
  { header: { fr: 'Recensements reçus', en: 'Census reports received' }, value: (r) => r.completeness.received },
  { header: { fr: 'À l’heure', en: 'On time' }, value: (r) => r.completeness.onTime },
  { header: { fr: 'En retard', en: 'Late' }, value: (r) => r.completeness.late },
  { header: { fr: 'Manquants', en: 'Missing' }, value: (r) => r.completeness.missing },
  ...UPDATED,
];

const REGIONAL_COLUMNS: ColumnDef<SiteRow>[] = [
  { header: { fr: 'FINESS', en: 'FINESS' }, value: (r) => r.finess },
  { header: { fr: 'Établissement', en: 'Establishment' }, value: (r) => r.name, width: 48 },
  { header: { fr: 'Commune', en: 'City' }, value: (r) => r.city },
  { header: { fr: 'Centre ECMO', en: 'ECMO centre' }, value: (r) => r.ecmoCentre },
  { header: { fr: 'Base UMAC', en: 'UMAC base' }, value: (r) => r.umacBase },
  { header: { fr: 'Tension', en: 'Tension' }, value: (r, w) => w.tension[r.tension] },
  ...consoleColumns<SiteRow>((r) => r.consoles),
  { header: { fr: 'Circuits', en: 'Circuits' }, value: (r) => r.circuits },
  { header: { fr: 'Canules', en: 'Cannulas' }, value: (r) => r.cannulas },
  { header: { fr: 'Unités périmées', en: 'Expired units' }, value: (r) => r.expiredUnits },
  { header: { fr: 'Patients VV', en: 'VV patients' }, value: (r) => r.patients?.vv ?? null },
  { header: { fr: 'Patients VA', en: 'VA patients' }, value: (r) => r.patients?.va ?? null },
  { header: { fr: 'Équipes', en: 'Teams' }, value: (r) => r.teams },
  { header: { fr: 'Recensement', en: 'Census' }, value: (r, _, locale) => censusWord(r.census.status, locale) },
  { header: { fr: 'Semaine du recensement', en: 'Census week' }, value: (r) => r.census.week },
  { header: { fr: 'Données anciennes', en: 'Stale figures' }, value: (r) => r.stale },
  ...UPDATED,
];

export const nationalColumns = (locale: Locale): Column<RegionRow>[] => columnsFor(NATIONAL_COLUMNS, locale);
export const regionalColumns = (locale: Locale): Column<SiteRow>[] => columnsFor(REGIONAL_COLUMNS, locale);
