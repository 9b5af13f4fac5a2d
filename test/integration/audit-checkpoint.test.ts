/**
 * The audit chain anchored outside the database: signed checkpoints of its head in a folder and by
 * e-mail, checked by audit:verify, and a head that only moves forward.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, appendAuditMany, verifyAuditChain } from '../../src/server/audit/audit.ts';
import {
  type AuditSettings,
  latestCheckpoint,
  parseCheckpoint,
  takeCheckpoint,
  verifyAgainstCheckpoint,
} from '../../src/server/audit/checkpoint.ts';
import { manualClock } from '../../src/server/clock.ts';
import { type Database, openDatabase } from '../../src/server/db/client.ts';
import { mailsTo } from '../support/reads.ts';
import { createTestApp, DEMO, engine, freshDatabase, rowCounts, type TestApp } from '../support/test-app.ts';

const run = promisify(execFile);
const KEY = 'test-audit-key-0123456789abcdef-0123456789abcdef';
const MAIL_TO = 'audit-checkpoints@example.fr';
const EPOCH = '2026-03-02T08:00:00.000Z';
const tester = { id: null, label: 'test', at: new Date(EPOCH) };

const tempDir = () => mkdtempSync(join(tmpdir(), 'relais-checkpoints-'));

function settings(dir: string | undefined, overrides: Partial<AuditSettings> = {}): AuditSettings {
  return {
    key: KEY,
    checkpointDir: dir,
    checkpointMail: MAIL_TO,
    everyMs: 0,
    mail: { mailFrom: 'Relais <no-reply@relais.local>' },
    ...overrides,
  };
}

/**
 * A superuser removing the newest entries and rolling the head back with them, triggers off. Raw SQL on
 * the journal and its head is the subject of this suite (what a superuser can do, and what shows).
 */
async function cutTail(db: Database, entries: number): Promise<{ first: string; last: string; kept: string }> {
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    const rows = await tx.query<{ seq: string; hash: string }>(
      'SELECT seq::text AS seq, hash FROM audit_log ORDER BY audit_log.seq DESC LIMIT $1',
      [entries + 1],
    );
    const keep = rows[entries] as { seq: string; hash: string };
    await tx.query('DELETE FROM audit_log WHERE seq > $1::bigint', [keep.seq]);
    await tx.query('UPDATE audit_head SET seq = $1::bigint, hash = $2', [keep.seq, keep.hash]);
    return { first: rows[entries - 1]?.seq ?? '', last: rows[0]?.seq ?? '', kept: keep.seq };
  });
}

const head = async (db: Database) =>
  (await db.query<{ seq: string; hash: string }>('SELECT seq::text AS seq, hash FROM audit_head'))[0];

const checkpointFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json'));

async function until(condition: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the head of the audit chain', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.login(DEMO.admin);
  });
  afterAll(() => t?.close());

  it('cannot be moved backwards by an ordinary UPDATE, and stays where it was', async () => {
    const before = await head(t.db);
    const [earlier] = await t.db.query<{ seq: string; hash: string }>(
      'SELECT seq::text AS seq, hash FROM audit_log WHERE seq < $1::bigint ORDER BY audit_log.seq DESC LIMIT 1',
      [before?.seq],
    );
    await expect(
      t.db.query('UPDATE audit_head SET seq = $1::bigint, hash = $2', [earlier?.seq, earlier?.hash]),
    ).rejects.toThrow(/only moves forward/);
    expect(await head(t.db)).toEqual(before);
  });

  it('cannot name an entry that is not in the journal, nor be deleted or truncated', async () => {
    const before = await head(t.db);
    await expect(t.db.query("UPDATE audit_head SET seq = seq + 1000, hash = repeat('a', 64)")).rejects.toThrow(
      /audit_head/,
    );
    await expect(t.db.query('DELETE FROM audit_head')).rejects.toThrow(/only moves forward/);
    await expect(t.db.query('TRUNCATE audit_head')).rejects.toThrow(/only moves forward/);
    expect(await head(t.db)).toEqual(before);
  });

  it('still moves forward with each appended entry, single or in bulk', async () => {
    const before = await head(t.db);
    await t.login(DEMO.regional);
    await t.db.transaction(async (tx) => {
      await appendAudit(tx, tester, { action: 'test.one', targetType: 'test', targetId: '1' });
    });
    await t.db.transaction(async (tx) => {
      await appendAuditMany(
        tx,
        tester,
        ['2', '3', '4'].map((id) => ({ action: 'test.bulk', targetType: 'test', targetId: id })),
      );
    });
    const after = await head(t.db);
    expect(BigInt(after?.seq ?? 0)).toBeGreaterThan(BigInt(before?.seq ?? 0));
    const [newest] = await t.db.query<{ seq: string }>('SELECT max(seq)::text AS seq FROM audit_log');
    expect(after?.seq).toBe(newest?.seq);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});

