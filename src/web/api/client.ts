/**
 * The typed HTTP client: one function, generic over the operations declared in the contracts.
 * URL from the operation's path and query, JSON body, session cookie, CSRF header on writes,
 * the interface language as accept-language, and problem documents turned into ApiError.
 */
import { type TProblem, ZProblem } from '../../contracts/common.ts';
import type { CallInput, OperationDef, OperationResult } from '../../contracts/operation.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;
let language: () => string = () => 'fr';

/** Remembers the token given by `getCurrentUser` / `login`, sent back on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Where the client reads the interface language from (for accept-language). */
export function setLanguageSource(source: () => string): void {
  language = source;
}

export class ApiError extends Error {
  constructor(readonly problem: TProblem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
  /**
   * Field errors keyed by field path without its location prefix (`body.finess` → `finess`);
   * the first message of each field wins.
   */
  fieldErrors(location = 'body'): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      const field = e.field.startsWith(`${location}.`) ? e.field.slice(location.length + 1) : e.field;
      out[field] ??= e.message;
    }
    return out;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

export type { CallInput };

/** Operations without params, query or body may be called without an input. */
type CallArgs<O> = keyof CallInput<O> extends never ? [input?: CallInput<O>] : [input: CallInput<O>];

type Scalar = string | number | boolean | null | undefined;

export function buildUrl(path: string, params?: Record<string, Scalar>, query?: Record<string, Scalar>): string {
  const url = path.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') throw new Error(`Missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${url}?${qs}` : url;
}

async function readProblem(response: Response): Promise<TProblem> {
  const fallback: TProblem = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    code: response.status === 401 ? 'unauthenticated' : `http_${response.status}`,
  };
  try {
    const parsed = ZProblem.safeParse(await response.json());
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/** Calls one API operation; resolves with its result or rejects with an ApiError. */
export async function call<O extends OperationDef>(op: O, ...[input]: CallArgs<O>): Promise<OperationResult<O>> {
  const parts = (input ?? {}) as { params?: Record<string, Scalar>; query?: Record<string, Scalar>; body?: unknown };
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': language(),
    // Tells the server a person typed this in the web app (census reports record their channel).
    'x-relais-client': 'web',
  };
  if (parts.body !== undefined) headers['content-type'] = 'application/json';
  if (WRITE_METHODS.has(op.method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(op.path, parts.params, parts.query), {
      method: op.method,
      headers,
      credentials: 'same-origin',
      body: parts.body === undefined ? undefined : JSON.stringify(parts.body),
    });
  } catch (error) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      code: 'network',
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  if (!response.ok) throw new ApiError(await readProblem(response));
  if (response.status === 204) return undefined as OperationResult<O>;
  return (await response.json()) as OperationResult<O>;
}
