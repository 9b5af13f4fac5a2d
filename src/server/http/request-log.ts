/**
 * Request logging for a terminal: Fastify writes two `info` lines per request by default, which in
 * 40 minutes of clicking bury the start-up banner under thousands of JSON lines. Requests are logged at
 * `debug` (one line, when answered; `LOG_LEVEL=debug` shows them); a request that fails stays at `error`.
 */
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) {
      reply.log.error({ err: error, responseTime: reply.elapsedTime }, 'request errored');
      return;
    }
    reply.log.debug(
      { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  }
}
