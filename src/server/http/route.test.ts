import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineOperation, statusesOf } from '../../contracts/operation.ts';
import { AppError, installErrorHandler } from './errors.ts';
import { registerOperation } from './route.ts';

const op = defineOperation({
  operationId: 'getThing',
  method: 'GET',
  path: '/api/things/:id',
  summary: 'One thing',
  tag: 'test',
  access: 'public',
  statuses: [409],
  params: z.strictObject({ id: z.string() }),
  response: z.object({ id: z.string() }),
});

let app: FastifyInstance | undefined;
afterEach(() => app?.close());

async function appAnswering(validateResponses: boolean, answer: (id: string) => { id: string }) {
  app = Fastify();
  installErrorHandler(app);
  registerOperation(app, { validateResponses }, op, { handler: async ({ input }) => answer(input.params.id) });
  await app.ready();
  return app;
}

describe('statuses an operation answers', () => {
  it('follow from its shape, plus those it declares', () => {
    expect(statusesOf(op)).toEqual([200, 400, 404, 409, 500]);
    const write = defineOperation({ ...op, method: 'POST', access: 'session', statuses: undefined, params: undefined });
    expect(statusesOf(write)).toEqual([200, 400, 401, 403, 413, 415, 500]);
  });

  it('pass the check when declared, errors included', async () => {
    const a = await appAnswering(true, (id) => {
      if (id === 'taken') throw new AppError('conflict');
      if (id === 'gone') throw new AppError('not_found');
      return { id };
    });
    expect((await a.inject({ url: '/api/things/one' })).statusCode).toBe(200);
    expect((await a.inject({ url: '/api/things/taken' })).statusCode).toBe(409);
    expect((await a.inject({ url: '/api/things/gone' })).statusCode).toBe(404);
  });

  it('fail loudly in tests when undeclared: a 500 naming the operation and the status', async () => {
    const a = await appAnswering(true, () => {
      throw new AppError('rate_limited');
    });
    const res = await a.inject({ url: '/api/things/one' });
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain('getThing answered 429, which its contract does not declare');
  });

  it('are not checked outside tests', async () => {
    const a = await appAnswering(false, () => {
      throw new AppError('rate_limited');
    });
    expect((await a.inject({ url: '/api/things/one' })).statusCode).toBe(429);
  });
});
