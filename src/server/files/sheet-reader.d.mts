/** Types of `sheet-reader.mjs` (plain JavaScript so that a worker thread loads it without a TypeScript loader). */
export interface Cell {
  /** Text of the cell, trimmed; '' when empty. */
  text: string;
  /** The cell holds a formula (XLSX) or text that would run as one, or a script. */
  unsafe: boolean;
}
export interface ReadTable {
  format: 'csv' | 'xlsx';
  headers: string[];
  rows: Cell[][];
}
export interface TableLimits {
  /** Data rows, the header row not counted. */
  maxRows: number;
  maxColumns: number;
  /** Filled cells in all. */
  maxCells: number;
  maxCellChars: number;
  /** Zip entries of an XLSX file. */
  maxEntries: number;
  /** Uncompressed bytes of one zip entry read, declared or actually inflated. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all the entries read. */
  maxInflatedBytes: number;
  maxSharedStrings: number;
}
export type TableErrorReason =
  | 'not_a_table'
  | 'encoding'
  | 'csv'
  | 'xlsx'
  | 'no_sheet'
  | 'too_many_rows'
  | 'too_many_columns'
  | 'too_many_cells'
  | 'cell_too_long'
  | 'too_large'
  | 'too_complex';
export declare class TableError extends Error {
  constructor(reason: TableErrorReason, detail: string, params?: Record<string, string | number>);
  readonly reason: TableErrorReason;
  readonly params: Record<string, string | number>;
}
export declare const DEFAULT_LIMITS: Readonly<TableLimits>;
export declare function isUnsafeText(text: string): boolean;
export declare function detectFormat(bytes: Uint8Array, contentType: string | undefined): 'csv' | 'xlsx';
export declare function decodeText(bytes: Uint8Array): string;
export declare function readTableBytes(
  bytes: Uint8Array,
  contentType: string | undefined,
  limits?: Partial<TableLimits>,
): Promise<ReadTable>;
