import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFiness } from '../../src/domain/identifiers.ts';
import { verifyAuditChain } from '../../src/server/audit/audit.ts';
import { type Database, openDatabase } from '../../src/server/db/client.ts';
import { auditEntries } from '../support/reads.ts';
import { createTestApp, DEMO, engine, freshDatabase, type TestApp } from '../support/test-app.ts';

const run = promisify(execFile);

/**
 * An attacker with database rights: switches the append-only trigger off to tamper. Raw SQL is the
 * subject of this suite (what a superuser can do to the journal and whether it shows), not its setup.
 */
async function tamper(db: Database, sql: string, params: unknown[] = []): Promise<void> {
  await db.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
  await db.query(sql, params);
  await db.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
}

describe('the audit journal', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.login(DEMO.admin);
    for (const i of [1, 2, 3]) {
      await admin.request('POST', '/api/users', {
        email: `audit-${i}@example.fr`,
        displayName: `Audit ${i}`,
        password: 'long-enough-secret',
        grants: [{ role: 'trainer', scopeKind: 'departement', scopeCode: '69' }],
        reason: `ticket ${i}`,
      });
    }
  });
  afterAll(() => t?.close());

  it('records who, when, what, on which target, the after state and the reason', async () => {
    const entry = (await auditEntries(t.db, 'user.create')).find((e) => e.reason === 'ticket 2');
    expect(entry).toMatchObject({
      actor_label: DEMO.admin,
      action: 'user.create',
      target_type: 'user',
      reason: 'ticket 2',
    });
    expect((entry?.after as { email?: string } | undefined)?.email).toBe('audit-2@example.fr');
  });

  it('verifies an intact chain', async () => {
    const verdict = await verifyAuditChain(t.db);
    expect(verdict.ok).toBe(true);
    expect(verdict.entries).toBeGreaterThan(10);
  });

  it('refuses updates, deletes and truncation through the database itself', async () => {
    await expect(t.db.query("UPDATE audit_log SET reason = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(t.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });
});

describe('tamper detection', () => {
  async function journalWithEntries(): Promise<TestApp> {
    const t = await createTestApp();
    const admin = await t.login(DEMO.admin);
    const res = await admin.request('POST', '/api/establishments', {
      finess: completeFiness('69099995'),
      name: 'Tamper test',
      categoryCode: '355',
    });
    expect(res.statusCode).toBe(201);
    await t.login(DEMO.regional);
    return t;
  }
  const middle = async (db: Database): Promise<string> =>
    (await auditEntries(db, 'establishment.create'))[0]?.seq ?? '';

  it('names the altered entry when a row was changed', async () => {
    const t = await journalWithEntries();
    const seq = await middle(t.db);
    await tamper(t.db, "UPDATE audit_log SET after = jsonb_set(after, '{name}', '\"Forged\"') WHERE seq = $1::bigint", [
      seq,
    ]);
    expect(await verifyAuditChain(t.db)).toMatchObject({
      ok: false,
      badSeq: seq,
      problem: expect.stringMatching(/altered/),
    });
    await t.close();
  });

  it('names the entry after a removed one', async () => {
    const t = await journalWithEntries();
    const seq = await middle(t.db);
    await tamper(t.db, 'DELETE FROM audit_log WHERE seq = $1::bigint', [seq]);
    const [next] = await t.db.query<{ seq: string }>(
      'SELECT min(seq)::text AS seq FROM audit_log WHERE seq > $1::bigint',
      [seq],
    );
    expect(await verifyAuditChain(t.db)).toMatchObject({
      ok: false,
      badSeq: next?.seq,
      problem: expect.stringMatching(/removed/),
    });
    await t.close();
  });

  it('notices when the newest entries were cut off', async () => {
    const t = await journalWithEntries();
    await tamper(t.db, 'DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)');
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, problem: expect.stringMatching(/missing/) });
    await t.close();
  });
});

describe('npm run relais -- audit:verify', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let drop: () => Promise<void>;
  let reopen: () => Promise<Database>;

  beforeAll(async () => {
    if (engine === 'pglite') {
      dir = mkdtempSync(join(tmpdir(), 'relais-cli-'));
      env = { ...process.env, RELAIS_DATA_DIR: dir, DATABASE_URL: '' };
      drop = async () => rmSync(dir, { recursive: true, force: true });
      reopen = () => openDatabase({ dataDir: dir });
    } else {
      const fresh = await freshDatabase();
      await fresh.db.close();
      env = { ...process.env, DATABASE_URL: fresh.url };
      drop = fresh.drop;
      reopen = () => openDatabase({ url: fresh.url });
    }
  });
  afterAll(() => drop?.());

  const relais = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], { env }).then(
      (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
    );

  it('creates and grants accounts, exits 0 on an intact chain, and 1 naming the entry once a row is altered', async () => {
    const created = await relais(
      'user:create',
      '--email',
      'ops@example.fr',
      '--name',
      'Ops',
      '--password',
      'long-enough-secret',
      '--role',
      'national_regulator',
    );
    expect(created.code, created.err).toBe(0);
    const refused = await relais(
      'user:grant',
      '--email',
      'ops@example.fr',
      '--role',
      'regional_regulator',
      '--scope',
      '99',
    );
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/scopeCode/);
    await relais('reference:load');
    const granted = await relais(
      'user:grant',
      '--email',
      'ops@example.fr',
      '--role',
      'regional_regulator',
      '--scope',
      '84',
    );
    expect(granted.code, granted.err).toBe(0);
    expect(granted.out).toMatch(/regional_regulator@84/);

    const intact = await relais('audit:verify');
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/intact: 3 entries/);

    const db = await reopen();
    const [grant] = await auditEntries(db, 'user.grant');
    await tamper(db, "UPDATE audit_log SET reason = 'nothing to see' WHERE seq = $1::bigint", [grant?.seq]);
    await db.close();

    const broken = await relais('audit:verify');
    expect(broken.code).toBe(1);
    expect(broken.err).toContain(`entry #${grant?.seq}`);
  }, 60_000);
});
