/**
 * Property-based fuzzing of every write operation of the API: params, query and body generated from the
 * operation's zod schemas (through their JSON Schema), often made hostile, sent as an administrator, as
 * hospital and regional roles, without CSRF token or without a session. Whatever the input, the answer
 * is never a 5xx, and every 4xx is a problem+json document. Runs on each engine.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZProblem } from '../../src/contracts/common.ts';
import type { OperationDef } from '../../src/contracts/operation.ts';
import { ops } from '../../src/contracts/operations.ts';
import {
  arbitraryOf,
  type Dictionary,
  encodeSegment,
  hostile,
  hostileSegment,
  type JsonSchema,
  jsonSchemaOf,
} from '../support/fuzz-arbitraries.ts';
import { consoleOwners, sampleOf } from '../support/reads.ts';
import { type Agent, createTestApp, DEMO, engine, type TestApp } from '../support/test-app.ts';

/** Cases per operation; FUZZ_RUNS raises it for a longer hunt (FUZZ_SEED replays a failure). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

const writes = (Object.values(ops) as OperationDef[]).filter((op) => op.method !== 'GET');

let t: TestApp;
let agents: { name: string; agent: Agent; weight: number }[];
let dict: Dictionary;
let cases = 0;
const statuses = new Map<number, number>();

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.login(DEMO.admin);
  const perfusionist = await t.login(DEMO.perfusionist);
  const clinician = await t.login(DEMO.clinician);
  const regional = await t.login(DEMO.regional);
  const noCsrf: Agent = {
    ...admin,
    csrfToken: null,
    request: (m, u, b, h = {}) => admin.request(m, u, b, { ...h, 'x-csrf-token': 'wrong' }),
  };
  agents = [
    { name: 'admin', agent: admin, weight: 4 },
    { name: 'perfusionist', agent: perfusionist, weight: 3 },
    { name: 'clinician', agent: clinician, weight: 2 },
    { name: 'regional', agent: regional, weight: 2 },
    { name: 'no-csrf', agent: noCsrf, weight: 1 },
    { name: 'anonymous', agent: t.anonymous(), weight: 1 },
  ];
  const finess = await consoleOwners(t.db, 8);
  dict = {
    strings: [
      '690784186',
      ...finess,
      ...(await sampleOf(t.db, 'depots', 'id', 100)),
      ...(await sampleOf(t.db, 'consoles', 'id', 6)),
      ...(await sampleOf(t.db, 'ecmo_requests', 'id', 4)),
      ...(await sampleOf(t.db, 'loans', 'id', 4)),
      ...(await sampleOf(t.db, 'teams', 'id', 4)),
      ...(await sampleOf(t.db, 'professionals', 'id', 6)),
      ...(await sampleOf(t.db, 'notifications', 'id', 4)),
      ...(await sampleOf(t.db, 'census_campaigns', 'week', 3, 'desc')),
      ...Object.values(DEMO),
      '84',
      '69',
      'lend:690784186',
      'national_stock:SNS-LYON',
    ],
  };
}, 120_000);

afterAll(async () => {
  const spread = [...statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
  console.log(`[fuzz] ${engine}: ${cases} cases over ${writes.length} write operations, no 5xx (${spread})`);
  await t?.close();
});

interface Case {
  agent: number;
  path: string;
  query: string;
  body: unknown;
  raw?: { payload: Buffer | string; contentType: string };
}

function pathArbitrary(op: OperationDef): fc.Arbitrary<string> {
  const names = [...op.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
  if (!names.length) return fc.constant(op.path);
  const props = op.params ? (jsonSchemaOf(op.params).properties ?? {}) : {};
  return fc
    .tuple(...names.map((n) => hostileSegment(arbitraryOf(props[n] ?? { type: 'string' }, dict))))
    .map((values) => names.reduce((path, n, i) => path.replace(`:${n}`, values[i] ?? ''), op.path));
}

function queryArbitrary(op: OperationDef): fc.Arbitrary<string> {
  if (!op.query) return fc.constant('');
  const schema = jsonSchemaOf(op.query);
  return hostile(arbitraryOf(schema, dict)).map((q) => {
    if (!q || typeof q !== 'object' || Array.isArray(q)) return `?q=${encodeSegment(JSON.stringify(q) ?? '')}`;
    const parts = Object.entries(q).flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).map(
        (x) => `${encodeSegment(k)}=${encodeSegment(typeof x === 'string' ? x : (JSON.stringify(x) ?? ''))}`,
      ),
    );
    return parts.length ? `?${parts.join('&')}` : '';
  });
}

const csvCell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('690784186', '2026-W10', '=1+1', '"', '\u0000'));
const uploadArbitrary = (op: OperationDef) =>
  fc
    .oneof(
      fc
        .array(fc.array(csvCell, { minLength: 1, maxLength: 8 }), { maxLength: 12 })
        .map((rows) => Buffer.from(rows.map((r) => r.join(';')).join('\n'))),
      fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
      fc.constant(Buffer.from('PK\u0003\u0004not really a workbook')),
    )
    .chain((payload) =>
      fc
        .constantFrom(...(op.upload ?? []), 'application/octet-stream', 'text/plain', 'application/json')
        .map((contentType) => ({ payload, contentType })),
    );

function caseArbitrary(op: OperationDef): fc.Arbitrary<Case> {
  const weights = agents.map((a, i) => ({ weight: a.weight, arbitrary: fc.constant(i) }));
  const body = op.body ? hostile(arbitraryOf(jsonSchemaOf(op.body) as JsonSchema, dict)) : fc.constant(undefined);
  const raw = op.upload ? uploadArbitrary(op) : fc.constant(undefined);
  return fc.record({
    agent: fc.oneof(...weights),
    path: pathArbitrary(op),
    query: queryArbitrary(op),
    body,
    raw,
  });
}

async function send(op: OperationDef, c: Case, agent: Agent) {
  const url = `${c.path}${c.query}`;
  if (c.raw) return agent.request(op.method, url, c.raw.payload, { 'content-type': c.raw.contentType });
  return agent.request(op.method, url, c.body);
}

const shown = (v: unknown) => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 600 ? `${text.slice(0, 600)}… (${text.length} chars)` : text;
};

async function check(op: OperationDef, c: Case, agent: Agent): Promise<void> {
  const res = await send(op, c, agent);
  cases++;
  statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
  const what = `${op.operationId} as ${agents[c.agent]?.name}: ${op.method} ${shown(c.path + c.query)} ${shown(c.raw ? c.raw.contentType : c.body)} → ${res.statusCode} ${shown(res.body)}`;
  expect(res.statusCode, what).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(String(res.headers['content-type']), what).toMatch(/^application\/problem\+json/);
    const problem = ZProblem.safeParse(res.json());
    expect(problem.success, what).toBe(true);
    expect(problem.data?.status, what).toBe(res.statusCode);
  }
}

describe(`every write operation, fuzzed (${engine})`, () => {
  // Sign-in last: its failures throttle the address the other agents share.
  const ordered = [
    ...writes.filter((op) => op.operationId !== 'login'),
    ...writes.filter((op) => op.operationId === 'login'),
  ];
  for (const op of ordered) {
    it(`${op.operationId} (${op.method} ${op.path}) never answers 5xx, and every 4xx is problem+json`, async () => {
      await fc.assert(
        fc.asyncProperty(caseArbitrary(op), async (c) => {
          // Signing out ends the session the other cases share: each such case signs in afresh.
          const agent =
            op.operationId === 'logout' && c.agent < 4
              ? await t.login(DEMO.trainer)
              : (agents[c.agent]?.agent as Agent);
          await check(op, c, agent);
        }),
        {
          numRuns: op.operationId === 'logout' ? Math.min(RUNS, 6) : RUNS,
          endOnFailure: true,
          ...(SEED === undefined ? {} : { seed: SEED }),
        },
      );
    }, 60_000);
  }
});
