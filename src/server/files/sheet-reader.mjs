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
import { parse } from 'csv-parse/sync';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';

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
const cellOf = (raw) => {
  const text = raw.trim();
  return { text, unsafe: isUnsafeText(raw) };
};

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

// ---------------------------------------------------------------------------------------------------
// Text decoding

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

// ---------------------------------------------------------------------------------------------------
// CSV

/**
 * @param {Uint8Array} bytes
 * @param {TableLimits} limits
 * @returns {ReadTable}
 */
function readCsv(bytes, limits) {
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

/** @param {TableLimits} limits */
const tooManyRows = (limits) =>
  new TableError('too_many_rows', `At most ${limits.maxRows} rows per file`, { max: limits.maxRows });
/** @param {TableLimits} limits */
const tooManyColumns = (limits) =>
  new TableError('too_many_columns', `At most ${limits.maxColumns} columns`, { max: limits.maxColumns });
/** @param {TableLimits} limits */
const tooManyCells = (limits) =>
  new TableError('too_many_cells', `At most ${limits.maxCells} filled cells`, { max: limits.maxCells });
/** @param {TableLimits} limits */
const cellTooLong = (limits) =>
  new TableError('cell_too_long', `At most ${limits.maxCellChars} characters in a cell`, {
    max: limits.maxCellChars,
  });
/**
 * @param {TableLimits} limits
 * @param {string} what
 */
const tooLarge = (limits, what) =>
  new TableError('too_large', `The workbook is too large once unpacked (${what})`, {
    maxMb: Math.round(limits.maxInflatedBytes / 1_048_576),
  });

// ---------------------------------------------------------------------------------------------------
// XLSX

/**
 * The entries of a zip, its central directory only: nothing is inflated yet.
 * @param {Uint8Array} bytes
 * @param {TableLimits} limits
 */
async function openZip(bytes, limits) {
  /** @type {import('yauzl').ZipFile} */
  let zip;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      validateEntrySizes: true,
    });
  } catch {
    throw new TableError('xlsx', 'The XLSX workbook cannot be read');
  }
  if (zip.entryCount > limits.maxEntries) throw tooLarge(limits, `${zip.entryCount} entries`);
  /** @type {Map<string, import('yauzl').Entry>} */
  const entries = new Map();
  await new Promise((resolve, reject) => {
    zip.on('entry', (/** @type {import('yauzl').Entry} */ entry) => {
      entries.set(entry.fileName.replace(/^\/+/, ''), entry);
      zip.readEntry();
    });
    zip.once('end', resolve);
    zip.once('error', () => reject(new TableError('xlsx', 'The XLSX workbook cannot be read')));
    zip.readEntry();
  });
  return { zip, entries };
}

/**
 * Streams one entry's XML into `parser`, counting inflated bytes against the limits.
 * @param {{ zip: import('yauzl').ZipFile, entries: Map<string, import('yauzl').Entry> }} archive
 * @param {string} name
 * @param {SaxesParser} parser
 * @param {TableLimits} limits
 * @param {{ inflated: number }} budget
 * @returns {Promise<boolean>} false when the entry does not exist
 */
