/**
 * Teams and the on-call roster: who may stand in which slot of a team's minimum composition, whether
 * a team is deployable at a moment, and where a roster leaves a gap. Pure: shifts, qualifications
 * and the composition rules in, answers out.
 */

export const PROFESSIONS = [
  'perfusionist',
  'cardiac_surgeon',
  'intensivist',
  'anaesthetist',
  'cardiologist',
  'emergency_physician',
  'nurse',
  'physiotherapist',
  'other',
] as const;
export type Profession = (typeof PROFESSIONS)[number];

export const QUALIFICATION_KINDS = [
  // French master in health, CEC and circulatory assistance track (since 2020).
  'perfusion_master',
  // Belgian SPF Santé publique agrément (technologist in extracorporeal circulation).
  'be_agrement',
  'ecmo_vv',
  'ecmo_va',
  'ecpr',
  'ecmo_paediatric',
  // Able to cannulate (surgeon or intensivist): what a mobile unit needs on site.
  'ecmo_cannulation',
  'aed_attestation',
] as const;
export type QualificationKind = (typeof QUALIFICATION_KINDS)[number];

export const TEAM_KINDS = ['ecmo', 'umac', 'transplant'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

export const MEMBER_ROLES = ['perfusionist', 'surgeon', 'intensivist', 'nurse'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const SHIFT_KINDS = ['on_site', 'on_call'] as const;
export type ShiftKind = (typeof SHIFT_KINDS)[number];

/** How a mobile unit travels (only mobile units have one). */
export const TRANSPORTS = ['vehicle', 'helicopter'] as const;
export type Transport = (typeof TRANSPORTS)[number];

export interface Qualification {
  kind: QualificationKind;
  /** YYYY-MM-DD */
  issuedOn: string;
  /** YYYY-MM-DD, last valid day; null when it does not expire. */
  validUntil: string | null;
}

/** A qualification holds on day D when issued on or before D and not expired before D. */
export function qualificationValidOn(q: Qualification, day: string): boolean {
  return q.issuedOn <= day && (q.validUntil === null || q.validUntil >= day);
}

/** One slot of a minimum composition: someone in one of these roles holding one of these qualifications. */
export interface CompositionSlot {
  roles: readonly MemberRole[];
  /** Any one of them, valid on the day; empty: the role is enough. */
  qualifications: readonly QualificationKind[];
}
export type Composition = Record<TeamKind, readonly CompositionSlot[]>;

/** Perfusionists qualify by the French master or the Belgian agrément; nurses by an ECMO competence. */
const PERFUSION: readonly QualificationKind[] = ['perfusion_master', 'be_agrement'];

export const DEFAULT_COMPOSITION: Composition = {
  // A mobile unit cannulates on site, then brings the patient back: a cannulating physician and a perfusionist.
  umac: [
    { roles: ['surgeon', 'intensivist'], qualifications: ['ecmo_cannulation'] },
    { roles: ['perfusionist'], qualifications: PERFUSION },
  ],
  // A centre's ECMO team takes a patient in: a cannulating physician and someone to run the circuit.
  ecmo: [
    { roles: ['surgeon', 'intensivist'], qualifications: ['ecmo_cannulation'] },
    { roles: ['perfusionist', 'nurse'], qualifications: [...PERFUSION, 'ecmo_vv', 'ecmo_va'] },
  ],
  transplant: [
    { roles: ['surgeon'], qualifications: [] },
    { roles: ['perfusionist'], qualifications: PERFUSION },
  ],
};

export interface OnDuty {
  professionalId: string;
  name: string;
  role: MemberRole;
  kind: ShiftKind;
  /** Minutes to be on site when on call at home (0 on site). */
  callInMinutes: number;
  qualifications: readonly Qualification[];
}

export interface CompositionCheck {
  complete: boolean;
  /** Who fills each slot (null: nobody), in the composition's order. */
  filled: (OnDuty | null)[];
  /** Minutes until the composition is on site: the longest call-in delay among those who fill it. */
  readyInMinutes: number | null;
}

const fits = (slot: CompositionSlot, p: OnDuty, day: string): boolean =>
  slot.roles.includes(p.role) &&
  (slot.qualifications.length === 0 ||
    p.qualifications.some((q) => slot.qualifications.includes(q.kind) && qualificationValidOn(q, day)));

/**
 * Fills the slots with distinct people (a small search: compositions have a few slots), preferring
 * those on site, then the shortest call-in delay. Deterministic for a given input order of people.
 */
export function checkComposition(
  slots: readonly CompositionSlot[],
  onDuty: readonly OnDuty[],
  day: string,
): CompositionCheck {
  const people = [...onDuty].sort(
    (a, b) =>
      a.callInMinutes - b.callInMinutes ||
      (a.professionalId < b.professionalId ? -1 : a.professionalId > b.professionalId ? 1 : 0),
  );
  let best: (OnDuty | null)[] = slots.map(() => null);
  let bestCount = -1;
  let bestDelay = Number.POSITIVE_INFINITY;
  const current: (OnDuty | null)[] = slots.map(() => null);
  const used = new Set<string>();
  const search = (i: number, count: number, delay: number) => {
    if (i === slots.length) {
      if (count > bestCount || (count === bestCount && delay < bestDelay)) {
        best = [...current];
        bestCount = count;
        bestDelay = delay;
      }
      return;
    }
    const slot = slots[i] as CompositionSlot;
    for (const p of people) {
      if (used.has(p.professionalId) || !fits(slot, p, day)) continue;
      used.add(p.professionalId);
      current[i] = p;
      search(i + 1, count + 1, Math.max(delay, p.callInMinutes));
      used.delete(p.professionalId);
      current[i] = null;
    }
    // Leaving the slot empty is explored too, so that a partial composition is still described.
    search(i + 1, count, delay);
  };
  search(0, 0, 0);
  const complete = bestCount === slots.length;
  return { complete, filled: best, readyInMinutes: complete ? bestDelay : null };
}

/** A shift as the roster's rules see it. */
export interface RosterShift {
  teamId: string;
  professionalId: string;
  role: MemberRole;
  kind: ShiftKind;
  startsAt: Date;
  endsAt: Date;
}

/** A stored shift. */
export interface ShiftFact extends RosterShift {
  id: string;
  callInMinutes: number;
}

/** Whether two time ranges [a, b) overlap. */
export const overlaps = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean =>
  a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();

/** Those of `shifts` on duty at `at`. */
export const onDutyAt = <S extends Pick<ShiftFact, 'startsAt' | 'endsAt'>>(shifts: readonly S[], at: Date): S[] =>
  shifts.filter((s) => s.startsAt.getTime() <= at.getTime() && at.getTime() < s.endsAt.getTime());

export interface RosterGap {
  teamId: string;
  startsAt: Date;
  endsAt: Date;
  /** Indices of the composition's slots nobody fills in that span. */
  missing: number[];
}

/**
 * The spans of [from, to) when a team's minimum composition is not on duty: the window is cut at
 * every shift boundary, each piece checked with those on duty during it; adjacent pieces missing the
 * same slots are merged. A team without any shift in the window is one gap.
 */
export function rosterGaps(
  teamId: string,
  slots: readonly CompositionSlot[],
  shifts: readonly (ShiftFact & { name: string; qualifications: readonly Qualification[] })[],
  from: Date,
  to: Date,
  dayOf: (at: Date) => string,
): RosterGap[] {
  const cuts = new Set<number>([from.getTime(), to.getTime()]);
  for (const s of shifts) {
    for (const t of [s.startsAt.getTime(), s.endsAt.getTime()]) if (t > from.getTime() && t < to.getTime()) cuts.add(t);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const gaps: RosterGap[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = new Date(points[i] as number);
    const end = new Date(points[i + 1] as number);
    const duty = shifts
      .filter((s) => s.startsAt.getTime() <= start.getTime() && s.endsAt.getTime() >= end.getTime())
      .map((s) => ({
        professionalId: s.professionalId,
        name: s.name,
        role: s.role,
        kind: s.kind,
        callInMinutes: s.kind === 'on_site' ? 0 : s.callInMinutes,
        qualifications: s.qualifications,
      }));
    const check = checkComposition(slots, duty, dayOf(start));
    if (check.complete) continue;
    const missing = check.filled.flatMap((p, k) => (p ? [] : [k]));
    const last = gaps[gaps.length - 1];
    if (last && last.endsAt.getTime() === start.getTime() && last.missing.join() === missing.join()) last.endsAt = end;
    else gaps.push({ teamId, startsAt: start, endsAt: end, missing });
  }
  return gaps;
}

/** The longest window a roster is listed or replaced over. */
export const MAX_WINDOW_DAYS = 62;

/** Why a window [from, to) is refused: it ends before it starts, or spans more than `MAX_WINDOW_DAYS`. */
export function windowProblem(from: Date, to: Date): 'before_from' | 'window_too_long' | null {
  if (to.getTime() <= from.getTime()) return 'before_from';
  return to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000 ? 'window_too_long' : null;
}

/** The first of these shifts starting outside [from, to) (the window they replace), or -1. */
export const firstOutside = (shifts: readonly { startsAt: Date }[], from: Date, to: Date): number =>
  shifts.findIndex((s) => s.startsAt.getTime() < from.getTime() || s.startsAt.getTime() >= to.getTime());

/** What the rules need to know besides the shifts: memberships, the shifts already stored, what is replaced. */
export interface RosterFacts {
  /** The teams the people of the shifts belong to, in which role. */
  members: readonly { teamId: string; professionalId: string; role: MemberRole }[];
  /** Stored shifts of those people meeting the span of the new ones (see `spanOf`). */
  stored: readonly (RosterShift & { teamName: string })[];
  /** The window whose shifts of this team the new ones replace (those go, unless sent back as they were). */
  replacing?: { teamId: string; from: Date; to: Date };
}

/** Why the shift at `index` cannot be stored. */
export type ShiftProblem =
  | { index: number; field: 'endsAt'; code: 'ends_before_start' }
  | { index: number; field: 'professionalId'; code: 'not_member' }
  | { index: number; field: 'role'; code: 'role_mismatch'; memberRole: MemberRole }
  /** `teamName`: the team of the stored shift met; null when it is another shift sent with this one. */
  | { index: number; field: 'startsAt'; code: 'overlapping_shift'; teamName: string | null };

/** The instants these shifts touch, from the first to the last: a stored shift outside meets none of them. */
export function spanOf(shifts: readonly { startsAt: Date; endsAt: Date }[]): { from: Date; to: Date } {
  if (shifts.length === 0) return { from: new Date(0), to: new Date(0) };
  const instants = shifts.flatMap((s) => [s.startsAt.getTime(), s.endsAt.getTime()]);
  return { from: new Date(Math.min(...instants)), to: new Date(Math.max(...instants)) };
}

const shiftKey = (s: RosterShift): string =>
  `${s.teamId}:${s.professionalId}:${s.role}:${s.kind}:${s.startsAt.getTime()}:${s.endsAt.getTime()}`;

/**
 * The roster's rules for shifts about to be stored: each ends after it starts; its person is a member
 * of its team, in the role the shift gives; nobody is on two overlapping shifts, among these nor with
 * the stored ones that stay (those of the replaced window go). A shift sent back exactly as stored
 * stands as it was, even if its person has left the team since. One problem per shift at most, the
 * first of that order; of two overlapping new shifts, the later is reported.
 */
export function shiftProblems(shifts: readonly RosterShift[], facts: RosterFacts): ShiftProblem[] {
  const roleOf = new Map(facts.members.map((m) => [`${m.teamId}:${m.professionalId}`, m.role]));
  const { replacing } = facts;
  const replaced = (s: RosterShift) =>
    replacing !== undefined &&
    s.teamId === replacing.teamId &&
    s.startsAt.getTime() >= replacing.from.getTime() &&
    s.startsAt.getTime() < replacing.to.getTime();
  const kept = facts.stored.filter((s) => !replaced(s));
  const unchanged = new Set(facts.stored.filter(replaced).map(shiftKey));
  const problems: ShiftProblem[] = [];
  shifts.forEach((s, index) => {
    if (s.endsAt.getTime() <= s.startsAt.getTime()) {
      problems.push({ index, field: 'endsAt', code: 'ends_before_start' });
      return;
    }
    const memberRole = unchanged.has(shiftKey(s)) ? s.role : roleOf.get(`${s.teamId}:${s.professionalId}`);
    if (!memberRole) {
      problems.push({ index, field: 'professionalId', code: 'not_member' });
      return;
    }
    if (memberRole !== s.role) {
      problems.push({ index, field: 'role', code: 'role_mismatch', memberRole });
      return;
    }
    const clash = kept.find((k) => k.professionalId === s.professionalId && overlaps(s, k));
    const inner = shifts.some((o, j) => j < index && o.professionalId === s.professionalId && overlaps(s, o));
    if (clash || inner) {
      problems.push({ index, field: 'startsAt', code: 'overlapping_shift', teamName: clash?.teamName ?? null });
    }
  });
  return problems;
}
