/**
 * Migrating and seeding a database takes seconds, and most suites want the same one. The first suite of a
 * run that needs a given seed (demo or not, census settings, the instant of its clock) builds it once and
 * keeps a copy — a PGlite archive in the run's folder, a template database on PostgreSQL; the others start
 * from that copy. Copies live only as long as the run (`global-setup.ts` removes them).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { CensusSettings } from '../../src/server/config.ts';
import { type Database, openDatabase } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { isEmptyDatabase } from '../../src/server/seed/demo.repository.ts';
import { loadDemo } from '../../src/server/seed/demo.ts';

export interface Seed {
  /** Demo data asked for (an empty embedded database gets it anyway, as at start-up). */
  demo: boolean;
  census: CensusSettings;
  now: Date;
}

/** The copies of this run, when the project set them up; tests run without (each seeds its own). */
function copies(): { dir: string; run: string } | undefined {
  try {
    return inject('seededCopies');
  } catch {
    return undefined;
  }
}

const keyOf = (engine: string, seed: Seed): string =>
  createHash('sha256')
    .update(JSON.stringify({ engine, demo: seed.demo, census: seed.census, now: seed.now.toISOString() }))
    .digest('hex')
    .slice(0, 16);

/** Migrates and seeds as `startRelais` would. */
async function migrateAndSeed(db: Database, seed: Seed): Promise<void> {
  await migrate(db);
  if (seed.demo || (db.engine === 'pglite' && (await isEmptyDatabase(db)))) await loadDemo(db, seed.census, seed.now);
}

/** A new in-memory PGlite, migrated and seeded, from the run's archive when there is one. */
export async function seededPglite(seed: Seed): Promise<Database> {
  const run = copies();
  const file = run && join(run.dir, `${keyOf('pglite', seed)}.tar`);
  if (file && existsSync(file)) return openDatabase({ loadDataDir: new Blob([readFileSync(file)]) });
  const db = await openDatabase({ dataDir: 'memory://' });
  await migrateAndSeed(db, seed);
  if (file && db.dump) {
    // Written aside then renamed: a suite reading it meanwhile sees a whole archive or none.
    const part = `${file}.${process.pid}.part`;
    writeFileSync(part, Buffer.from(await (await db.dump()).arrayBuffer()));
    renameSync(part, file);
  }
  return db;
}

/**
 * Creates database `name` on the server migrated and seeded, as a copy of the run's template for this
 * seed (built under an advisory lock by the first suite that needs it).
 */
export async function createSeededPostgres(serverUrl: string, name: string, seed: Seed): Promise<void> {
  const run = copies();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    if (!run) {
      await admin.query(`CREATE DATABASE ${name}`);
      const db = await openDatabase({ url: urlOf(serverUrl, name) });
      await migrateAndSeed(db, seed).finally(() => db.close());
      return;
    }
    const template = `relais_tpl_${run.run}_${keyOf('postgres', seed)}`;
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    try {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (found.rowCount === 0) {
        await admin.query(`CREATE DATABASE ${template}`);
        const db = await openDatabase({ url: urlOf(serverUrl, template) });
        try {
          await migrateAndSeed(db, seed);
        } catch (error) {
          await db.close();
          await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
          throw error;
        }
        await db.close();
      }
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
    }
  } finally {
    await admin.end();
  }
}

export function urlOf(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
