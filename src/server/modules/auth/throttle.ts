/**
 * Sign-in throttling, after OWASP's "Slow Down Online Guessing Attacks with Device Cookies":
 * - a browser that signed in to an account keeps a signed device cookie for it; its tries are not subject to
 *   the account's throttle for unknown devices, nor to its address's; a device cookie that fails
 *   `deviceFailures` times within `deviceWindowMs` is refused alone until its failures leave the window;
 * - tries from unknown devices on one account (all addresses together) are free for `freeFailures`
 *   failures within `accountWindowMs`; each further try waits after the latest failure, `firstDelayMs`
 *   doubling with each failure, capped at `maxDelayMs`;
 * - an address is slowed down for unknown devices only past `addressFailures` failures within
 *   `addressWindowMs`, each account counting at most `addressPerAccount` of them: a shared hospital address
 *   is not blocked by attempts on a few accounts, and never for its users' known devices.
 * Counts are rows of `login_failures`, so they hold across instances. Pure rules here; SQL in auth.service.ts.
 */

export interface ThrottlePolicy {
  freeFailures: number;
  accountWindowMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
  deviceFailures: number;
  deviceWindowMs: number;
  addressFailures: number;
  addressPerAccount: number;
  addressWindowMs: number;
  /** Lifetime of a device cookie. */
  deviceCookieMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  freeFailures: 5,
  accountWindowMs: 60 * 60_000,
  firstDelayMs: 60_000,
  maxDelayMs: 15 * 60_000,
  deviceFailures: 5,
  deviceWindowMs: 15 * 60_000,
  addressFailures: 50,
  addressPerAccount: 3,
  addressWindowMs: 15 * 60_000,
  deviceCookieMs: 180 * 24 * 3_600_000,
};

/** The wait owed after the latest failure when `failures` unknown-device failures are in the account's window. */
export function delayAfter(policy: ThrottlePolicy, failures: number): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = failures - policy.freeFailures;
  // 2 ** doublings overflows nothing below 2 ** 1023; cap the exponent all the same.
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(doublings, 30));
}

/**
 * Milliseconds an unknown device must still wait before trying this account, given the times of the
 * account's unknown-device failures within its window (any order); 0 when it may try now.
 */
export function accountWait(policy: ThrottlePolicy, failureTimes: readonly number[], now: number): number {
  const inWindow = failureTimes.filter((t) => t > now - policy.accountWindowMs);
  if (inWindow.length === 0) return 0;
  const latest = Math.max(...inWindow);
  return Math.max(0, latest + delayAfter(policy, inWindow.length) - now);
}

/**
 * The most guesses an attacker on unknown devices can make on one account within any `spanMs`, retrying the
 * moment the policy allows: the figure the documentation states (11 per hour with the defaults).
 */
export function maxGuesses(policy: ThrottlePolicy, spanMs: number, horizonMs = 24 * 3_600_000): number {
  const times: number[] = [];
  let now = 0;
  while (now < horizonMs) {
    const wait = accountWait(policy, times, now);
    if (wait > 0) now += wait;
    else {
      times.push(now);
      now += 1;
    }
  }
  let worst = 0;
  for (const start of times) worst = Math.max(worst, times.filter((t) => t >= start && t < start + spanMs).length);
  return worst;
}
