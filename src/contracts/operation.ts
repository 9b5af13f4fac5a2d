import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Statuses an operation may declare beyond those that follow from its shape (see `statusesOf`). */
export type DeclaredStatus = 304 | 401 | 403 | 404 | 409 | 429 | 503;

/**
 * One API operation, declared once: the server validates with it, the web client calls through it,
 * and the OpenAPI document is generated from it.
 */
export interface OperationDef<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
> {
  operationId: string;
  method: HttpMethod;
  /** Fastify-style path, e.g. `/api/establishments/:finess`. */
  path: string;
  summary: string;
  tag: string;
  /** `public` operations need no session. */
  access: 'public' | 'session';
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  successStatus?: 200 | 201 | 204;
  /** Response content types when not JSON (files, server-sent events). */
  produces?: string[];
  /** Request body content types of an upload (the body is raw bytes, not JSON). */
  upload?: string[];
  /**
   * Statuses it answers besides those its shape implies (`statusesOf`): e.g. 409 when a rule of the
   * current state can refuse it, 404 when a body or query names something that may not exist.
   */
  statuses?: readonly DeclaredStatus[];
}

const WRITE_METHODS: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every status the operation can answer: its success, 500 (unexpected, logged); any input or a body
 * read from a write → 400; a write's body → 413 and 415; a session → 401 and 403 (roles, scope, CSRF);
 * path parameters → 404; then its own `statuses`. The OpenAPI document declares exactly these, and
 * responses checked in tests may answer nothing else.
 */
export function statusesOf(op: OperationDef): number[] {
  const statuses = new Set<number>([op.successStatus ?? 200, 500, ...(op.statuses ?? [])]);
  if (op.params || op.query || op.body || op.upload || WRITE_METHODS.has(op.method)) statuses.add(400);
  if (op.body || op.upload || WRITE_METHODS.has(op.method)) {
    statuses.add(413);
    statuses.add(415);
  }
  if (op.access === 'session') {
    statuses.add(401);
    statuses.add(403);
  }
  if (op.params) statuses.add(404);
  return [...statuses].sort((a, b) => a - b);
}

/** What an operation's type keeps literally, so that its statuses can be known from its type (`StatusOf`). */
export interface Literal<
  M extends HttpMethod,
  A extends 'public' | 'session',
  S extends 200 | 201 | 204 | undefined,
  D extends readonly DeclaredStatus[],
> {
  method: M;
  access: A;
  successStatus?: S;
  statuses?: D;
}

export function defineOperation<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
  const M extends HttpMethod = HttpMethod,
  const A extends 'public' | 'session' = 'public' | 'session',
  const S extends 200 | 201 | 204 | undefined = undefined,
  const D extends readonly DeclaredStatus[] = readonly [],
>(op: OperationDef<P, Q, B, R> & Literal<M, A, S, D>): OperationDef<P, Q, B, R> & Literal<M, A, S, D> {
  return op;
}

type InputOf<T> = T extends z.ZodType ? z.input<T> : undefined;
type OutputOf<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What a caller passes for an operation (pre-default, pre-coercion shapes). */
export type OperationInput<O> =
  O extends OperationDef<infer P, infer Q, infer B, z.ZodType>
    ? { params: InputOf<P>; query: InputOf<Q>; body: InputOf<B> }
    : never;
/** What the server's handler receives (validated, defaults applied). */
export type OperationParsed<O> =
  O extends OperationDef<infer P, infer Q, infer B, z.ZodType>
    ? { params: OutputOf<P>; query: OutputOf<Q>; body: OutputOf<B> }
    : never;
/** The keys of an operation's input that it declares (params, query, body): what a caller passes. */
type Declared<T> = { [K in keyof T as [T[K]] extends [undefined] ? never : K]: T[K] };
export type CallInput<O> = Declared<OperationInput<O>>;

/** Whether an operation declares a part of its input (a schema, not `undefined`). */
type Has<T> = [T] extends [undefined] ? false : true;
type SuccessOf<O extends OperationDef> = [NonNullable<O['successStatus']>] extends [never]
  ? 200
  : NonNullable<O['successStatus']>;
type IsWrite<O extends OperationDef> = O['method'] extends 'GET' ? false : true;
/**
 * Every status an operation can answer, from its type: `statusesOf` at the type level (success, 500,
 * 400 for any input or a write, 413 and 415 for a write, 401 and 403 for a session, 404 for path
 * parameters, and its own `statuses`).
 */
export type StatusOf<O extends OperationDef> =
  | SuccessOf<O>
  | 500
  | NonNullable<O['statuses']>[number]
  | (true extends Has<O['params']> | Has<O['query']> | Has<O['body']> | IsWrite<O> ? 400 : never)
  | (true extends IsWrite<O> ? 413 | 415 : never)
  | (O['access'] extends 'public' ? never : 401 | 403)
  | (true extends Has<O['params']> ? 404 : never);
/** The status an operation answers on success. */
export type SuccessStatusOf<O extends OperationDef> = SuccessOf<O>;

export type OperationResult<O> =
  O extends OperationDef<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, infer R>
    ? z.output<R>
    : never;