async function streamEntry(archive, name, parser, limits, budget) {
  const entry = archive.entries.get(name);
  if (!entry) return false;
  if (entry.uncompressedSize > limits.maxEntryBytes)
    throw tooLarge(limits, `${name} declares ${entry.uncompressedSize} bytes`);
  if (budget.inflated + entry.uncompressedSize > limits.maxInflatedBytes)
    throw tooLarge(limits, `${budget.inflated + entry.uncompressedSize} bytes in all`);
  /** @type {import('node:stream').Readable} */
  let stream;
  try {
    stream = await archive.zip.openReadStreamPromise(entry);
  } catch {
    throw new TableError('xlsx', 'The XLSX workbook cannot be read');
  }
  const decoder = new TextDecoder('utf-8');
  let read = 0;
  await new Promise((resolve, reject) => {
    /** @param {unknown} error */
    const fail = (error) => {
      stream.destroy();
      if (error instanceof TableError) reject(error);
      // yauzl stops an entry inflating past the size it declares.
      else if (/too many bytes/.test(String(/** @type {Error} */ (error)?.message)))
        reject(tooLarge(limits, `${name} inflates past its declared size`));
      else reject(new TableError('xlsx', 'The XLSX workbook cannot be read'));
    };
    stream.on('data', (/** @type {Buffer} */ chunk) => {
      read += chunk.length;
      budget.inflated += chunk.length;
      try {
        if (read > limits.maxEntryBytes) throw tooLarge(limits, `${name} inflates past ${limits.maxEntryBytes} bytes`);
        if (budget.inflated > limits.maxInflatedBytes) throw tooLarge(limits, 'in all');
        parser.write(decoder.decode(chunk, { stream: true }));
      } catch (error) {
        fail(error);
      }
    });
    stream.once('error', fail);
    stream.once('end', () => {
      try {
        parser.write(decoder.decode());
        parser.close();
        resolve(undefined);
      } catch (error) {
        fail(error);
      }
    });
  });
  return true;
}

/** @param {string} name qualified XML name */
const local = (name) => name.slice(name.indexOf(':') + 1);

/** @returns {SaxesParser} */
const xmlParser = () => new SaxesParser({ xmlns: false, position: false });

/**
 * Relationship targets of a part, by id, as paths inside the zip.
 * @param {string} part e.g. 'xl/workbook.xml'
 * @param {Parameters<typeof streamEntry>[0]} archive
 * @param {TableLimits} limits
 * @param {{ inflated: number }} budget
 * @returns {Promise<Map<string, { type: string, target: string }>>}
 */
async function relationships(part, archive, limits, budget) {
  const dir = part.includes('/') ? part.slice(0, part.lastIndexOf('/') + 1) : '';
  const relsPath = `${dir}_rels/${part.slice(dir.length)}.rels`;
  /** @type {Map<string, { type: string, target: string }>} */
  const out = new Map();
  const parser = xmlParser();
  parser.on('opentag', (tag) => {
    if (local(tag.name) !== 'Relationship') return;
    const a = /** @type {Record<string, string>} */ (tag.attributes);
    const target = a.Target ?? '';
    out.set(a.Id ?? '', { type: a.Type ?? '', target: resolvePath(dir, target) });
  });
  await streamEntry(archive, relsPath, parser, limits, budget);
  return out;
}

/**
 * @param {string} dir
 * @param {string} target
 */
function resolvePath(dir, target) {
  const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
  /** @type {string[]} */
  const out = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

// Number formats that show a date (ECMA-376 built-ins, Western and East Asian).
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** @param {string} code */
const isDateFormat = (code) =>
  /[dmyhs]/i.test(
    code
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, '')
      .replace(/\[[^\]]*\]/g, ''),
  );

/**
 * For each cell style index, whether it shows a date.
 * @param {string | undefined} path
 * @param {Parameters<typeof streamEntry>[0]} archive
 * @param {TableLimits} limits
 * @param {{ inflated: number }} budget
 * @returns {Promise<boolean[]>}
 */
async function dateStyles(path, archive, limits, budget) {
  /** @type {Map<number, string>} */
  const custom = new Map();
  /** @type {boolean[]} */
  const styles = [];
  let inCellXfs = false;
  const parser = xmlParser();
  parser.on('opentag', (tag) => {
    const name = local(tag.name);
    const a = /** @type {Record<string, string>} */ (tag.attributes);
    if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
    else if (name === 'cellXfs') inCellXfs = !tag.isSelfClosing;
    else if (name === 'xf' && inCellXfs) {
      if (styles.length >= limits.maxCells) throw tooManyCells(limits);
      const id = Number(a.numFmtId ?? 0);
      const code = custom.get(id);
      styles.push(code === undefined ? DATE_FORMAT_IDS.has(id) : isDateFormat(code));
    }
  });
  parser.on('closetag', (tag) => {
    if (local(tag.name) === 'cellXfs') inCellXfs = false;
  });
  if (path) await streamEntry(archive, path, parser, limits, budget);
  return styles;
}

