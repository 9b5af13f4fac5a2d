/**
 * The PDF layer of Relais: one document set-up shared by every PDF the app writes (board and report
 * exports now, attestations, lists and certificates later). A4 landscape, the standard Helvetica
 * fonts (WinAnsi: French accents, € œ ’), a header on every page (title, time of writing in Paris time),
 * a footer with "page n / N", headings, paragraphs and tables that break across pages, their header
 * row repeated. Charts (`charts.ts`) and the map of the regions (`map.ts`) draw into a box of a page.
 */
import PDFDocument from 'pdfkit';
import type { Locale } from '../../contracts/messages.ts';
import { parisDateTime, parisTime } from '../files/format.ts';
import { winAnsi } from './text.ts';

export const FONT = 'Helvetica';
export const BOLD = 'Helvetica-Bold';
export const INK = '#1f2933';
export const MUTED = '#5b6673';
export const RULE = '#c9d0d8';

const WORDS = {
  fr: { page: 'Page {n} / {total}', written: 'Établi le {at} ({zone})' },
  en: { page: 'Page {n} / {total}', written: 'Written on {at} ({zone})' },
} as const;

export interface PdfSetup {
  title: string;
  /** Under the title on the first page (scope, period). */
  subtitle?: string;
  locale: Locale;
  /** When the document is written: from the app's clock. */
  at: Date;
  /** A line in every footer (e.g. that the data are illustrative). */
  footnote?: string;
}

export interface PdfColumn {
  header: string;
  /** Relative width (default 1). */
  weight?: number;
  align?: 'left' | 'right' | 'center';
}

export interface TableOptions {
  fontSize?: number;
  /** Rows drawn in bold (totals). */
  bold?: (index: number) => boolean;
  /** The table's caption, kept with its first rows. */
  caption?: string;
  /** Text shown instead of an empty table. */
  empty?: string;
  /** Width of the table from the left margin (default: the page's width). */
  width?: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));

