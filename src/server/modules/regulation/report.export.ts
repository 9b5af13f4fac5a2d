/**
 * The regulation report as a file, with the same figures as its page: CSV (one table: section,
 * indicator, value, date, reason), XLSX (a sheet of figures, a sheet of declined requests) and PDF.
 * Words (states, outcomes, labels) are those of the page, in the reader's language.
 */
import type { z } from 'zod';
import type { Locale } from '../../../contracts/messages.ts';
import type { ZRegulationReport } from '../../../contracts/regulation.ts';
import { regulationEn } from '../../../web/i18n/regulation.en.ts';
import { regulationFr } from '../../../web/i18n/regulation.fr.ts';
import { parisDateTime, readableDate, readableNumber } from '../../files/format.ts';
import { type Column, toCsv, toXlsx } from '../../files/tabular.ts';
import { barChart } from '../../pdf/charts.ts';
import { PdfReport } from '../../pdf/document.ts';
import { CONTENT_TYPES, type ExportFile, type ExportFormat } from '../boards/boards.export.ts';
import type { ServiceContext } from '../context.ts';
import { regionName } from './report.repository.ts';

type Report = z.output<typeof ZRegulationReport>;
type Words = typeof regulationFr;
const DICTIONARIES: Record<Locale, Words> = { fr: regulationFr, en: regulationEn };

const WORDS = {
  fr: {
    section: 'Rubrique',
    indicator: 'Indicateur',
    value: 'Valeur',
    date: 'Date',
    reason: 'Motif',
    outcome: 'Issue',
    case: 'Dossier',
    period: 'Période',
    summary: 'Synthèse',
    minutes: '{label} (min)',
    loans: 'Prêts',
    figures: 'Chiffres',
    declinedSheet: 'Refus',
    subtitle: '{scope} — du {from} au {to}',
    file: 'rapport-regulation',
    nation: 'france',
  },
  en: {
    section: 'Section',
    indicator: 'Indicator',
    value: 'Value',
    date: 'Date',
    reason: 'Reason',
    outcome: 'Outcome',
    case: 'Case',
    period: 'Period',
    summary: 'Summary',
    minutes: '{label} (min)',
    loans: 'Loans',
    figures: 'Figures',
    declinedSheet: 'Declined',
    subtitle: '{scope} — from {from} to {to}',
    file: 'regulation-report',
    nation: 'france',
  },
} as const;

