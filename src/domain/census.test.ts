import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { censusStatus, checkCensusAgainstRegister, noConsoles, tensionOf, totalConsoles } from './census.ts';
import { isExpired } from './fleet.ts';

const consoles = (o: Partial<Record<string, number>> = {}) => ({ ...noConsoles(), ...o });
const due = new Date('2026-11-18T11:00:00Z');

describe('census timeliness', () => {
  it('is on time up to the due instant, late after it', () => {
    expect(censusStatus(new Date('2026-11-18T11:00:00Z'), due, new Date('2026-11-19T09:00:00Z'))).toBe('on_time');
    expect(censusStatus(new Date('2026-11-18T11:00:01Z'), due, new Date('2026-11-19T09:00:00Z'))).toBe('late');
  });
  it('is pending before the due date and missing after it when nothing came', () => {
    expect(censusStatus(null, due, new Date('2026-11-17T09:00:00Z'))).toBe('pending');
    expect(censusStatus(null, due, new Date('2026-11-19T09:00:00Z'))).toBe('missing');
  });
});

describe('census against the console register', () => {
  it('accepts a report whose consoles are exactly the registered ones', () => {
    expect(
      checkCensusAgainstRegister({ consoles: consoles({ available: 2, inUse: 1 }), patients: { vv: 1, va: 0 } }, 3),
    ).toEqual([]);
  });
  it('refuses more consoles in use than registered', () => {
    expect(checkCensusAgainstRegister({ consoles: consoles({ inUse: 5 }), patients: { vv: 0, va: 0 } }, 4)).toEqual([
      { field: 'consoles.inUse', code: 'census.in_use_exceeds_register', params: { reported: 5, registered: 4 } },
    ]);
  });
  it('refuses a total that differs from the register', () => {
    const v = checkCensusAgainstRegister({ consoles: consoles({ available: 1 }), patients: { vv: 0, va: 0 } }, 3);
    expect(v.map((x) => x.code)).toEqual(['census.total_differs_from_register']);
  });
  it('refuses more patients than consoles in use', () => {
    const v = checkCensusAgainstRegister(
      { consoles: consoles({ inUse: 1, available: 1 }), patients: { vv: 1, va: 1 } },
      2,
    );
    expect(v.map((x) => x.code)).toEqual(['census.patients_exceed_consoles']);
  });
  it('never accepts a report whose total differs from the register (property)', () => {
    const n = fc.integer({ min: 0, max: 20 });
    fc.assert(
      fc.property(n, n, n, n, n, n, fc.integer({ min: 0, max: 100 }), (a, b, c, d, e, f, registered) => {
        const report = {
          consoles: consoles({ available: a, inUse: b, maintenance: c, lent: d, outOfService: e, inTransit: f }),
          patients: { vv: 0, va: 0 },
        };
        const ok = checkCensusAgainstRegister(report, registered).length === 0;
        return ok === (totalConsoles(report.consoles) === registered);
      }),
    );
  });
});

describe('tension', () => {
  it('grades a territory by its available consoles', () => {
    expect(tensionOf({ available: 0, inUse: 0 })).toBe('unknown');
    expect(tensionOf({ available: 0, inUse: 4 })).toBe('exhausted');
    expect(tensionOf({ available: 1, inUse: 1 })).toBe('strained');
    expect(tensionOf({ available: 2, inUse: 7 })).toBe('strained');
    expect(tensionOf({ available: 3, inUse: 7 })).toBe('available');
  });
});

describe('expiry', () => {
  it('counts a lot as available through its expiry date, not after', () => {
    expect(isExpired('2026-11-22', '2026-11-22')).toBe(false);
    expect(isExpired('2026-11-21', '2026-11-22')).toBe(true);
  });
});
