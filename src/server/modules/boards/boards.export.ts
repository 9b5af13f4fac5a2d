import type { TNationalBoard, TRegionalBoard } from '../../../contracts/boards.ts';
import { type Locale, type MessageArgs, type MessageCode, text } from '../../../contracts/messages.ts';
import { TENSIONS } from '../../../domain/census.ts';
import { parseIsoWeek } from '../../../domain/time.ts';
import { parisDateTime, readableNumber } from '../../files/format.ts';
import { type Column, toCsv, toXlsx } from '../../files/tabular.ts';
import { lineChart } from '../../pdf/charts.ts';
import { PdfReport } from '../../pdf/document.ts';
import { legend, regionMap } from '../../pdf/map.ts';
import { censusWord, DICTIONARIES, fill, nationalColumns, regionalColumns, type Words } from './boards.columns.ts';

export type ExportFormat = 'csv' | 'xlsx' | 'pdf';

export interface ExportFile {
  buffer: Buffer;
  contentType: string;
  fileName: string;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** Tension fills of the map, as on screen (colour-blind safe, always with the word in the legend). */
const TENSION_FILL = { available: '#6cc2a6', strained: '#f5c65d', exhausted: '#a3251c', unknown: '#dde1e6' } as const;
const SERIES_COLORS = ['#1d5aa6', '#b35900', '#0e7a5c', '#8a3b8f'] as const;

/** A word of the board PDFs (one without parameters) in the reader's language. */
type PdfWord = {
  [C in MessageCode]: C extends `board.pdf.${string}` ? (MessageArgs<C> extends [] ? C : never) : never;
}[MessageCode];
const pdfWord = (locale: Locale, code: PdfWord): string => text(locale, code);

/** A figure in a PDF cell: the reader's number, or a dash when there is none. */
const cell = (v: number | null | undefined, locale: Locale): string =>
  v === null || v === undefined ? '—' : readableNumber(v, locale);
const instantCell = (at: string | null, locale: Locale): string => (at ? parisDateTime(new Date(at), locale) : '—');

/** The cells a PDF table of figures shares: tension, consoles (available, in use, all), consumables, patients. */
function figureCells(
  f: Pick<TRegionalBoard['establishments'][number], 'tension' | 'consoles' | 'circuits' | 'cannulas'> & {
    patients: { vv: number; va: number } | null;
  },
  locale: Locale,
): string[] {
  const n = (v: number | null | undefined) => cell(v, locale);
  const { consoles, patients } = f;
  const counts = [consoles.available, consoles.inUse, consoles.total, f.circuits, f.cannulas];
  return [DICTIONARIES[locale].tension[f.tension], ...counts.map(n), n(patients?.vv), n(patients?.va)];
}

/** "2026-W07" → { year: "2026", week: "7" }. */
function splitWeekOf(week: string): { year: string; week: string } {
  const parsed = parseIsoWeek(week);
  return parsed ? { year: String(parsed.year), week: String(parsed.week) } : { year: '', week };
}

function weekLabel(week: string, words: Words): string {
  const { year, week: n } = splitWeekOf(week);
  return fill(words.week.long, { week: n, year });
}

function trendChart(
  report: PdfReport,
  box: ReturnType<PdfReport['box']>,
  trend: TNationalBoard['trend'],
  scope: string,
) {
  const words = DICTIONARIES[report.locale];
  const has = (p: (typeof trend)[number]) => p.received > 0;
  const series = (key: 'consolesAvailable' | 'consolesInUse' | 'patientsVv' | 'patientsVa') =>
    trend.map((p) => (has(p) ? p[key] : null));
  lineChart(report.doc, box, {
    title: fill(words.trend.title, { scope }),
    categories: trend.map((p) => fill(words.week.short, { week: splitWeekOf(p.week).week })),
    yLabel: words.trend.yLabel,
    locale: report.locale,
    series: [
      { label: words.trend.available, color: SERIES_COLORS[0], marker: 'circle', values: series('consolesAvailable') },
      {
        label: words.trend.inUse,
        color: SERIES_COLORS[1],
        marker: 'square',
        dashed: true,
        values: series('consolesInUse'),
      },
      { label: words.trend.vv, color: SERIES_COLORS[2], marker: 'triangle', values: series('patientsVv') },
      { label: words.trend.va, color: SERIES_COLORS[3], marker: 'diamond', dashed: true, values: series('patientsVa') },
    ],
  });
}

function keyFigures(report: PdfReport, x: number, y: number, width: number, f: TNationalBoard['totals']) {
  const { locale } = report;
  const n = (v: number) => readableNumber(v, locale);
  const doc = report.doc;
  doc.font('Helvetica-Bold').fontSize(10).text(pdfWord(locale, 'board.pdf.key_figures'), x, y, { width });
  doc.font('Helvetica').fontSize(9);
  const c = f.consoles;
  for (const line of [
    text(locale, 'board.pdf.available', { available: n(c.available), total: n(c.total) }),
    text(locale, 'board.pdf.in_use', {
      inUse: n(c.inUse),
      lent: n(c.lent),
      maintenance: n(c.maintenance),
      out: n(c.outOfService),
    }),
    text(locale, 'board.pdf.patients', { vv: n(f.patients.vv), va: n(f.patients.va) }),
    text(locale, 'board.pdf.census', {
      received: n(f.completeness.received),
      expected: n(f.completeness.expected),
      late: n(f.completeness.late),
      missing: n(f.completeness.missing),
    }),
  ])
    doc.text(line, x, doc.y + 2, { width });
}

/** Map on the left, chart and key figures on the right: the first page of a board. */
function overview(
  report: PdfReport,
  board: { trend: TNationalBoard['trend'] },
  figures: TNationalBoard['totals'],
  styles: Map<string, { fill: string; label?: string }>,
  scope: string,
  highlight?: string,
) {
  const words = DICTIONARIES[report.locale];
  const top = report.doc.y;
  const mapWidth = 430;
  const mapBox = { x: report.left, y: top, width: mapWidth, height: mapWidth * (560 / 660) };
  regionMap(report.doc, mapBox, { styles, insetsCaption: words.map.insets, highlight, fallback: '#eef1f4' });
  legend(
    report.doc,
    { x: report.left, y: mapBox.y + mapBox.height + 6, width: mapWidth, height: 70 },
    {
      title: words.map.legend.tension,
      items: TENSIONS.map((k) => ({
        fill: TENSION_FILL[k],
        text: words.tension[k],
      })),
    },
  );
  const right = report.left + mapWidth + 24;
  const rightWidth = report.width - mapWidth - 24;
  trendChart(report, { x: right, y: top, width: rightWidth, height: 250 }, board.trend, scope);
  keyFigures(report, right, top + 266, rightWidth, figures);
}

const csvOrXlsx = async <T>(
  format: 'csv' | 'xlsx',
  locale: Locale,
  sheet: { name: string; rows: readonly T[]; columns: Column<T>[] },
): Promise<Buffer> => (format === 'csv' ? toCsv(sheet.rows, sheet.columns, { locale }) : toXlsx([sheet], { locale }));

export async function nationalBoardFile(
  board: TNationalBoard,
  format: ExportFormat,
  locale: Locale,
  at: Date,
): Promise<ExportFile> {
  const fileName = `${text(locale, 'board.file.national')}-${board.week}.${format}`;
  const contentType = CONTENT_TYPES[format];
  if (format !== 'pdf') {
    const columns = nationalColumns(locale);
    const buffer = await csvOrXlsx(format, locale, { name: `National ${board.week}`, rows: board.regions, columns });
    return { buffer, contentType, fileName };
  }
  const words = DICTIONARIES[locale];
  const w = (code: PdfWord) => pdfWord(locale, code);
  const report = new PdfReport({
    title: words.national.title,
    subtitle: `${words.national.scope} — ${weekLabel(board.week, words)}`,
    locale,
    at,
    footnote: board.demoNotice ? w('board.pdf.demo') : undefined,
  });
  const styles = new Map(
    board.regions.map((r) => [
      r.code,
      { fill: TENSION_FILL[r.tension], label: readableNumber(r.consoles.available, locale) },
    ]),
  );
  overview(report, board, board.totals, styles, words.national.scope);
  report.newPage();
  const n = (v: number | null) => cell(v, locale);
  const b = words.board;
  const regionRows = [...board.regions].sort((a, z) => a.name.localeCompare(z.name, 'fr'));
  const row = (name: string, f: TNationalBoard['totals'], updated: string | null) => [
    name,
    ...figureCells(f, locale),
    n(f.icuBeds),
    n(f.availablePer100IcuBeds),
    `${n(f.completeness.received)} / ${n(f.completeness.expected)}`,
    instantCell(updated, locale),
  ];
  report.table(
    [
      { header: b.region, weight: 2.6 },
      { header: b.tension, weight: 1.1 },
      { header: w('board.pdf.consoles'), align: 'right' },
      { header: w('board.pdf.in_use_short'), align: 'right' },
      { header: w('board.pdf.total'), align: 'right', weight: 0.8 },
      { header: b.circuits, align: 'right' },
      { header: b.cannulas, align: 'right' },
      { header: `${b.patients} ${b.vv}`, align: 'right' },
      { header: `${b.patients} ${b.va}`, align: 'right' },
      { header: b.icuBeds, align: 'right' },
      { header: b.per100, align: 'right' },
      { header: w('board.pdf.received'), align: 'right', weight: 1.2 },
      { header: w('board.pdf.updated'), weight: 1.6 },
    ],
    [
      ...regionRows.map((r) => row(r.name, r, r.lastUpdated.consoles)),
      row(words.national.france, board.totals, board.totals.lastUpdated.consoles),
    ],
    {
      caption: fill(words.national.regionsCaption, { week: weekLabel(board.week, words) }),
      bold: (i) => i === regionRows.length,
    },
  );
  report.paragraph(words.national.note, { muted: true, size: 8.5 });
  const depots = board.nationalStock.depots;
  const regionName = new Map(board.regions.map((r) => [r.code, r.name]));
  report.table(
    [
      { header: words.depots.name, weight: 2.4 },
      { header: words.depots.region, weight: 2 },
      { header: w('board.pdf.consoles'), align: 'right' },
      { header: w('board.pdf.in_use_short'), align: 'right' },
      { header: w('board.pdf.total'), align: 'right' },
      { header: b.circuits, align: 'right' },
    ],
    depots.map((d) => [
      d.name,
      regionName.get(d.regionCode) ?? d.regionCode,
      n(d.consoles.available),
      n(d.consoles.inUse),
      n(d.consoles.total),
      n(d.circuits),
    ]),
    { caption: words.national.depotsCaption, empty: words.depots.empty },
  );
  return { buffer: await report.finish(), contentType, fileName };
}

export async function regionalBoardFile(
  board: TRegionalBoard,
  format: ExportFormat,
  locale: Locale,
  at: Date,
): Promise<ExportFile> {
  const fileName = `${text(locale, 'board.file.regional')}-${board.region.code}-${board.week}.${format}`;
  const contentType = CONTENT_TYPES[format];
  if (format !== 'pdf') {
    const columns = regionalColumns(locale);
    const name = `${board.region.name} ${board.week}`;
    const buffer = await csvOrXlsx(format, locale, { name, rows: board.establishments, columns });
    return { buffer, contentType, fileName };
  }
  const words = DICTIONARIES[locale];
  const w = (code: PdfWord) => pdfWord(locale, code);
  const report = new PdfReport({
    title: fill(words.regional.titleOf, { name: board.region.name }),
    subtitle: weekLabel(board.week, words),
    locale,
    at,
    footnote: board.demoNotice ? w('board.pdf.demo') : undefined,
  });
  const r = board.region;
  const styles = new Map([
    [r.code, { fill: TENSION_FILL[r.tension], label: readableNumber(r.consoles.available, locale) }],
  ]);
  overview(report, board, r, styles, r.name, r.code);
  report.newPage();
  const b = words.board;
  report.table(
    [
      { header: w('board.pdf.establishment'), weight: 3.2 },
      { header: w('board.pdf.city'), weight: 1.5 },
      { header: b.tension, weight: 1.1 },
      { header: w('board.pdf.consoles'), align: 'right', weight: 0.8 },
      { header: w('board.pdf.in_use_short'), align: 'right', weight: 0.9 },
      { header: w('board.pdf.total'), align: 'right', weight: 0.8 },
      { header: b.circuits, align: 'right', weight: 0.9 },
      { header: b.cannulas, align: 'right', weight: 0.9 },
      { header: `${b.patients} ${b.vv}`, align: 'right', weight: 0.9 },
      { header: `${b.patients} ${b.va}`, align: 'right', weight: 0.9 },
      { header: b.census, weight: 1.1 },
      { header: w('board.pdf.updated'), weight: 1.5 },
    ],
    board.establishments.map((e) => [
      e.name,
      e.city ?? '—',
      ...figureCells(e, locale),
      censusWord(e.census.status, locale),
      instantCell(e.lastUpdated.consoles, locale),
    ]),
    {
      caption: fill(
        board.establishments.length === 1
          ? words.regional.establishmentsCaption_one
          : words.regional.establishmentsCaption_other,
        { count: board.establishments.length, week: weekLabel(board.week, words) },
      ),
    },
  );
  return { buffer: await report.finish(), contentType, fileName };
}
