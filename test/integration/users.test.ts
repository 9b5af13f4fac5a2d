import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCreateUser, TGrantInput } from '../../src/contracts/users.ts';
import { auditCount, usersWithEmail } from '../support/reads.ts';
import {
  ACCOUNT_TABLES,
  type Agent,
  createTestApp,
  DEMO,
  expectStatus,
  snapshot,
  type TestApp,
} from '../support/test-app.ts';

let t: TestApp;
let admin: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login(DEMO.admin);
});
afterAll(() => t?.close());

const account = (email: string, grants: TGrantInput[], extra: Partial<TCreateUser> = {}) => ({
  body: { email, displayName: 'Nadia Perfusion', password: 'long-enough-secret', grants, ...extra },
});
const clinicianAtLyon: TGrantInput[] = [{ role: 'clinician', scopeKind: 'establishment', scopeCode: '690784186' }];
const emailsSeenBy = async (agent: Agent) =>
  (await agent.ok('listUsers', { query: { limit: 500 } })).items.map((u) => u.email);

describe('creating accounts', () => {
  it('creates an account with several roles, usable at once for sign-in, and audits it', async () => {
    const res = await admin.call(
      'createUser',
      account('Nadia@Example.fr', [
        { role: 'perfusionist', scopeKind: 'establishment', scopeCode: '690784186' },
        { role: 'trainer', scopeKind: 'departement', scopeCode: '69' },
      ]),
    );
    expectStatus(res, 201);
    const { user, warnings } = res.body;
    expect(user.email).toBe('nadia@example.fr');
    expect(user.grants.map((g) => [g.role, g.regionCode])).toEqual([
      ['perfusionist', '84'],
      ['trainer', '84'],
    ]);
    expect(warnings).toEqual([]);
    const agent = await t.login('nadia@example.fr', 'long-enough-secret');
    const me = await agent.ok('getCurrentUser');
    expect(me.grants).toHaveLength(2);
    expect(await auditCount(t.db, 'user.create', user.id)).toBe(1);
  });

  it('writes nothing when the second of two grants names an unknown establishment', async () => {
    const before = await snapshot(t.db, ACCOUNT_TABLES);
    const res = await admin.call(
      'createUser',
      account('half@example.fr', [
        ...clinicianAtLyon,
        { role: 'clinician', scopeKind: 'establishment', scopeCode: '690000017' },
      ]),
    );
    expect(res.status).toBe(400);
    expect(res.problem?.errors).toEqual([
      expect.objectContaining({ field: 'body.grants.1.scopeCode', code: 'unknown_scope' }),
    ]);
    expect(await snapshot(t.db, ACCOUNT_TABLES)).toEqual(before);
    expect(await usersWithEmail(t.db, 'half@example.fr')).toEqual([]);
  });

  it('keeps an RPPS whose check digit fails, with a warning; refuses a malformed one', async () => {
    const warned = await admin.call('createUser', account('rpps@example.fr', clinicianAtLyon, { rpps: '10000001917' }));
    expectStatus(warned, 201);
    expect(warned.body.user.rpps).toBe('10000001917');
    expect(warned.body.warnings).toEqual([expect.objectContaining({ field: 'body.rpps', code: 'rpps.check_digit' })]);
    const valid = await admin.ok('createUser', account('rpps-ok@example.fr', clinicianAtLyon, { rpps: '10000001916' }));
    expect(valid.warnings).toEqual([]);
    const before = await snapshot(t.db, ACCOUNT_TABLES);
    const malformed = await admin.call('createUser', account('rpps-bad@example.fr', clinicianAtLyon, { rpps: '1234' }));
    expect(malformed.status).toBe(400);
    expect(malformed.problem?.errors?.[0]).toMatchObject({ field: 'body.rpps', code: 'rpps.format' });
    expect(await snapshot(t.db, ACCOUNT_TABLES)).toEqual(before);
  });

  it('refuses a role on the wrong kind of scope, a short password, a bad e-mail and a duplicate', async () => {
    const before = await snapshot(t.db, ACCOUNT_TABLES);
    const res = await admin.call('createUser', {
      body: {
        email: 'not-an-email',
        displayName: 'X Y',
        password: 'short',
        grants: [{ role: 'regional_regulator', scopeKind: 'nation', scopeCode: null }],
      },
    });
    expect(res.status).toBe(400);
    const fields = res.problem?.errors?.map((e) => e.field).sort();
    expect(fields).toEqual(['body.email', 'body.grants.0.scopeKind', 'body.password']);
    const dup = await admin.call(
      'createUser',
      account(DEMO.clinician, [{ role: 'admin', scopeKind: 'nation', scopeCode: null }]),
    );
    expect(dup.status).toBe(409);
    expect(await snapshot(t.db, ACCOUNT_TABLES)).toEqual(before);
  });
});

describe('listing accounts', () => {
  it('shows an administrator every account', async () => {
    expect(await emailsSeenBy(admin)).toEqual(expect.arrayContaining(Object.values(DEMO)));
  });

  it('shows a regional regulator only the accounts of their region', async () => {
    const emails = await emailsSeenBy(await t.login(DEMO.regional));
    expect(emails).toEqual(
      expect.arrayContaining([DEMO.clinician, DEMO.perfusionist, DEMO.trainer, DEMO.regional, DEMO.instructor]),
    );
    expect(emails).not.toContain(DEMO.regionalIdf);
    expect(emails).not.toContain(DEMO.admin);
    expect(await emailsSeenBy(await t.login(DEMO.regionalIdf))).toEqual([DEMO.regionalIdf]);
  });

  it('searches by name or e-mail', async () => {
    const res = await admin.ok('listUsers', { query: { q: 'perfusion' } });
    expect(res.items.map((u) => u.email)).toContain(DEMO.perfusionist);
  });
});
