import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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
}

export function defineOperation<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(op: OperationDef<P, Q, B, R>): OperationDef<P, Q, B, R> {
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
export type OperationResult<O> =
  O extends OperationDef<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, infer R>
    ? z.output<R>
    : never;
