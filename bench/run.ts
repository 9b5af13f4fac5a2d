/** `npm run bench` runs every benchmark; `npm run bench -- <name>` runs one. */
import { runBoardsBench } from './boards.bench.ts';
import { runFilesBench } from './files.bench.ts';
import { runRegulationBench } from './regulation.bench.ts';

const BENCHES: Record<string, () => Promise<string[]>> = {
  boards: runBoardsBench,
  files: runFilesBench,
  regulation: runRegulationBench,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !(w in BENCHES));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
  console.log(`== ${name}`);
  for (const line of await (BENCHES[name] as () => Promise<string[]>)()) console.log(line);
}
