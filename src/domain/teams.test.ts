import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInami, checkProfessionalId } from './identifiers.ts';
import {
  checkComposition,
  DEFAULT_COMPOSITION,
  MEMBER_ROLES,
  type OnDuty,
  overlaps,
  QUALIFICATION_KINDS,
  qualificationValidOn,
  type RosterShift,
  rosterGaps,
  shiftProblems,
  spanOf,
  TEAM_KINDS,
  windowProblem,
} from './teams.ts';
import { dueAfter, fitToGo, upkeepState } from './upkeep.ts';

const person = (id: string, role: OnDuty['role'], kinds: string[], callInMinutes = 0): OnDuty => ({
  professionalId: id,
  name: id,
  role,
  kind: callInMinutes ? 'on_call' : 'on_site',
  callInMinutes,
  qualifications: kinds.map((kind) => ({ kind: kind as never, issuedOn: '2020-01-01', validUntil: null })),
});
const DAY = '2026-11-23';

describe('qualifications and compositions', () => {
  it('holds a qualification from its issue day to its last valid day', () => {
    const q = { kind: 'aed_attestation' as const, issuedOn: '2024-03-01', validUntil: '2026-03-01' };
    expect(qualificationValidOn(q, '2024-02-29')).toBe(false);
    expect(qualificationValidOn(q, '2026-03-01')).toBe(true);
    expect(qualificationValidOn(q, '2026-03-02')).toBe(false);
  });

  it('deploys a mobile unit only with a cannulating physician and a qualified perfusionist, ready when the last arrives', () => {
    const slots = DEFAULT_COMPOSITION.umac;
    const doctor = person('doc', 'intensivist', ['ecmo_cannulation']);
    const perf = person('perf', 'perfusionist', ['perfusion_master'], 30);
    expect(checkComposition(slots, [doctor, perf], DAY)).toMatchObject({ complete: true, readyInMinutes: 30 });
    const unqualified = person('perf2', 'perfusionist', []);
    expect(checkComposition(slots, [doctor, unqualified], DAY)).toMatchObject({
      complete: false,
      readyInMinutes: null,
    });
    // One person never fills two slots.
    const both = person('both', 'intensivist', ['ecmo_cannulation', 'perfusion_master']);
    expect(checkComposition(slots, [both], DAY).complete).toBe(false);
  });

  it('prefers those on site when several could fill a slot', () => {
    const slots = DEFAULT_COMPOSITION.umac;
    const result = checkComposition(
      slots,
      [
        person('far', 'surgeon', ['ecmo_cannulation'], 45),
        person('near', 'intensivist', ['ecmo_cannulation']),
        person('perf', 'perfusionist', ['be_agrement']),
      ],
      DAY,
    );
    expect(result.filled.map((p) => p?.professionalId)).toEqual(['near', 'perf']);
    expect(result.readyInMinutes).toBe(0);
  });

  it('fills each slot with a different person who fits it, whatever the order of those on duty', () => {
    const someone = fc.record({
      professionalId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      role: fc.constantFrom(...MEMBER_ROLES),
      kinds: fc.subarray([...QUALIFICATION_KINDS]),
      callInMinutes: fc.constantFrom(0, 15, 30, 45),
      expired: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...TEAM_KINDS),
        fc.uniqueArray(someone, { selector: (p) => p.professionalId, maxLength: 6 }),
        (kind, drawn) => {
          const onDuty: OnDuty[] = drawn.map((p) => ({
            ...person(p.professionalId, p.role, p.kinds, p.callInMinutes),
            qualifications: p.kinds.map((k) => ({
              kind: k,
              issuedOn: '2020-01-01',
              validUntil: p.expired ? '2026-11-22' : null,
            })),
          }));
          const slots = DEFAULT_COMPOSITION[kind];
          const check = checkComposition(slots, onDuty, DAY);
          const filled = check.filled.filter((p) => p !== null);
          expect(new Set(filled.map((p) => p.professionalId)).size).toBe(filled.length);
          check.filled.forEach((p, i) => {
            if (!p) return;
            const slot = slots[i];
            expect(slot?.roles).toContain(p.role);
            if (slot?.qualifications.length) {
              expect(p.qualifications.some((q) => slot.qualifications.includes(q.kind) && q.validUntil === null)).toBe(
                true,
              );
            }
          });
          expect(check.complete).toBe(filled.length === slots.length);
          const reversed = checkComposition(slots, [...onDuty].reverse(), DAY);
          expect([reversed.complete, reversed.readyInMinutes]).toEqual([check.complete, check.readyInMinutes]);
        },
      ),
    );
  });

  it('finds the spans where the roster lacks its composition, merged', () => {
    const at = (h: number) => new Date(Date.UTC(2026, 10, 23, h));
    const shift = (id: string, role: OnDuty['role'], kinds: string[], from: number, to: number) => ({
      id,
      teamId: 't',
      professionalId: id,
      name: id,
      role,
      kind: 'on_site' as const,
      startsAt: at(from),
      endsAt: at(to),
      callInMinutes: 0,
      qualifications: kinds.map((kind) => ({ kind: kind as never, issuedOn: '2020-01-01', validUntil: null })),
    });
    const gaps = rosterGaps(
      't',
      DEFAULT_COMPOSITION.umac,
      [
        shift('doc', 'surgeon', ['ecmo_cannulation'], 0, 24),
        shift('perf', 'perfusionist', ['perfusion_master'], 8, 20),
      ],
      at(0),
      at(24),
      () => DAY,
    );
    expect(gaps.map((g) => [g.startsAt.getUTCHours(), g.endsAt.getUTCHours() || 24, g.missing])).toEqual([
      [0, 8, [1]],
      [20, 24, [1]],
    ]);
  });
});

