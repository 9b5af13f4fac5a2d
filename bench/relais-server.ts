/** Relais on an embedded database holding the national-scale dataset, for the benchmarks. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemo } from '../src/server/seed/demo.ts';
import { generateNationalDataset, NATIONAL_SCALE } from '../src/server/seed/national-dataset.ts';
import { loadReferenceData } from '../src/server/seed/reference.ts';
import { startRelais } from '../src/server/start.ts';

// On disk, as `npm start` runs it: an in-memory PGlite keeps the whole dataset in the process heap.
const dataDir = mkdtempSync(join(tmpdir(), 'relais-bench-'));
const config = { ...loadConfig({ ...process.env, RELAIS_DATA_DIR: dataDir }, []), demo: false };
const db = await openDatabase({ dataDir });
await migrate(db);
const t0 = performance.now();
// Dates follow the app's clock (RELAIS_NOW pins it for the benchmark too).
const now = config.clock.now();
await db.transaction((tx) => loadReferenceData(tx, now));
const dataset = await generateNationalDataset(db, config.census, NATIONAL_SCALE, now);
// Demo accounts only (loadDemo skips the demo fleet once consoles exist).
await loadDemo(db, config.census, now);
console.log(
  `dataset: ${dataset.establishments} establishments, ${dataset.sites.length} ECMO sites, ${dataset.consoles} consoles, ${dataset.reports} census reports in ${Math.round(performance.now() - t0)} ms`,
);
const relais = await startRelais(config, db);
await relais.app.listen({ port: 0, host: '127.0.0.1' });
const address = relais.app.server.address();
console.log(`accounts: ${DEMO_ACCOUNTS.map((a) => a.email).join(',')} / ${DEMO_PASSWORD}`);
console.log(`READY ${typeof address === 'object' && address ? address.port : 0}`);
// Stop cleanly and leave no data directory behind.
process.on('SIGTERM', () => {
  void relais
    .close()
    .then(() => db.close())
    .finally(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
});
