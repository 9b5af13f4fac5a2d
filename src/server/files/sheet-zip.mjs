/**
 * The zip and XML layer of XLSX reading (see `sheet-xlsx.mjs`): entries read one by one (yauzl), each
 * entry's declared and inflated sizes bounded, its XML given to a streaming parser (saxes).
 * @typedef {import('./sheet-limits.mjs').TableLimits} TableLimits
 */
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { TableError, tooLarge } from './sheet-limits.mjs';

/**
 * The entries of a zip, its central directory only: nothing is inflated yet.
 * @param {Uint8Array} bytes
 * @param {TableLimits} limits
 */
export async function openZip(bytes, limits) {
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
export async function streamEntry(archive, name, parser, limits, budget) {
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
export const local = (name) => name.slice(name.indexOf(':') + 1);

/** @returns {SaxesParser} */
export const xmlParser = () => new SaxesParser({ xmlns: false, position: false });

/**
 * Relationship targets of a part, by id, as paths inside the zip.
 * @param {string} part e.g. 'xl/workbook.xml'
 * @param {Parameters<typeof streamEntry>[0]} archive
 * @param {TableLimits} limits
 * @param {{ inflated: number }} budget
 * @returns {Promise<Map<string, { type: string, target: string }>>}
 */
export async function relationships(part, archive, limits, budget) {
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
