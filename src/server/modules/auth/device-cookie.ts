/**
 * Device cookies (OWASP "Slow Down Online Guessing Attacks with Device Cookies"). After a successful sign-in
 * the browser keeps `relais_device`: one token per account signed in from it (the newest few), each
 * `<account tag>.<nonce>.<issued, seconds>.<HMAC-SHA256 signature>`. The account tag is an HMAC of the
 * e-mail, so the cookie names nobody. The key is RELAIS_DEVICE_KEY, or one generated at first start and kept
 * in table `server_secrets` (shared by every instance); changing it makes every device unknown again.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '../../db/client.ts';
import { storedSecret } from './secrets.repository.ts';

export const DEVICE_COOKIE = 'relais_device';
/** Accounts remembered per browser (a shared ward workstation). */
const MAX_TOKENS = 5;

const b64 = (b: Buffer): string => b.toString('base64url');
const mac = (key: Buffer, text: string): Buffer => createHmac('sha256', key).update(text).digest();

/** RELAIS_DEVICE_KEY: absent, or 32 characters at least (e.g. `openssl rand -base64 32`). */
export function parseDeviceKey(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (raw.length < 32) throw new Error('RELAIS_DEVICE_KEY: 32 characters at least (e.g. openssl rand -base64 32)');
  return raw;
}

const keys = new WeakMap<Database, Promise<Buffer>>();

/** The signing key: from the environment, else generated once and stored in the database. */
export function deviceKey(db: Database, fromEnv: string | undefined, now: Date): Promise<Buffer> {
  if (fromEnv) return Promise.resolve(Buffer.from(fromEnv, 'utf8'));
  let key = keys.get(db);
  if (!key) {
    key = storedSecret(db, 'device_cookie', randomBytes(32), now);
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

const accountTag = (key: Buffer, email: string): string => b64(mac(key, `account:${email}`)).slice(0, 22);

/** The nonce of the cookie's valid, unexpired token for this account, or null (an unknown device). */
export function deviceOf(
  key: Buffer,
  cookie: string | undefined,
  email: string,
  now: Date,
  lifetimeMs: number,
): string | null {
  if (!cookie) return null;
  const tag = accountTag(key, email);
  for (const token of cookie.split('~').slice(0, MAX_TOKENS)) {
    const [t, nonce, issued, sig] = token.split('.');
    if (t !== tag || !nonce || !issued || !sig || !/^\d{1,12}$/.test(issued)) continue;
    const expected = mac(key, `${t}.${nonce}.${issued}`);
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) continue;
    const issuedMs = Number(issued) * 1000;
    if (issuedMs + lifetimeMs <= now.getTime() || issuedMs > now.getTime() + 60_000) continue;
    return nonce;
  }
  return null;
}

/** The cookie after a successful sign-in: a fresh token for this account first, the other accounts' kept. */
export function issueDevice(key: Buffer, cookie: string | undefined, email: string, now: Date): string {
  const tag = accountTag(key, email);
  const body = `${tag}.${b64(randomBytes(12))}.${Math.floor(now.getTime() / 1000)}`;
  const others = (cookie ?? '')
    .split('~')
    .filter((token) => /^[\w-]{22}\.[\w-]{16}\.\d{1,12}\.[\w-]{43}$/.test(token) && !token.startsWith(`${tag}.`));
  return [`${body}.${b64(mac(key, body))}`, ...others].slice(0, MAX_TOKENS).join('~');
}
