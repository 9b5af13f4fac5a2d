/**
 * Issue "Fleet and weekly census": on the national-scale dataset, the boards over HTTP against a bare
 * Fastify route (same machine, same run, autocannon on loopback), and a 400-row XLSX census import.
 */
import { figure, peakMemoryMiB, requestsPerSecond, startChild } from './support.ts';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function runBoardsBench(): Promise<string[]> {
  const baseline = await startChild('bench/baseline-server.ts');
  const relais = await startChild('bench/relais-server.ts');
  const base = `http://127.0.0.1:${relais.port}`;
  try {
    const login = async (email: string) => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'relais-demo' }),
      });
      if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    };
    const national = await login('national-regulator@demo.relais.fr');
    const regional = await login('regional-regulator@demo.relais.fr');
    // Rounds alternate baseline and boards, so that a neighbour's load on the shared machine hits both alike.
    const rounds: { bare: number; national: number; regional: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const bare = await requestsPerSecond(`http://127.0.0.1:${baseline.port}/constant`, {}, 3);
      const nat = await requestsPerSecond(`${base}/api/boards/national`, { cookie: national.cookie }, 3);
      const reg = await requestsPerSecond(`${base}/api/boards/regions/84`, { cookie: regional.cookie }, 3);
      for (const [name, r] of [
        ['national', nat],
        ['regional', reg],
      ] as const) {
        if (r.errors || r.non2xx) throw new Error(`${name} board: ${r.errors} errors, ${r.non2xx} non-2xx responses`);
      }
      rounds.push({ bare: bare.rps, national: nat.rps, regional: reg.rps });
    }
    const bare = { rps: median(rounds.map((r) => r.bare)) };
    const nationalRps = { rps: median(rounds.map((r) => r.national)) };
    const regionalRps = { rps: median(rounds.map((r) => r.regional)) };
    const nationalRatio = median(rounds.map((r) => r.national / r.bare));
    const regionalRatio = median(rounds.map((r) => r.regional / r.bare));

    // The template hands out every ECMO site prefilled with its last report: a valid 400-row file.
    const template = await fetch(`${base}/api/census/template?format=xlsx`, { headers: { cookie: national.cookie } });
    const xlsx = Buffer.from(await template.arrayBuffer());
    const started = performance.now();
    const imported = await fetch(`${base}/api/census/imports?mode=all&fileName=national.xlsx`, {
      method: 'POST',
      headers: {
        cookie: national.cookie,
        'x-csrf-token': national.csrf,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      body: xlsx,
    });
    const importMs = performance.now() - started;
    const report = (await imported.json()) as { rows?: number; stored?: number; detail?: string };
    if (!imported.ok || report.stored !== report.rows)
      throw new Error(`import failed: ${imported.status} ${JSON.stringify(report).slice(0, 300)}`);

    return [
      `# ${relais.lines.find((l) => l.startsWith('dataset:')) ?? ''}`,
      `# bare Fastify ${Math.round(bare.rps)} req/s, national board ${Math.round(nationalRps.rps)} req/s, regional board ${Math.round(regionalRps.rps)} req/s (medians of 5 alternating rounds, as a browser asks: accept-encoding gzip; absolute figures are noise on a shared machine)`,
      figure('national board throughput vs bare Fastify', nationalRatio, 'ratio', { min: 0.5 }),
      figure('regional board throughput vs bare Fastify', regionalRatio, 'ratio', { min: 0.5 }),
      figure(`XLSX census import of ${report.rows} rows`, Math.round(importMs), 'ms', { max: 2000 }),
      `server peak memory: ${peakMemoryMiB(relais.process.pid)} MiB (no goal set by the issue)`,
    ];
  } finally {
    await relais.stop();
    await baseline.stop();
  }
}
