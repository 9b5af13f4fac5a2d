/**
 * Reading and writing tables as CSV and XLSX. Reading (in `sheet-reader.mjs`, run off the request
 * thread by `table-pool.ts`) refuses formulas and scripts cell by cell; writing neutralizes cells that
 * a spreadsheet would run as a formula (the OWASP rule: text starting with =, +, -, @, tab or CR that is
 * not a plain number).
 */
import ExcelJS from 'exceljs';
import type { Locale } from '../../contracts/messages.ts';
import { parisMinute, parisTime, parisWallDate, plainNumber, toInstant, yesNo } from './format.ts';
import { isUnsafeText, type TableErrorReason } from './sheet-reader.mjs';

export type { Cell, ReadTable } from './sheet-reader.mjs';
export { isUnsafeText };

export type TableFormat = 'csv' | 'xlsx';

/** A file that cannot be read as a table, or crosses a limit (`params.max`…). */
export class UnreadableFile extends Error {
  constructor(
    readonly reason: TableErrorReason,
    detail: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(detail);
  }
}

/** A header as compared: no case, no accents, spaces and punctuation as one `_` ("Consoles prêtées" → consoles_pretees). */
export const normalizeHeader = (header: string): string =>
  header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/**
 * Where each known column is in a file's headers, matched whatever their case, accents and spacing;
 * `names` lists each column's accepted names. The first header matching a column wins.
 */
export function matchColumns<K extends string>(
  headers: readonly string[],
  names: Readonly<Record<K, readonly string[]>>,
): Map<K, number> {
  const byName = new Map<string, K>();
  for (const [key, list] of Object.entries(names) as [K, readonly string[]][]) {
    for (const n of [key, ...list]) if (!byName.has(normalizeHeader(n))) byName.set(normalizeHeader(n), key);
  }
  const index = new Map<K, number>();
  headers.forEach((h, i) => {
    const key = byName.get(normalizeHeader(h));
    if (key !== undefined && !index.has(key)) index.set(key, i);
  });
  return index;
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
  /**
   * A string, number, boolean, Date (or ISO text for an instant column), or null for an empty cell.
   * A method, so that sheets of different row types go in one workbook (`toXlsx`) without a cast.
   */
  value(row: T): unknown;
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
  column.kind === 'instant' ? `${column.header} (${parisTime(locale)})` : column.header;

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
    if (typeof value === 'boolean') return yesNo(value, locale);
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
    if (typeof value === 'boolean') return yesNo(value, locale);
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
