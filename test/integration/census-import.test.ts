import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentIsoWeek } from '../../src/domain/time.ts';
import { auditEntries, registeredConsoles, reportsWithReplacementCharacter } from '../support/reads.ts';
import {
  type Agent,
  createTestApp,
  DEMO,
  expectStatus,
  rowCounts,
  TEST_NOW,
  type TestApp,
} from '../support/test-app.ts';
import { utf8, utf16, windows1252 } from '../support/text-files.ts';

const week = currentIsoWeek(TEST_NOW);
const HEADER =
  'semaine;finess;etablissement;consoles_disponibles;consoles_en_service;consoles_maintenance;consoles_pretees;consoles_hors_service;consoles_en_transit;circuits;canules;patients_vv;patients_va;equipes;commentaire';
const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Mode = 'validate' | 'all' | 'valid_rows';
/** Uploads a census file as the regional regulator. */
const send = (content: string | Buffer, query: { mode?: Mode; fileName?: string } = {}, type = CSV, lang?: string) =>
  regional.call(
    'importCensusFile',
    { query },
    { upload: { type, content }, headers: lang ? { 'accept-language': lang } : {} },
  );

let t: TestApp;
let regional: Agent;
let missing: string[];

beforeAll(async () => {
  t = await createTestApp();
  regional = await t.login(DEMO.regional);
  const detail = await regional.ok('getCensusCampaign', { params: { week }, query: { region: '84' } });
  missing = detail.establishments.filter((e) => e.report === null).map((e) => e.finess);
});
afterAll(() => t?.close());

const registered = (finess: string) => registeredConsoles(t.db, finess);
const row = async (finess: string, over: Partial<Record<'available' | 'circuits' | 'comment' | 'week', string>> = {}) =>
  [
    over.week ?? week,
    finess,
    'nom',
    over.available ?? String(await registered(finess)),
    '0',
    '0',
    '0',
    '0',
    '0',
    over.circuits ?? '3',
    '4',
    '0',
    '0',
    '1',
    over.comment ?? '',
  ].join(';');
const reportsCount = async () => (await rowCounts(t.db, ['census_reports'])).census_reports;

