import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, usersWithEmail } from '../support/reads.ts';
import { ACCOUNT_TABLES, type Agent, createTestApp, DEMO, snapshot, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let admin: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login(DEMO.admin);
});
afterAll(() => t?.close());

const account = (email: string, grants: unknown[], extra: Record<string, unknown> = {}) => ({
  email,
  displayName: 'Nadia Perfusion',
  password: 'long-enough-secret',
  grants,
  ...extra,
});

describe('creating accounts', () => {
  it('creates an account with several roles, usable at once for sign-in, and audits it', async () => {
    const res = await admin.request(
      'POST',
      '/api/users',
      account('Nadia@Example.fr', [
        { role: 'perfusionist', scopeKind: 'establishment', scopeCode: '690784186' },
        { role: 'trainer', scopeKind: 'departement', scopeCode: '69' },
      ]),
    );
    expect(res.statusCode).toBe(201);
    const { user, warnings } = res.json();
    expect(user.email).toBe('nadia@example.fr');
    expect(user.grants.map((g: { role: string; regionCode: string }) => [g.role, g.regionCode])).toEqual([
      ['perfusionist', '84'],
      ['trainer', '84'],
    ]);
    expect(warnings).toEqual([]);
    const agent = await t.login('nadia@example.fr', 'long-enough-secret');
    const me = (await agent.request('GET', '/api/auth/me')).json();
    expect(me.grants).toHaveLength(2);
    expect(await auditCount(t.db, 'user.create', user.id)).toBe(1);
  });

  it('writes nothing when the second of two grants names an unknown establishment', async () => {
    const before = await snapshot(t.db, ACCOUNT_TABLES);
    const res = await admin.request(
      'POST',
      '/api/users',
      account('half@example.fr', [
        { role: 'clinician', scopeKind: 'establishment', scopeCode: '690784186' },
        { role: 'clinician', scopeKind: 'establishment', scopeCode: '690000017' },
      ]),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ field: 'body.grants.1.scopeCode', code: 'unknown_scope' }),
    ]);
    expect(await snapshot(t.db, ACCOUNT_TABLES)).toEqual(before);
    expect(await usersWithEmail(t.db, 'half@example.fr')).toEqual([]);
  });

  it('keeps an RPPS whose check digit fails, with a warning; refuses a malformed one', async () => {
    const warned = await admin.request(
      'POST',
      '/api/users',
      account('rpps@example.fr', [{ role: 'clinician', scopeKind: 'establishment', scopeCode: '690784186' }], {
        rpps: '10000001917',
      }),
    );
    expect(warned.statusCode).toBe(201);
    expect(warned.json().user.rpps).toBe('10000001917');
    expect(warned.json().warnings).toEqual([expect.objectContaining({ field: 'body.rpps', code: 'rpps.check_digit' })]);
    const valid = await admin.request(
      'POST',
      '/api/users',
      account('rpps-ok@example.fr', [{ role: 'clinician', scopeKind: 'establishment', scopeCode: '690784186' }], {
        rpps: '10000001916',
      }),
    );
    expect(valid.json().warnings).toEqual([]);
    const before = await snapshot(t.db, ACCOUNT_TABLES);
    const malformed = await admin.request(
      'POST',
      '/api/users',
      account('rpps-bad@example.fr', [{ role: 'clinician', scopeKind: 'establishment', scopeCode: '690784186' }], {
        rpps: '1234',
      }),
    );
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0]).toMatchObject({ field: 'body.rpps', code: 'rpps.format' });
    expect(await snapshot(t.db, ACCOUNT_TABLES)).toEqual(before);
  });

  it('refuses a role on the wrong kind of scope, a short password, a bad e-mail and a duplicate', async () => {
    const before = await snapshot(t.db, ACCOUNT_TABLES);
    const res = await admin.request('POST', '/api/users', {
      email: 'not-an-email',
      displayName: 'X Y',
      password: 'short',
      grants: [{ role: 'regional_regulator', scopeKind: 'nation', scopeCode: null }],
    });
    expect(res.statusCode).toBe(400);
    const fields = res
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual(['body.email', 'body.grants.0.scopeKind', 'body.password']);
    const dup = await admin.request(
      'POST',
      '/api/users',
      account(DEMO.clinician, [{ role: 'admin', scopeKind: 'nation', scopeCode: null }]),
    );
    expect(dup.statusCode).toBe(409);
    expect(await snapshot(t.db, ACCOUNT_TABLES)).toEqual(before);
  });
});

describe('listing accounts', () => {
  it('shows an administrator every account', async () => {
    const res = (await admin.request('GET', '/api/users?limit=500')).json();
    expect(res.items.map((u: { email: string }) => u.email)).toEqual(expect.arrayContaining(Object.values(DEMO)));
  });

  it('shows a regional regulator only the accounts of their region', async () => {
    const regional = await t.login(DEMO.regional);
    const emails = (await regional.request('GET', '/api/users?limit=500'))
      .json()
      .items.map((u: { email: string }) => u.email);
    expect(emails).toEqual(
      expect.arrayContaining([DEMO.clinician, DEMO.perfusionist, DEMO.trainer, DEMO.regional, DEMO.instructor]),
    );
    expect(emails).not.toContain(DEMO.regionalIdf);
    expect(emails).not.toContain(DEMO.admin);
    const idf = await t.login(DEMO.regionalIdf);
    const idfEmails = (await idf.request('GET', '/api/users?limit=500'))
      .json()
      .items.map((u: { email: string }) => u.email);
    expect(idfEmails).toEqual([DEMO.regionalIdf]);
  });

  it('searches by name or e-mail', async () => {
    const res = (await admin.request('GET', '/api/users?q=perfusion')).json();
    expect(res.items.map((u: { email: string }) => u.email)).toContain(DEMO.perfusionist);
  });
});
