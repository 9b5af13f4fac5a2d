import { describe, expect, it } from 'vitest';
import { followServerTime, now, onServerClock } from './clock.ts';

describe('The web clock', () => {
  it('follows the server’s time, and says a moment the browser measured on that clock', () => {
    const browser = Date.now();
    followServerTime('2026-11-19T09:00:00.000Z', browser);
    expect(Math.abs(now() - Date.parse('2026-11-19T09:00:00.000Z'))).toBeLessThan(1_000);
    // Fetched 30 s after the server's time was learnt: 09:00:30 on the server's clock.
    expect(new Date(onServerClock(browser + 30_000)).toISOString()).toBe('2026-11-19T09:00:30.000Z');
  });
});
