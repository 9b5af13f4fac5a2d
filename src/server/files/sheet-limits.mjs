/**
 * What every reader of an uploaded table shares (plain JavaScript, see `sheet-reader.mjs`): the types,
 * the error a refused file raises, the limits and the errors of crossing them, and the cell rule that
 * refuses formulas and scripts.
 */

/**
 * @typedef {{ text: string, unsafe: boolean }} Cell
 * @typedef {{ format: 'csv' | 'xlsx', headers: string[], rows: Cell[][] }} ReadTable
 * @typedef {{ maxRows: number, maxColumns: number, maxCells: number, maxCellChars: number,
 *   maxEntries: number, maxEntryBytes: number, maxInflatedBytes: number, maxSharedStrings: number }} TableLimits
 * @typedef {'not_a_table' | 'encoding' | 'csv' | 'xlsx' | 'no_sheet' | 'too_many_rows' | 'too_many_columns'
 *   | 'too_many_cells' | 'cell_too_long' | 'too_large' | 'too_complex'} TableErrorReason
 */

/** A file that cannot be read as a table, or that crosses a limit; `params` say which limit. */
export class TableError extends Error {
  /**
   * @param {TableErrorReason} reason
   * @param {string} detail
   * @param {Record<string, string | number>} [params]
   */
  constructor(reason, detail, params = {}) {
    super(detail);
    this.reason = reason;
    this.params = params;
  }
}

/** The limits of an import when the caller gives only its row limit. */
export const DEFAULT_LIMITS = Object.freeze({
  maxRows: 2000,
  maxColumns: 256,
  maxCells: 200_000,
  maxCellChars: 32_767,
  maxEntries: 1000,
  // A sheet at the cell limit is ~12 MB of XML.
  maxEntryBytes: 16 * 1_048_576,
  maxInflatedBytes: 32 * 1_048_576,
  maxSharedStrings: 1_000_000,
});

// OWASP CSV injection: a text cell starting with one of these is run by spreadsheets as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;
const SCRIPT = /<\s*script|javascript:|<\s*iframe|on\w+\s*=/i;

/**
 * Text a spreadsheet would run (a formula start, spaces before it included, unless the text is a plain
 * number such as `-2` or `-3.5`) or a browser would (a script).
 * @param {string} text
 */
export function isUnsafeText(text) {
  if (SCRIPT.test(text)) return true;
  if (/^[\t\r]/.test(text)) return true;
  const trimmed = text.replace(/^[ \u00a0]+/, '');
  return FORMULA_START.test(trimmed) && !PLAIN_NUMBER.test(trimmed.trim());
}

/** @param {string} raw */
export const cellOf = (raw) => {
  const text = raw.trim();
  return { text, unsafe: isUnsafeText(raw) };
};

/** @param {TableLimits} limits */
export const tooManyRows = (limits) =>
  new TableError('too_many_rows', `At most ${limits.maxRows} rows per file`, { max: limits.maxRows });
/** @param {TableLimits} limits */
export const tooManyColumns = (limits) =>
  new TableError('too_many_columns', `At most ${limits.maxColumns} columns`, { max: limits.maxColumns });
/** @param {TableLimits} limits */
export const tooManyCells = (limits) =>
  new TableError('too_many_cells', `At most ${limits.maxCells} filled cells`, { max: limits.maxCells });
/** @param {TableLimits} limits */
export const cellTooLong = (limits) =>
  new TableError('cell_too_long', `At most ${limits.maxCellChars} characters in a cell`, {
    max: limits.maxCellChars,
  });
/**
 * @param {TableLimits} limits
 * @param {string} what
 */
export const tooLarge = (limits, what) =>
  new TableError('too_large', `The workbook is too large once unpacked (${what})`, {
    maxMb: Math.round(limits.maxInflatedBytes / 1_048_576),
  });
