/**
 * XLSX workbooks (see `sheet-reader.mjs`): the first sheet, its dates and its shared strings, parsed as
 * a stream of XML events with rows, columns, cells and strings counted on the way; the first limit
 * crossed stops the reading.
 * @typedef {import('./sheet-limits.mjs').TableLimits} TableLimits
 * @typedef {import('./sheet-limits.mjs').ReadTable} ReadTable
 */
import {
  cellTooLong,
  isUnsafeText,
  TableError,
  tooLarge,
  tooManyCells,
  tooManyColumns,
  tooManyRows,
} from './sheet-limits.mjs';
import { local, openZip, relationships, streamEntry, xmlParser } from './sheet-zip.mjs';

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
export async function readXlsx(bytes, limits) {
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
