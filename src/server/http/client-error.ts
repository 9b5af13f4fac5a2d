/**
 * Errors raised before a route runs. Node's HTTP parser raises before Fastify has a request (headers too large, a malformed request
 * line, a client too slow to send its headers): answered on the raw socket, as problem+json like
 * every other error. No header was read, so the detail speaks the interface's default language.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type MessageCode, message, renderMessage } from '../../contracts/messages.ts';
import { type ErrorCode, PROBLEMS, sendProblem } from './errors.ts';
import { API_SECURITY_HEADERS } from './security-headers.ts';

const DETAILS: Record<string, { code: ErrorCode; detail: MessageCode }> = {
  HPE_HEADER_OVERFLOW: { code: 'headers_too_large', detail: 'problem.headers_too_large' },
  ERR_HTTP_REQUEST_TIMEOUT: { code: 'request_timeout', detail: 'problem.request_timeout' },
};
const MALFORMED: { code: ErrorCode; detail: MessageCode } = { code: 'bad_request', detail: 'problem.malformed' };

export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { code, detail } = DETAILS[error.code ?? ''] ?? MALFORMED;
  const meta = PROBLEMS[code];
  this.log.debug({ err: error }, 'client error');
  if (socket.writable) {
    const body = JSON.stringify({
      type: `urn:relais:problem:${code}`,
      title: meta.title,
      status: meta.status,
      code,
      detail: renderMessage({ code: detail }, 'fr'),
    });
    const headers = {
      ...API_SECURITY_HEADERS,
      'cache-control': 'no-store',
      'content-type': 'application/problem+json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
    };
    const head = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n');
    socket.end(`HTTP/1.1 ${meta.status} ${STATUS_CODES[meta.status]}\r\n${head}\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

/**
 * Fastify's own refusals before routing (a path with bad percent-encoding, a path parameter over the
 * router's length limit), sent through the problem+json helper like the errors of a route.
 */
export function frameworkErrors(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendProblem(reply, request, 'uri_too_long', message('problem.address_too_long'));
    return;
  }
  sendProblem(reply, request, 'bad_request', message('problem.bad_address'));
}