/** One PDF being written; `finish()` gives its bytes. */
export class PdfReport {
  readonly doc: PDFKit.PDFDocument;
  readonly locale: Locale;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(readonly setup: PdfSetup) {
    this.locale = setup.locale;
    this.doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margins: { top: 58, bottom: 46, left: 36, right: 36 },
      bufferPages: true,
      autoFirstPage: true,
      lang: setup.locale === 'en' ? 'en-GB' : 'fr-FR',
      displayTitle: true,
      info: {
        Title: winAnsi(setup.title),
        ...(setup.subtitle ? { Subject: winAnsi(setup.subtitle) } : {}),
        Author: 'Relais',
        Creator: 'Relais',
        CreationDate: setup.at,
        ModDate: setup.at,
      },
    });
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.doc.font(FONT).fillColor(INK);
    this.doc.font(BOLD).fontSize(18).text(winAnsi(setup.title), { width: this.width });
    if (setup.subtitle) this.doc.font(FONT).fontSize(11).fillColor(MUTED).text(winAnsi(setup.subtitle));
    this.doc.fillColor(INK).moveDown(0.6);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  /** The lowest y content may reach on a page. */
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  get top(): number {
    return this.doc.page.margins.top;
  }

  /** Starts a new page unless `height` points still fit below the current position. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  newPage(): void {
    this.doc.addPage();
  }

  heading(text: string, level: 1 | 2 = 1): void {
    const size = level === 1 ? 13 : 11;
    this.ensureSpace(size * 4);
    this.doc.x = this.left;
    this.doc.font(BOLD).fontSize(size).fillColor(INK).text(winAnsi(text), { width: this.width });
    this.doc.moveDown(0.3);
  }

  paragraph(text: string, options: { muted?: boolean; size?: number } = {}): void {
    const size = options.size ?? 9.5;
    this.doc.font(FONT).fontSize(size);
    this.ensureSpace(this.doc.heightOfString(winAnsi(text), { width: this.width }) + 4);
    this.doc.x = this.left;
    this.doc
      .fillColor(options.muted ? MUTED : INK)
      .text(winAnsi(text), { width: this.width })
      .fillColor(INK);
    this.doc.moveDown(0.4);
  }

  /** A box of the given height at the current position (on a new page if it does not fit); moves below it. */
  box(height: number, width = this.width, x = this.left): Box {
    this.ensureSpace(height);
    const box = { x, y: this.doc.y, width, height };
    this.doc.y += height;
    this.doc.x = this.left;
    return box;
  }

  /** A table over the page's width; a row that does not fit starts a new page, under a repeated header. */
  table(columns: readonly PdfColumn[], rows: readonly (readonly string[])[], options: TableOptions = {}): void {
    const doc = this.doc;
    const size = options.fontSize ?? 8.5;
    const pad = 3;
    const tableWidth = options.width ?? this.width;
    const total = columns.reduce((a, c) => a + (c.weight ?? 1), 0);
    const widths = columns.map((c) => ((c.weight ?? 1) / total) * tableWidth);
    const heightOf = (cells: readonly string[], font: string) => {
      doc.font(font).fontSize(size);
      return (
        Math.max(
          ...cells.map((text, i) => doc.heightOfString(winAnsi(text || ' '), { width: (widths[i] ?? 0) - 2 * pad })),
        ) +
        2 * pad
      );
    };
    const headers = columns.map((c) => c.header);
    const headerHeight = heightOf(headers, BOLD);
    const drawRow = (cells: readonly string[], y: number, height: number, font: string, shade: string | null) => {
      if (shade) doc.rect(this.left, y, tableWidth, height).fill(shade);
      let x = this.left;
      doc.font(font).fontSize(size).fillColor(INK);
      cells.forEach((text, i) => {
        const w = widths[i] ?? 0;
        doc.text(winAnsi(text), x + pad, y + pad, { width: w - 2 * pad, align: columns[i]?.align ?? 'left' });
        x += w;
      });
      doc
        .moveTo(this.left, y + height)
        .lineTo(this.left + tableWidth, y + height)
        .lineWidth(0.4)
        .strokeColor(RULE)
        .stroke();
    };
    const drawHeader = () => {
      const y = doc.y;
      drawRow(headers, y, headerHeight, BOLD, '#e8ecf1');
      doc.y = y + headerHeight;
    };
    const first = rows[0] ? heightOf(rows[0], FONT) : 0;
    if (options.caption) {
      doc.font(BOLD).fontSize(10);
      const captionHeight = doc.heightOfString(winAnsi(options.caption), { width: tableWidth }) + 4;
      this.ensureSpace(captionHeight + headerHeight + first);
      doc.x = this.left;
      doc.fillColor(INK).text(winAnsi(options.caption), { width: tableWidth });
      doc.moveDown(0.2);
    } else {
      this.ensureSpace(headerHeight + first);
    }
    drawHeader();
    if (rows.length === 0 && options.empty) {
      doc
        .font(FONT)
        .fontSize(size)
        .fillColor(MUTED)
        .text(winAnsi(options.empty), this.left + pad, doc.y + pad);
      doc.fillColor(INK);
    }
    rows.forEach((cells, index) => {
      const font = options.bold?.(index) ? BOLD : FONT;
      const height = heightOf(cells, font);
      if (doc.y + height > this.bottom) {
        doc.addPage();
        drawHeader();
      }
      const y = doc.y;
      drawRow(cells, y, height, font, index % 2 === 1 ? '#f6f8fa' : null);
      doc.y = y + height;
    });
    doc.x = this.left;
    doc.moveDown(0.8);
  }

  /** Header and footer on every page, then the document's bytes. */
  async finish(): Promise<Buffer> {
    const doc = this.doc;
    const words = WORDS[this.locale];
    const range = doc.bufferedPageRange();
    const written = fill(words.written, {
      at: parisDateTime(this.setup.at, this.locale),
      zone: parisTime(this.locale),
    });
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const { margins } = doc.page;
      // Writing in the margins must not start a new page.
      const bottom = margins.bottom;
      doc.page.margins.bottom = 0;
      const width = this.width;
      doc.font(BOLD).fontSize(8).fillColor(MUTED);
      doc.text(winAnsi(`Relais — ${this.setup.title}`), this.left, 24, { width: width * 0.62, lineBreak: false });
      doc.font(FONT).text(winAnsi(written), this.left + width * 0.62, 24, {
        width: width * 0.38,
        align: 'right',
        lineBreak: false,
      });
      doc
        .moveTo(this.left, 38)
        .lineTo(this.left + width, 38)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      const footY = doc.page.height - 30;
      if (this.setup.footnote)
        doc.text(winAnsi(this.setup.footnote), this.left, footY, { width: width * 0.8, lineBreak: false });
      doc.text(fill(words.page, { n: i - range.start + 1, total: range.count }), this.left + width * 0.8, footY, {
        width: width * 0.2,
        align: 'right',
        lineBreak: false,
      });
      doc.page.margins.bottom = bottom;
    }
    doc.fillColor(INK);
    doc.end();
    return this.done;
  }
}
