/**
 * Relais with the demo data, for the `files` benchmark: embedded PGlite (in memory), or a fresh database
 * on the PostgreSQL server of `BENCH_DATABASE_URL` when `BENCH_ENGINE=postgres` (dropped on exit).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { startRelais } from '../src/server/start.ts';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const onPostgres = process.env.BENCH_ENGINE === 'postgres';
const name = `relais_bench_${randomBytes(6).toString('hex')}`;
let url: string | undefined;
if (onPostgres) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  url = u.toString();
}
const config = { ...loadConfig({ ...process.env, RELAIS_DATA_DIR: 'memory://' }, []), demo: true };
const db = await openDatabase(url ? { url } : { dataDir: 'memory://' });
const relais = await startRelais(config, db);
await relais.app.listen({ port: 0, host: '127.0.0.1' });
const address = relais.app.server.address();
console.log(`READY ${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGTERM', () => {
  void relais
    .close()
    .then(() => db.close())
    .then(async () => {
      if (!onPostgres) return;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    })
    .finally(() => process.exit(0));
});
