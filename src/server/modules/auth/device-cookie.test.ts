import { describe, expect, it } from 'vitest';
import { deviceOf, issueDevice, parseDeviceKey } from './device-cookie.ts';

const key = Buffer.from('k'.repeat(32));
const now = new Date('2026-03-02T08:00:00Z');
const DAY = 86_400_000;

describe('device cookies', () => {
  it('trust a browser for the account it signed in to, and no other', () => {
    const cookie = issueDevice(key, undefined, 'a@chu.fr', now);
    expect(deviceOf(key, cookie, 'a@chu.fr', now, 180 * DAY)).toMatch(/^[\w-]{16}$/);
    expect(deviceOf(key, cookie, 'b@chu.fr', now, 180 * DAY)).toBeNull();
    expect(cookie).not.toContain('chu');
  });

  it('refuse a token signed with another key, altered, or past its lifetime', () => {
    const cookie = issueDevice(key, undefined, 'a@chu.fr', now);
    expect(deviceOf(Buffer.from('x'.repeat(32)), cookie, 'a@chu.fr', now, 180 * DAY)).toBeNull();
    const [tag, nonce, issued, sig] = cookie.split('.');
    expect(deviceOf(key, [tag, nonce, Number(issued) + 1, sig].join('.'), 'a@chu.fr', now, 180 * DAY)).toBeNull();
    expect(deviceOf(key, cookie, 'a@chu.fr', new Date(now.getTime() + 181 * DAY), 180 * DAY)).toBeNull();
  });

  it('keep the newest five accounts of a shared workstation, one token each', () => {
    let cookie: string | undefined;
    for (const who of ['a', 'b', 'c', 'd', 'e', 'f', 'b']) cookie = issueDevice(key, cookie, `${who}@chu.fr`, now);
    expect(cookie?.split('~')).toHaveLength(5);
    const trusted = ['a', 'b', 'c', 'd', 'e', 'f'].filter((w) => deviceOf(key, cookie, `${w}@chu.fr`, now, DAY));
    expect(trusted).toEqual(['c', 'd', 'e', 'f', 'b'].sort());
  });

  it('take RELAIS_DEVICE_KEY of 32 characters or more, and refuse a shorter one', () => {
    expect(parseDeviceKey(undefined)).toBeUndefined();
    expect(parseDeviceKey('s'.repeat(32))).toBe('s'.repeat(32));
    expect(() => parseDeviceKey('short')).toThrow(/RELAIS_DEVICE_KEY/);
  });
});
