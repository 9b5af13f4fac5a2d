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

  const integration = { include: ['test/integration/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 };
  return {
    test: {
      reporters: ['default', './test/support/engine-summary-reporter.ts'],
      env: { NODE_ENV: 'test' },
      projects: [
        { test: { name: 'unit', include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'] } },
        { test: { name: 'pglite', ...integration, env: { NODE_ENV: 'test', RELAIS_TEST_ENGINE: 'pglite' } } },
        ...(postgresUrl
          ? [
              {
                test: {
                  name: 'postgres',
                  ...integration,
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
