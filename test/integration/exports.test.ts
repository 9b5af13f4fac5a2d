/**
 * Exports read right in the reader's spreadsheet and language (decimal comma, Paris time, words not
 * codes, nothing a spreadsheet would run), and the PDF reports of the boards and of regulation.
 */

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestInRegulation } from '../../src/server/seed/api-factories.ts';
import { type Agent, createTestApp, DEMO, expectStatus, type TestApp } from '../support/test-app.ts';

const LYON = '690784186';
const PAYLOAD = `-2+3+cmd|' /C calc'!A0`;
/** A demo ECMO centre of Auvergne-Rhône-Alpes other than the demo hospital, renamed to a payload. */
const RENAMED = '420785354';

let t: TestApp;
let national: Agent;
let regional: Agent;
let clinician: Agent;

beforeAll(async () => {
  t = await createTestApp();
  // Before any board is built, so that the boards carry the name. No operation renames an establishment
  // (names come from the FINESS reference files), so the test writes it where the reference data would.
  const renamed = await t.db.query('UPDATE establishments SET name = $1 WHERE finess = $2 RETURNING finess', [
    PAYLOAD,
    RENAMED,
  ]);
  expect(renamed).toHaveLength(1);
  national = await t.login(DEMO.national);
  regional = await t.login(DEMO.regional);
  clinician = await t.login(DEMO.clinician);
});
afterAll(() => t?.close());

/** Paris wall time to the minute, computed here independently of the app (`sv-SE` writes ISO-like text). */
const paris = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));

function readCsv(body: string, delimiter: string): Record<string, string>[] {
  expect(body.startsWith('\uFEFF')).toBe(true);
  return parse(body.slice(1), { delimiter, columns: true, skip_empty_lines: true });
}

async function readXlsx(payload: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  return workbook;
}

