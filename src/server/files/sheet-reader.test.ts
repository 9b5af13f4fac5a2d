import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { utf8, utf16, windows1252 } from '../../../test/support/text-files.ts';
import { bombWorkbook, manyRowsWorkbook, zipOf } from '../../../test/support/workbooks.ts';
import { decodeText, isUnsafeText, readTableBytes, TableError } from './sheet-reader.mjs';
import { createTablePool, TablesBusy } from './table-pool.ts';
import { neutralize, UnreadableFile } from './tabular.ts';

const FRENCH = 'Équipe;Rôle;Commentaire\r\nRéanimation;infirmière;pénurie d’oxygénateurs — 2 € œuvre\r\n';

async function refusal(promise: Promise<unknown>): Promise<TableError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TableError)) throw new Error(`expected a TableError, got ${String(error)}`);
  return error;
}

describe('decoding text files', () => {
  it('reads UTF-8 with and without BOM, UTF-16 LE and BE with BOM, and Windows-1252, keeping every accent', () => {
    for (const bytes of [
      utf8(FRENCH, true),
      utf8(FRENCH, false),
      utf16(FRENCH, 'le', true),
      utf16(FRENCH, 'be', true),
      windows1252(FRENCH),
    ]) {
      const text = decodeText(bytes);
      expect(text).toBe(FRENCH);
      expect(text).not.toContain('\uFFFD');
    }
  });

  it('refuses UTF-16 without BOM, naming it, and text already holding replacement characters', () => {
    for (const [order, name] of [
      ['le', 'utf-16le-without-bom'],
      ['be', 'utf-16be-without-bom'],
    ] as const) {
      expect(() => decodeText(utf16(FRENCH, order, false))).toThrow(
        expect.objectContaining({ reason: 'encoding', params: { encoding: name } }),
      );
    }
    expect(() => decodeText(utf8('a;b\r\nd\uFFFDj\u00e0;1\r\n', false))).toThrow(
      expect.objectContaining({ reason: 'encoding', params: { encoding: 'replacement-characters' } }),
    );
  });
});

describe('reading CSV', () => {
  it('reads a French Excel file: Windows-1252, semicolons, CRLF, quoted cells with line breaks', async () => {
    const table = await readTableBytes(windows1252(`${FRENCH}"a;b";"deux\r\nlignes";x\r\n`), 'text/csv');
    expect(table.headers).toEqual(['Équipe', 'Rôle', 'Commentaire']);
    expect(table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['Réanimation', 'infirmière', 'pénurie d’oxygénateurs — 2 € œuvre'],
      ['a;b', 'deux\r\nlignes', 'x'],
    ]);
  });

  it('refuses one data row over the limit (the header not counted), never cutting the file', async () => {
    const csv = (n: number) => Buffer.from(`a;b\n${'1;2\n'.repeat(n)}`);
    expect((await readTableBytes(csv(10), 'text/csv', { maxRows: 10 })).rows).toHaveLength(10);
    const error = await refusal(readTableBytes(csv(11), 'text/csv', { maxRows: 10 }));
    expect(error).toMatchObject({ reason: 'too_many_rows', params: { max: 10 } });
    expect(await refusal(readTableBytes(csv(100_000), 'text/csv', { maxRows: 2000 }))).toMatchObject({
      reason: 'too_many_rows',
      params: { max: 2000 },
    });
  });

  it('refuses a row over the column limit', async () => {
    const wide = Buffer.from(`${Array.from({ length: 300 }, (_, i) => `c${i}`).join(';')}\n1;2\n`);
    expect(await refusal(readTableBytes(wide, 'text/csv'))).toMatchObject({ reason: 'too_many_columns' });
  });
});

