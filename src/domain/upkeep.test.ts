import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHECK_ITEMS,
  checkPasses,
  DEFAULT_INTERVALS,
  dueAfter,
  intervalsOf,
  maySignCheck,
  upkeepState,
} from './upkeep.ts';

const allOk = Object.fromEntries(CHECK_ITEMS.map((k) => [k, true])) as Record<(typeof CHECK_ITEMS)[number], boolean>;

describe('upkeep rules', () => {
  it('passes a pre-use check only when every item works', () => {
    expect(checkPasses(allOk)).toBe(true);
    for (const k of CHECK_ITEMS) expect(checkPasses({ ...allOk, [k]: false })).toBe(false);
  });

  it('takes a model’s stored intervals, then its configured ones, then the defaults', () => {
    const config = {
      defaultIntervals: DEFAULT_INTERVALS,
      modelIntervals: { Cardiohelp: { maintenanceDays: 365, calibrationDays: 90 } },
    };
    const stored = { maintenanceDays: 200, calibrationDays: 60 };
    expect(intervalsOf('Cardiohelp', stored, config)).toEqual(stored);
    expect(intervalsOf('Cardiohelp', null, config)).toEqual({ maintenanceDays: 365, calibrationDays: 90 });
    expect(intervalsOf('CentriMag', null, config)).toEqual(DEFAULT_INTERVALS);
    // A model named like an object's own property is still just a model.
    expect(intervalsOf('constructor', null, config)).toEqual(DEFAULT_INTERVALS);
  });

  it('counts calendar days across months, leap days and daylight-saving changes', () => {
    expect(dueAfter('2028-02-28', 1)).toBe('2028-02-29');
    expect(dueAfter('2026-03-28', 2)).toBe('2026-03-30');
    expect(dueAfter('2026-10-24', 7)).toBe('2026-10-31');
    expect(dueAfter('2026-12-31', -365)).toBe('2025-12-31');
  });

  it('is overdue exactly after the due day, never before', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => dueAfter('2024-01-01', n));
    fc.assert(
      fc.property(day, day, fc.integer({ min: 0, max: 60 }), (due, today, soon) => {
        const state = upkeepState(due, today, soon);
        expect(state === 'overdue').toBe(due < today);
        if (state === 'ok') expect(due > dueAfter(today, soon)).toBe(true);
      }),
    );
  });

  it('lets a perfusionist or an ECMO-competent professional sign a check, with a qualification valid that day', () => {
    const held = (kind: 'perfusion_master' | 'ecmo_va' | 'ecmo_cannulation', validUntil: string | null = null) => [
      { kind, issuedOn: '2020-01-01', validUntil },
    ];
    expect(maySignCheck(held('perfusion_master'), '2026-11-23')).toBe(true);
    expect(maySignCheck(held('ecmo_va', '2026-11-23'), '2026-11-23')).toBe(true);
    expect(maySignCheck(held('ecmo_va', '2026-11-22'), '2026-11-23')).toBe(false);
    expect(maySignCheck(held('ecmo_cannulation'), '2026-11-23')).toBe(false);
    expect(maySignCheck([], '2026-11-23')).toBe(false);
  });
});
