/**
 * A typed agent over the API's operations (`ops`): a signed-in user calls an operation by its id with
 * that operation's own params, query and body, and gets back its status and body typed by what the
 * operation declares — its result on its success status, a problem document on any other it declares.
 * Built over inject (no socket), with the session cookie and, on writes, the CSRF token.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TProblem } from '../../src/contracts/common.ts';
import type {
  CallInput,
  OperationDef,
  OperationResult,
  StatusOf,
  SuccessStatusOf,
} from '../../src/contracts/operation.ts';
import { type Ops, ops } from '../../src/contracts/operations.ts';
import { buildUrl } from '../../src/web/api/client.ts';

export type OperationId = keyof Ops;

interface Sent {
  headers: LightMyRequestResponse['headers'];
  /** The response as inject gave it: raw text and bytes (files), cookies. */
  raw: LightMyRequestResponse;
}
export interface Success<O extends OperationDef> extends Sent {
  status: SuccessStatusOf<O>;
  /** The operation's result: parsed JSON, or the text of a file it produces; nothing on 204. */
  body: OperationResult<O>;
  problem: undefined;
}
export interface Refusal<O extends OperationDef> extends Sent {
  status: Exclude<StatusOf<O>, SuccessStatusOf<O> | 304>;
  body: TProblem;
  problem: TProblem;
}
export interface NotModified extends Sent {
  status: 304;
  body: undefined;
  problem: undefined;
}
/** An operation's answer: narrowed on `status` (`if`, `switch` or `expectStatus`). */
export type Answer<O extends OperationDef> =
  | Success<O>
  | Refusal<O>
  | (304 extends NonNullable<O['statuses']>[number] ? NotModified : never);

export interface CallOptions {
  headers?: Record<string, string>;
  /** The bytes of an upload (operations declaring `upload`), sent with their content type. */
  upload?: { type: string; content: string | Buffer };
}

/** Operations without params, query or body may be called without an input. */
type CallArgs<O> = keyof CallInput<O> extends never
  ? [input?: CallInput<O>, options?: CallOptions]
  : [input: CallInput<O>, options?: CallOptions];

export interface OperationAgent {
  /** Calls the operation and returns its answer, whatever its status. */
  call<K extends OperationId>(id: K, ...args: CallArgs<Ops[K]>): Promise<Answer<Ops[K]>>;
  /** Calls the operation for a step a test relies on: its result, or an error naming the refusal. */
  ok<K extends OperationId>(id: K, ...args: CallArgs<Ops[K]>): Promise<OperationResult<Ops[K]>>;
}

type Send = (
  method: string,
  url: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<LightMyRequestResponse>;

type Scalar = string | number | boolean | null | undefined;

const isJson = (res: LightMyRequestResponse) => /json/.test(String(res.headers['content-type'] ?? ''));

/** The typed calls of an agent, over its way of sending a request (cookie and CSRF token included). */
export function operationAgent(send: Send): OperationAgent {
  const call = async (id: OperationId, input?: unknown, options: CallOptions = {}) => {
    const op: OperationDef = ops[id];
    const parts = (input ?? {}) as { params?: Record<string, Scalar>; query?: Record<string, Scalar>; body?: unknown };
    const headers = { ...options.headers, ...(options.upload ? { 'content-type': options.upload.type } : {}) };
    const raw = await send(
      op.method,
      buildUrl(op.path, parts.params, parts.query),
      options.upload ? options.upload.content : parts.body,
      headers,
    );
    const status = raw.statusCode;
    const success = status === (op.successStatus ?? 200);
    const body = status === 204 || status === 304 ? undefined : isJson(raw) ? raw.json() : raw.body;
    return { status, body, problem: success || status === 304 ? undefined : body, headers: raw.headers, raw };
  };
  return {
    call: call as OperationAgent['call'],
    ok: (async (id: OperationId, input?: unknown, options?: CallOptions) => {
      const answer = await call(id, input, options);
      if (answer.problem !== undefined || answer.status === 304) {
        throw new Error(`${id} answered ${answer.status}: ${JSON.stringify(answer.problem)}`);
      }
      return answer.body;
    }) as OperationAgent['ok'],
  };
}

/** Expects the answer's status (naming the problem when it differs) and narrows the answer to it. */
export function expectStatus<A extends { status: number; problem?: unknown }, S extends A['status']>(
  answer: A,
  status: S,
): asserts answer is Extract<A, { status: S }> {
  expect(answer.status, JSON.stringify(answer.problem)).toBe(status);
}

/** The first field error of a refusal (the one most tests name). */
export const firstError = (answer: { problem?: TProblem }) => answer.problem?.errors?.[0];
