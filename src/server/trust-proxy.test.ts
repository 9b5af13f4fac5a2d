import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { fastifyTrustProxy, loadConfig, parseTrustProxy } from './config.ts';

describe('TRUST_PROXY', () => {
  it('trusts nobody by default, a hop count, or the addresses and ranges named', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback')).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses true, which would let any client choose its address, and anything unreadable', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/any client choose its address/);
    expect(() => parseTrustProxy('0')).toThrow(/hop count/);
    expect(() => parseTrustProxy('proxy.local')).toThrow(/proxy.local/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/10.0.0.0\/33/);
    expect(() => parseTrustProxy('127.0.0.1,')).toThrow(/empty/);
  });

  it('with a hop count, takes the address the nearest proxies appended, never one the client wrote before them', async () => {
    const app = Fastify({ trustProxy: fastifyTrustProxy(parseTrustProxy('1')) });
    app.get('/ip', async (request) => ({ ip: request.ip }));
    const seen = await app.inject({ url: '/ip', headers: { 'x-forwarded-for': '203.0.113.7, 198.51.100.2' } });
    expect(seen.json()).toEqual({ ip: '198.51.100.2' });
    const direct = await app.inject({ url: '/ip' });
    expect(direct.json()).toEqual({ ip: '127.0.0.1' });
    await app.close();
  });
});
