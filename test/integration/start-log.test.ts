/**
 * `npm start` in a terminal with the default LOG_LEVEL: the banner stays readable, requests write no
 * line (they are logged at `debug`). Runs the real entry point in a child process (embedded, in memory).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

// The entry point runs on the embedded engine whatever the project: the postgres project leaves it out.
describe('npm start with the default LOG_LEVEL', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it('prints no line for 30 requests, so the start-up banner stays in view', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NODE_ENV: 'production' };
    delete env.LOG_LEVEL;
    delete env.DATABASE_URL;
    env.RELAIS_DATA_DIR = 'memory://';
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr?.on('data', (d) => {
      out += d;
    });
    const deadline = Date.now() + 50_000;
    while (!out.includes('Ctrl-C to stop') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('Ctrl-C to stop');
    const banner = out.length;
    for (let i = 0; i < 10; i++) {
      for (const path of ['/api/health', '/api/auth/me', '/api/no-such-route']) {
        await (await fetch(`http://127.0.0.1:${port}${path}`)).arrayBuffer();
      }
    }
    await new Promise((r) => setTimeout(r, 300));
    // Start-up lines may still land after the banner (Fastify's "Server listening"); no request writes one.
    const after = out
      .slice(banner)
      .split('\n')
      .filter((l) => l.trim() && !l.includes('Server listening'));
    expect(after).toEqual([]);
    expect(out).not.toMatch(/reqId|incoming request|request completed/);
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 70_000);
});
