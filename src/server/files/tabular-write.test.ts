import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Column, toCsv, toXlsx } from './tabular.ts';

interface Row {
  name: string;
  ratio: number | null;
  count: number;
  at: string | null;
  open: boolean;
}

const ROWS: Row[] = [
  { name: 'Hôpital Louis Pradel', ratio: 3.9, count: 12, at: '2026-12-01T13:05:00Z', open: true },
  { name: "-2+3+cmd|' /C calc'!A0", ratio: -0.5, count: 0, at: '2026-07-01T12:00:00.000Z', open: false },
  { name: '=HYPERLINK("http://x")', ratio: null, count: 1, at: null, open: true },
];

const COLUMNS: Column<Row>[] = [
  { header: 'name', value: (r) => r.name },
  { header: 'ratio', value: (r) => r.ratio },
  { header: 'count', value: (r) => r.count },
  { header: 'updated', value: (r) => r.at, kind: 'instant' },
  { header: 'open', value: (r) => r.open },
];

const lines = (csv: Buffer) =>
  csv
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n');

describe('CSV written for the reader', () => {
  it('writes French numbers with a decimal comma, `;` separated, Paris times and French yes/no', () => {
    const csv = toCsv(ROWS, COLUMNS, { locale: 'fr' });
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, first, second, third] = lines(csv);
    expect(header).toBe('name;ratio;count;updated (heure de Paris);open');
    expect(first).toBe('Hôpital Louis Pradel;3,9;12;2026-12-01 14:05;oui');
    // Summer: Paris is two hours ahead of UTC.
    expect(second).toBe(`'-2+3+cmd|' /C calc'!A0;-0,5;0;2026-07-01 14:00;non`);
    expect(third).toBe(`"'=HYPERLINK(""http://x"")";;1;;oui`);
  });

  it('writes English numbers with a decimal point, `,` separated, Paris times and English yes/no', () => {
    const [header, first, second] = lines(toCsv(ROWS, COLUMNS, { locale: 'en' }));
    expect(header).toBe('name,ratio,count,updated (Paris time),open');
    expect(first).toBe('Hôpital Louis Pradel,3.9,12,2026-12-01 14:05,yes');
    expect(second).toBe(`'-2+3+cmd|' /C calc'!A0,-0.5,0,2026-07-01 14:00,no`);
  });
});

describe('XLSX written for the reader', () => {
  it('keeps numbers as numbers, writes instants as date cells in Paris time and neutralizes formula-like text', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await toXlsx([{ name: 'Test', rows: ROWS, columns: COLUMNS }] as never, { locale: 'fr' })) as never,
    );
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getCell('D1').value).toBe('updated (heure de Paris)');
    expect(sheet.getCell('B2').value).toBe(3.9);
    expect(sheet.getCell('C2').value).toBe(12);
    const at = sheet.getCell('D2');
    expect(at.type).toBe(ExcelJS.ValueType.Date);
    // A spreadsheet has no time zone: the cell holds the Paris wall time.
    expect((at.value as Date).toISOString()).toBe('2026-12-01T14:05:00.000Z');
    expect(at.numFmt).toMatch(/hh:mm/);
    expect((sheet.getCell('D3').value as Date).toISOString()).toBe('2026-07-01T14:00:00.000Z');
    expect(sheet.getCell('D4').value).toBeNull();
    expect(sheet.getCell('A3').value).toBe(`'-2+3+cmd|' /C calc'!A0`);
    expect(sheet.getCell('A4').value).toBe(`'=HYPERLINK("http://x")`);
    expect(sheet.getCell('E2').value).toBe('oui');
  });
});
