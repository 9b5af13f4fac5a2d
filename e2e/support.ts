/**
 * The harness of every browser journey: the real server in-process (embedded database with demo
 * data) and Debian's Chromium driven by playwright-core. Assumes `npm run build` produced dist/web.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type ConsoleMessage, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { loadConfig } from '../src/server/config.ts';
import { type Started, startRelais } from '../src/server/start.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const SHOTS = join(process.cwd(), 'test-results');
export const PASSWORD = 'relais-demo';
/**
 * The server's clock starts at this instant (RELAIS_NOW), so that journeys never depend on the day
 * they run: a Thursday morning in Paris, past the Wednesday census due time. RELAIS_E2E_NOW moves it.
 */
export const E2E_NOW = process.env.RELAIS_E2E_NOW || '2026-11-19T09:00:00Z';

/** Under CI a missing Chromium fails the run; elsewhere the journey is skipped with a message. */
export function requireChromium(journey: string): void {
  if (hasChromium) return;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: the e2e suite cannot run in CI without it`);
  console.warn(`[e2e] ${CHROMIUM} not found: skipping ${journey} (install Debian's chromium to run it).`);
}

/** Console errors, except the HTTP statuses a journey provokes on purpose (path exact or as a pattern). */
export function watchConsole(page: Page, expected: { status: number; path: string | RegExp }[]): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    const url = message.location().url ?? '';
    const status = /status of (\d{3})/.exec(text)?.[1];
    const matches = (path: string | RegExp, pathname: string) =>
      typeof path === 'string' ? path === pathname : path.test(pathname);
    if (status && expected.some((e) => String(e.status) === status && matches(e.path, new URL(url).pathname))) return;
    errors.push(`${text} (${url})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

export interface Journey {
  /** http://127.0.0.1:<port> */
  base: string;
  /** The server's "now" (its clock started at E2E_NOW): journeys derive weeks and statuses from it. */
  now(): Date;
  /** A fresh browser context (its own cookies), French, 1440×900. */
  newPage(): Promise<Page>;
  /** Fills and sends the sign-in form of the page. */
  signIn(page: Page, email: string): Promise<void>;
  /** Opens `path` signed out, signs in on the sign-in page it leads to, and waits to be back on `path`. */
  signInAt(page: Page, path: string, email: string): Promise<void>;
  /** A GET of the API with the page's session; expects 200. */
  api<T>(page: Page, path: string): Promise<T>;
  /**
   * Changes the live data behind the pages' back (e.g. a region running out of consoles), then tells
   * every instance, as a change made through the API would.
   */
  changeFleet(sql: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
}

export async function startJourney(): Promise<Journey> {
  if (!existsSync(join(process.cwd(), 'dist/web/index.html'))) {
    throw new Error('dist/web is missing: run `npm run build` before the e2e suite');
  }
  mkdirSync(SHOTS, { recursive: true });
  const config = loadConfig(
    { ...process.env, RELAIS_DATA_DIR: 'memory://', LOG_LEVEL: 'silent', NODE_ENV: 'test', RELAIS_NOW: E2E_NOW },
    [],
  );
  const relais: Started = await startRelais(config);
  const address = await relais.app.listen({ port: 0, host: '127.0.0.1' });
  const base = address.replace('0.0.0.0', '127.0.0.1');
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const contexts: BrowserContext[] = [];
  const signIn = async (page: Page, email: string) => {
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  };
  return {
    base,
    now: () => config.clock.now(),
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
      contexts.push(context);
      return context.newPage();
    },
    signIn,
    async signInAt(page, path, email) {
      await page.goto(`${base}${path}`);
      await page.waitForURL('**/connexion');
      await signIn(page, email);
      await page.waitForURL(`**${path}`);
    },
    async api<T>(page: Page, path: string): Promise<T> {
      const response = await page.request.get(`${base}${path}`);
      expect(response.status(), path).toBe(200);
      return (await response.json()) as T;
    },
    async changeFleet(sql, params = []) {
      await relais.db.query(sql, params);
      await relais.events.publish('fleet.changed', { e2e: true });
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await relais.close();
    },
  };
}

/**
 * A describe block of browser journeys: skipped without Chromium (failing under CI, see
 * requireChromium, which `journey` names); the server and the browser start before its tests and
 * stop after them, and `body` reaches them through the harness it is given.
 */
export function describeJourney(title: string, journey: string, body: (harness: Journey) => void): void {
  requireChromium(journey);
  describe.skipIf(!hasChromium)(title, () => {
    let started: Journey | undefined;
    beforeAll(async () => {
      started = await startJourney();
    }, 90_000);
    afterAll(() => started?.close());
    const get = (): Journey => {
      if (!started) throw new Error('the journey has not started');
      return started;
    };
    body({
      get base() {
        return get().base;
      },
      now: () => get().now(),
      newPage: () => get().newPage(),
      signIn: (page, email) => get().signIn(page, email),
      signInAt: (page, path, email) => get().signInAt(page, path, email),
      api: <T>(page: Page, path: string) => get().api<T>(page, path),
      changeFleet: (sql, params) => get().changeFleet(sql, params),
      close: () => get().close(),
    });
  });
}
