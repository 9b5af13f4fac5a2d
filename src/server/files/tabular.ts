/**
 * Reading and writing tables as CSV and XLSX. Reading refuses formulas and scripts cell by cell;
 * writing neutralizes cells that a spreadsheet would run as a formula.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Locale } from '../../contracts/messages.ts';
import { PARIS_TIME, parisMinute, parisWallDate, plainNumber, toInstant, YES_NO } from './format.ts';

export type TableFormat = 'csv' | 'xlsx';

export interface Cell {
  /** Text of the cell, trimmed; '' when empty. */
  text: string;
  /** The cell holds a formula (XLSX) or text that would run as one, or a script. */
  unsafe: boolean;
}

export interface ReadTable {
  format: TableFormat;
  headers: string[];
  rows: Cell[][];
}

export class UnreadableFile extends Error {
  constructor(
    readonly reason: 'not_a_table' | 'csv' | 'xlsx' | 'no_sheet',
    detail: string,
  ) {
    super(detail);
  }
}

const FORMULA_START = /^[=+@\t\r]|^-(?![\d\s])/;
const SCRIPT = /<\s*script|javascript:|<\s*iframe|on\w+\s*=/i;

export const isUnsafeText = (text: string): boolean => FORMULA_START.test(text) || SCRIPT.test(text);

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export function detectFormat(buffer: Buffer, contentType: string | undefined): TableFormat {
  if (buffer.subarray(0, 4).equals(XLSX_MAGIC) || contentType?.includes('spreadsheetml')) return 'xlsx';
  return 'csv';
}

export async function readTable(buffer: Buffer, contentType: string | undefined, maxRows: number): Promise<ReadTable> {
  const format = detectFormat(buffer, contentType);
  return format === 'xlsx' ? readXlsx(buffer, maxRows) : readCsv(buffer, maxRows);
}

function readCsv(buffer: Buffer, maxRows: number): ReadTable {
  // Files edited by hand mix Windows and Unix line ends: read both the same way.
  const text = buffer
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  if (text.includes('\u0000'))
    throw new UnreadableFile('not_a_table', 'The file is neither CSV text nor an XLSX workbook');
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0 || text.length);
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      to: maxRows + 1,
    });
  } catch (error) {
    throw new UnreadableFile('csv', (error as Error).message.split('\n')[0] ?? '');
  }
  const [header = [], ...rest] = records;
  return {
    format: 'csv',
    headers: header.map((h) => h.trim()),
    rows: rest.map((r) => r.map((v) => ({ text: v.trim(), unsafe: isUnsafeText(v.trim()) }))),
  };
}

async function readXlsx(buffer: Buffer, maxRows: number): Promise<ReadTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableFile('xlsx', 'The XLSX workbook cannot be read');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableFile('no_sheet', 'The workbook has no sheet');
  const rows: Cell[][] = [];
  let headers: string[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    if (rows.length > maxRows) return;
    const cells: Cell[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, headers.length); c++) cells.push(readCell(row.getCell(c)));
    if (n === 1 || headers.length === 0) headers = cells.map((x) => x.text);
    else rows.push(cells);
  });
  return { format: 'xlsx', headers, rows };
}

function readCell(cell: ExcelJS.Cell): Cell {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return { text: '', unsafe: false };
  if (typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v)) {
    return { text: String((v as { result?: unknown }).result ?? ''), unsafe: true };
  }
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10), unsafe: false };
  if (typeof v === 'object' && v !== null && 'richText' in v) {
    const text = (v as { richText: { text: string }[] }).richText
      .map((r) => r.text)
      .join('')
      .trim();
    return { text, unsafe: isUnsafeText(text) };
  }
  if (typeof v === 'object' && v !== null && 'text' in v) {
    const text = String((v as { text: unknown }).text).trim();
    return { text, unsafe: isUnsafeText(text) };
  }
  const text = String(v).trim();
  return { text, unsafe: typeof v === 'string' && isUnsafeText(text) };
}

