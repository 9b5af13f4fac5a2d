/** Shared pieces of the benchmarks: child servers on loopback, load with autocannon, peak memory. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface Child {
  port: number;
  process: ChildProcess;
  /** Lines the child printed after READY (e.g. its timings). */
  lines: string[];
  stop(): Promise<void>;
}

/** Starts `script` with tsx; it prints `READY <port>` once it serves. */
export async function startChild(
  script: string,
  env: Record<string, string> = {},
  timeoutMs = 240_000,
): Promise<Child> {
  const extra = process.env.RELAIS_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', script], {
    env: { ...process.env, LOG_LEVEL: 'silent', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within ${timeoutMs} ms`)), timeoutMs);
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = /^READY (\d+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        } else lines.push(line);
        nl = buffer.indexOf('\n');
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return {
    port,
    process: child,
    lines,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Requests per second sustained against a URL (after a short warm-up). */
export async function requestsPerSecond(
  url: string,
  headers: Record<string, string> = {},
  seconds = 5,
): Promise<{ rps: number; errors: number; non2xx: number }> {
  // Sent as a browser would: boards are read by browsers, which always accept gzip.
  const run = (duration: number) =>
    autocannon({
      url,
      connections: 16,
      pipelining: 1,
      duration,
      headers: { 'accept-encoding': 'gzip, deflate, br', ...headers },
    });
  await run(1);
  const result = await run(seconds);
  return { rps: result.requests.average, errors: result.errors, non2xx: result.non2xx };
}

/** Peak resident memory of a process so far (Linux VmHWM), in MiB. */
export function peakMemoryMiB(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 1024);
}

/** One figure, as every benchmark prints them. */
export function figure(name: string, value: number, unit: string, goal: { min?: number; max?: number }): string {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(2);
  const g = goal.min !== undefined ? `(goal >= ${goal.min})` : `(goal <= ${goal.max} ${unit})`;
  return `${name}: ${shown} ${unit} ${g}`;
}