const put = (template: string, params: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');

interface Line {
  section: string;
  indicator: string;
  value: string | number | null;
  at?: string | null;
  reason?: string | null;
}

/** Known keys first, in the page's order, then any other with a count. */
function ordered(counts: Record<string, number>, labels: Record<string, string>): [string, number][] {
  const known = Object.keys(labels).filter((k) => k in counts);
  const other = Object.keys(counts).filter((k) => !(k in labels));
  return [...known, ...other].map((k) => [labels[k] ?? k, counts[k] ?? 0]);
}

function lines(report: Report, locale: Locale, regionName: string): Line[] {
  const r = DICTIONARIES[locale].report;
  const w = WORDS[locale];
  const page = DICTIONARIES[locale];
  const minutes = (label: string) => put(w.minutes, { label });
  return [
    { section: w.period, indicator: r.region, value: regionName },
    { section: w.period, indicator: r.from, value: report.from },
    { section: w.period, indicator: r.to, value: report.to },
    { section: w.summary, indicator: r.requests, value: report.requests },
    { section: w.summary, indicator: r.decided, value: report.decided },
    { section: w.summary, indicator: minutes(r.median), value: report.minutesToDecision.median },
    { section: w.summary, indicator: minutes(r.p90), value: report.minutesToDecision.p90 },
    { section: w.summary, indicator: r.escalations, value: report.escalations },
    { section: w.loans, indicator: r.loansLend, value: report.loans.lend },
    { section: w.loans, indicator: r.loansNational, value: report.loans.nationalStock },
    { section: w.loans, indicator: r.loansOverdue, value: report.loans.overdue },
    ...ordered(report.byState, page.states).map(([indicator, value]) => ({ section: r.byState, indicator, value })),
    ...ordered(report.byOutcome, page.outcomes).map(([indicator, value]) => ({
      section: r.byOutcome,
      indicator,
      value,
    })),
    ...report.declined.map((d) => ({
      section: r.declined,
      indicator: d.caseCode,
      value: null,
      at: d.at,
      reason: d.reason,
    })),
  ];
}

async function regionNameOf(ctx: ServiceContext, report: Report): Promise<string> {
  if (!report.region) return DICTIONARIES[ctx.locale].report.national;
  return regionName(ctx.db, report.region);
}

/** The report (already computed and authorized by `regulationReport`) as a file for `ctx.locale`. */
export async function regulationReportFile(
  ctx: ServiceContext,
  report: Report,
  format: ExportFormat,
): Promise<ExportFile> {
  const { locale } = ctx;
  const w = WORDS[locale];
  const r = DICTIONARIES[locale].report;
  const contentType = CONTENT_TYPES[format];
  const fileName = `${w.file}-${report.region ?? w.nation}-${report.from}-${report.to}.${format}`;
  const regionName = await regionNameOf(ctx, report);
  const all = lines(report, locale, regionName);

  if (format === 'csv') {
    const columns: Column<Line>[] = [
      { header: w.section, value: (l) => l.section, width: 30 },
      { header: w.indicator, value: (l) => l.indicator, width: 36 },
      { header: w.value, value: (l) => l.value },
      { header: w.date, value: (l) => l.at ?? null, kind: 'instant' },
      { header: w.reason, value: (l) => l.reason ?? null, width: 60 },
    ];
    return { buffer: toCsv(all, columns, { locale }), contentType, fileName };
  }
  if (format === 'xlsx') {
    const figures = all.filter((l) => l.section !== r.declined);
    const buffer = await toXlsx(
      [
        {
          name: w.figures,
          rows: figures,
          columns: [
            { header: w.section, value: (l: Line) => l.section, width: 30 },
            { header: w.indicator, value: (l: Line) => l.indicator, width: 40 },
            { header: w.value, value: (l: Line) => l.value, width: 24 },
          ],
        },
        {
          name: w.declinedSheet,
          rows: report.declined,
          columns: [
            { header: w.case, value: (d: Report['declined'][number]) => d.caseCode, width: 20 },
            { header: w.reason, value: (d: Report['declined'][number]) => d.reason, width: 70 },
            { header: w.date, value: (d: Report['declined'][number]) => d.at, kind: 'instant' },
          ],
        },
      ] as never,
      { locale },
    );
    return { buffer, contentType, fileName };
  }

  const page = DICTIONARIES[locale];
  const n = (v: number) => readableNumber(v, locale);
  const pdf = new PdfReport({
    title: r.title,
    subtitle: put(w.subtitle, { scope: regionName, from: readableDate(report.from), to: readableDate(report.to) }),
    locale,
    at: ctx.clock.now(),
  });
  const minutes = (v: number | null) => (v === null ? r.none : `${n(v)} min`);
  const top = pdf.doc.y;
  const half = pdf.width * 0.46;
  pdf.table(
    [
      { header: w.indicator, weight: 3 },
      { header: w.value, weight: 1.2, align: 'right' },
    ],
    [
      [r.requests, n(report.requests)],
      [r.decided, n(report.decided)],
      [r.median, minutes(report.minutesToDecision.median)],
      [r.p90, minutes(report.minutesToDecision.p90)],
      [r.escalations, n(report.escalations)],
      [r.loansLend, n(report.loans.lend)],
      [r.loansNational, n(report.loans.nationalStock)],
      [r.loansOverdue, n(report.loans.overdue)],
    ],
    { caption: w.summary, width: half, fontSize: 9.5 },
  );
  const belowTable = pdf.doc.y;
  const states = ordered(report.byState, page.states);
  barChart(
    pdf.doc,
    { x: pdf.left + pdf.width * 0.54, y: top, width: pdf.width * 0.46, height: 24 + 18 * Math.max(1, states.length) },
    { title: r.byState, bars: states.map(([label, value]) => ({ label, value })), locale },
  );
  pdf.doc.y = Math.max(belowTable, top + 34 + 18 * Math.max(1, states.length));
  const outcomes = ordered(report.byOutcome, page.outcomes);
  pdf.table(
    [
      { header: w.outcome, weight: 3 },
      { header: w.value, weight: 1.2, align: 'right' },
    ],
    outcomes.map(([label, value]) => [label, n(value)]),
    { caption: r.byOutcome, width: half, empty: r.none },
  );
  pdf.table(
    [
      { header: page.list.columns.case, weight: 1.3 },
      { header: page.detail.declineReason, weight: 5 },
      { header: r.declinedAt, weight: 1.4 },
    ],
    report.declined.map((d) => [d.caseCode, d.reason ?? r.none, d.at ? readableInstant(d.at, locale) : r.none]),
    { caption: r.declined, empty: r.declinedEmpty },
  );
  return { buffer: await pdf.finish(), contentType, fileName };
}

function readableInstant(iso: string, locale: Locale): string {
  return parisDateTime(new Date(iso), locale);
}