describe('cells a spreadsheet would run', () => {
  it('follows the OWASP rule: =, +, -, @, tab or CR first is a formula unless the text is a plain number', () => {
    const formulas = ['=1+1', '+1+1', '-2+3', '-1+HYPERLINK("http://evil","x")', '@SUM(A1:A2)', '\tx', '\rx', ' =1+1'];
    for (const f of formulas) expect(isUnsafeText(f), f).toBe(true);
    for (const plain of ['-2', '-3.5', '+3', '-0,5', '1e3', 'abc', '', 'Hôpital-Nord', '2026-W47'])
      expect(isUnsafeText(plain), plain).toBe(false);
    expect(isUnsafeText('<script>alert(1)</script>')).toBe(true);
  });

  it('neutralizes formula-like text on export and leaves numbers alone', () => {
    expect(neutralize("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(neutralize('-1+HYPERLINK("http://evil","x")')).toBe('\'-1+HYPERLINK("http://evil","x")');
    expect(neutralize('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralize('\t=1')).toBe("'\t=1");
    expect(neutralize('-2')).toBe('-2');
    expect(neutralize(-2)).toBe(-2);
  });
});

describe('reading XLSX as a stream', () => {
  it('reads shared strings, numbers, dates as YYYY-MM-DD, and flags formulas and formula-like text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Recensement');
    sheet.addRow(['semaine', 'date', 'circuits', 'commentaire']);
    sheet.addRow(['2026-W47', new Date(Date.UTC(2026, 10, 16)), 3, 'Équipe réduite']);
    sheet.addRow(['2026-W47', new Date(Date.UTC(2024, 1, 29)), { formula: '1+1', result: 2 }, '-2+3']);
    sheet.addRow(['2026-W47', null, -2, { richText: [{ text: 'deux ' }, { text: 'runs' }] }]);
    sheet.getCell('A3').numFmt = '@';
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const table = await readTableBytes(bytes, undefined);
    expect(table.format).toBe('xlsx');
    expect(table.headers).toEqual(['semaine', 'date', 'circuits', 'commentaire']);
    expect(table.rows).toEqual([
      [
        { text: '2026-W47', unsafe: false },
        { text: '2026-11-16', unsafe: false },
        { text: '3', unsafe: false },
        { text: 'Équipe réduite', unsafe: false },
      ],
      [
        { text: '2026-W47', unsafe: false },
        { text: '2024-02-29', unsafe: false },
        { text: '2', unsafe: true },
        { text: '-2+3', unsafe: true },
      ],
      [
        { text: '2026-W47', unsafe: false },
        { text: '', unsafe: false },
        { text: '-2', unsafe: false },
        { text: 'deux runs', unsafe: false },
      ],
    ]);
  });

  it('stops a sheet of 200,000 rows at the row limit', async () => {
    const error = await refusal(readTableBytes(await manyRowsWorkbook(200_000), undefined, { maxRows: 2000 }));
    expect(error).toMatchObject({ reason: 'too_many_rows', params: { max: 2000 } });
  });

  it('refuses a zip bomb by its declared size, and by the bytes it inflates when the size is a lie', async () => {
    const honest = await bombWorkbook(80_000_000);
    expect(await refusal(readTableBytes(honest, undefined))).toMatchObject({ reason: 'too_large' });
    const lying = await bombWorkbook(80_000_000, { declaredSize: 1000 });
    expect(await refusal(readTableBytes(lying, undefined))).toMatchObject({ reason: 'too_large' });
    const under = await bombWorkbook(80_000_000, { declaredSize: 10 * 1_048_576 });
    expect(await refusal(readTableBytes(under, undefined))).toMatchObject({ reason: 'too_large' });
  }, 30_000);

  it('refuses too many zip entries, a cell past the column limit and a cell too long', async () => {
    const entries = Array.from({ length: 1001 }, (_, i) => ({ name: `x/${i}.xml`, chunks: () => ['<a/>'] }));
    expect(await refusal(readTableBytes(await zipOf(entries), undefined))).toMatchObject({ reason: 'too_large' });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('S');
    sheet.getCell('A1').value = 'a';
    sheet.getCell('XFD2').value = 1;
    expect(await refusal(readTableBytes(Buffer.from(await workbook.xlsx.writeBuffer()), undefined))).toMatchObject({
      reason: 'too_many_columns',
    });
    const long = new ExcelJS.Workbook();
    long.addWorksheet('S').addRow(['x'.repeat(40_000)]);
    expect(await refusal(readTableBytes(Buffer.from(await long.xlsx.writeBuffer()), undefined))).toMatchObject({
      reason: 'cell_too_long',
    });
  });

  it('says a broken workbook is unreadable', async () => {
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2000, 7)]);
    expect(await refusal(readTableBytes(broken, undefined))).toMatchObject({ reason: 'xlsx' });
  });
});

describe('the pool of readers', () => {
  it('reads in a worker thread, refuses beyond its queue, stops a parse past its time, and closes', async () => {
    const pool = createTablePool({ concurrency: 1, queue: 1 });
    const csv = Buffer.from(FRENCH);
    const [a, b, c] = await Promise.allSettled([
      pool.read(csv, 'text/csv', {}),
      pool.read(windows1252(FRENCH), 'text/csv', {}),
      pool.read(csv, 'text/csv', {}),
    ]);
    expect(a.status === 'fulfilled' && a.value.rows[0]?.[1]?.text).toBe('infirmière');
    expect(b.status === 'fulfilled' && b.value.rows[0]?.[2]?.text).toBe('pénurie d’oxygénateurs — 2 € œuvre');
    expect(c.status === 'rejected' && c.reason).toBeInstanceOf(TablesBusy);
    const refused = await pool.read(utf16(FRENCH, 'le', false), 'text/csv', {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UnreadableFile);
    expect(refused).toMatchObject({ reason: 'encoding', params: { encoding: 'utf-16le-without-bom' } });
    await pool.close();

    const big = await manyRowsWorkbook(50_000);
    const slow = createTablePool({ timeoutMs: 1 });
    const late = await slow.read(big, undefined, {}).catch((e: unknown) => e);
    expect(late).toMatchObject({ reason: 'too_complex' });
    await slow.close();

    const closing = createTablePool({ concurrency: 1, queue: 1 });
    const outcomes = Promise.allSettled([closing.read(big, undefined, {}), closing.read(csv, 'text/csv', {})]);
    expect(closing.load).toEqual({ running: 1, waiting: 1 });
    await closing.close();
    for (const o of await outcomes) expect(o.status === 'rejected' && o.reason).toBeInstanceOf(TablesBusy);
    expect(closing.load).toEqual({ running: 0, waiting: 0 });
  });
});
