/**
 * Inputs at the edges of what HTTP and PostgreSQL accept: NUL bytes, `Origin: null`, oversized headers,
 * concurrent first receipts of a lot. None of them may give a 500; every refusal is problem+json.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockInput } from '../../src/server/seed/api-factories.ts';
import { lotsNumbered } from '../support/reads.ts';
import { type Agent, createTestApp, DEMO, rowCounts, snapshot, type TestApp } from '../support/test-app.ts';

const LYON = '690784186';
let t: TestApp;
let perfusionist: Agent;
let admin: Agent;
let clinician: Agent;

beforeAll(async () => {
  t = await createTestApp();
  perfusionist = await t.login(DEMO.perfusionist);
  admin = await t.login(DEMO.admin);
  clinician = await t.login(DEMO.clinician);
});
afterAll(() => t?.close());

/** What the operations fuzzed here write: a refusal leaves it as it was. */
const everything = () =>
  snapshot(t.db, [
    'stock_lots',
    'stock_movements',
    'consoles',
    'ecmo_requests',
    'teams',
    'establishments',
    'audit_log',
  ]);

function expectProblem(res: { statusCode: number; headers: Record<string, unknown> }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
}

describe('a NUL byte in a text', () => {
  const lot = (extra: Record<string, unknown> = {}) => ({
    site: { finess: LYON },
    itemKind: 'circuit',
    product: 'HLS Set Advanced 7.0',
    lotNumber: 'NUL-01',
    expiryDate: '2031-12-31',
    delta: 2,
    reason: 'delivery',
    ...extra,
  });

  it('refuses a NUL byte in a stock adjustment’s reason, naming the field, and changes nothing', async () => {
    const before = await everything();
    const res = await perfusionist.request('POST', '/api/stock/adjustments', lot({ reason: 'deli\u0000very' }));
    expectProblem(res, 400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.reason', code: 'nul_character' })]);
    expect(await everything()).toEqual(before);
  });

  it('refuses a NUL byte in a request’s contact, in a team name and in a console model, naming each field', async () => {
    const before = await everything();
    const request = await clinician.request('POST', '/api/requests', {
      caseCode: 'LYON-2026-NUL1',
      finess: LYON,
      ageBand: '40-59',
      indication: 'VV',
      urgency: 'immediate',
      clinical: { pao2Fio2: 62, lactate: 2.4 },
      siteCanHost: true,
      contact: { name: 'Dr Claude\u0000', phone: '04 72 11 89 00' },
    });
    expectProblem(request, 400);
    expect(request.json().errors).toEqual([
      expect.objectContaining({ field: 'body.contact.name', code: 'nul_character' }),
    ]);
    const team = await perfusionist.request('POST', '/api/teams', { name: 'ECMO\u0000', kind: 'ecmo', base: LYON });
    expectProblem(team, 400);
    expect(team.json().errors).toEqual([expect.objectContaining({ field: 'body.name', code: 'nul_character' })]);
    const device = await perfusionist.request('POST', '/api/devices', {
      manufacturer: 'Getinge',
      model: 'Cardio\u0000help',
      serialNumber: 'CH-NUL-0001',
      ownerFiness: LYON,
      site: { finess: LYON },
    });
    expectProblem(device, 400);
    expect(device.json().errors).toEqual([expect.objectContaining({ field: 'body.model', code: 'nul_character' })]);
    expect(await everything()).toEqual(before);
  });

  it('refuses a NUL byte in a query string, a path parameter and an object key, in the reader’s language', async () => {
    const search = await admin.request('GET', '/api/establishments?q=Lyon%00', undefined, { 'accept-language': 'en' });
    expectProblem(search, 400);
    expect(search.json().errors).toEqual([
      { field: 'query.q', code: 'nul_character', message: expect.stringMatching(/NUL/) },
    ]);
    const param = await admin.request('GET', `/api/establishments/69078418%00`);
    expectProblem(param, 400);
    expect(param.json().errors[0]).toMatchObject({ field: 'params.finess', code: 'nul_character' });
    expect(param.json().errors[0].message).toMatch(/caractère/);
    const before = await everything();
    const key = await perfusionist.request('POST', '/api/stock/adjustments', { ...lot(), 'x\u0000': 1 });
    expectProblem(key, 400);
    expect(key.json().errors[0]).toMatchObject({ code: 'nul_character' });
    expect(await everything()).toEqual(before);
  });
});

describe('sign-in from a page without an origin', () => {
  it('answers 403 problem+json to `Origin: null` (sandboxed pages), opening no session', async () => {
    const before = await rowCounts(t.db, ['sessions']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'null', host: 'localhost:3000' },
      payload: { email: DEMO.admin, password: 'relais-demo' },
    });
    expectProblem(res, 403);
    expect(res.json().code).toBe('csrf_failed');
    expect(res.cookies.find((c) => c.name === 'relais_session')).toBeUndefined();
    const after = await rowCounts(t.db, ['sessions']);
    expect(after.sessions).toBe(before.sessions);
  });
});

describe('concurrent first receipts of a new lot', () => {
  it('adds 50 concurrent first adjustments up into one lot, without a 500', async () => {
    const body = stockInput({
      site: { finess: LYON },
      itemKind: 'circuit',
      product: 'HLS Set Advanced 7.0',
      lotNumber: 'RACE-50',
      expiryDate: '2031-12-31',
      delta: 1,
      reason: 'delivery',
    });
    const answers = await Promise.all(Array.from({ length: 50 }, () => perfusionist.call('adjustStock', { body })));
    expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    expect(await lotsNumbered(t.db, 'RACE-50')).toEqual([{ quantity: 50, moves: 50 }]);
    expect(answers.map((a) => (a.status === 200 ? a.body.quantity : 0)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  });
});

describe('oversized request headers', () => {
  it('answers 431 problem+json over a real socket', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let out = '';
      socket.on('data', (d) => {
        out += d;
      });
      socket.on('close', () => resolve(out));
      socket.on('error', (e) => (out ? resolve(out) : reject(e)));
      socket.write(`GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`);
    });
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/content-type: application\/problem\+json/i);
    expect(head).toMatch(/x-content-type-options: nosniff/i);
    expect(JSON.parse(body)).toMatchObject({ status: 431, code: 'headers_too_large' });
  });
});

describe('caching of signed-in answers', () => {
  it('marks signed-in API answers no-store, the CSRF-bearing current user and the prebuilt boards included', async () => {
    for (const url of ['/api/auth/me', '/api/devices', '/api/boards/national', '/api/boards/regions/84']) {
      const res = await admin.request('GET', url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const failed = await admin.request('GET', '/api/devices/not-a-uuid');
    expect(failed.headers['cache-control']).toBe('no-store');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: DEMO.clinician, password: 'relais-demo' },
    });
    expect(login.headers['cache-control']).toBe('no-store');
  });
});