/** Prefixes text a spreadsheet would evaluate, so that an export never runs a formula. */
export function neutralize(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = String(value);
  return isUnsafeText(text) ? `'${text}` : text;
}

export interface Column<T> {
  header: string;
  /** A string, number, boolean, Date (or ISO text for an instant column), or null for an empty cell. */
  value: (row: T) => unknown;
  width?: number;
  /** `instant`: a Date or ISO instant, written in Paris time (the header says so); a date cell in XLSX. */
  kind?: 'instant';
}

/** Whom a file is written for: the language of headers and words, the decimal separator. */
export interface WriteOptions {
  locale: Locale;
}

const PLAIN_NUMBER = /^[-+]?\d+(?:[.,]\d+)?$/;

/**
 * Text a spreadsheet could run, prefixed: `neutralize`, and on export also any text that starts with a
 * sign and is not a plain number (`-2+3+cmd|…` is evaluated by spreadsheets, a negative number is not text).
 */
function safeText(text: string): string {
  const n = neutralize(text);
  const s = typeof n === 'string' ? n : text;
  return /^[-+]/.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

const headerOf = (column: Column<never>, locale: Locale): string =>
  column.kind === 'instant' ? `${column.header} (${PARIS_TIME[locale]})` : column.header;

/**
 * CSV for the reader's spreadsheet: French (`;` separated, decimal comma) or English (`,` separated,
 * decimal point); UTF-8 with BOM, CRLF; instants as Paris wall time `2026-12-01 14:05`.
 */
export function toCsv<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  options: WriteOptions = { locale: 'fr' },
): Buffer {
  const { locale } = options;
  const delimiter = locale === 'fr' ? ';' : ',';
  const quote = (s: string): string => (s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const cell = (column: Column<T>, value: unknown): string => {
    if (column.kind === 'instant' || value instanceof Date) {
      const at = toInstant(value);
      return at ? parisMinute(at) : '';
    }
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return Number.isFinite(value) ? plainNumber(value, locale) : '';
    if (typeof value === 'boolean') return YES_NO[locale][value ? 0 : 1];
    return quote(safeText(String(value)));
  };
  const lines = [
    columns.map((c) => quote(safeText(headerOf(c as Column<never>, locale)))).join(delimiter),
    ...rows.map((r) => columns.map((c) => cell(c, c.value(r))).join(delimiter)),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export interface Sheet<T> {
  name: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
}

/** Date cells show the Paris wall time to the minute. */
const INSTANT_FORMAT = 'yyyy-mm-dd hh:mm';

/**
 * XLSX for the reader: numbers stay numbers (the spreadsheet shows them in its own locale), instants are
 * date cells holding the Paris wall time, words in the reader's language, formula-like text neutralized.
 */
export async function toXlsx(
  sheets: readonly Sheet<never>[] | readonly Sheet<unknown>[],
  options: WriteOptions = { locale: 'fr' },
): Promise<Buffer> {
  const { locale } = options;
  const cell = (column: Column<unknown>, value: unknown): ExcelJS.CellValue => {
    if (column.kind === 'instant' || value instanceof Date) {
      const at = toInstant(value);
      return at ? parisWallDate(at) : null;
    }
    if (value === null || value === undefined) return null;
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value === 'boolean') return YES_NO[locale][value ? 0 : 1];
    return safeText(String(value));
  };
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Relais';
  for (const s of sheets as readonly Sheet<unknown>[]) {
    const ws = workbook.addWorksheet(s.name.slice(0, 31));
    ws.columns = s.columns.map((c) => {
      const header = headerOf(c as Column<never>, locale);
      return { header, width: c.width ?? Math.max(c.kind === 'instant' ? 18 : 12, header.length + 2) };
    });
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    const instantColumns = s.columns.flatMap((c, i) => (c.kind === 'instant' ? [i + 1] : []));
    for (const r of s.rows) {
      const row = ws.addRow(s.columns.map((c) => cell(c, c.value(r))));
      for (const i of instantColumns) row.getCell(i).numFmt = INSTANT_FORMAT;
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
