/**
 * Typed errors of the application, turned into RFC 9457 problem documents by one handler. A problem
 * has a code of `PROBLEMS` (its status and title); its detail and its field errors are message codes
 * of the catalogue (contracts/messages.ts), rendered here in the reader's language.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { TProblem } from '../../contracts/common.ts';
import {
  type Locale,
  type MessageArgs,
  type MessageCode,
  type MessageRef,
  message,
  noun,
  RULE_MESSAGES,
  type RuleMessageKey,
  renderMessage,
} from '../../contracts/messages.ts';
import { UPLOAD_LIMIT_BYTES, UPLOAD_TYPES } from '../files/limits.ts';

/** Codes zod gives its own issues (kept as the field error's code, with zod's localized message). */
type ZodIssueCode = z.core.$ZodIssue['code'];
/** The code a field error carries on the wire: one of the catalogue, or zod's. */
export type FieldCode = MessageCode | ZodIssueCode;

/** A field error as the client receives it. */
export interface FieldError {
  field: string;
  code: FieldCode;
  message: string;
}

/** A field error as a service raises it: a code and its parameters, rendered by the handler. */
export interface FieldIssue {
  field: string;
  code: MessageCode;
  params?: MessageRef['params'];
  /** The text when it says more than the code's own (a `duplicate` naming what is taken). */
  says?: MessageRef;
}

/** A field error whose wire code is shared (`duplicate`) but whose text names the case. */
export const issueSaying = (field: string, code: MessageCode, says: MessageRef): FieldIssue => ({ field, code, says });

/** A field error on `field` with the catalogue's message for `code`. */
export function issue<C extends MessageCode>(field: string, code: C, ...args: MessageArgs<C>): FieldIssue {
  const ref = message(code, ...args);
  return ref.params ? { field, code, params: ref.params } : { field, code };
}

/** The optimistic-lock refusal every edit shares: `what` changed since the client read its version. */
export const staleVersion = (what: Parameters<typeof noun>[0], field = 'body.version'): FieldIssue =>
  issue(field, 'stale_version', { what: noun(what) });