describe('the roster’s rules for shifts', () => {
  const hour = (h: number) => new Date(Date.UTC(2026, 10, 23, h));
  const shift = (professionalId: string, from: number, to: number, over: Partial<RosterShift> = {}): RosterShift => ({
    teamId: 't',
    professionalId,
    role: 'perfusionist',
    kind: 'on_site',
    startsAt: hour(from),
    endsAt: hour(to),
    ...over,
  });
  const members = ['a', 'b', 'c'].map((professionalId) => ({
    teamId: 't',
    professionalId,
    role: 'perfusionist' as const,
  }));

  it('refuses a shift that ends before it starts, a non-member, a role the member does not hold', () => {
    const problems = shiftProblems([shift('a', 8, 8), shift('z', 8, 20), shift('b', 8, 20, { role: 'nurse' })], {
      members,
      stored: [],
    });
    expect(problems).toEqual([
      { index: 0, field: 'endsAt', code: 'ends_before_start' },
      { index: 1, field: 'professionalId', code: 'not_member' },
      { index: 2, field: 'role', code: 'role_mismatch', memberRole: 'perfusionist' },
    ]);
  });

  it('refuses a shift overlapping another of the same person, stored (naming its team) or sent with it', () => {
    const stored = [{ ...shift('a', 18, 22, { teamId: 'u' }), teamName: 'UMAC Lyon' }];
    expect(shiftProblems([shift('a', 8, 20), shift('b', 8, 20), shift('b', 19, 23)], { members, stored })).toEqual([
      { index: 0, field: 'startsAt', code: 'overlapping_shift', teamName: 'UMAC Lyon' },
      { index: 2, field: 'startsAt', code: 'overlapping_shift', teamName: null },
    ]);
  });

  it('lets the replaced window’s shifts go, and a shift sent back as it was stand after its person left', () => {
    const stored = [{ ...shift('gone', 8, 20), teamName: 'ECMO' }];
    const replacing = { teamId: 't', from: hour(0), to: hour(24) };
    expect(shiftProblems([shift('gone', 8, 20)], { members, stored, replacing })).toEqual([]);
    expect(shiftProblems([shift('gone', 9, 20)], { members, stored, replacing })).toEqual([
      { index: 0, field: 'professionalId', code: 'not_member' },
    ]);
    // Without the window, a stored shift stays and meets the new one.
    const staying = [{ ...shift('a', 8, 20), teamName: 'ECMO' }];
    expect(shiftProblems([shift('a', 8, 20)], { members, stored: staying })).toEqual([
      { index: 0, field: 'startsAt', code: 'overlapping_shift', teamName: 'ECMO' },
    ]);
  });

  it('reports an overlap exactly when two shifts of one person overlap, whatever their order', () => {
    const drawn = fc.array(
      fc
        .record({
          who: fc.constantFrom('a', 'b', 'c'),
          from: fc.integer({ min: 0, max: 20 }),
          length: fc.integer({ min: 1, max: 12 }),
        })
        .map((d) => shift(d.who, d.from, d.from + d.length)),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(drawn, drawn, (sent, kept) => {
        const stored = kept.map((k) => ({ ...k, teamId: 'other', teamName: 'Other' }));
        const problems = shiftProblems(sent, { members, stored });
        const clashes = sent.some(
          (s, i) =>
            stored.some((k) => k.professionalId === s.professionalId && overlaps(s, k)) ||
            sent.some((o, j) => j !== i && o.professionalId === s.professionalId && overlaps(s, o)),
        );
        expect(problems.length > 0).toBe(clashes);
        expect(problems.every((p) => p.code === 'overlapping_shift')).toBe(true);
        expect(shiftProblems([...sent].reverse(), { members, stored }).length > 0).toBe(clashes);
        // The span covers every shift: a stored shift outside it meets none.
        const span = spanOf(sent);
        for (const s of sent) expect(s.startsAt >= span.from && s.endsAt <= span.to).toBe(true);
      }),
    );
  });

  it('takes windows that end after they start, up to 62 days', () => {
    expect(windowProblem(hour(8), hour(8))).toBe('before_from');
    expect(windowProblem(hour(0), new Date(hour(0).getTime() + 62 * 86_400_000))).toBeNull();
    expect(windowProblem(hour(0), new Date(hour(0).getTime() + 62 * 86_400_000 + 1))).toBe('window_too_long');
  });
});