describe('checkpoints of the audit chain', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp();
    await t.login(DEMO.admin);
    dir = tempDir();
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('on demand: writes the signed head to one file in the folder and mails it to the configured address', async () => {
    const clock = manualClock('2026-03-02T09:30:00.000Z');
    const current = await head(t.db);
    const taken = await takeCheckpoint(t.db, settings(dir), clock);
    expect(taken.checkpoint).toEqual({
      sequence: Number(current?.seq),
      hash: current?.hash,
      at: '2026-03-02T09:30:00.000Z',
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // One file, written whole (no temporary file left behind).
    expect(readdirSync(dir)).toEqual([taken.file?.split('/').pop()]);
    expect(parseCheckpoint(readFileSync(taken.file as string, 'utf8'))).toEqual(taken.checkpoint);
    const mails = await mailsTo(t.db, MAIL_TO);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.status).toBe('outbox');
    // Nobody of that address has an account: French, the default.
    expect(mails[0]?.subject).toMatch(new RegExp(`point de contrôle.*${current?.seq}`));
    // The mail carries the checkpoint itself, usable as --checkpoint once saved.
    expect(parseCheckpoint(mails[0]?.body ?? '')).toEqual(taken.checkpoint);
  });

  it('mails in the language of the account holding the address', async () => {
    // An account reading English holds the address.
    const auditor = 'audit-reader@example.fr';
    await (await t.login(DEMO.admin)).ok('createUser', {
      body: {
        email: auditor,
        displayName: 'Audit Reader',
        password: 'long-enough-secret',
        locale: 'en',
        grants: [{ role: 'national_regulator', scopeKind: 'nation', scopeCode: null }],
      },
    });
    const taken = await takeCheckpoint(t.db, settings(undefined, { checkpointMail: auditor }), manualClock(EPOCH));
    expect(taken.file).toBeUndefined();
    const [mail] = await mailsTo(t.db, auditor);
    expect(mail?.subject).toMatch(new RegExp(`audit journal checkpoint.*${taken.checkpoint.sequence}`));
    expect(mail?.body).toMatch(/audit:verify --checkpoint/);
  });

  it('refuses to write an unsigned checkpoint without a key, and writes nothing', async () => {
    const empty = tempDir();
    const before = await rowCounts(t.db, ['mail_outbox']);
    await expect(takeCheckpoint(t.db, settings(empty, { key: undefined }), manualClock(EPOCH))).rejects.toThrow(
      /RELAIS_AUDIT_KEY.*unsigned/,
    );
    await expect(takeCheckpoint(t.db, settings(empty, { key: 'short' }), manualClock(EPOCH))).rejects.toThrow(
      /RELAIS_AUDIT_KEY/,
    );
    expect(readdirSync(empty)).toEqual([]);
    const after = await rowCounts(t.db, ['mail_outbox']);
    expect(after.mail_outbox).toBe(before.mail_outbox);
    rmSync(empty, { recursive: true });
  });

  it('says so when the folder cannot be written, and mails nothing either', async () => {
    const notAFolder = join(tempDir(), 'a-file');
    writeFileSync(notAFolder, '');
    const before = await rowCounts(t.db, ['mail_outbox']);
    await expect(takeCheckpoint(t.db, settings(notAFolder), manualClock(EPOCH))).rejects.toThrow(
      `cannot write the checkpoint in ${notAFolder}`,
    );
    const after = await rowCounts(t.db, ['mail_outbox']);
    expect(after.mail_outbox).toBe(before.mail_outbox);
    rmSync(join(notAFolder, '..'), { recursive: true });
  });

  it('finds the latest checkpoint of the folder, and an intact journal agrees with it as it grows', async () => {
    const later = await takeCheckpoint(t.db, settings(dir), manualClock('2026-03-02T10:00:00Z'));
    expect(latestCheckpoint(dir)?.checkpoint).toEqual(later.checkpoint);
    await t.login(DEMO.clinician);
    expect(await verifyAgainstCheckpoint(t.db, later.checkpoint, KEY)).toMatchObject({ ok: true });
  });

  it('refuses a forged checkpoint: another sequence or hash under the signature, or another key', async () => {
    const { checkpoint } = await takeCheckpoint(t.db, settings(undefined), manualClock(EPOCH));
    const [earlier] = await t.db.query<{ seq: string; hash: string }>(
      'SELECT seq::text AS seq, hash FROM audit_log WHERE seq < $1::bigint ORDER BY audit_log.seq DESC LIMIT 1',
      [checkpoint.sequence],
    );
    const moved = { ...checkpoint, sequence: Number(earlier?.seq), hash: earlier?.hash as string };
    expect(await verifyAgainstCheckpoint(t.db, moved, KEY)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/signature/),
    });
    expect(await verifyAgainstCheckpoint(t.db, checkpoint, `${KEY}-other`)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/signature/),
    });
  });
});

