/**
 * Sign-in throttling that no stranger can turn against the regulators: device cookies (OWASP "Slow Down
 * Online Guessing Attacks with Device Cookies"), growing delays for unknown devices, per-address limits
 * that count each account only so far, and client addresses taken only from trusted proxies.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/server/clock.ts';
import { loadConfig } from '../../src/server/config.ts';
import { auditEntries, loginFailuresSince } from '../support/reads.ts';
import { createTestApp, DEMO, type TestApp } from '../support/test-app.ts';

const RIGHT = 'relais-demo';
const HOUR = 3_600_000;

/** The cookies a response sets, except the session, as a Cookie header (what a browser sends back to sign-in). */
function deviceCookies(res: LightMyRequestResponse): string {
  return res.cookies
    .filter((c) => c.name !== 'relais_session' && c.value)
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
}

describe('sign-in throttling with device cookies', () => {
  const clock = manualClock('2026-03-02T08:00:00Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t?.close());
  // Each test starts after the windows of the previous ones have passed.
  beforeEach(() => clock.advance(24 * HOUR));

  const login = (email: string, password: string, from: string, cookie = '') =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      remoteAddress: from,
      headers: cookie ? { cookie } : {},
    });

  it("lets the real user sign in from their device after an attacker's 100 failures from another address", async () => {
    const first = await login(DEMO.regional, RIGHT, '192.0.2.10');
    expect(first.statusCode).toBe(200);
    const device = deviceCookies(first);
    expect(device).not.toBe('');
    expect(first.cookies.find((c) => c.name === 'relais_device')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/auth/login',
      // A lifetime, not a date: a browser keeps it whatever the server's clock says (RELAIS_NOW in a demo).
      maxAge: 180 * 24 * 3600,
    });
    for (let i = 0; i < 100; i++) {
      const res = await login(DEMO.regional, `guess-${i}`, '198.51.100.66');
      expect([401, 429]).toContain(res.statusCode);
    }
    const mine = await login(DEMO.regional, RIGHT, '192.0.2.10', device);
    expect(mine.statusCode).toBe(200);
  });

  it('throttles the same account from an unknown device, with Retry-After, and lets it through after the wait', async () => {
    for (let i = 0; i < 100; i++) await login(DEMO.national, `guess-${i}`, '198.51.100.67');
    const unknown = await login(DEMO.national, RIGHT, '192.0.2.11');
    expect(unknown.statusCode).toBe(429);
    expect(unknown.json().code).toBe('rate_limited');
    const wait = Number(unknown.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    clock.advance(wait * 1000);
    expect((await login(DEMO.national, RIGHT, '192.0.2.11')).statusCode).toBe(200);
  });

  it('keeps brute force from unknown devices to 11 guesses per account in any hour', async () => {
    // The attacker retries the moment Retry-After allows, from a new address each time.
    const guesses: number[] = [];
    const start = clock.now().getTime();
    let n = 0;
    while (clock.now().getTime() - start < 4 * HOUR) {
      n++;
      const res = await login(DEMO.trainer, `guess-${n}`, `203.0.113.${n % 250}`);
      if (res.statusCode === 401) {
        guesses.push(clock.now().getTime());
        clock.advance(1000);
      } else {
        expect(res.statusCode).toBe(429);
        clock.advance(Math.max(1, Number(res.headers['retry-after'])) * 1000);
      }
    }
    const worstHour = Math.max(...guesses.map((g) => guesses.filter((h) => h >= g && h < g + HOUR).length));
    expect(worstHour).toBeLessThanOrEqual(11);
    expect(guesses.length).toBeLessThanOrEqual(4 * 11);
    // The policy still lets the attacker try now and then: it slows down, it does not lock.
    expect(guesses.length).toBeGreaterThan(11);
  });

  it('counts guesses sent all at once: of 20 concurrent tries on an account, five are checked, the others wait', async () => {
    const codes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(DEMO.regional, `burst-${i}`, `198.51.100.${i}`)),
    );
    expect(codes.filter((r) => r.statusCode === 401)).toHaveLength(5);
    expect(codes.filter((r) => r.statusCode === 429)).toHaveLength(15);
  });

  it('signs in every one of twelve concurrent tries with the right password, and records no failure', async () => {
    const codes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(DEMO.regional, RIGHT, `198.51.100.${100 + i}`)),
    );
    expect(codes.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
    expect(await loginFailuresSince(t.db, DEMO.regional, clock.now())).toBe(0);
  });

  it('locks out a device cookie that fails five times on its own: the account and its other devices still sign in', async () => {
    const a = deviceCookies(await login(DEMO.perfusionist, RIGHT, '192.0.2.12'));
    const b = deviceCookies(await login(DEMO.perfusionist, RIGHT, '192.0.2.13'));
    for (let i = 0; i < 5; i++)
      expect((await login(DEMO.perfusionist, `typo-${i}`, '192.0.2.12', a)).statusCode).toBe(401);
    const locked = await login(DEMO.perfusionist, RIGHT, '192.0.2.12', a);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(DEMO.perfusionist, RIGHT, '192.0.2.13', b)).statusCode).toBe(200);
    expect((await login(DEMO.perfusionist, RIGHT, '192.0.2.14')).statusCode).toBe(200);
  });

  it('refuses a device cookie of another account, a forged one and an expired one as unknown devices', async () => {
    const clinicianDevice = deviceCookies(await login(DEMO.clinician, RIGHT, '192.0.2.15'));
    for (let i = 0; i < 5; i++) await login(DEMO.instructor, `guess-${i}`, '198.51.100.68');
    // The clinician's cookie carries no trust for the instructor's account.
    const borrowed = await login(DEMO.instructor, RIGHT, '192.0.2.15', clinicianDevice);
    expect(borrowed.statusCode).toBe(429);
    const forged = await login(DEMO.instructor, RIGHT, '192.0.2.15', 'relais_device=forged.value');
    expect(forged.statusCode).toBe(429);
    // A device cookie expires: after 180 days the clinician's device is unknown again.
    clock.advance(181 * 24 * HOUR);
    for (let i = 0; i < 5; i++) await login(DEMO.clinician, `guess-${i}`, '198.51.100.69');
    expect((await login(DEMO.clinician, RIGHT, '192.0.2.15', clinicianDevice)).statusCode).toBe(429);
  });

  it('slows unknown devices behind an address that sprays many accounts, never a device that signed in there before', async () => {
    const nat = '192.0.2.100';
    const adminDevice = deviceCookies(await login(DEMO.admin, RIGHT, nat));
    for (let i = 0; i < 60; i++) await login(`someone-${i}@chu.example.fr`, 'guess', nat);
    const colleague = await login(DEMO.regionalIdf, RIGHT, nat);
    expect(colleague.statusCode).toBe(429);
    expect((await login(DEMO.admin, RIGHT, nat, adminDevice)).statusCode).toBe(200);
    // Elsewhere the colleague is not slowed down.
    expect((await login(DEMO.regionalIdf, RIGHT, '192.0.2.101')).statusCode).toBe(200);
  });

  it('does not block an address for every account because of attempts on a few accounts', async () => {
    const nat = '192.0.2.102';
    for (let a = 0; a < 10; a++) {
      for (let i = 0; i < 5; i++)
        expect((await login(`target-${a}@chu.example.fr`, `guess-${i}`, nat)).statusCode).toBe(401);
    }
    expect((await login(DEMO.regionalIdf, RIGHT, nat)).statusCode).toBe(200);
  });
});

describe('client addresses behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    // TRUST_PROXY names the proxy's address: only it may say who the client is.
    t = await createTestApp({ config: { trustProxy: loadConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy } });
  });
  afterAll(() => t?.close());

  const failedFrom = async (email: string) => {
    const rows = await auditEntries(t.db, 'auth.login_failed', email);
    return rows.map((r) => r.ip);
  };

  it('ignores X-Forwarded-For from a client that is not the proxy: the audit records its address and 60 failures are throttled', async () => {
    const codes: number[] = [];
    for (let n = 0; n < 60; n++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: `forger-${n}@example.fr`, password: 'guess-guess' },
        remoteAddress: '192.0.2.44',
        headers: { 'x-forwarded-for': `203.0.113.${n}, 127.0.0.1` },
      });
      codes.push(res.statusCode);
    }
    expect(codes).toContain(429);
    expect(await failedFrom('forger-0@example.fr')).toEqual(['192.0.2.44']);
  });

  it('takes the address the proxy appended, not the one the client wrote before it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'proxied@example.fr', password: 'guess-guess' },
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.9, 192.0.2.45' },
    });
    expect(res.statusCode).toBe(401);
    expect(await failedFrom('proxied@example.fr')).toEqual(['192.0.2.45']);
  });
});