async function readPdf(payload: Buffer): Promise<{ pages: string[]; paths: number[]; fills: number[] }> {
  const doc = await getDocument({ data: new Uint8Array(payload), isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  const paths: number[] = [];
  const fills: number[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    const ops = await page.getOperatorList();
    paths.push(ops.fnArray.filter((f) => f === OPS.constructPath).length);
    fills.push(ops.fnArray.filter((f) => f === OPS.setFillRGBColor).length);
  }
  await doc.destroy();
  return { pages, paths, fills };
}

type Format = 'csv' | 'xlsx' | 'pdf';
type Lang = { lang?: 'fr' | 'en'; headers?: Record<string, string> };
const nationalBoard = () => national.ok('getNationalBoard', { query: {} });
const nationalFile = (format: Format, { lang, headers }: Lang = {}) =>
  national.call('exportNationalBoard', { query: { format, lang } }, { headers });
const regionalFile = (format: Format, { lang }: Lang = {}) =>
  regional.call('exportRegionalBoard', { params: { region: '84' }, query: { format, lang } });

describe('board exports in the reader’s spreadsheet', () => {
  it('writes the French national CSV with decimal commas, Paris times and French tension words', async () => {
    const board = await nationalBoard();
    const res = await nationalFile('csv', { lang: 'fr' });
    expectStatus(res, 200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const rows = readCsv(res.body, ';');
    expect(rows).toHaveLength(18);
    const header = Object.keys(rows[0] ?? {});
    expect(header).toContain('Disponibles pour 100 lits de réanimation');
    expect(header).toContain('Mise à jour des consoles (heure de Paris)');
    const decimals = board.regions.filter(
      (r) => r.availablePer100IcuBeds !== null && !Number.isInteger(r.availablePer100IcuBeds),
    );
    expect(decimals.length).toBeGreaterThan(0);
    for (const region of board.regions) {
      const row = rows.find((r) => r['Code région'] === region.code);
      expect(row?.Région).toBe(region.name);
      const per100 = row?.['Disponibles pour 100 lits de réanimation'];
      expect(per100).toBe(
        region.availablePer100IcuBeds === null ? '' : String(region.availablePer100IcuBeds).replace('.', ','),
      );
      expect(per100).not.toMatch(/\./);
      expect(['Disponible', 'Tendu', 'Épuisé', 'Inconnu']).toContain(row?.Tension);
      if (region.lastUpdated.consoles)
        expect(row?.['Mise à jour des consoles (heure de Paris)']).toBe(paris(region.lastUpdated.consoles));
    }
    expect(res.body).not.toMatch(/;(available|strained|exhausted|unknown);/);
    expect(res.body).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  });

  it('writes the English national CSV with decimal points, English headers and words', async () => {
    const board = await nationalBoard();
    const res = await nationalFile('csv', { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expectStatus(res, 200);
    const rows = readCsv(res.body, ',');
    expect(rows).toHaveLength(18);
    for (const region of board.regions) {
      const row = rows.find((r) => r['Region code'] === region.code);
      expect(row?.['Available per 100 ICU beds']).toBe(
        region.availablePer100IcuBeds === null ? '' : String(region.availablePer100IcuBeds),
      );
      expect(['Available', 'Strained', 'Exhausted', 'Unknown']).toContain(row?.Tension);
      if (region.lastUpdated.consoles)
        expect(row?.['Consoles updated (Paris time)']).toBe(paris(region.lastUpdated.consoles));
    }
  });

  it('writes the regional CSV with French census words and neutralizes an establishment named like a formula', async () => {
    const board = await regional.ok('getRegionalBoard', { params: { region: '84' }, query: {} });
    expect(board.establishments.map((e) => e.name)).toContain(PAYLOAD);
    const res = await regionalFile('csv');
    expectStatus(res, 200);
    const rows = readCsv(res.body, ';');
    const renamed = rows.find((r) => r.FINESS === RENAMED);
    expect(renamed?.Établissement).toBe(`'${PAYLOAD}`);
    for (const row of rows) {
      expect(['À l’heure', 'En retard', 'Manquant', 'En attente']).toContain(row.Recensement);
      expect(['oui', 'non']).toContain(row['Centre ECMO']);
    }
    const english = readCsv(String((await regionalFile('csv', { lang: 'en' })).body), ',');
    for (const row of english) expect(['On time', 'Late', 'Missing', 'Pending']).toContain(row.Census);
  });

  it('writes XLSX with numbers as numbers, date cells for times and the formula-like name neutralized', async () => {
    const res = await regionalFile('xlsx');
    expect(res.status).toBe(200);
    const sheet = (await readXlsx(res.raw.rawPayload)).worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => headers.indexOf(name) + 1;
    expect(col('Établissement')).toBeGreaterThan(0);
    let found = false;
    let dates = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      if (row.getCell(col('FINESS')).value === RENAMED) {
        found = true;
        expect(row.getCell(col('Établissement')).value).toBe(`'${PAYLOAD}`);
      }
      expect(typeof row.getCell(col('Consoles disponibles')).value).toBe('number');
      const at = row.getCell(col('Mise à jour des consoles (heure de Paris)'));
      if (at.value !== null) {
        expect(at.type).toBe(ExcelJS.ValueType.Date);
        expect(at.numFmt).toMatch(/hh:mm/);
        dates++;
      }
    });
    expect(found).toBe(true);
    expect(dates).toBeGreaterThan(0);
  });

  it('writes the national board as a PDF with the map of the regions and the trend chart', async () => {
    const res = await nationalFile('pdf');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/attachment; filename="tableau-national-.*\.pdf"/);
    const pdf = await readPdf(res.raw.rawPayload);
    const all = pdf.pages.join('\n');
    expect(all).toContain('Tableau national');
    const board = await nationalBoard();
    for (const region of board.regions) expect(all).toContain(region.name);
    // The map's legend and the chart's legend.
    for (const word of ['Disponible', 'Tendu', 'Épuisé', 'Consoles disponibles', 'Patients VV', 'Patients VA'])
      expect(all).toContain(word);
    expect(all).toMatch(/Page 1 \/ \d/);
    // The first page draws the 18 regions (and the chart) as filled vector paths.
    expect(pdf.paths[0]).toBeGreaterThan(30);
  });

  it('writes a regional board as a PDF in English on request, with the map and the chart', async () => {
    const res = await regionalFile('pdf', { lang: 'en' });
    expect(res.status).toBe(200);
    const pdf = await readPdf(res.raw.rawPayload);
    const all = pdf.pages.join('\n');
    expect(all).toContain('Regional board');
    expect(all).toContain('Auvergne-Rhône-Alpes');
    expect(all).toContain('Consoles available');
    // A PDF runs nothing: the name is shown as it is.
    expect(all).toContain(PAYLOAD);
    expect(pdf.paths[0]).toBeGreaterThan(10);
  });

  it('refuses an unknown export format, naming the field', async () => {
    // Hostile input: a format the contract's type refuses.
    const res = await national.request('GET', '/api/boards/national/export?format=docx');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('query.format');
  });
});

describe('the regulation report exports', () => {
  let period = { region: '84', from: '', to: '' };
  let caseCode = '';
  const reportFile = (agent: Agent, format: Format, lang?: 'en') =>
    agent.call('exportRegulationReport', { query: { ...period, format, lang } });
  const reason = '=1+1 — défaillance multiviscérale, œdème : pas d’indication (coût 1 500 €)';

  beforeAll(async () => {
    caseCode = 'LYON-2026-7701';
    const filed = await requestInRegulation(clinician, regional, {
      caseCode,
      finess: LYON,
      urgency: 'immediate',
      clinical: { pao2Fio2: 62, lactate: 2.4 },
    });
    const declined = await regional.call('declineEcmoRequest', {
      params: { id: filed.id },
      body: { version: 2, motivation: reason },
    });
    expect(declined.status).toBe(200);
    const day = (shift: number) =>
      new Date(new Date(filed.filedAt).getTime() + shift * 86_400_000).toISOString().slice(0, 10);
    period = { region: '84', from: day(-1), to: day(1) };
  });

  it('exports the same figures as the report as French CSV', async () => {
    const report = await regional.ok('getRegulationReport', { query: period });
    const res = await reportFile(regional, 'csv');
    expectStatus(res, 200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(String(res.headers['content-disposition'])).toMatch(/rapport-regulation-84-.*\.csv/);
    const rows = readCsv(res.body, ';');
    const value = (label: string) => rows.find((r) => r.Indicateur === label)?.Valeur;
    expect(value('Demandes')).toBe(String(report.requests));
    expect(value('Escalades')).toBe(String(report.escalations));
    expect(value('Refusée')).toBe(String(report.byState.declined));
    const declined = rows.find((r) => r.Indicateur === caseCode);
    expect(declined?.Rubrique).toBe('Demandes refusées et pourquoi');
    expect(declined?.Motif).toBe(`'${reason}`);
    expect(declined?.['Date (heure de Paris)']).toBe(
      paris(String(report.declined.find((d) => d.caseCode === caseCode)?.at)),
    );
  });

  it('exports the report as XLSX with a sheet of figures and a sheet of declined requests', async () => {
    const res = await reportFile(regional, 'xlsx', 'en');
    expect(res.status).toBe(200);
    const workbook = await readXlsx(res.raw.rawPayload);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Figures', 'Declined']);
    const figures = workbook.worksheets[0];
    const requests = figures?.getRows(2, figures.rowCount - 1)?.find((r) => r.getCell(2).value === 'Requests');
    expect(typeof requests?.getCell(3).value).toBe('number');
    const declined = workbook.worksheets[1]?.getRow(2);
    expect(declined?.getCell(1).value).toBe(caseCode);
    expect(declined?.getCell(2).value).toBe(`'${reason}`);
    expect(declined?.getCell(3).type).toBe(ExcelJS.ValueType.Date);
  });

  it('exports the report as a PDF in French with its figures, states and declined requests', async () => {
    const res = await reportFile(regional, 'pdf');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = await readPdf(res.raw.rawPayload);
    expect(pdf.pages.length).toBeGreaterThanOrEqual(1);
    const all = pdf.pages.join('\n');
    for (const text of ['Rapport de régulation', 'Auvergne-Rhône-Alpes', 'Délai médian de décision', 'Par état'])
      expect(all).toContain(text);
    expect(all).toContain(caseCode);
    // The French characters of the reason come through: œ, €, ’ and accents.
    expect(all).toContain('œdème');
    expect(all).toContain('€');
    expect(all).toContain('pas d’indication');
  });

  it('refuses another region’s regulator and a reversed period, naming the field', async () => {
    const idf = await t.login(DEMO.regionalIdf);
    expect((await reportFile(idf, 'pdf')).status).toBe(403);
    const reversed = await regional.call('exportRegulationReport', {
      query: { region: '84', from: '2026-12-31', to: '2026-01-01', format: 'csv' },
    });
    expect(reversed.status).toBe(400);
    expect(reversed.problem?.errors?.[0]?.field).toBe('query.to');
  });
});
