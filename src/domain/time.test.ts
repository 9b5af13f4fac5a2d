import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEST_NOW } from '../../test/support/now.ts';
import {
  addDays,
  currentIsoWeek,
  isoWeekMonday,
  isoWeekOfDate,
  isoWeeksInYear,
  parisDate,
  parisWallTime,
  parseIsoWeek,
  shiftIsoWeek,
} from './time.ts';

describe('ISO weeks', () => {
  it('knows which years have 53 weeks', () => {
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
  });

  it('refuses weeks that do not exist', () => {
    expect(parseIsoWeek('2025-W53')).toBeUndefined();
    expect(parseIsoWeek('2026-W54')).toBeUndefined();
    expect(parseIsoWeek('2026-W00')).toBeUndefined();
    expect(parseIsoWeek('2026-47')).toBeUndefined();
    expect(parseIsoWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
  });

  it('places dates around the new year in the right week', () => {
    expect(isoWeekOfDate('2026-11-22')).toBe('2026-W47');
    expect(isoWeekOfDate('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOfDate('2024-12-30')).toBe('2025-W01');
    expect(isoWeekMonday('2025-W01')).toBe('2024-12-30');
  });

  it('round-trips every week through its Monday (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 53 }), (year, week) => {
        const w = `${year}-W${String(week).padStart(2, '0')}`;
        if (!parseIsoWeek(w)) return true;
        return isoWeekOfDate(isoWeekMonday(w)) === w && shiftIsoWeek(shiftIsoWeek(w, 5), -5) === w;
      }),
    );
  });
});

describe('Paris wall time', () => {
  it('reads Wednesday noon in Paris as 11:00 UTC in winter and 10:00 UTC in summer', () => {
    expect(parisWallTime('2026-11-18', '12:00').toISOString()).toBe('2026-11-18T11:00:00.000Z');
    expect(parisWallTime('2026-07-15', '12:00').toISOString()).toBe('2026-07-15T10:00:00.000Z');
  });

  it('uses the Paris date, not the UTC one, to tell the current week', () => {
    // Sunday 23:30 UTC in winter is already Monday 00:30 in Paris.
    expect(currentIsoWeek(new Date('2026-11-22T23:30:00Z'))).toBe('2026-W48');
    expect(currentIsoWeek(new Date('2026-11-22T22:30:00Z'))).toBe('2026-W47');
  });
});

describe('at the instant the tests are pinned to (RELAIS_TEST_NOW)', () => {
  it('agrees on its Paris day, its ISO week and the Paris midnights around it', () => {
    const day = parisDate(TEST_NOW);
    const week = currentIsoWeek(TEST_NOW);
    expect(isoWeekOfDate(day)).toBe(week);
    const monday = isoWeekMonday(week);
    expect(day >= monday && day <= addDays(monday, 6)).toBe(true);
    expect(parisWallTime(day, '00:00').getTime()).toBeLessThanOrEqual(TEST_NOW.getTime());
    expect(parisWallTime(addDays(day, 1), '00:00').getTime()).toBeGreaterThan(TEST_NOW.getTime());
  });
});
