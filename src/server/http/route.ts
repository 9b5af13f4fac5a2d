/**
 * Registers a contract operation on Fastify: authentication, CSRF, policy gate, input validation
 * with localized field errors, then one call to the handler. Routes stay thin; rules live below.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type Locale, message } from '../../contracts/messages.ts';
import {
  type OperationDef,
  type OperationParsed,
  type OperationResult,
  statusesOf,
} from '../../contracts/operation.ts';
import { type Action, isAllowed } from '../../domain/policy.ts';
import { AppError, type FieldError, InternalFault, requestLocale, zodFieldErrors } from './errors.ts';
import { nulFieldErrors } from './nul-guard.ts';
import type { AuthUser } from './session.ts';

export interface HandlerContext<O> {
  input: OperationParsed<O>;
  /** Present on every `session` operation. */
  user: AuthUser | null;
  locale: Locale;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteOptions<O> {
  /** The policy action that gates this route (scope checks happen in the service). */
  action?: Action;
  handler: (ctx: HandlerContext<O>) => Promise<OperationResult<O>>;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RouteSettings {
  /**
   * Check every response against its schema, and its status against those the operation declares
   * (`statusesOf`), in tests: a drift between code and contract fails loudly, as a 500 naming it.
   */
  validateResponses: boolean;
}

export function registerOperation<O extends OperationDef>(
  app: FastifyInstance,
  settings: RouteSettings,
  op: O,
  options: RouteOptions<O>,
): void {
  app.route({
    method: op.method,
    url: op.path,
    config: { operationId: op.operationId, access: op.access },
    ...(settings.validateResponses ? { onSend: declaredStatusCheck(op) } : {}),
    handler: async (request, reply) => {
      const locale = requestLocale(request);
      const user = request.user ?? null;
      if (op.access === 'session') {
        if (!user) throw new AppError('unauthenticated', message('problem.sign_in_first'));
        if (WRITE_METHODS.has(op.method) && request.headers['x-csrf-token'] !== user.csrfToken) {
          throw new AppError('csrf_failed', message('problem.csrf'));
        }
        if (options.action && !isAllowed(user.grants, options.action)) {
          throw new AppError('forbidden', message('problem.forbidden_action'));
        }
      }
      const fields: FieldError[] = [];
      const parse = (schema: z.ZodType | undefined, value: unknown, location: string): unknown => {
        if (!schema) return undefined;
        const nul = nulFieldErrors(value, location, locale);
        if (nul.length) {
          fields.push(...nul);
          return undefined;
        }
        const result = schema.safeParse(value ?? (location === 'body' ? undefined : {}));
        if (result.success) return result.data;
        fields.push(...zodFieldErrors(result.error, location, locale));
        return undefined;
      };
      const input = {
        params: parse(op.params, request.params, 'params'),
        query: parse(op.query, request.query, 'query'),
        body: parse(op.body, request.body, 'body'),
      } as OperationParsed<O>;
      if (fields.length) throw new AppError('validation_failed', message('problem.invalid'), fields);
      const result = await options.handler({ input, user, locale, request, reply });
      if (reply.sent) return reply;
      if (settings.validateResponses) op.response.parse(result);
      reply.status(op.successStatus ?? 200);
      if (op.successStatus === 204) return reply.send();
      return result;
    },
  });
}

/** An `onSend` hook refusing a status the operation does not declare (replies written raw are not seen). */
function declaredStatusCheck(op: OperationDef) {
  const declared = new Set(statusesOf(op));
  return async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (declared.has(reply.statusCode)) return payload;
    throw new InternalFault(
      `${op.operationId} answered ${reply.statusCode}, which its contract does not declare (statuses in contracts/operation.ts)`,
    );
  };
}
