/**
 * Boots the real app for integration tests on the engine of the current project: a fresh in-memory
 * PGlite, or a fresh database on the PostgreSQL server (created here, dropped on close).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { type ManualClock, manualClock } from '../../src/server/clock.ts';
import { type AppConfig, loadConfig } from '../../src/server/config.ts';
import { type Database, type Engine, openDatabase } from '../../src/server/db/client.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.ts';
import { startRelais } from '../../src/server/start.ts';
import { type OperationAgent, operationAgent } from './agent.ts';
import { TEST_NOW } from './now.ts';
import { createSeededPostgres, type Seed, seededPglite, urlOf } from './seeded-copies.ts';

export const engine: Engine = process.env.RELAIS_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

export interface FreshDatabase {
  db: Database;
  /** postgres://… of the fresh database (PostgreSQL only). */
  url?: string;
  drop(): Promise<void>;
}

/** A new empty database on the current engine. */
export async function freshDatabase(): Promise<FreshDatabase> {
  if (engine === 'pglite') {
    const db = await openDatabase({ dataDir: 'memory://' });
    return { db, drop: () => db.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set for the postgres project');
  const name = `relais_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = urlOf(serverUrl, name);
  const db = await openDatabase({ url });
  return { db, url, drop: () => dropPostgres(db, serverUrl, name) };
}

/** A new database on the current engine, migrated and seeded as start-up would, from the run's copy. */
export async function seededDatabase(seed: Seed): Promise<FreshDatabase> {
  if (engine === 'pglite') {
    const db = await seededPglite(seed);
    return { db, drop: () => db.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set for the postgres project');
  const name = `relais_test_${randomBytes(6).toString('hex')}`;
  await createSeededPostgres(serverUrl, name, seed);
  const url = urlOf(serverUrl, name);
  const db = await openDatabase({ url });
  return { db, url, drop: () => dropPostgres(db, serverUrl, name) };
}

async function dropPostgres(db: Database, serverUrl: string, name: string): Promise<void> {
  await db.close().catch(() => {});
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
}

export { TEST_NOW };

/** A clock standing still at TEST_NOW (or `start`) until the test sets or advances it. */
export const testClock = (start: Date | string = TEST_NOW): ManualClock => manualClock(start);

/**
 * Runs a step with the clock standing at another moment, then puts it back: how a test arranges what
 * only the past allows (a lot received before it expired) through the operations that allow it then.
 */
export async function at<T>(clock: ManualClock, when: Date | string, step: () => Promise<T>): Promise<T> {
  const now = clock.now();
  clock.set(when);
  try {
    return await step();
  } finally {
    clock.set(now);
  }
}

/** The test configuration, with its own clock standing at TEST_NOW unless one is given. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RELAIS_DATA_DIR: 'memory://' }, []),
    clock: testClock(),
    ...overrides,
  };
}

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  /** The app's clock: tests read "now" from it and move it instead of waiting. */
  clock: ManualClock;
  config: AppConfig;
  url?: string;
  close(): Promise<void>;
  /** Signs in and returns an agent that carries the cookie and the CSRF token. */
  login(email: string, password?: string): Promise<Agent>;
  anonymous(): Agent;
}

/** A signed-in (or anonymous) client: typed calls by operation id (`agent.ts`), or raw requests for hostile input. */
export interface Agent extends OperationAgent {
  csrfToken: string | null;
  /** The session cookie header, for requests made outside inject (streams). */
  cookie: string | null;
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

export async function createTestApp(
  options: { demo?: boolean; config?: Partial<AppConfig>; clock?: ManualClock } = {},
): Promise<TestApp> {
  const clock = options.clock ?? testClock();
  const config = testConfig({ demo: options.demo ?? true, ...options.config, clock });
  const fresh = await seededDatabase({ demo: config.demo, census: config.census, now: clock.now() });
  // Migrated and seeded already (from the run's copy): start-up finds nothing to do.
  const started = await startRelais({ ...config, demo: false }, fresh.db);
  const { app } = started;
  const makeAgent = (cookie: string | null, csrfToken: string | null): Agent => {
    const request: Agent['request'] = (method, url, body, headers = {}) => {
      const isWrite = method !== 'GET' && method !== 'HEAD';
      return app.inject({
        method: method as never,
        url,
        ...(body === undefined ? {} : { payload: body as never }),
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(isWrite && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
          ...headers,
        },
      });
    };
    return { csrfToken, cookie, request, ...operationAgent(request) };
  };
  return {
    app,
    db: fresh.db,
    clock,
    config,
    url: fresh.url,
    async close() {
      await started.close();
      await fresh.drop();
    },
    anonymous: () => makeAgent(null, null),
    async login(email, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'relais_session');
      return makeAgent(`relais_session=${cookie?.value}`, res.json().csrfToken);
    },
  };
}

export { expectStatus } from './agent.ts';
export { ACCOUNT_TABLES, rowCounts, snapshot } from './snapshot.ts';

export const DEMO = {
  admin: 'admin@demo.relais.fr',
  national: 'national-regulator@demo.relais.fr',
  regional: 'regional-regulator@demo.relais.fr',
  regionalIdf: 'regional-regulator-idf@demo.relais.fr',
  clinician: 'clinician@demo.relais.fr',
  perfusionist: 'perfusionist@demo.relais.fr',
  trainer: 'trainer@demo.relais.fr',
  instructor: 'protocol-instructor@demo.relais.fr',
} as const;