describe('identifiers of professionals', () => {
  it('checks INAMI numbers: format refused, check digits only warned', () => {
    const base = 123456;
    const good = `${base}${String(97 - (base % 97)).padStart(2, '0')}000`;
    expect(checkInami(good)).toEqual({ ok: true });
    // The mod 89 variant of numbers issued since 2013–2019 holds too.
    expect(checkInami(`${base}${89 - (base % 89)}000`)).toEqual({ ok: true });
    expect(checkInami('12345600000')).toEqual({ ok: true, warning: 'check_digit' });
    for (const bad of ['1234567890', '123456789012', '1234567890A', '']) expect(checkInami(bad).ok).toBe(false);
    expect(checkInami('02345678901')).toEqual({ ok: false, reason: 'format' });
    expect(checkProfessionalId('adeli', '69123')).toEqual({ ok: false, reason: 'format' });
    expect(checkProfessionalId('rpps', '10000001916')).toEqual({ ok: true });
  });
});

describe('upkeep', () => {
  it('says when a console falls due and whether it may go', () => {
    expect(dueAfter('2026-11-22', 180)).toBe('2027-05-21');
    expect(upkeepState('2026-11-21', '2026-11-22', 14)).toBe('overdue');
    expect(upkeepState('2026-12-01', '2026-11-22', 14)).toBe('due_soon');
    expect(upkeepState(null, '2026-11-22', 14)).toBe('unknown');
    expect(
      fitToGo({ maintenanceDue: '2027-01-01', calibrationDue: '2026-11-22', checkRequired: false }, '2026-11-22'),
    ).toBe(true);
    expect(
      fitToGo({ maintenanceDue: '2027-01-01', calibrationDue: '2026-11-21', checkRequired: false }, '2026-11-22'),
    ).toBe(false);
    expect(fitToGo({ maintenanceDue: null, calibrationDue: null, checkRequired: true }, '2026-11-22')).toBe(false);
  });
});
