/**
 * Reading an uploaded table, CSV or XLSX, within limits checked as it goes. Runs in a worker thread
 * (`sheet-worker.mjs`) and in tests; plain JavaScript with JSDoc types because a worker thread must
 * start without a TypeScript loader (under Vitest the test process has none for its workers).
 *
 * CSV: UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252 when the bytes are not UTF-8.
 * XLSX: the zip is read entry by entry (yauzl), each entry's declared and inflated sizes bounded, the
 * sheet and its shared strings parsed as a stream of XML events (saxes), rows, columns, cells and
 * strings counted on the way; the first limit crossed stops the reading.
 */
import { readCsv } from './sheet-csv.mjs';
import { DEFAULT_LIMITS } from './sheet-limits.mjs';
import { readXlsx } from './sheet-xlsx.mjs';

export { decodeText } from './sheet-csv.mjs';
export { DEFAULT_LIMITS, isUnsafeText, TableError } from './sheet-limits.mjs';

/**
 * @typedef {import('./sheet-limits.mjs').TableLimits} TableLimits
 * @typedef {import('./sheet-limits.mjs').ReadTable} ReadTable
 */

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * @param {Uint8Array} bytes
 * @param {string | undefined} contentType
 * @returns {'csv' | 'xlsx'}
 */
export function detectFormat(bytes, contentType) {
  if (XLSX_MAGIC.every((b, i) => bytes[i] === b) || contentType?.includes('spreadsheetml')) return 'xlsx';
  return 'csv';
}

/**
 * @param {Uint8Array} bytes
 * @param {string | undefined} contentType
 * @param {Partial<TableLimits>} [limits]
 * @returns {Promise<ReadTable>}
 */
export async function readTableBytes(bytes, contentType, limits = {}) {
  const all = { ...DEFAULT_LIMITS, ...limits };
  return detectFormat(bytes, contentType) === 'xlsx' ? readXlsx(bytes, all) : readCsv(bytes, all);
}
