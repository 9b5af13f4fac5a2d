/**
 * Password policy (NIST 800-63B, ANSSI): common and context-derived passwords are refused wherever a password
 * is chosen, with the reason in the reader's language; the demo accounts keep their documented password,
 * which no new account may choose.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_TABLES,
  type Agent,
  createTestApp,
  DEMO,
  engine,
  freshDatabase,
  snapshot,
  type TestApp,
} from '../support/test-app.ts';

const run = promisify(execFile);

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login(DEMO.admin);
});
afterAll(() => t?.close());

const account = (password: string, language = 'fr') =>
  admin.call(
    'createUser',
    {
      body: {
        email: 'nadia.perfusion@chu-lyon.fr',
        displayName: 'Nadia Perfusion',
        password,
        grants: [{ role: 'perfusionist', scopeKind: 'establishment', scopeCode: '690784186' }],
      },
    },
    { headers: { 'accept-language': language } },
  );

describe('choosing a password', () => {
  it.each([
    ['aaaaaaaaaa', /répétés/],
    ['1234567890', /fréquemment utilisé/],
    ['password12', /couramment utilisé/],
    ['relais-demo', /démonstration/],
    ['nadia.perfusion@chu-lyon.fr', /données personnelles/],
    ['Nadia Perfusion', /données personnelles/],
    ['nadiaperfusion', /données personnelles/],
  ])('refuses %s with the reason in French, and creates nothing', async (password, reason) => {
    const before = await snapshot(t.db, ACCOUNT_TABLES);
    const res = await account(password);
    expect(res.status).toBe(400);
    const [error, ...others] = res.problem?.errors ?? [];
    expect(others).toEqual([]);
    expect(error).toMatchObject({ field: 'body.password', code: 'password.weak' });
    expect(error?.message).toMatch(/^Ce mot de passe est trop facile à deviner/);
    expect(error?.message).toMatch(reason);
    expect(await snapshot(t.db, ACCOUNT_TABLES)).toEqual(before);
  });

  it('gives the reason in English to an English reader', async () => {
    const res = await account('password12', 'en');
    expect(res.status).toBe(400);
    expect(res.problem?.errors?.[0]?.message).toMatch(/^This password is too easy to guess\. .*commonly used/);
  });

  it('accepts a passphrase of uncommon words, and the account signs in with it', async () => {
    const res = await account('piano-tarte-gyrophare-42');
    expect(res.status).toBe(201);
    expect((await t.login('nadia.perfusion@chu-lyon.fr', 'piano-tarte-gyrophare-42')).csrfToken).toBeTruthy();
  });

  it('leaves the demo accounts their documented password', async () => {
    expect((await t.login(DEMO.perfusionist, 'relais-demo')).csrfToken).toBeTruthy();
  });
});

describe('npm run relais -- user:create', () => {
  let env: NodeJS.ProcessEnv;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    if (engine === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'relais-cli-'));
      env = { ...process.env, RELAIS_DATA_DIR: dir, DATABASE_URL: '' };
      drop = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const fresh = await freshDatabase();
      await fresh.db.close();
      env = { ...process.env, DATABASE_URL: fresh.url };
      drop = fresh.drop;
    }
  });
  afterAll(() => drop?.());

  it('refuses the demo password, saying why, and exits 2', { timeout: 90_000 }, async () => {
    const res = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/server/cli.ts',
        'user:create',
        '--email',
        'ops@example.fr',
        '--name',
        'Ops',
        '--password',
        'relais-demo',
        '--role',
        'national_regulator',
      ],
      { env },
    ).then(
      () => ({ code: 0, err: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, err: e.stderr }),
    );
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/password: This password is too easy to guess\. It is the password of the demo accounts/);
  });
});
