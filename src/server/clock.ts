/**
 * The one clock of the app. Every reading of "now" on the server goes through it, so that tests and the
 * demo can pin the date (RELAIS_NOW) and no behaviour depends on the day the code runs.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that starts at `start` and runs on at the wall clock's pace (demo, end-to-end runs). */
export function clockStartingAt(start: Date): Clock {
  const offset = start.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

/** A clock that only moves when told (unit and integration tests). */
export interface ManualClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function manualClock(start: Date | string): ManualClock {
  let t = new Date(start).getTime();
  if (Number.isNaN(t)) throw new RangeError(`not an instant: ${String(start)}`);
  return {
    now: () => new Date(t),
    set(at) {
      t = new Date(at).getTime();
    },
    advance(ms) {
      t += ms;
    },
  };
}

/** RELAIS_NOW=2026-12-28T08:00:00Z pins the start of the clock; absent, the system clock. */
export function clockFromEnv(raw: string | undefined): Clock {
  if (!raw) return systemClock;
  const start = new Date(raw);
  if (Number.isNaN(start.getTime())) throw new Error(`RELAIS_NOW: an ISO 8601 instant, not ${raw}`);
  return clockStartingAt(start);
}