describe('a journal cut after a checkpoint', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.login(DEMO.admin);
  });
  afterAll(() => t?.close());

  it('passes the chain alone, and fails against the checkpoint naming the missing entries', async () => {
    await t.login(DEMO.regional);
    const { checkpoint } = await takeCheckpoint(t.db, settings(undefined), manualClock(EPOCH));
    const cut = await cutTail(t.db, 3);
    expect(cut.last).toBe(String(checkpoint.sequence));
    // What a superuser can do unseen by the chain alone...
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    // ...the checkpoint held outside the database catches.
    expect(await verifyAgainstCheckpoint(t.db, checkpoint, KEY)).toMatchObject({
      ok: false,
      badSeq: cut.first,
      problem: `entries ${cut.first} to ${cut.last} are missing: the journal was cut after a checkpoint`,
    });
  });

  it('names the entry of the checkpoint when the journal was cut and then went on', async () => {
    await t.login(DEMO.clinician);
    const { checkpoint } = await takeCheckpoint(t.db, settings(undefined), manualClock(EPOCH));
    await cutTail(t.db, 2);
    await t.login(DEMO.regional);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    expect(await verifyAgainstCheckpoint(t.db, checkpoint, KEY)).toMatchObject({
      ok: false,
      badSeq: String(checkpoint.sequence),
      problem: expect.stringMatching(/entry \d+ of the checkpoint is missing/),
    });
  });
});

