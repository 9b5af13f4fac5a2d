/**
 * JSON answers prepared once and sent many times (boards, ranked options): the text, its gzip and
 * brotli forms, an ETag and complete header lists, written straight to the socket — with a 304 when
 * the client already has them. Fastify's reply pipeline has nothing left to do for such bytes.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { API_SECURITY_HEADERS } from './security-headers.ts';

export interface ReadyJson<T> {
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  etag: string;
  /** Complete response header lists, built once: per encoding, and for 304. */
  heads: Record<'br' | 'gzip' | 'identity' | 'notModified', string[]>;
  value: T;
}

/** `brotliQuality`: 11 pays once per change for what wall screens poll; lower for shorter-lived entries. */
export function readyJson<T>(value: T, brotliQuality = 11): ReadyJson<T> {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  const gzip = gzipSync(body, { level: brotliQuality >= 9 ? 9 : 6 });
  const brotli = brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: brotliQuality } });
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  const common = [
    ...Object.entries(API_SECURITY_HEADERS).flat(),
    'etag',
    etag,
    // Signed-in data is never stored by the browser; clients that keep the ETag themselves still get 304.
    'cache-control',
    'no-store',
    'vary',
    'accept-encoding',
  ];
  const json = (bytes: Buffer, encoding?: string) => [
    ...common,
    'content-type',
    'application/json; charset=utf-8',
    'content-length',
    String(bytes.length),
    ...(encoding ? ['content-encoding', encoding] : []),
  ];
  return {
    body,
    gzip,
    brotli,
    etag,
    heads: { br: json(brotli, 'br'), gzip: json(gzip, 'gzip'), identity: json(body), notModified: common },
    value,
  };
}

/** Sends the prepared bytes (brotli or gzip when accepted) or a 304; returns the value for the route's typing. */
export function sendReady<T>(h: { request: FastifyRequest; reply: FastifyReply }, ready: ReadyJson<T>): never {
  const accepted = h.request.headers['accept-encoding'] ?? '';
  h.reply.hijack();
  if (h.request.headers['if-none-match'] === ready.etag) {
    h.reply.raw.writeHead(304, ready.heads.notModified);
    h.reply.raw.end();
  } else if (accepted.includes('br')) {
    h.reply.raw.writeHead(200, ready.heads.br);
    h.reply.raw.end(ready.brotli);
  } else if (accepted.includes('gzip')) {
    h.reply.raw.writeHead(200, ready.heads.gzip);
    h.reply.raw.end(ready.gzip);
  } else {
    h.reply.raw.writeHead(200, ready.heads.identity);
    h.reply.raw.end(ready.body);
  }
  return ready.value as never;
}
