/**
 * Hostile and plain XLSX files built by hand, entry by entry, for the file-limit tests and the
 * `files` benchmark: a sheet of millions of rows that zips to ~2 MB, and a zip bomb whose sheet
 * inflates to more than a gigabyte. Entries are deflated as a stream, so building them never holds
 * the inflated text in memory.
 */
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** The entry's content, produced piece by piece; a `repeat` piece is deflated once and its output repeated. */
  chunks: () => Iterable<string | Buffer | Repeat>;
  /** Uncompressed size written in the headers; the real size unless a test lies about it. */
  declaredSize?: number;
}

/** `bytes` `times` over, deflated once. */
export interface Repeat {
  bytes: Buffer;
  times: number;
}

/**
 * Deflates an entry. A `Repeat` is compressed alone, ending with a full flush (byte-aligned, nothing
 * referring back), so its output can be repeated as is: a gigabyte of blanks deflates in milliseconds.
 */
async function deflated(
  chunks: Iterable<string | Buffer | Repeat>,
): Promise<{ data: Buffer; crc: number; size: number }> {
  const items = [...chunks];
  if (items.some((c) => typeof c === 'object' && 'times' in c)) {
    const out: Buffer[] = [];
    let crc = 0;
    let size = 0;
    for (const [i, item] of items.entries()) {
      const last = i === items.length - 1;
      const bytes = typeof item === 'string' ? Buffer.from(item) : 'times' in item ? item.bytes : item;
      const times = typeof item === 'object' && 'times' in item ? item.times : 1;
      const segment = deflateRawSync(bytes, last ? {} : { finishFlush: constants.Z_FULL_FLUSH });
      for (let n = 0; n < times; n++) {
        out.push(segment);
        crc = crc32(bytes, crc);
        size += bytes.length;
      }
    }
    return { data: Buffer.concat(out), crc, size };
  }
  const deflate = createDeflateRaw({ level: constants.Z_DEFAULT_COMPRESSION, memLevel: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const ended = new Promise<void>((resolve, reject) => {
    deflate.once('end', resolve);
    deflate.once('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const chunk of items as (string | Buffer)[]) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await ended;
  return { data: Buffer.concat(out), crc, size };
}

/** A zip archive (deflate, no zip64: every size must stay under 4 GiB). */
export async function zipOf(entries: readonly ZipEntry[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { data, crc, size } = await deflated(entry.chunks());
    const name = Buffer.from(entry.name);
    const declared = entry.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts every workbook has around its first sheet. */
function frame(): ZipEntry[] {
  const one = (name: string, text: string): ZipEntry => ({ name, chunks: () => [text] });
  return [
    one(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    one(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    one(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    one(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
  ];
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>`;
const TAIL = '</sheetData></worksheet>';

/** One sheet of `rows` rows of three numbers (a census-like header first), without cell references: ~0.5 MB for 2 million rows. */
export function manyRowsWorkbook(rows: number): Promise<Buffer> {
  function* sheet(): Generator<string> {
    yield `${HEAD}<row r="1">${inline('A1', 'semaine')}${inline('B1', 'finess')}${inline('C1', 'circuits')}</row>`;
    let batch = '';
    for (let r = 2; r <= rows + 1; r++) {
      batch += `<row><c><v>${r % 10}</v></c><c><v>2</v></c><c><v>3</v></c></row>`;
      if (batch.length > 1 << 16) {
        yield batch;
        batch = '';
      }
    }
    yield batch + TAIL;
  }
  return zipOf([...frame(), { name: 'xl/worksheets/sheet1.xml', chunks: sheet }]);
}

/** A sheet whose XML inflates to `bytes` (mostly blanks between two rows): ~1.1 MB for 1.15 GB. */
export function bombWorkbook(bytes: number, options: { declaredSize?: number } = {}): Promise<Buffer> {
  function* sheet(): Generator<string | Buffer | Repeat> {
    const head = `${HEAD}<row r="1">${inline('A1', 'semaine')}</row>`;
    yield head;
    const blank = Buffer.alloc(1 << 20, 0x20);
    const left = bytes - head.length - TAIL.length;
    yield { bytes: blank, times: Math.floor(left / blank.length) };
    yield blank.subarray(0, left % blank.length);
    yield TAIL;
  }
  return zipOf([...frame(), { name: 'xl/worksheets/sheet1.xml', chunks: sheet, declaredSize: options.declaredSize }]);
}
