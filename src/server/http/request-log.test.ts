import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { RequestLog } from './request-log.ts';

async function linesAt(level: string): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = Fastify({ logger: { level, stream }, logController: new RequestLog() });
  app.get('/ok', async () => ({ ok: true }));
  app.get('/boom', async () => {
    throw new Error('boom');
  });
  await app.inject('/ok');
  await app.inject('/boom');
  await app.close();
  return lines;
}

describe('request logging', () => {
  it('writes nothing per request at info, one line per answered request at debug', async () => {
    expect((await linesAt('info')).filter((l) => l.msg === 'request' || l.msg === 'incoming request')).toEqual([]);
    const debug = (await linesAt('debug')).filter((l) => l.msg === 'request');
    expect(debug).toEqual([
      expect.objectContaining({ method: 'GET', url: '/ok', status: 200 }),
      expect.objectContaining({ method: 'GET', url: '/boom', status: 500 }),
    ]);
  });
});