/**
 * @param {string} ref e.g. "AB12"
 * @returns {number} zero-based column, -1 without letters
 */
function columnOf(ref) {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
    if (n > 16_384) return n;
  }
  return i === 0 ? -1 : n - 1;
}

/**
 * @param {number} serial days since the workbook's epoch
 * @param {boolean} date1904
 */
function isoDate(serial, date1904) {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(serial) : date.toISOString().slice(0, 10);
}

/**
 * @param {Uint8Array} bytes
 * @param {TableLimits} limits
 * @returns {Promise<ReadTable>}
 */
async function readXlsx(bytes, limits) {
  const archive = await openZip(bytes, limits);
  try {
    const budget = { inflated: 0 };
    const rootRels = await relationships('', archive, limits, budget);
    const workbookPath =
      [...rootRels.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';

    // The workbook: its first sheet, and its date system.
    let firstSheetRel = '';
    let date1904 = false;
    const wb = xmlParser();
    wb.on('opentag', (tag) => {
      const name = local(tag.name);
      const a = /** @type {Record<string, string>} */ (tag.attributes);
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name === 'sheet' && !firstSheetRel) {
        firstSheetRel = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '';
      }
    });
    if (!(await streamEntry(archive, workbookPath, wb, limits, budget)))
      throw new TableError('xlsx', 'The XLSX workbook cannot be read');
    const rels = await relationships(workbookPath, archive, limits, budget);
    const sheetPath = rels.get(firstSheetRel)?.target;
    if (!sheetPath || !archive.entries.has(sheetPath)) throw new TableError('no_sheet', 'The workbook has no sheet');
    const relOf = (/** @type {string} */ kind) => [...rels.values()].find((r) => r.type.endsWith(`/${kind}`))?.target;
    const isDateStyle = await dateStyles(relOf('styles'), archive, limits, budget);

    // The sheet, first: shared strings are then read keeping only those it uses.
    /** @type {{ kind: 'text' | 'shared', value: string, unsafe: boolean }[][]} */
    const rows = [];
    /** @type {Set<number>} */
    const sharedWanted = new Set();
    let cells = 0;
    let header = true;
    /** @type {{ kind: 'text' | 'shared', value: string, unsafe: boolean }[] | null} */
    let row = null;
    let cell = { column: 0, type: '', style: 0, formula: false, value: '', inline: '' };
    let nextColumn = 0;
    /** @type {'v' | 'is' | 'f' | null} */
    let into = null;
    let inPhonetic = false;
    let filled = false;
    const sheet = xmlParser();
    const append = (/** @type {string} */ text) => {
      if (into === 'v') cell.value += text;
      else if (into === 'is' && !inPhonetic) cell.inline += text;
      else return;
      if (cell.value.length + cell.inline.length > limits.maxCellChars) throw cellTooLong(limits);
    };
    sheet.on('opentag', (tag) => {
      const name = local(tag.name);
      const a = /** @type {Record<string, string>} */ (tag.attributes);
      switch (name) {
        case 'row':
          row = [];
          filled = false;
          nextColumn = 0;
          if (tag.isSelfClosing) row = null;
          break;
        case 'c': {
          const column = a.r ? columnOf(a.r) : nextColumn;
          const at = column < 0 ? nextColumn : column;
          if (at >= limits.maxColumns) throw tooManyColumns(limits);
          nextColumn = at + 1;
          cell = { column: at, type: a.t ?? 'n', style: Number(a.s ?? 0), formula: false, value: '', inline: '' };
          if (tag.isSelfClosing) finishCell();
          break;
        }
        case 'v':
          into = 'v';
          break;
        case 'f':
          cell.formula = true;
          into = 'f';
          break;
        case 'is':
          into = 'is';
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        default:
          break;
      }
    });
    sheet.on('text', append);
    sheet.on('cdata', append);
    sheet.on('closetag', (tag) => {
      const name = local(tag.name);
      if (name === 'v' || name === 'f' || name === 'is') into = null;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'c' && !tag.isSelfClosing) finishCell();
      else if (name === 'row' && row) {
        if (filled) {
          if (!header && rows.length - 1 >= limits.maxRows) throw tooManyRows(limits);
          rows.push(row);
          header = false;
        }
        row = null;
      }
    });
    function finishCell() {
      if (!row) return;
      const { type, value, inline, formula } = cell;
      /** @type {{ kind: 'text' | 'shared', value: string, unsafe: boolean }} */
      let out;
      if (type === 's' && !formula) {
        const index = Number(value);
        if (!Number.isInteger(index) || index < 0) throw new TableError('xlsx', 'The XLSX workbook cannot be read');
        sharedWanted.add(index);
        out = { kind: 'shared', value: String(index), unsafe: false };
      } else if (type === 'inlineStr') out = { kind: 'text', value: inline, unsafe: formula || isUnsafeText(inline) };
      else if (type === 'str' || type === 'e')
        out = { kind: 'text', value, unsafe: formula || (type === 'str' && isUnsafeText(value)) };
      else if (type === 'b')
        out = { kind: 'text', value: value === '' ? '' : value === '1' ? 'true' : 'false', unsafe: formula };
      else if (type === 'd') out = { kind: 'text', value: value.slice(0, 10), unsafe: formula };
      else {
        const n = Number(value);
        const text =
          value === '' || !Number.isFinite(n) ? value : isDateStyle[cell.style] ? isoDate(n, date1904) : String(n);
        out = { kind: 'text', value: text, unsafe: formula };
      }
      if (out.value === '' && !out.unsafe) return;
      if (++cells > limits.maxCells) throw tooManyCells(limits);
      while (row.length < cell.column) row.push({ kind: 'text', value: '', unsafe: false });
      row[cell.column] = out;
      filled = true;
    }
    await streamEntry(archive, sheetPath, sheet, limits, budget);

    /** @type {Map<number, string>} */
    const shared = new Map();
    const sharedPath = relOf('sharedStrings');
    if (sharedWanted.size > 0 && sharedPath) {
      let index = -1;
      let text = '';
      let inT = false;
      let phonetic = false;
      const sst = xmlParser();
      sst.on('opentag', (tag) => {
        const name = local(tag.name);
        if (name === 'si') {
          if (++index >= limits.maxSharedStrings)
            throw tooLarge(limits, `more than ${limits.maxSharedStrings} shared strings`);
          text = '';
        } else if (name === 't') inT = !tag.isSelfClosing;
        else if (name === 'rPh') phonetic = true;
      });
      const collect = (/** @type {string} */ t) => {
        if (!inT || phonetic || !sharedWanted.has(index)) return;
        text += t;
        if (text.length > limits.maxCellChars) throw cellTooLong(limits);
      };
      sst.on('text', collect);
      sst.on('cdata', collect);
      sst.on('closetag', (tag) => {
        const name = local(tag.name);
        if (name === 't') inT = false;
        else if (name === 'rPh') phonetic = false;
        else if (name === 'si' && sharedWanted.has(index)) shared.set(index, text);
      });
      await streamEntry(archive, sharedPath, sst, limits, budget);
    }

    /** @param {{ kind: 'text' | 'shared', value: string, unsafe: boolean }} c */
    const resolve = (c) => {
      if (c.kind === 'text') return { text: c.value.trim(), unsafe: c.unsafe };
      const text = shared.get(Number(c.value)) ?? '';
      return { text: text.trim(), unsafe: isUnsafeText(text) };
    };
    const [first = [], ...rest] = rows;
    return { format: 'xlsx', headers: first.map((c) => resolve(c).text), rows: rest.map((r) => r.map(resolve)) };
  } finally {
    archive.zip.close();
  }
}
