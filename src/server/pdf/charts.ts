/**
 * Charts drawn as vectors into a box of a PDF page: a line chart of a few series over ordered categories
 * (weeks), and a horizontal bar chart. Series differ by colour, dash and marker, as on screen, so that
 * they read in black and white; a null value breaks the line. Each chart has its legend.
 */

import type { Locale } from '../../contracts/messages.ts';
import { niceTicks } from '../../domain/ticks.ts';
import { readableNumber } from '../files/format.ts';
import { BOLD, type Box, FONT, INK, MUTED, RULE } from './document.ts';
import { winAnsi } from './text.ts';

export type Marker = 'circle' | 'square' | 'triangle' | 'diamond';

export interface ChartSeries {
  label: string;
  color: string;
  marker: Marker;
  dashed?: boolean;
  values: readonly (number | null)[];
}

function marker(doc: PDFKit.PDFDocument, kind: Marker, x: number, y: number, color: string, r = 2.6): void {
  doc.save();
  switch (kind) {
    case 'square':
      doc.rect(x - r, y - r, 2 * r, 2 * r);
      break;
    case 'triangle':
      doc.polygon([x, y - r * 1.2], [x + r * 1.15, y + r * 0.85], [x - r * 1.15, y + r * 0.85]);
      break;
    case 'diamond':
      doc.polygon([x, y - r * 1.3], [x + r * 1.3, y], [x, y + r * 1.3], [x - r * 1.3, y]);
      break;
    default:
      doc.circle(x, y, r);
  }
  doc.fillColor(color).fill();
  doc.restore();
}

export interface LineChartOptions {
  title: string;
  categories: readonly string[];
  series: readonly ChartSeries[];
  yLabel: string;
  locale: Locale;
}

/** A line chart with its title on top and its legend under it, filling `box`. */
export function lineChart(doc: PDFKit.PDFDocument, box: Box, options: LineChartOptions): void {
  const legendHeight = 14 * Math.ceil(options.series.length / 2);
  doc.font(BOLD).fontSize(10).fillColor(INK);
  doc.text(winAnsi(options.title), box.x, box.y, { width: box.width, lineBreak: false });
  const plot = {
    left: box.x + 34,
    top: box.y + 22,
    right: box.x + box.width - 8,
    bottom: box.y + box.height - legendHeight - 30,
  };
  const values = options.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const ticks = niceTicks(Math.max(0, ...values));
  const top = ticks.at(-1) ?? 1;
  const yOf = (v: number) => plot.bottom - (v / top) * (plot.bottom - plot.top);
  const n = options.categories.length;
  const xOf = (i: number) =>
    n <= 1 ? (plot.left + plot.right) / 2 : plot.left + (i / (n - 1)) * (plot.right - plot.left);

  doc.font(FONT).fontSize(7).fillColor(MUTED);
  for (const tick of ticks) {
    const y = yOf(tick);
    doc.moveTo(plot.left, y).lineTo(plot.right, y).lineWidth(0.4).strokeColor(RULE).stroke();
    doc.text(readableNumber(tick, options.locale, 0), box.x, y - 3.5, { width: 30, align: 'right', lineBreak: false });
  }
  doc.save();
  doc.rotate(-90, { origin: [box.x + 4, (plot.top + plot.bottom) / 2] });
  doc.text(winAnsi(options.yLabel), box.x - 40, (plot.top + plot.bottom) / 2 - 6, {
    width: 88,
    align: 'center',
    lineBreak: false,
  });
  doc.restore();
  // One category label in two when they would overlap.
  const every = Math.max(1, Math.ceil((n * 30) / (plot.right - plot.left)));
  options.categories.forEach((label, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    doc.text(winAnsi(label), xOf(i) - 20, plot.bottom + 4, { width: 40, align: 'center', lineBreak: false });
  });
  doc.moveTo(plot.left, plot.bottom).lineTo(plot.right, plot.bottom).lineWidth(0.8).strokeColor(MUTED).stroke();

  for (const s of options.series) {
    doc.save();
    doc.lineWidth(1.6).strokeColor(s.color);
    if (s.dashed) doc.dash(4, { space: 2.5 });
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      if (pen) doc.lineTo(xOf(i), yOf(v));
      else doc.moveTo(xOf(i), yOf(v));
      pen = true;
    });
    doc.stroke();
    doc.undash();
    doc.restore();
    s.values.forEach((v, i) => {
      if (v !== null) marker(doc, s.marker, xOf(i), yOf(v), s.color);
    });
  }

  const legendTop = plot.bottom + 18;
  const half = box.width / 2;
  options.series.forEach((s, i) => {
    const x = box.x + 10 + (i % 2) * half;
    const y = legendTop + Math.floor(i / 2) * 14;
    doc.save();
    doc.lineWidth(1.6).strokeColor(s.color);
    if (s.dashed) doc.dash(4, { space: 2.5 });
    doc
      .moveTo(x, y + 4)
      .lineTo(x + 22, y + 4)
      .stroke();
    doc.undash();
    doc.restore();
    marker(doc, s.marker, x + 11, y + 4, s.color);
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor(INK)
      .text(winAnsi(s.label), x + 28, y, { width: half - 40, lineBreak: false });
  });
  doc.fillColor(INK);
}

export interface Bar {
  label: string;
  value: number;
  color?: string;
}

/** Horizontal bars with their label on the left and their value at their end. */
export function barChart(
  doc: PDFKit.PDFDocument,
  box: Box,
  options: { title: string; bars: readonly Bar[]; locale: Locale; color?: string },
): void {
  doc.font(BOLD).fontSize(10).fillColor(INK);
  doc.text(winAnsi(options.title), box.x, box.y, { width: box.width, lineBreak: false });
  const top = box.y + 20;
  const labelWidth = Math.min(170, box.width * 0.4);
  const barSpace = box.width - labelWidth - 40;
  const rowHeight = Math.min(18, (box.height - 20) / Math.max(1, options.bars.length));
  const max = Math.max(1, ...options.bars.map((b) => b.value));
  options.bars.forEach((bar, i) => {
    const y = top + i * rowHeight;
    doc.font(FONT).fontSize(8).fillColor(INK);
    doc.text(winAnsi(bar.label), box.x, y + rowHeight / 2 - 4, {
      width: labelWidth - 6,
      align: 'right',
      lineBreak: false,
    });
    const w = (bar.value / max) * barSpace;
    if (w > 0) doc.rect(box.x + labelWidth, y + 2, w, rowHeight - 5).fill(bar.color ?? options.color ?? '#1d5aa6');
    doc
      .fillColor(INK)
      .text(readableNumber(bar.value, options.locale), box.x + labelWidth + w + 4, y + rowHeight / 2 - 4, {
        width: 36,
        lineBreak: false,
      });
  });
  doc.fillColor(INK);
}
