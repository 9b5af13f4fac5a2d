import { describe, expect, it } from 'vitest';
import { accountWait, DEFAULT_THROTTLE, delayAfter, maxGuesses } from './throttle.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('sign-in throttle for unknown devices', () => {
  it('lets five failures through, then waits 1, 2, 4, 8 and at most 15 minutes after the latest', () => {
    expect([4, 5, 6, 7, 8, 9, 10, 40].map((n) => delayAfter(DEFAULT_THROTTLE, n) / MIN)).toEqual([
      0, 1, 2, 4, 8, 15, 15, 15,
    ]);
    expect(accountWait(DEFAULT_THROTTLE, [0, 1, 2, 3, 4], 10)).toBe(MIN - 6);
    // Failures older than the account's window are forgotten.
    expect(accountWait(DEFAULT_THROTTLE, [0, 1, 2, 3, 4], HOUR + 5)).toBe(0);
  });

  it('bounds the guesses per account: 11 in any hour, under 190 in any day', () => {
    expect(maxGuesses(DEFAULT_THROTTLE, HOUR)).toBe(11);
    expect(maxGuesses(DEFAULT_THROTTLE, 24 * HOUR, 48 * HOUR)).toBeLessThan(190);
  });
});
