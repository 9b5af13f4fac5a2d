/**
 * The columns of the board spreadsheets (CSV and XLSX) in the reader's language: one row per region
 * (national board) or per establishment (regional board). Headers and census words are the boards'
 * codes of the catalogue; tension words are those of the screens (the web's boards dictionary), so
 * that the export says what the page says.
 */
import type { TConsoleCounts, TNationalBoard, TRegionalBoard } from '../../../contracts/boards.ts';
import { type Locale, type MessageCode, text } from '../../../contracts/messages.ts';
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
  header: Extract<MessageCode, `board.column.${string}`>;
  value: (row: T, words: Words, locale: Locale) => unknown;
  width?: number;
  kind?: 'instant';
}

const columnsFor = <T>(defs: readonly ColumnDef<T>[], locale: Locale): Column<T>[] =>
  defs.map((d) => ({
    header: text(locale, d.header),
    value: (row: T) => d.value(row, DICTIONARIES[locale], locale),
    width: d.width,
    kind: d.kind,
  }));

const consoleColumns = <T>(of: (row: T) => TConsoleCounts): ColumnDef<T>[] => [
  { header: 'board.column.consoles_available', value: (r) => of(r).available },
  { header: 'board.column.consoles_in_use', value: (r) => of(r).inUse },
  { header: 'board.column.consoles_in_maintenance', value: (r) => of(r).maintenance },
  { header: 'board.column.consoles_lent', value: (r) => of(r).lent },
  { header: 'board.column.consoles_out_of_service', value: (r) => of(r).outOfService },
  { header: 'board.column.consoles_in_transit', value: (r) => of(r).inTransit },
];

const UPDATED: ColumnDef<{ lastUpdated: { consoles: string | null; census: string | null } }>[] = [
  {
    header: 'board.column.consoles_updated',
    value: (r) => r.lastUpdated.consoles,
    kind: 'instant',
  },
  {
    header: 'board.column.census_updated',
    value: (r) => r.lastUpdated.census,
    kind: 'instant',
  },
];

const NATIONAL_COLUMNS: ColumnDef<RegionRow>[] = [
  { header: 'board.column.region_code', value: (r) => r.code },
  { header: 'board.column.region', value: (r) => r.name, width: 28 },
  { header: 'board.column.tension', value: (r, w) => w.tension[r.tension] },
  ...consoleColumns<RegionRow>((r) => r.consoles),
  { header: 'board.column.consoles_in_all', value: (r) => r.consoles.total },
  { header: 'board.column.circuits', value: (r) => r.circuits },
  { header: 'board.column.cannulas', value: (r) => r.cannulas },
  { header: 'board.column.vv_patients', value: (r) => r.patients.vv },
  { header: 'board.column.va_patients', value: (r) => r.patients.va },
  { header: 'board.column.icu_beds_sae_2018', value: (r) => r.icuBeds },
  {
    header: 'board.column.available_per_100_icu_beds',
    value: (r) => r.availablePer100IcuBeds,
  },
  { header: 'board.column.census_reports_expected', value: (r) => r.completeness.expected },
  { header: 'board.column.census_reports_received', value: (r) => r.completeness.received },
  { header: 'board.column.on_time', value: (r) => r.completeness.onTime },
  { header: 'board.column.late', value: (r) => r.completeness.late },
  { header: 'board.column.missing', value: (r) => r.completeness.missing },
  ...UPDATED,
];

const REGIONAL_COLUMNS: ColumnDef<SiteRow>[] = [
  { header: 'board.column.finess', value: (r) => r.finess },
  { header: 'board.column.establishment', value: (r) => r.name, width: 48 },
  { header: 'board.column.city', value: (r) => r.city },
  { header: 'board.column.ecmo_centre', value: (r) => r.ecmoCentre },
  { header: 'board.column.umac_base', value: (r) => r.umacBase },
  { header: 'board.column.tension', value: (r, w) => w.tension[r.tension] },
  ...consoleColumns<SiteRow>((r) => r.consoles),
  { header: 'board.column.circuits', value: (r) => r.circuits },
  { header: 'board.column.cannulas', value: (r) => r.cannulas },
  { header: 'board.column.expired_units', value: (r) => r.expiredUnits },
  { header: 'board.column.vv_patients', value: (r) => r.patients?.vv ?? null },
  { header: 'board.column.va_patients', value: (r) => r.patients?.va ?? null },
  { header: 'board.column.teams', value: (r) => r.teams },
  { header: 'board.column.census', value: (r, _, locale) => censusWord(r.census.status, locale) },
  { header: 'board.column.census_week', value: (r) => r.census.week },
  { header: 'board.column.stale_figures', value: (r) => r.stale },
  ...UPDATED,
];

export const nationalColumns = (locale: Locale): Column<RegionRow>[] => columnsFor(NATIONAL_COLUMNS, locale);
export const regionalColumns = (locale: Locale): Column<SiteRow>[] => columnsFor(REGIONAL_COLUMNS, locale);
