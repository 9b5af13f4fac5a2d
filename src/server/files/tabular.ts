/**
 * Reading and writing tables as CSV and XLSX. Reading refuses formulas and scripts cell by cell;
 * writing neutralizes cells that a spreadsheet would run as a formula.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

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
  value: (row: T) => unknown;
  width?: number;
}

/** CSV for French spreadsheets: `;` separated, UTF-8 with BOM, CRLF. */
export function toCsv<T>(rows: readonly T[], columns: readonly Column<T>[]): Buffer {
  const esc = (v: unknown): string => {
    const n = neutralize(v);
    if (n === null) return '';
    const s = String(n);
    return /[";\r\n,]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [
    columns.map((c) => esc(c.header)).join(';'),
    ...rows.map((r) => columns.map((c) => esc(c.value(r))).join(';')),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export interface Sheet<T> {
  name: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
}

export async function toXlsx(sheets: readonly Sheet<never>[] | readonly Sheet<unknown>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Relais';
  for (const s of sheets as readonly Sheet<unknown>[]) {
    const ws = workbook.addWorksheet(s.name.slice(0, 31));
    ws.columns = s.columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(12, c.header.length + 2) }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of s.rows) ws.addRow(s.columns.map((c) => neutralize(c.value(r))));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
