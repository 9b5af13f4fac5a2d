/**
 * CSV text (see `sheet-reader.mjs`): UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252 when
 * the bytes are not UTF-8; the delimiter is the header's most frequent of `;`, `,` and tab.
 * @typedef {import('./sheet-limits.mjs').TableLimits} TableLimits
 * @typedef {import('./sheet-limits.mjs').ReadTable} ReadTable
 */
import { parse } from 'csv-parse/sync';
import { cellOf, cellTooLong, TableError, tooManyCells, tooManyColumns, tooManyRows } from './sheet-limits.mjs';

const ENCODINGS_READ = 'UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252';

/**
 * @param {'utf-16le-without-bom' | 'utf-16be-without-bom' | 'invalid-utf-8' | 'invalid-utf-16le' | 'invalid-utf-16be'
 *   | 'replacement-characters'} what
 */
const encodingError = (what) =>
  new TableError('encoding', `The file's encoding is not supported (${what}); read: ${ENCODINGS_READ}`, {
    encoding: what,
  });

/**
 * UTF-16 text without a byte order mark: most characters of a French file are ASCII, so every other
 * byte is NUL. Returns the byte order it looks like, or null.
 * @param {Uint8Array} bytes
 * @returns {'le' | 'be' | null}
 */
function utf16WithoutBom(bytes) {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const half = n / 2;
  if (odd > half * 0.3 && even < half * 0.05) return 'le';
  if (even > half * 0.3 && odd < half * 0.05) return 'be';
  return null;
}

// Bytes 0x80–0x9F of Windows-1252 (the five unassigned ones stay C1 controls, as WHATWG decodes them).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Windows-1252 text. Node's TextDecoder accepts the label but, in Node 20 and 22, decodes it as
 * ISO-8859-1 (’ € œ … come out as C1 controls), so the 32 characters that differ are mapped here.
 * @param {Uint8Array} bytes
 */
function windows1252(bytes) {
  return new TextDecoder('latin1')
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/**
 * The text of a CSV file: BOMs honoured, UTF-8 when the bytes are valid UTF-8, else Windows-1252
 * (French Excel's "CSV (séparateur : point-virgule)"). Never yields U+FFFD.
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function decodeText(bytes) {
  /** @param {'utf-8' | 'utf-16le' | 'utf-16be'} label */
  const strict = (label) => {
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
      throw encodingError(`invalid-${label}`);
    }
  };
  let text;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) text = strict('utf-8');
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) text = strict('utf-16le');
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = strict('utf-16be');
  else {
    const order = utf16WithoutBom(bytes);
    if (order) throw encodingError(order === 'le' ? 'utf-16le-without-bom' : 'utf-16be-without-bom');
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = windows1252(bytes);
    }
  }
  if (text.includes('\u0000')) throw new TableError('not_a_table', 'The file is neither CSV text nor an XLSX workbook');
  // A replacement character is text already damaged by an earlier wrong conversion: never store it.
  if (text.includes('\uFFFD')) throw encodingError('replacement-characters');
  return text;
}

/**
 * @param {Uint8Array} bytes
 * @param {TableLimits} limits
 * @returns {ReadTable}
 */
export function readCsv(bytes, limits) {
  const text = decodeText(bytes);
  const newline = text.search(/\r|\n/);
  const firstLine = newline < 0 ? text : text.slice(0, newline);
  // Excel writes `;` in French, `,` in English, a tab as "Unicode text": the most frequent in the header wins.
  let delimiter = ',';
  let most = 0;
  for (const d of [';', ',', '\t']) {
    const n = firstLine.split(d).length - 1;
    if (n > most) [delimiter, most] = [d, n];
  }
  /** @type {string[][]} */
  let records;
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      // Files edited by hand mix Windows and Unix line ends.
      record_delimiter: ['\r\n', '\n', '\r'],
      // The header, the rows allowed, and one more to know the file is over the limit.
      to: limits.maxRows + 2,
    });
  } catch (error) {
    throw new TableError('csv', /** @type {Error} */ (error).message.split('\n')[0] ?? '');
  }
  const [header = [], ...rest] = records;
  if (rest.length > limits.maxRows) throw tooManyRows(limits);
  let cells = 0;
  for (const r of [header, ...rest]) {
    if (r.length > limits.maxColumns) throw tooManyColumns(limits);
    for (const v of r) {
      if (v.length > limits.maxCellChars) throw cellTooLong(limits);
      if (v !== '' && ++cells > limits.maxCells) throw tooManyCells(limits);
    }
  }
  return {
    format: 'csv',
    headers: header.map((h) => h.trim()),
    rows: rest.map((r) => r.map(cellOf)),
  };
}