describe('census by file', () => {
  it('reports row by row on a mixed file and stores nothing when only checking', async () => {
    expect(missing.length).toBeGreaterThanOrEqual(2);
    const [good, other] = missing as [string, string];
    const csv = [
      HEADER,
      await row(good),
      await row(other, { circuits: '-2' }),
      await row(other, { comment: '=HYPERLINK("http://evil","x")' }),
      await row('750100125'),
      await row(good),
      await row('690784187'),
      await row(good, { week: '2026-W54' }),
    ].join('\n');
    const before = await reportsCount();
    const res = await send(csv, { mode: 'validate', fileName: 'mixed.csv' });
    expectStatus(res, 200);
    const body = res.body;
    expect(body).toMatchObject({ format: 'csv', rows: 7, valid: 1, invalid: 6, stored: 0 });
    const byRow = Object.fromEntries(body.report.map((r) => [r.row, r.errors.map((e) => `${e.field}:${e.code}`)]));
    expect(byRow).toEqual({
      2: [],
      3: ['circuits:import.not_integer'],
      4: ['commentaire:import.formula'],
      5: ['finess:census.out_of_scope'],
      6: ['finess:import.duplicate_row'],
      7: ['finess:finess.check_digit'],
      8: ['semaine:census.no_such_week'],
    });
    expect(await reportsCount()).toBe(before);
  });

  it('refuses the whole file in all-or-nothing mode when a row is bad, naming the rows', async () => {
    const [good, other] = missing as [string, string];
    const csv = [HEADER, await row(good), await row(other, { available: '99' })].join('\n');
    const before = await reportsCount();
    const res = await send(csv, { mode: 'all' });
    expect(res.status).toBe(400);
    expect(res.problem?.errors).toEqual([
      expect.objectContaining({ field: 'rows.3.consoles_disponibles', code: 'census.total_differs_from_register' }),
    ]);
    expect(await reportsCount()).toBe(before);
  });

  it('stores only the valid rows when asked, each as a report from a file, audited', async () => {
    const [good, other] = missing as [string, string];
    const csv = [HEADER, await row(good), await row(other, { available: '99' })].join('\n');
    const res = await send(csv, { mode: 'valid_rows', fileName: 'semaine.csv' });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ rows: 2, valid: 1, invalid: 1, stored: 1 });
    expect(res.body.report[0]).toMatchObject({ status: 'stored', version: 1, finess: good });
    const history = (await regional.ok('listCensusReports', { query: { finess: good } })).items;
    expect(history[0]).toMatchObject({ week, source: 'file', submittedBy: DEMO.regional });
    const [audit] = await auditEntries(t.db, 'census.import', 'semaine.csv');
    expect(audit?.after?.stored).toBe(1);
  });

  it('reads the XLSX template it hands out, and refuses formulas in XLSX cells', async () => {
    const template = await regional.call('getCensusTemplate', { query: { format: 'xlsx' } });
    expect(template.headers['content-disposition']).toContain(`recensement-ecmo-${week}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.raw.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Recensement');
    expect(sheet?.getRow(1).getCell(1).value).toBe('semaine');
    expect(workbook.getWorksheet('Notice')).toBeDefined();
    // The template is prefilled: rows already reported this week need a correction reason.
    sheet?.eachRow((r, n) => {
      if (n > 1) r.getCell(16).value = 'correction par fichier';
    });
    if (!sheet) throw new Error('no Recensement sheet');
    sheet.getRow(2).getCell(10).value = { formula: '1+1', result: 2 } as never;
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await send(buffer, { mode: 'validate' }, XLSX);
    expectStatus(res, 200);
    const body = res.body;
    expect(body.format).toBe('xlsx');
    expect(body.rows).toBe(8);
    expect(body.report[0]?.errors).toEqual([expect.objectContaining({ field: 'circuits', code: 'import.formula' })]);
    expect(body.valid).toBe(7);
  });

  it('reads a file whose lines end both the Windows and the Unix way', async () => {
    const [good, other] = missing as [string, string];
    const csv = `${HEADER}\r\n${await row(good)}\r\n${await row(other)}\n${await row('750100125')}\n`;
    const res = await send(csv, { mode: 'validate' });
    expect(res.body).toMatchObject({ rows: 3 });
  });

  it('answers 400 to an unreadable file or missing columns, and 413 to a huge one', async () => {
    const before = await reportsCount();
    const broken = await send(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2000, 7)]), {}, XLSX);
    expect(broken.status).toBe(400);
    expect(broken.problem?.errors?.[0]?.code).toBe('unreadable_file');
    const columns = await send('semaine;finess\n2026-W47;690784186\n');
    expect(columns.problem?.errors?.map((e) => e.field)).toContain('file.consoles_disponibles');
    const huge = await send(Buffer.alloc(6 * 1_048_576, 65));
    expect(huge.status).toBe(413);
    expect(await reportsCount()).toBe(before);
  });
});

/** The headers as a French user types them: capitals, accents and spaces. */
const TYPED_HEADER =
  'Semaine;FINESS;Établissement;Consoles disponibles;Consoles en service;Consoles maintenance;Consoles prêtées;Consoles hors service;Consoles en transit;Circuits;Canules;Patients VV;Patients VA;Équipes;Commentaire';

describe('census files as offices write them', () => {
  it('stores a file saved by French Excel (Windows-1252, ;, CRLF, accented headers) with every accent kept', async () => {
    const [, , third] = missing as [string, string, string];
    const comment = 'Révision prévue — pénurie d’oxygénateurs, 2 € œuvre';
    const text = `${TYPED_HEADER}\r\n${await row(third, { comment })}\r\n`;
    const res = await send(windows1252(text), { mode: 'all' });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ rows: 1, valid: 1, stored: 1 });
    const stored = (await regional.ok('listCensusReports', { query: { finess: third } })).items.find(
      (r) => r.week === week && r.current,
    );
    expect(stored?.comment).toBe(comment);
    expect(await reportsWithReplacementCharacter(t.db)).toHaveLength(0);
  });

  it('reads UTF-8 with and without BOM and UTF-16 with a BOM alike, headers matched whatever their case and accents', async () => {
    // An establishment no other test reports for: its row needs no correction reason.
    const good = missing[missing.length - 1] as string;
    expect(missing.length).toBeGreaterThanOrEqual(4);
    const text = `${TYPED_HEADER}\r\n${await row(good, { comment: 'équipe réduite' })}\r\n`;
    for (const bytes of [utf8(text, true), utf8(text, false), utf16(text, 'le', true), utf16(text, 'be', true)]) {
      const res = await send(bytes, { mode: 'validate' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ rows: 1, valid: 1, invalid: 0 });
    }
  });

  it('refuses UTF-16 without a BOM as an encoding problem naming the encodings it reads, storing nothing', async () => {
    const [good] = missing as [string];
    const before = await reportsCount();
    const bytes = utf16(`${HEADER}\r\n${await row(good)}\r\n`, 'le', false);
    const res = await send(bytes, { mode: 'all' }, CSV, 'en');
    expect(res.status).toBe(400);
    const [error] = res.problem?.errors ?? [];
    expect(error).toMatchObject({ field: 'file', code: 'unsupported_encoding' });
    expect(error?.message).toMatch(/UTF-16/);
    expect(error?.message).toMatch(/UTF-8/);
    expect(error?.message).toMatch(/Windows-1252/);
    expect(await reportsCount()).toBe(before);
  });

  it('refuses a 100,000-row CSV with the row limit in the message instead of cutting it', async () => {
    const [good] = missing as [string];
    const line = await row(good);
    const before = await reportsCount();
    const csv = `${HEADER}\n${`${line}\n`.repeat(100_000)}`;
    const res = await send(csv, { mode: 'validate' });
    expect(res.status).toBe(400);
    expect(res.problem?.errors?.[0]).toMatchObject({ field: 'file', code: 'too_many_rows' });
    expect(res.problem?.errors?.[0]?.message).toMatch(/2[\s\u202f ]?000/);
    expect(await reportsCount()).toBe(before);
  });

  it('refuses cells that a spreadsheet would run (=, +, -, @, tab, carriage return) unless they are plain numbers', async () => {
    const [good] = missing as [string];
    const formulas = ['-2+3', '-1+HYPERLINK("http://evil","x")', '@SUM(A1:A9)', '+1+1', '\tcmd', '\rcmd'];
    const lines = [HEADER];
    for (const f of formulas) lines.push(await row(good, { comment: `"${f.replace(/"/g, '""')}"` }));
    lines.push(await row(good, { circuits: '-2' }), await row(good, { circuits: '-3.5' }));
    const res = await send(lines.join('\r\n'), { mode: 'validate' });
    expectStatus(res, 200);
    const codes = res.body.report.map((r) => r.errors.map((e) => `${e.field}:${e.code}`));
    expect(codes.slice(0, formulas.length)).toEqual(formulas.map(() => ['commentaire:import.formula']));
    // Negative numbers stay numbers: refused as counts, not as formulas.
    expect(codes.slice(formulas.length)).toEqual([['circuits:import.not_integer'], ['circuits:import.not_integer']]);
  });

  it('neutralizes an establishment named like a formula in the regional board’s CSV', async () => {
    const [, second] = missing as [string, string];
    const hostile = "-2+3+cmd|' /C calc'!A0";
    // No operation renames an establishment (names come from the FINESS reference files), so the test
    // writes the hostile name where the reference data would have put it.
    await t.db.query('UPDATE establishments SET name = $1 WHERE finess = $2', [hostile, second]);
    // No board was read in this suite yet: the export is built from the new name.
    const res = await regional.call('exportRegionalBoard', { params: { region: '84' }, query: { format: 'csv' } });
    expectStatus(res, 200);
    const line = res.body.split('\r\n').find((l) => l.includes('cmd|'));
    expect(line).toBeDefined();
    expect(line).toContain(`'${hostile}`);
    expect(line).not.toMatch(/(^|[;,])"?-2\+3/);
  });

  it('says the upload limit in the 413 answer, in the reader’s language', async () => {
    const fr = await send(Buffer.alloc(6 * 1_048_576, 65));
    expect(fr.status).toBe(413);
    expect(fr.problem?.detail).toMatch(/5 Mo/);
    const en = await send(Buffer.alloc(6 * 1_048_576, 65), {}, CSV, 'en');
    expect(en.problem?.detail).toMatch(/5 MB/);
    const json = await t
      .anonymous()
      .request('POST', '/api/auth/login', JSON.stringify({ email: 'x'.repeat(1_100_000), password: 'x' }), {
        'content-type': 'application/json',
        'accept-language': 'en',
      });
    expect(json.statusCode).toBe(413);
    expect(json.json().detail).toMatch(/1 MB/);
  });
});