export const PROBLEMS = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  bad_request: { status: 400, title: 'The request cannot be read' },
  unauthenticated: { status: 401, title: 'Sign-in required' },
  invalid_credentials: { status: 401, title: 'Wrong e-mail or password' },
  csrf_failed: { status: 403, title: 'Missing or wrong CSRF token' },
  forbidden: { status: 403, title: 'Not allowed' },
  not_found: { status: 404, title: 'Not found' },
  request_timeout: { status: 408, title: 'Request timeout' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  payload_too_large: { status: 413, title: 'Request body too large' },
  uri_too_long: { status: 414, title: 'Address too long' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  rate_limited: { status: 429, title: 'Too many attempts' },
  headers_too_large: { status: 431, title: 'Request headers too large' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;
/** A problem's code: a typo fails the type check. */
export type ErrorCode = keyof typeof PROBLEMS;

/**
 * A detail is a message of the catalogue. A plain string is the text of an internal fault only
 * (never shown to users as is: the 500 handler replaces it).
 */
export type Detail = MessageRef;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: Detail,
    readonly fields?: readonly (FieldIssue | FieldError)[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ? (typeof detail === 'string' ? detail : renderMessage(detail, 'en')) : PROBLEMS[code].title);
    this.name = 'AppError';
  }
  get status(): number {
    return PROBLEMS[this.code].status;
  }
}

/** A fault of the code, not of the request (a contract drift in tests): answered 500 with its text. */
export class InternalFault extends Error {
  override name = 'InternalFault';
  /** Read by Fastify when the fault is raised in a hook after a status was set (an undeclared 429, say). */
  readonly statusCode = 500;
}

/** 404 for a thing named by its noun, with its identifier when the message should show it. */
export const notFound = (what: Parameters<typeof noun>[0], name?: string): AppError =>
  new AppError(
    'not_found',
    name === undefined
      ? message('problem.not_found', { what: noun(what) })
      : message('problem.not_found_named', { what: noun(what), name }),
  );
export const forbidden = (detail: Detail = message('problem.forbidden')): AppError => new AppError('forbidden', detail);
export const conflict = (detail: Detail, fields?: readonly (FieldIssue | FieldError)[]): AppError =>
  new AppError('conflict', detail, fields);
/** 409 for an edit sent with a version that changed since it was read (the field error is `staleVersion`). */
export const staleConflict = (what: Parameters<typeof noun>[0]): AppError =>
  conflict(message('stale_version', { what: noun(what) }), [staleVersion(what)]);
export const invalid = (
  fields: readonly (FieldIssue | FieldError)[],
  detail: Detail = message('problem.invalid'),
): AppError => new AppError('validation_failed', detail, fields);

/** A field error's text in the reader's language. */
export function renderField(field: FieldIssue | FieldError, locale: Locale): FieldError {
  if ('message' in field) return field;
  return { field: field.field, code: field.code, message: renderMessage(field.says ?? field, locale) };
}

/** The request's language for messages: French unless the client prefers English. */
export function requestLocale(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  return typeof header === 'string' && /^en\b/i.test(header.trim()) ? 'en' : 'fr';
}

const zodLocales = { fr: z.locales.fr().localeError, en: z.locales.en().localeError };

/** Field errors of a zod failure; `location` prefixes the path (body, query, params). */
export function zodFieldErrors(error: z.ZodError, location: string, locale: Locale): FieldError[] {
  return error.issues.map((zodIssue) => {
    const key = (zodIssue as { params?: { key?: string } }).params?.key;
    const field = [location, ...zodIssue.path.map(String)].join('.');
    if (key && key in RULE_MESSAGES) {
      return { field, code: key as RuleMessageKey, message: RULE_MESSAGES[key as RuleMessageKey][locale] };
    }
    if (zodIssue.code === 'unrecognized_keys') {
      const keys = (zodIssue as { keys: string[] }).keys;
      return renderField(issue([field, keys[0]].join('.'), 'unknown_field', { keys: keys.join(', ') }), locale);
    }
    const localized = zodLocales[locale](zodIssue as never);
    const message = typeof localized === 'string' ? localized : (localized?.message ?? zodIssue.message);
    return { field, code: zodIssue.code, message };
  });
}

function problem(
  code: ErrorCode,
  detail: string | undefined,
  request: FastifyRequest,
  fields?: readonly FieldError[],
): TProblem {
  const meta: { status: number; title: string } = PROBLEMS[code];
  return {
    type: `urn:relais:problem:${code}`,
    title: meta.title,
    status: meta.status,
    code,
    ...(detail ? { detail } : {}),
    instance: request.url.split('?')[0],
    ...(fields?.length ? { errors: [...fields] } : {}),
  };
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  detail?: Detail,
  fields?: readonly (FieldIssue | FieldError)[],
): FastifyReply {
  const locale = requestLocale(request);
  // A string detail is an unmigrated call site's English text: shown as it is (see AppError).
  const body = problem(
    code,
    detail && (typeof detail === 'string' ? detail : renderMessage(detail, locale)),
    request,
    fields?.map((f) => renderField(f, locale)),
  );
  return reply.status(body.status).type('application/problem+json; charset=utf-8').send(body);
}

/** Maps Fastify's own errors (body parsing, size, content type) onto our codes. */
function fromFastifyError(error: FastifyError): { code: ErrorCode; detail?: Detail } | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'payload_too_large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'unsupported_media_type', detail: message('problem.json_expected') };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'bad_request', detail: message('problem.json_empty') };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'bad_request', detail: message('problem.json_invalid') };
    default:
      break;
  }
  if (error instanceof SyntaxError || error.statusCode === 400)
    return { code: 'bad_request', detail: message('problem.json_invalid') };
  if (error.statusCode === 413) return { code: 'payload_too_large' };
  if (error.statusCode === 415) return { code: 'unsupported_media_type', detail: message('problem.json_expected') };
  return null;
}

/** The 413 detail with the limit that applied: a file upload's or the JSON bodies' ("5 Mo", "1 MB"). */
function bodyLimitDetail(request: FastifyRequest): Detail {
  const type = String(request.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  const bytes = UPLOAD_TYPES.includes(type ?? '')
    ? UPLOAD_LIMIT_BYTES
    : (request.routeOptions?.bodyLimit ?? request.server.initialConfig.bodyLimit ?? 1_048_576);
  // One decimal at most ("1", "0,5"): the catalogue formats the number in the reader's locale.
  return message('problem.body_too_large', { size: Math.round((bytes / 1_048_576) * 10) / 10 });
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | InternalFault, request, reply) => {
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return sendProblem(reply, request, error.code, error.detail, error.fields);
    }
    if (error instanceof InternalFault) {
      request.log.error({ err: error }, 'internal fault');
      return sendProblem(reply, request, 'internal', message('problem.internal_fault', { fault: error.message }));
    }
    const mapped = fromFastifyError(error as FastifyError);
    if (mapped?.code === 'payload_too_large') return sendProblem(reply, request, mapped.code, bodyLimitDetail(request));
    if (mapped) return sendProblem(reply, request, mapped.code, mapped.detail);
    // Never leak a stack, SQL or driver message: log it, answer generically.
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, 'internal', message('problem.internal'));
  });
}
