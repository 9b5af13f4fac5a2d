/**
 * Security headers on every response, computed once. The policy keeps pages self-contained
 * (no CDN, remote font or tile server: hospital networks filter them). This replaces @fastify/helmet,
 * which rebuilt the same headers on every request: on a polled board that was a tenth of the CPU.
 */
import type { FastifyInstance } from 'fastify';

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "base-uri 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
  "connect-src 'self'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

/**
 * JSON is never rendered as a page: an API response needs only to refuse sniffing, framing and any
 * content (the usual REST set). Fewer bytes on every response of a polled board.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
};

/** Only meaningful over TLS (browsers ignore it on plain HTTP). */
const HSTS = 'max-age=31536000; includeSubDomains';

/** On every reply Fastify sends (responses written straight to the socket set their own, no-store included). */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/')) {
      reply.headers(API_SECURITY_HEADERS);
      // API answers carry personal data and the CSRF token: never kept in a browser's or a proxy's cache
      // (shared ward computers), unless a route says otherwise for public reference data.
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    } else reply.headers(SECURITY_HEADERS);
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    done(null, payload);
  });
}
