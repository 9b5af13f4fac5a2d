import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionsWithHash, usersWithEmail } from '../support/reads.ts';
import { ACCOUNT_TABLES, createTestApp, DEMO, rowCounts, snapshot, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { trustProxy: ['127.0.0.1'] } });
});
afterAll(() => t?.close());

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, headers });

describe('signing in and out', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie with an expiry, not Secure over plain HTTP', async () => {
    const res = await login(DEMO.clinician, 'relais-demo');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'relais_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeUndefined();
    expect(cookie?.maxAge).toBe(12 * 3600);
    expect(res.json()).toMatchObject({
      email: DEMO.clinician,
      permissions: expect.arrayContaining(['establishment:list']),
    });
  });

  it('marks the cookie Secure behind a TLS-terminating proxy', async () => {
    const res = await login(DEMO.clinician, 'relais-demo', { 'x-forwarded-proto': 'https' });
    expect(res.cookies.find((c) => c.name === 'relais_session')?.secure).toBe(true);
  });

  it('stores a hash of the session token, never the token itself', async () => {
    const res = await login(DEMO.trainer, 'relais-demo');
    const token = res.cookies.find((c) => c.name === 'relais_session')?.value ?? '';
    expect(await sessionsWithHash(t.db, token)).toEqual([]);
    const [hash] = await usersWithEmail(t.db, DEMO.trainer);
    expect(hash?.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('ends the session on logout: the cookie no longer works', async () => {
    const agent = await t.login(DEMO.perfusionist);
    expect((await agent.call('getCurrentUser')).status).toBe(200);
    expect((await agent.call('logout')).status).toBe(200);
    const after = await agent.call('getCurrentUser');
    expect(after.status).toBe(401);
    expect(after.problem?.code).toBe('unauthenticated');
  });

  it('treats a session as signed out once its 12 hours have passed on the app clock', async () => {
    const start = t.clock.now();
    const agent = await t.login(DEMO.instructor);
    try {
      t.clock.advance(12 * 3_600_000 - 1000);
      expect((await agent.call('getCurrentUser')).status).toBe(200);
      t.clock.advance(2000);
      expect((await agent.call('getCurrentUser')).status).toBe(401);
    } finally {
      t.clock.set(start);
    }
  });

  it('answers a wrong password with 401, audits it, and creates no session', async () => {
    const before = await rowCounts(t.db, ACCOUNT_TABLES);
    const res = await login(DEMO.national, 'wrong-password');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'invalid_credentials' });
    const after = await rowCounts(t.db, ACCOUNT_TABLES);
    expect(after.sessions).toBe(before.sessions);
    expect(after.audit_log).toBe((before.audit_log ?? 0) + 1);
  });

  it('gives the same answer for an unknown account as for a wrong password', async () => {
    const res = await login('nobody@example.fr', 'whatever-password');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('invalid_credentials');
  });

  it('makes an unknown device wait after five failures on an account, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login(DEMO.regionalIdf, `wrong-${i}`)).statusCode).toBe(401);
    const blocked = await login(DEMO.regionalIdf, 'relais-demo');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Other accounts are not locked out by it.
    expect((await login(DEMO.regional, 'relais-demo')).statusCode).toBe(200);
  });

  it('refuses a sign-in posted from another site', async () => {
    const res = await login(DEMO.admin, 'relais-demo', { origin: 'https://evil.example', host: 'localhost:3000' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
  });
});

describe('CSRF protection of cookie-authenticated writes', () => {
  it('refuses a write without the CSRF token and changes nothing', async () => {
    const admin = await t.login(DEMO.admin);
    const before = await snapshot(t.db, ACCOUNT_TABLES);
    const body = {
      email: 'csrf@example.fr',
      displayName: 'C S',
      password: 'long-enough-secret',
      grants: [{ role: 'admin' as const, scopeKind: 'nation' as const, scopeCode: null }],
    };
    const missing = await admin.call('createUser', { body }, { headers: { 'x-csrf-token': '' } });
    expect(missing.status).toBe(403);
    expect(missing.problem?.code).toBe('csrf_failed');
    const wrong = await admin.call('createUser', { body }, { headers: { 'x-csrf-token': 'forged' } });
    expect(wrong.status).toBe(403);
    expect(await snapshot(t.db, ACCOUNT_TABLES)).toEqual(before);
  });
});
