/**
 * Per project: a folder for the run's seeded PGlite archives, and a run id naming its PostgreSQL template
 * databases; both removed when the project's tests end (see `seeded-copies.ts`).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    seededCopies: { dir: string; run: string };
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'relais-seeded-'));
  const run = randomBytes(4).toString('hex');
  project.provide('seededCopies', { dir, run });
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    const serverUrl = project.config.env?.TEST_DATABASE_URL;
    if (typeof serverUrl !== 'string' || !serverUrl) return;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      const rows = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
        `relais_tpl_${run}_%`,
      ]);
      for (const { datname } of rows.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
}
