/**
 * Issue "Robust at the edges": four hostile spreadsheets uploaded at once — a sheet of 2 million rows
 * (~0.5 MB) and a zip bomb (1.1 MB inflating to 1.15 GB) — against a server on each engine, while
 * `/api/health` is polled: the server's resident memory must grow by 256 MiB at most and health must
 * answer within 200 ms throughout.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { bombWorkbook, manyRowsWorkbook } from '../test/support/workbooks.ts';
import { type Child, figure, startChild } from './support.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const rssMiB = (pid: number | undefined): number => {
  if (!pid) return Number.NaN;
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
  return kb / 1024;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Storm {
  rssGrowthMiB: number;
  healthMaxMs: number;
  idleHealthMaxMs: number;
  statuses: number[];
  seconds: number;
}

/** Uploads `file` `times` times at once while health and memory are sampled. */
export async function storm(child: Child, file: Buffer, times = 4, timeoutMs = 180_000): Promise<Storm> {
  const base = `http://127.0.0.1:${child.port}`;
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'clinician@demo.relais.fr', password: 'relais-demo' }),
  });
  if (!res.ok) throw new Error(`login: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  await sleep(500);
  // The same polling with no upload: on a shared machine, what health costs anyway.
  let idleMax = 0;
  for (const until = performance.now() + 3000; performance.now() < until; await sleep(20)) {
    const t0 = performance.now();
    await fetch(`${base}/api/health`).then((r) => r.arrayBuffer());
    idleMax = Math.max(idleMax, performance.now() - t0);
  }
  const baseline = rssMiB(child.process.pid);
  let peak = baseline;
  let healthMax = 0;
  let done = false;
  const started = performance.now();
  const sampler = (async () => {
    while (!done) {
      const t0 = performance.now();
      try {
        await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(30_000) }).then((r) => r.arrayBuffer());
      } catch {
        // A timed-out health check counts as its whole wait.
      }
      healthMax = Math.max(healthMax, performance.now() - t0);
      try {
        peak = Math.max(peak, rssMiB(child.process.pid));
      } catch {
        break; // the server is gone
      }
      await sleep(20);
    }
  })();
  const statuses = await Promise.all(
    Array.from({ length: times }, () =>
      fetch(`${base}/api/census/imports?mode=validate`, {
        method: 'POST',
        headers: { 'content-type': XLSX, cookie, 'x-csrf-token': csrf },
        body: new Blob([new Uint8Array(file)]),
        signal: AbortSignal.timeout(timeoutMs),
      })
        .then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        })
        .catch(() => 0),
    ),
  );
  done = true;
  await sampler;
  const exit = child.process.exitCode ?? child.process.signalCode;
  if (exit !== null) console.error(`files bench: the server died during the uploads (${exit})`);
  return {
    rssGrowthMiB: peak - baseline,
    healthMaxMs: healthMax,
    idleHealthMaxMs: idleMax,
    statuses,
    seconds: (performance.now() - started) / 1000,
  };
}

export async function runFilesBench(): Promise<string[]> {
  const files = {
    rows: await manyRowsWorkbook(2_000_000),
    bomb: await bombWorkbook(1_150_000_000),
    // The same bomb declaring 10 MB: nothing to refuse up front, the reader counts what it inflates.
    'lying bomb': await bombWorkbook(1_150_000_000, { declaredSize: 10 * 1_048_576 }),
  };
  const lines = [`files: 2 million rows in ${files.rows.length} bytes, bomb of ${files.bomb.length} bytes`];
  // FILES_BENCH_ENGINES=postgres runs one engine only.
  const engines = (process.env.FILES_BENCH_ENGINES ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
  for (const engine of engines) {
    for (const [name, file] of Object.entries(files)) {
      // A fresh server per case: what one case leaves behind does not count against the next.
      const child = await startChild('bench/files-server.ts', { BENCH_ENGINE: engine });
      try {
        const s = await storm(child, file);
        const out = [
          figure(`${engine} ${name} x4: RSS growth`, Math.round(s.rssGrowthMiB), 'MiB', { max: 256 }),
          figure(`${engine} ${name} x4: slowest health`, Math.round(s.healthMaxMs), 'ms', { max: 200 }),
          `${engine} ${name} x4: statuses ${s.statuses.join(',')} in ${s.seconds.toFixed(1)} s (slowest health without uploads: ${Math.round(s.idleHealthMaxMs)} ms, load average ${loadavg()[0]?.toFixed(1)})`,
        ];
        for (const line of out) console.error(line);
        lines.push(...out);
      } finally {
        // A server killed by its own memory has exited already: nothing to stop.
        if (child.process.exitCode === null && child.process.signalCode === null) await child.stop();
      }
    }
  }
  return lines;
}