describe('scheduled checkpoints', () => {
  it('are taken with the app on their period when the head moved, and stop when it closes', async () => {
    const dir = tempDir();
    const t = await createTestApp({ config: { audit: settings(dir, { everyMs: 100 }) } });
    const mails = async () => (await mailsTo(t.db, MAIL_TO)).length;
    // Each one is in the folder and in the outbox (the file lands just before the mail commits).
    await until(async () => checkpointFiles(dir).length === 1 && (await mails()) === 1);
    const first = latestCheckpoint(dir)?.checkpoint;
    expect(first?.sequence).toBe(Number((await head(t.db))?.seq));
    // Nothing new in the journal: no new checkpoint.
    await new Promise((r) => setTimeout(r, 350));
    expect(checkpointFiles(dir)).toHaveLength(1);
    await t.login(DEMO.admin);
    await until(async () => checkpointFiles(dir).length === 2 && (await mails()) === 2);
    expect(latestCheckpoint(dir)?.checkpoint?.sequence).toBe(Number((await head(t.db))?.seq));
    await t.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(checkpointFiles(dir)).toHaveLength(2);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('npm run relais -- audit:checkpoint and audit:verify', () => {
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let checkpoints: string;
  let drop: () => Promise<void>;
  let reopen: () => Promise<Database>;

  beforeAll(async () => {
    checkpoints = tempDir();
    const base = { ...process.env, RELAIS_AUDIT_CHECKPOINT_DIR: checkpoints, RELAIS_AUDIT_CHECKPOINT_MAIL: MAIL_TO };
    if (engine === 'pglite') {
      dir = mkdtempSync(join(tmpdir(), 'relais-cli-'));
      env = { ...base, RELAIS_DATA_DIR: dir, DATABASE_URL: '' };
      drop = async () => rmSync(dir, { recursive: true, force: true });
      reopen = () => openDatabase({ dataDir: dir });
    } else {
      const fresh = await freshDatabase();
      await fresh.db.close();
      env = { ...base, DATABASE_URL: fresh.url };
      drop = fresh.drop;
      reopen = () => openDatabase({ url: fresh.url });
    }
  });
  afterAll(async () => {
    await drop?.();
    rmSync(checkpoints, { recursive: true, force: true });
  });

  const relais = (extra: NodeJS.ProcessEnv, ...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], { env: { ...env, ...extra } }).then(
      (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
    );

  it('refuses without a key, checkpoints with one, then names entries cut after it and a forged checkpoint', async () => {
    const unsigned = await relais({}, 'audit:checkpoint');
    expect(unsigned.code).toBe(2);
    expect(unsigned.err).toMatch(/RELAIS_AUDIT_KEY/);
    expect(checkpointFiles(checkpoints)).toEqual([]);

    let db = await reopen();
    for (const i of [1, 2, 3, 4, 5]) {
      await db.transaction((tx) =>
        appendAudit(tx, tester, { action: 'test.entry', targetType: 'test', targetId: `${i}` }),
      );
    }
    const [top] = await db.query<{ seq: string }>('SELECT seq::text AS seq FROM audit_head');
    await db.close();

    const taken = await relais({ RELAIS_AUDIT_KEY: KEY }, 'audit:checkpoint');
    expect(taken.code, taken.err).toBe(0);
    expect(taken.out).toContain(`#${top?.seq}`);
    expect(checkpointFiles(checkpoints)).toHaveLength(1);

    db = await reopen();
    const [mail] = await mailsTo(db, MAIL_TO);
    const cut = await cutTail(db, 2);
    await db.close();

    const verdict = await relais({ RELAIS_AUDIT_KEY: KEY }, 'audit:verify');
    expect(verdict.code).toBe(1);
    expect(verdict.err).toContain(`entries ${cut.first} to ${cut.last} are missing`);

    const forgedFile = join(tmpdir(), `relais-forged-${process.pid}.txt`);
    const real = parseCheckpoint(mail?.body ?? '');
    writeFileSync(forgedFile, JSON.stringify({ ...real, sequence: Number(cut.kept), hash: 'f'.repeat(64) }));
    const forged = await relais({ RELAIS_AUDIT_KEY: KEY }, 'audit:verify', '--checkpoint', forgedFile);
    rmSync(forgedFile);
    expect(forged.code).toBe(1);
    expect(forged.err).toMatch(/signature/);
  }, 90_000);
});
