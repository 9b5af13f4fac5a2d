/** `npm start`: serve the API and the web app until Ctrl-C. */
import { loadConfig } from './config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo.ts';
import { startRelais } from './start.ts';

const config = loadConfig();
const relais = await startRelais(config);
await relais.app.listen({ port: config.port, host: config.host });

const where = config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
const lines = [
  '',
  `  Relais is running: http://localhost:${config.port}`,
  `  Database: ${where}${relais.seeded ? ' — demo data loaded' : ''}`,
];
if (relais.seeded || config.demo) {
  lines.push(`  Demo sign-in: ${DEMO_ACCOUNTS[0]?.email} / ${DEMO_PASSWORD} (one account per role: see README.md)`);
}
lines.push('  Ctrl-C to stop.', '');
console.log(lines.join('\n'));

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n  ${signal}: stopping Relais…`);
  await relais.close();
  console.log('  Stopped cleanly (database closed).');
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
