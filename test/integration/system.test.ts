import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ops } from '../../src/contracts/operations.ts';
import { startRelais } from '../../src/server/start.ts';
import {
  ACCOUNT_TABLES,
  createTestApp,
  DEMO,
  engine,
  freshDatabase,
  rowCounts,
  type TestApp,
  testConfig,
} from '../support/test-app.ts';

describe('the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('is served as OpenAPI 3.1 with one stable camelCase operationId per operation', async () => {
    const doc = (await t.anonymous().request('GET', '/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const ids: string[] = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
      (p) => Object.values(p).map((o) => o.operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z]+$/);
    expect(ids).toEqual(
      expect.arrayContaining([
        'login',
        'logout',
        'getCurrentUser',
        'listRegions',
        'listEstablishments',
        'getEstablishment',
        'createEstablishment',
        'listUsers',
        'createUser',
      ]),
    );
    expect(ids).toHaveLength(Object.keys(ops).length);
    const create = doc.paths['/api/establishments'].post;
    expect(create.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(create.responses['400'].$ref).toBe('#/components/responses/BadRequest');
    expect(doc.components.responses.BadRequest.content['application/problem+json'].schema.$ref).toBe(
      '#/components/schemas/Problem',
    );
    expect(doc.paths['/api/establishments/{finess}'].get.parameters[0]).toMatchObject({
      name: 'finess',
      in: 'path',
      required: true,
    });
  });

  it('lists the regions with their départements: 18 regions, 101 départements', async () => {
    const agent = await t.login(DEMO.clinician);
    const { items } = (await agent.request('GET', '/api/regions')).json();
    expect(items).toHaveLength(18);
    expect(items.flatMap((r: { departements: unknown[] }) => r.departements)).toHaveLength(101);
    const ara = items.find((r: { code: string }) => r.code === '84');
    expect(ara).toMatchObject({
      name: 'Auvergne-Rhône-Alpes',
      departements: expect.arrayContaining([{ code: '69', name: 'Rhône' }]),
    });
  });

  it('answers unknown API routes with a problem document', async () => {
    const res = await t.anonymous().request('GET', '/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});

describe('health, readiness and failures', () => {
  it('reports alive and ready, then not ready and a generic 500 once the database is gone, leaking nothing', async () => {
    const t = await createTestApp();
    const agent = await t.login(DEMO.regional);
    expect((await agent.request('GET', '/api/health')).json()).toEqual({ status: 'ok' });
    expect((await agent.request('GET', '/api/ready')).json()).toEqual({ status: 'ready', engine });
    await t.db.close();
    expect((await agent.request('GET', '/api/health')).statusCode).toBe(200);
    const ready = await agent.request('GET', '/api/ready');
    expect(ready.statusCode).toBe(503);
    const res = await agent.request('GET', '/api/regions');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({
      code: 'internal',
      detail: 'Une erreur inattendue est survenue ; elle a été journalisée.',
    });
    expect(res.body).not.toMatch(/SELECT|pglite|pg-protocol|at .*\.ts|closed|Error:/i);
    await t.close().catch(() => {});
  });
});

describe('serving the web app', () => {
  let dir: string;
  let t: TestApp;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'relais-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="fr"><title>Relais</title><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    t = await createTestApp({ config: { webDir: dir } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the shell for client-side routes, assets as files, under a strict content security policy', async () => {
    const page = await t.anonymous().request('GET', '/etablissements/690784186');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    const asset = await t.anonymous().request('GET', '/assets/app.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
  });
});

describe('start-up seeding', () => {
  it('loads demo data on an empty embedded database, and never unasked on a PostgreSQL server', async () => {
    const fresh = await freshDatabase();
    const first = await startRelais(testConfig({ demo: false }), fresh.db);
    const counts = await rowCounts(fresh.db, ACCOUNT_TABLES);
    const { regions } = await rowCounts(fresh.db, ['regions']);
    if (engine === 'pglite') {
      expect(first.seeded).toBe(true);
      expect(counts.users).toBe(8);
      expect(regions).toBe(18);
    } else {
      expect(first.seeded).toBe(false);
      expect(counts).toMatchObject({ users: 0, establishments: 0 });
      expect(regions).toBe(0);
    }
    await first.app.close();
    // Asked explicitly (--demo), it loads — and a second start neither migrates nor seeds twice.
    const second = await startRelais(testConfig({ demo: true }), fresh.db);
    await second.app.close();
    const third = await startRelais(testConfig({ demo: true }), fresh.db);
    await third.app.close();
    expect((await rowCounts(fresh.db, ACCOUNT_TABLES)).users).toBe(8);
    expect((await rowCounts(fresh.db, ACCOUNT_TABLES)).establishments).toBe(2563);
    await fresh.drop();
  });
});

/** A port nothing listens on now (the system picks it), rather than a random guess that may be taken. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('npm start', () => {
  let child: ChildProcess | undefined;
  let cleanup: () => Promise<void> = async () => {};
  afterAll(async () => {
    child?.kill('SIGKILL');
    await cleanup();
  });

  it('serves on PORT, prints the URL and the demo sign-in, and stops cleanly on Ctrl-C', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production' };
    if (engine === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'relais-start-'));
      env.RELAIS_DATA_DIR = dir;
      env.DATABASE_URL = '';
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const fresh = await freshDatabase();
      await fresh.db.close();
      env.DATABASE_URL = fresh.url;
      cleanup = fresh.drop;
    }
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr?.on('data', (d) => {
      out += d;
    });
    const deadline = performance.now() + 45_000;
    while (!out.includes('Ctrl-C to stop') && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain(`http://localhost:${port}`);
    if (engine === 'pglite') expect(out).toContain('admin@demo.relais.fr / relais-demo');
    else expect(out).not.toContain('relais-demo');
    const health = await fetch(`http://127.0.0.1:${port}/api/ready`);
    expect(await health.json()).toEqual({ status: 'ready', engine });
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('Stopped cleanly');
  }, 60_000);
});
