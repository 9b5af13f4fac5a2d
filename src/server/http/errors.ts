/** Typed errors of the application, turned into RFC 9457 problem documents by one handler. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { TProblem } from '../../contracts/common.ts';
import { type Locale, RULE_MESSAGES, type RuleMessageKey } from '../../contracts/messages.ts';
import { UPLOAD_LIMIT_BYTES, UPLOAD_TYPES } from '../files/limits.ts';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export const TITLES: Record<string, { status: number; title: string }> = {
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
};
export type ErrorCode = keyof typeof TITLES;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message ?? TITLES[code]?.title ?? code);
    this.name = 'AppError';
  }
  get status(): number {
    return TITLES[this.code]?.status ?? 500;
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);
export const forbidden = (detail = 'Your roles do not allow this action on this scope'): AppError =>
  new AppError('forbidden', detail);
export const conflict = (detail: string, fields?: FieldError[]): AppError => new AppError('conflict', detail, fields);
export const invalid = (fields: FieldError[], detail = 'Some fields are not valid'): AppError =>
  new AppError('validation_failed', detail, fields);

/** The request's language for messages: French unless the client prefers English. */
export function requestLocale(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  return typeof header === 'string' && /^en\b/i.test(header.trim()) ? 'en' : 'fr';
}

const zodLocales = { fr: z.locales.fr().localeError, en: z.locales.en().localeError };

/** Field errors of a zod failure; `location` prefixes the path (body, query, params). */
export function zodFieldErrors(error: z.ZodError, location: string, locale: Locale): FieldError[] {
  return error.issues.map((issue) => {
    const key = (issue as { params?: { key?: string } }).params?.key;
    const field = [location, ...issue.path.map(String)].join('.');
    if (key && key in RULE_MESSAGES) {
      return { field, code: key, message: RULE_MESSAGES[key as RuleMessageKey][locale] };
    }
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue as { keys: string[] }).keys;
      return {
        field: [field, keys[0]].join('.'),
        code: 'unknown_field',
        message: locale === 'fr' ? `Champ inconnu : ${keys.join(', ')}` : `Unknown field: ${keys.join(', ')}`,
      };
    }
    const localized = zodLocales[locale](issue as never);
    const message = typeof localized === 'string' ? localized : (localized?.message ?? issue.message);
    return { field, code: issue.code, message };
  });
}

function problem(
  code: ErrorCode,
  detail: string | undefined,
  request: FastifyRequest,
  fields?: FieldError[],
): TProblem {
  const meta = TITLES[code] ?? TITLES.internal;
  return {
    type: `urn:relais:problem:${code}`,
    title: meta?.title ?? 'Error',
    status: meta?.status ?? 500,
    code,
    ...(detail ? { detail } : {}),
    instance: request.url.split('?')[0],
    ...(fields?.length ? { errors: fields } : {}),
  };
}

/** French versions of the generic details (field messages are localized where they are made). */
const DETAILS_FR: Record<string, string> = {
  'Some fields are not valid': 'Certains champs ne sont pas valides.',
  'Sign in first': 'Connectez-vous d’abord.',
  'Your roles do not allow this action': 'Vos rôles ne permettent pas cette action.',
  'Your roles do not allow this action on this scope': 'Vos rôles ne permettent pas cette action sur ce périmètre.',
  'Send the x-csrf-token header given by getCurrentUser': 'Jeton CSRF absent ou erroné : rechargez la page.',
  'Sign-in from another site is refused': 'La connexion depuis un autre site est refusée.',
  'Wrong e-mail or password': 'Adresse ou mot de passe incorrect.',
  'Too many failed sign-ins: wait a few minutes and try again':
    'Trop d’échecs de connexion : patientez quelques minutes.',
  'An unexpected error occurred; it has been logged': 'Une erreur inattendue est survenue ; elle a été journalisée.',
  'The request body exceeds the size limit': 'La requête dépasse la taille autorisée.',
  'Send application/json': 'Type de contenu non pris en charge.',
  'The body is not valid JSON': 'Le corps de la requête n’est pas du JSON valide.',
  'The JSON body is empty': 'Le corps JSON est vide.',
  'No such route': 'Adresse inconnue.',
  'The address is not valid': 'L’adresse demandée n’est pas valide.',
  'The address is too long': 'L’adresse demandée est trop longue.',
  'The database does not answer': 'La base de données ne répond pas.',
};

function localizeDetail(detail: string | undefined, request: FastifyRequest): string | undefined {
  if (!detail || requestLocale(request) !== 'fr') return detail;
  const exact = DETAILS_FR[detail];
  if (exact) return exact;
  const notFoundMatch = /^(.*) not found$/.exec(detail);
  return notFoundMatch ? `Introuvable : ${notFoundMatch[1]}.` : detail;
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  detail?: string,
  fields?: FieldError[],
): FastifyReply {
  const body = problem(code, localizeDetail(detail, request), request, fields);
  return reply.status(body.status).type('application/problem+json; charset=utf-8').send(body);
}

/** Maps Fastify's own errors (body parsing, size, content type) onto our codes. */
function fromFastifyError(error: FastifyError): { code: ErrorCode; detail: string } | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'payload_too_large', detail: 'The request body exceeds the size limit' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'unsupported_media_type', detail: 'Send application/json' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'bad_request', detail: 'The JSON body is empty' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'bad_request', detail: 'The body is not valid JSON' };
    default:
      break;
  }
  if (error instanceof SyntaxError || error.statusCode === 400)
    return { code: 'bad_request', detail: 'The body is not valid JSON' };
  if (error.statusCode === 413) return { code: 'payload_too_large', detail: 'The request body exceeds the size limit' };
  if (error.statusCode === 415) return { code: 'unsupported_media_type', detail: 'Send application/json' };
  return null;
}

/** The 413 detail with the limit that applied: a file upload's or the JSON bodies' ("5 Mo", "1 MB"). */
function bodyLimitDetail(request: FastifyRequest): string {
  const type = String(request.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  const bytes = UPLOAD_TYPES.includes(type ?? '')
    ? UPLOAD_LIMIT_BYTES
    : (request.routeOptions?.bodyLimit ?? request.server.initialConfig.bodyLimit ?? 1_048_576);
  const fr = requestLocale(request) === 'fr';
  const size = new Intl.NumberFormat(fr ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(bytes / 1_048_576);
  return fr
    ? `La requête dépasse la taille autorisée (${size} Mo au plus).`
    : `The request body exceeds the size limit (${size} MB at most).`;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return sendProblem(reply, request, error.code, error.message, error.fields);
    }
    const mapped = fromFastifyError(error as FastifyError);
    if (mapped?.code === 'payload_too_large') return sendProblem(reply, request, mapped.code, bodyLimitDetail(request));
    if (mapped) return sendProblem(reply, request, mapped.code, mapped.detail);
    // Never leak a stack, SQL or driver message: log it, answer generically.
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, 'internal', 'An unexpected error occurred; it has been logged');
  });
}
