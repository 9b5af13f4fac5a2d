import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/client.ts';
import { setDeviceStatus } from '../../src/server/seed/api-factories.ts';
import { startRelais } from '../../src/server/start.ts';
import {
  type Agent,
  createTestApp,
  DEMO,
  engine,
  expectStatus,
  type TestApp,
  testConfig,
} from '../support/test-app.ts';

let t: TestApp;
let national: Agent;
let regional: Agent;

beforeAll(async () => {
  t = await createTestApp();
  national = await t.login(DEMO.national);
  regional = await t.login(DEMO.regional);
});
afterAll(() => t?.close());

describe('the national board', () => {
  it('covers the 18 regions, with totals that add up, freshness, completeness, national stock and trends', async () => {
    const res = await national.call('getNationalBoard', { query: { weeks: 8 } });
    expectStatus(res, 200);
    const board = res.body;
    expect(board.regions).toHaveLength(18);
    expect(board.demoNotice).toBe(true);
    const sum = (f: (r: (typeof board.regions)[number]) => number) => board.regions.reduce((a, r) => a + f(r), 0);
    expect(board.totals.consoles.total).toBe(sum((r) => r.consoles.total));
    expect(board.totals.consoles.available).toBe(sum((r) => r.consoles.available));
    expect(board.totals.completeness.expected).toBe(61);
    expect(board.totals.icuBeds).toBe(5058);
    expect(board.nationalStock.depots.map((d) => d.id).sort()).toEqual(['SNS-IDF', 'SNS-LYON', 'SNS-MARSEILLE']);
    expect(board.nationalStock.consoles.total).toBe(18);
    expect(board.trend).toHaveLength(8);
    expect(board.trend.at(-1)?.week).toBe(board.week);
    const ara = board.regions.find((r) => r.code === '84');
    expect(ara?.lastUpdated.consoles).not.toBeNull();
    expect(['available', 'strained', 'exhausted', 'unknown']).toContain(ara?.tension);
  });

  it('answers 304 when the client already holds the current version', async () => {
    const first = await national.call('getNationalBoard', { query: {} });
    const etag = String(first.headers.etag);
    const again = await national.call('getNationalBoard', { query: {} }, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('refuses a week that does not exist', async () => {
    const res = await national.call('getNationalBoard', { query: { week: '2026-W60' } });
    expect(res.status).toBe(400);
    expect(res.problem?.errors?.[0]?.field).toBe('query.week');
  });

  it('exports to CSV for French spreadsheets, to XLSX and to PDF, one row per region', async () => {
    const file = (format: 'csv' | 'xlsx' | 'pdf') => national.call('exportNationalBoard', { query: { format } });
    const csv = await file('csv');
    expectStatus(csv, 200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Code région;Région;Tension;Consoles disponibles/);
    expect(lines).toHaveLength(19);
    const xlsx = await file('xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.rowCount).toBe(19);
    const pdf = await file('pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.raw.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

const regionalBoard = () => regional.ok('getRegionalBoard', { params: { region: '84' }, query: {} });
/** An available console of Auvergne-Rhône-Alpes. */
async function availableIn84(): Promise<string> {
  const [device] = (await regional.ok('listDevices', { query: { region: '84', status: 'available', limit: 1 } })).items;
  if (!device) throw new Error('no console available in the region');
  return device.id;
}

describe('the regional board', () => {
  it('lists the region’s establishments with consoles, consumables, census status and staleness', async () => {
    const board = await regionalBoard();
    expect(board.region).toMatchObject({ code: '84', name: 'Auvergne-Rhône-Alpes' });
    expect(
      board.establishments.every((e) =>
        ['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74'].includes(e.departementCode),
      ),
    ).toBe(true);
    const lyon = board.establishments.find((e) => e.finess === '690784186');
    // The demo leaves the Lyon hospital without this week's report: its figures are last week's.
    expect(lyon).toMatchObject({ ecmoCentre: true, stale: true });
    expect(['missing', 'pending']).toContain(lyon?.census.status);
    expect(board.depots.map((d) => d.id)).toEqual(['SNS-LYON']);
    const consoles = board.establishments.reduce((a, e) => a + e.consoles.total, 0);
    expect(board.region.consoles.total).toBe(consoles);
  });

  it('reflects a console status change at once', async () => {
    const before = (await regionalBoard()).region.consoles;
    await setDeviceStatus(regional, await availableIn84(), 'out_of_service', 'oxygenator leak');
    const after = (await regionalBoard()).region.consoles;
    expect(after.available).toBe(before.available - 1);
    expect(after.outOfService).toBe(before.outOfService + 1);
  });
});

// Only PostgreSQL serves several instances (PGlite is one process's): the suite exists on that engine alone.
if (engine === 'postgres')
  describe('several app instances on one PostgreSQL database', () => {
    it('invalidates the other instance’s board cache when one instance changes the fleet', async () => {
      if (!t.url) throw new Error('no database url');
      const db2 = await openDatabase({ url: t.url });
      const second = await startRelais(testConfig({ demo: false, clock: t.clock }), db2);
      try {
        const login = await second.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: DEMO.regional, password: 'relais-demo' },
        });
        const cookie = `relais_session=${login.cookies.find((c) => c.name === 'relais_session')?.value}`;
        const read = async () =>
          (await second.app.inject({ method: 'GET', url: '/api/boards/regions/84', headers: { cookie } })).json().region
            .consoles;
        const before = await read();
        await setDeviceStatus(regional, await availableIn84(), 'maintenance', 'calibration');
        let after = await read();
        for (let i = 0; i < 50 && after.available === before.available; i++) {
          await new Promise((r) => setTimeout(r, 20));
          after = await read();
        }
        expect(after.available).toBe(before.available - 1);
        expect(after.maintenance).toBe(before.maintenance + 1);
      } finally {
        await second.app.close();
        await second.events.close();
        await db2.close();
      }
    });
  });
