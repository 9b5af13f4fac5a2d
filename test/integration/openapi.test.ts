import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { validate } from '@readme/openapi-parser';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusesOf } from '../../src/contracts/operation.ts';
import { ops } from '../../src/contracts/operations.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** A small program a client team would write: sign in, read, a write with the CSRF token, sign out. */
const CLIENT = `
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './api.js';

type Problem = components['schemas']['Problem'];

let cookie = '';
let csrf = '';
const session: Middleware = {
  onRequest({ request }) {
    if (cookie) request.headers.set('cookie', cookie);
    if (csrf && request.method !== 'GET') request.headers.set('x-csrf-token', csrf);
    return request;
  },
  onResponse({ response }) {
    const set = response.headers.getSetCookie().find((c) => c.startsWith('relais_session='));
    if (set) cookie = set.split(';')[0] ?? '';
    return response;
  },
};
const api = createClient<paths>({ baseUrl: process.env.RELAIS_URL });
api.use(session);

const login = await api.POST('/api/auth/login', {
  body: { email: 'regional-regulator@demo.relais.fr', password: 'relais-demo' },
});
if (!login.data) throw new Error('sign-in refused: ' + login.error.code);
csrf = login.data.csrfToken;
const me: components['schemas']['CurrentUser'] = login.data;

const regions = await api.GET('/api/regions');
const hospital = await api.GET('/api/establishments/{finess}', { params: { path: { finess: '690784186' } } });
const refused = await api.GET('/api/establishments/{finess}', { params: { path: { finess: '12' } } });
const problem: Problem | undefined = refused.error;
const requests = await api.GET('/api/requests', { params: { query: { limit: 5 } } });
const first: components['schemas']['EcmoRequestSummary'] | undefined = requests.data?.items[0];
const logout = await api.POST('/api/auth/logout');
const after = await api.GET('/api/auth/me');

console.log(
  JSON.stringify({
    roles: me.grants.map((g) => g.role),
    regions: regions.data?.items.length,
    hospital: hospital.data?.name,
    refused: [refused.response.status, problem?.code, problem?.errors?.[0]?.field],
    requests: [requests.response.status, typeof requests.data?.total, typeof (first?.caseCode ?? '')],
    logout: logout.data?.ok,
    after: [after.response.status, after.error?.code],
  }),
);
`;

describe('the OpenAPI document served at /api/openapi.json', () => {
  let t: TestApp;
  // biome-ignore lint/suspicious/noExplicitAny: the document as a client reads it (JSON)
  let doc: any;
  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.anonymous().request('GET', '/api/openapi.json')).json();
  });
  afterAll(() => t?.close());

  it('passes an independent validator (@readme/openapi-parser), every reference pointing at a component', async () => {
    const result = await validate(structuredClone(doc));
    expect(result.valid ? [] : result.errors).toEqual([]);
    const text = JSON.stringify(doc);
    expect(text).not.toContain('$defs');
    const refs = [...text.matchAll(/"\$ref":"([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(100);
    for (const ref of new Set(refs)) {
      const [, kind, name] = /^#\/components\/(schemas|responses)\/(\w+)$/.exec(ref) ?? [];
      expect(kind && name && doc.components[kind][name], ref).toBeTruthy();
    }
  });

  it('describes each main object once, as a named component schema that operations reference', () => {
    const { schemas } = doc.components;
    for (const name of ['Problem', 'CurrentUser', 'Establishment', 'User', 'Device', 'StockLot', 'CensusReport']) {
      expect(schemas[name], name).toBeDefined();
    }
    for (const name of ['NationalBoard', 'EcmoRequest', 'RankedOption', 'Loan', 'Professional', 'Team', 'Shift']) {
      expect(schemas[name], name).toBeDefined();
    }
    const json = (path: string, method: string, status = '200') =>
      doc.paths[path][method].responses[status].content['application/json'].schema;
    expect(json('/api/requests/{id}', 'get')).toEqual({ $ref: '#/components/schemas/EcmoRequest' });
    expect(json('/api/requests', 'post', '201')).toEqual({ $ref: '#/components/schemas/EcmoRequest' });
    expect(json('/api/requests', 'get').properties.items.items).toEqual({
      $ref: '#/components/schemas/EcmoRequestSummary',
    });
    // No inline copy: the request's own fields are written once in the whole document.
    const text = JSON.stringify(doc);
    expect(text.split(JSON.stringify(schemas.EcmoRequest.properties)).length - 1).toBe(1);
  });

  it('declares every status each operation can answer, errors as one Problem in application/problem+json', () => {
    const operations = Object.values(ops);
    for (const op of operations) {
      const declared = doc.paths[op.path.replace(/:(\w+)/g, '{$1}')][op.method.toLowerCase()].responses;
      expect(Object.keys(declared).map(Number), op.operationId).toEqual(statusesOf(op));
      for (const [status, response] of Object.entries<{ $ref?: string }>(declared)) {
        if (Number(status) < 400) continue;
        const component = doc.components.responses[response.$ref?.split('/').pop() ?? ''];
        expect(component.content['application/problem+json'].schema, `${op.operationId} ${status}`).toEqual({
          $ref: '#/components/schemas/Problem',
        });
      }
    }
    const options = doc.paths['/api/requests/{id}/options'].get.responses;
    expect(Object.keys(options)).toEqual(expect.arrayContaining(['304', '404', '409']));
    expect(Object.keys(doc.paths['/api/auth/login'].post.responses)).toEqual(expect.arrayContaining(['401', '429']));
    expect(Object.keys(doc.paths['/api/ready'].get.responses)).toEqual(['200', '500', '503']);
  });

  it('generates an openapi-typescript client that type-checks a program using openapi-fetch, which then works', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-client-'));
    try {
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
      // As a .ts file, so that the generated types are checked too (libraries' declarations are skipped).
      writeFileSync(join(dir, 'api.ts'), astToString(await openapiTS(structuredClone(doc))));
      writeFileSync(join(dir, 'client.ts'), CLIENT);
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: 'ES2022',
            module: 'nodenext',
            moduleResolution: 'nodenext',
            lib: ['ES2022'],
            types: ['node'],
            skipLibCheck: true,
            noUncheckedIndexedAccess: true,
          },
          files: ['client.ts'],
        }),
      );
      const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], {
        encoding: 'utf8',
      });
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.status).toBe(0);

      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const address = t.app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      // Asynchronously: the server answers from this process.
      const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'client.ts'], {
        cwd: dir,
        env: { ...process.env, RELAIS_URL: `http://127.0.0.1:${port}` },
        timeout: 20_000,
      });
      expect(JSON.parse(run.stdout)).toEqual({
        roles: ['regional_regulator'],
        regions: 18,
        hospital: expect.stringMatching(/LOUIS PRADEL/i),
        refused: [400, 'validation_failed', 'params.finess'],
        requests: [200, 'number', 'string'],
        logout: true,
        after: [401, 'unauthenticated'],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 45_000);
});
