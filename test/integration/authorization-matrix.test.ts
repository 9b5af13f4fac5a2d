/**
 * Every route × every role × a target inside / outside the role's scope, with the status expected.
 * The expectations are written out by hand: they are the specification the policy must meet.
 * Targets: "ara" lies in Auvergne-Rhône-Alpes (the demo's Lyon hospital, region 84),
 * "idf" in Île-de-France (region 11).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ops } from '../../src/contracts/operations.ts';
import { completeFiness } from '../../src/domain/identifiers.ts';
import { type Agent, createTestApp, DEMO, type TestApp } from '../support/test-app.ts';

type Who = 'anonymous' | keyof typeof DEMO;
type Target = 'ara' | 'idf';
const WHO: Who[] = [
  'anonymous',
  'admin',
  'national',
  'regional',
  'regionalIdf',
  'clinician',
  'perfusionist',
  'trainer',
  'instructor',
];

let counter = 0;
const uniqueFiness = (dep: string) => completeFiness(`${dep}0${String(90000 + counter++).padStart(5, '0')}`);

interface Row {
  request: (target: Target) => { method: string; url: string; body?: unknown };
  /** Expected status for [inside, outside] per role; `all` applies to roles not listed. */
  expect: Partial<Record<Who | 'all', [number, number]>>;
  /** Each cell signs in anew (for operations that end the session). */
  fresh?: boolean;
}

const ARA_HOSPITAL = '690784186'; // Hôpital Louis Pradel, Bron
const IDF_HOSPITAL = '750100042'; // an AP-HP site (Paris), from the FINESS reference
const both = (s: number): [number, number] => [s, s];

const MATRIX: Record<keyof typeof ops, Row> = {
  health: { request: () => ({ method: 'GET', url: '/api/health' }), expect: { all: both(200) } },
  ready: { request: () => ({ method: 'GET', url: '/api/ready' }), expect: { all: both(200) } },
  login: {
    request: () => ({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: DEMO.clinician, password: 'relais-demo' },
    }),
    expect: { all: both(200) },
  },
  getCurrentUser: {
    request: () => ({ method: 'GET', url: '/api/auth/me' }),
    expect: { anonymous: both(401), all: both(200) },
  },
  listRegions: {
    request: () => ({ method: 'GET', url: '/api/regions' }),
    expect: { anonymous: both(401), all: both(200) },
  },
  listEstablishments: {
    request: (t) => ({ method: 'GET', url: `/api/establishments?region=${t === 'ara' ? '84' : '11'}` }),
    expect: { anonymous: both(401), all: both(200) },
  },
  getEstablishment: {
    request: (t) => ({ method: 'GET', url: `/api/establishments/${t === 'ara' ? ARA_HOSPITAL : IDF_HOSPITAL}` }),
    expect: { anonymous: both(401), all: both(200) },
  },
  createEstablishment: {
    request: (t) => ({
      method: 'POST',
      url: '/api/establishments',
      body: { finess: uniqueFiness(t === 'ara' ? '69' : '75'), name: 'Matrix test site', categoryCode: '355' },
    }),
    expect: {
      anonymous: both(401),
      admin: both(201),
      regional: [201, 403],
      regionalIdf: [403, 201],
      all: both(403),
    },
  },
  listUsers: {
    request: (t) => ({ method: 'GET', url: `/api/users?region=${t === 'ara' ? '84' : '11'}` }),
    expect: { anonymous: both(401), admin: both(200), regional: [200, 403], regionalIdf: [403, 200], all: both(403) },
  },
  createUser: {
    request: (t) => ({
      method: 'POST',
      url: '/api/users',
      body: {
        email: `matrix-${counter++}@example.fr`,
        displayName: 'Matrix User',
        password: 'long-enough-secret',
        grants: [
          { role: 'clinician', scopeKind: 'establishment', scopeCode: t === 'ara' ? ARA_HOSPITAL : IDF_HOSPITAL },
        ],
      },
    }),
    expect: { anonymous: both(401), admin: both(201), all: both(403) },
  },
  logout: {
    request: () => ({ method: 'POST', url: '/api/auth/logout' }),
    expect: { anonymous: both(401), all: both(200) },
    fresh: true,
  },
};

let t: TestApp;
const agents = new Map<Who, Agent>();

beforeAll(async () => {
  t = await createTestApp();
  agents.set('anonymous', t.anonymous());
  for (const who of WHO) if (who !== 'anonymous') agents.set(who, await t.login(DEMO[who]));
});
afterAll(() => t?.close());

describe('authorization matrix', () => {
  it('covers every operation of the API', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(ops).sort());
  });

  it('uses a real Île-de-France hospital as the outside target', async () => {
    const res = await agents.get('admin')?.request('GET', `/api/establishments/${IDF_HOSPITAL}`);
    expect(res?.json().regionCode).toBe('11');
  });

  for (const [name, row] of Object.entries(MATRIX)) {
    it(`${name}: every role gets the expected status inside and outside its scope`, async () => {
      const got: string[] = [];
      const want: string[] = [];
      for (const who of WHO) {
        const expected = row.expect[who] ?? row.expect.all;
        if (!expected) throw new Error(`no expectation for ${name} × ${who}`);
        for (const [i, target] of (['ara', 'idf'] as const).entries()) {
          const { method, url, body } = row.request(target);
          const agent = row.fresh && who !== 'anonymous' ? await t.login(DEMO[who]) : agents.get(who);
          const res = await agent?.request(method, url, body);
          got.push(`${who}/${target}: ${res?.statusCode}`);
          want.push(`${who}/${target}: ${expected[i]}`);
        }
      }
      expect(got).toEqual(want);
    });
  }
});
