/**
 * Test projects: `unit` (pure code), `pglite` and `postgres` (the same integration suites on each
 * engine), `e2e` (a real Chromium). PostgreSQL and Chromium are required under CI=true; elsewhere a
 * missing one is skipped with a message, and the summary says how many tests ran on each engine.
 */
import { existsSync } from 'node:fs';
import { Socket } from 'node:net';
import { defineConfig } from 'vitest/config';

const CHROMIUM = '/usr/bin/chromium';
const ci = process.env.CI === 'true';

const suite = (name: string) => `test/integration/${name}.test.ts`;

/**
 * Date-pinned runs (part of `npm test`, so CI runs them): the date-sensitive suites, on PGlite, with
 * the app's clock standing at instants where calendars turn (RELAIS_TEST_NOW, read by test/support/now.ts).
 * Each instant runs the suites its turn concerns (a census week, a Paris day or shift boundary, a year,
 * a change of time), every suite meeting at least two instants, so that the whole adds about 3 minutes
 * on 2 cores. `src/domain/time.test.ts` checks the calendar at each instant.
 */
export const PINNED: { name: string; at: string; suites: string[] }[] = [
  // A week's first morning, on the boundary of the day and night shifts.
  { name: 'Monday 08:00', at: '2026-11-23T07:00:00Z', suites: ['teams', 'roster-regulation', 'regulation'] },
  // Just past the census due time (Wednesday 12:00 Paris): reports not in are missing.
  { name: 'Wednesday 12:01', at: '2026-11-25T11:01:00Z', suites: ['census', 'boards'] },
  { name: 'Sunday 23:59', at: '2026-11-29T22:59:00Z', suites: ['teams', 'professionals', 'auth'] },
  // ISO week 53 of 2026, then the first week of 2027.
  { name: '2026-12-28 (W53)', at: '2026-12-28T08:00:00Z', suites: ['census', 'upkeep'] },
  { name: '2027-01-04 (W01)', at: '2027-01-04T08:00:00Z', suites: ['boards', 'regulation-decisions'] },
  // Daylight saving: 03:30 just after the spring change (02:00 → 03:00), 02:30 after the autumn one (03:00 → 02:00).
  { name: '2026-03-29 03:30', at: '2026-03-29T01:30:00Z', suites: ['upkeep', 'auth'] },
  {
    name: '2026-10-25 02:30',
    at: '2026-10-25T01:30:00Z',
    suites: ['teams', 'roster-regulation', 'regulation', 'regulation-decisions'],
  },
];

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

export default defineConfig(async () => {
  const postgresUrl =
    process.env.TEST_DATABASE_URL ||
    ((await answers('127.0.0.1', 5432)) ? 'postgres://postgres@127.0.0.1:5432/postgres' : undefined);
  const hasChromium = existsSync(CHROMIUM);
  const missing: string[] = [];
  if (!postgresUrl)
    missing.push(
      'PostgreSQL (no TEST_DATABASE_URL and nothing on 127.0.0.1:5432): integration tests run on PGlite only',
    );
  if (!hasChromium)
    missing.push(`Chromium (${CHROMIUM} absent; apt-get install -y chromium): end-to-end tests skipped`);
  if (missing.length && ci) throw new Error(`CI=true requires: ${missing.join('; ')}`);
  for (const m of missing) console.warn(`\n[relais tests] SKIPPED: ${m}\n`);

  // Each integration project seeds a database once per seed and copies it for every suite (test/support/seeded-copies.ts).
  const integration = {
    include: ['test/integration/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['./test/support/global-setup.ts'],
  };
  return {
    test: {
      reporters: ['default', './test/support/engine-summary-reporter.ts'],
      env: { NODE_ENV: 'test' },
      projects: [
        { test: { name: 'unit', include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'] } },
        { test: { name: 'pglite', ...integration, env: { NODE_ENV: 'test', RELAIS_TEST_ENGINE: 'pglite' } } },
        ...PINNED.map((p) => ({
          test: {
            ...integration,
            name: `pinned ${p.name}`,
            include: ['src/domain/time.test.ts', ...p.suites.map(suite)],
            env: { NODE_ENV: 'test', RELAIS_TEST_ENGINE: 'pglite', RELAIS_TEST_NOW: p.at },
          },
        })),
        ...(postgresUrl
          ? [
              {
                test: {
                  name: 'postgres',
                  ...integration,
                  // `npm start`'s own log runs the embedded engine whatever the project: the pglite run has it.
                  exclude: ['**/node_modules/**', 'test/integration/start-log.test.ts'],
                  env: { NODE_ENV: 'test', RELAIS_TEST_ENGINE: 'postgres', TEST_DATABASE_URL: postgresUrl },
                },
              },
            ]
          : []),
        ...(hasChromium
          ? [{ test: { name: 'e2e', include: ['e2e/**/*.e2e.test.ts'], testTimeout: 90_000, hookTimeout: 90_000 } }]
          : []),
      ],
    },
  };
});
