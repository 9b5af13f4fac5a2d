/**
 * Regulation rules, pure: which transitions a request may take, whether a case code is pseudonymous,
 * and the ranking of the solutions for a request (issue "Regulation").
 */
import { estimateTravel, type Point, type TravelAssumptions, type TravelEstimate } from './geo.ts';

export const REQUEST_STATES = [
  'filed',
  'regional_regulation',
  'escalated_national',
  'decided',
  'executing',
  'closed',
  'declined',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const OUTCOMES = ['on_ecmo', 'transferred', 'not_indicated', 'died_before', 'withdrawn'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const TRANSITIONS: Record<RequestState, readonly RequestState[]> = {
  filed: ['regional_regulation', 'declined', 'closed'],
  regional_regulation: ['escalated_national', 'decided', 'declined', 'closed'],
  escalated_national: ['decided', 'declined', 'closed'],
  decided: ['executing', 'closed'],
  executing: ['closed'],
  closed: [],
  declined: [],
};

export function canTransition(from: RequestState, to: RequestState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** What a request's timeline records: its filing, then each move of the workflow. */
export const REQUEST_EVENT_KINDS = [
  'filed',
  'take_in_charge',
  'escalate',
  'decide',
  'execute',
  'close',
  'decline',
] as const;
export type RequestEventKind = (typeof REQUEST_EVENT_KINDS)[number];

/** States a request ends in; every other state is live (one live request per case). */
export const CLOSED_STATES: readonly RequestState[] = ['closed', 'declined'];
export const isLive = (s: RequestState): boolean => !CLOSED_STATES.includes(s);
export const LIVE_STATES: readonly RequestState[] = REQUEST_STATES.filter(isLive);

/** States in which a request waits for a solution: past its urgency's limit, it is flagged overdue. */
export const AWAITING_STATES: readonly RequestState[] = ['filed', 'regional_regulation'];
export const isAwaiting = (s: RequestState): boolean => AWAITING_STATES.includes(s);

/** States from which a request may be decided: regional regulation, or the nation's after escalation. */
export const canDecide = (s: RequestState): boolean => canTransition(s, 'decided');

/** Outcomes a request may close with from a state: only an executed solution puts a patient on ECMO. */
export function allowedOutcomes(from: RequestState): readonly Outcome[] {
  if (from === 'executing') return OUTCOMES;
  return ['not_indicated', 'died_before', 'withdrawn'];
}

export const CASE_CODE_PROBLEMS = [
  'format',
  'looks_like_name',
  'looks_like_birth_date',
  'looks_like_social_security_number',
] as const;
export type CaseCodeProblem = (typeof CASE_CODE_PROBLEMS)[number];

const isDate = (y: number, m: number, d: number): boolean =>
  y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;

/**
 * A case code identifies a patient without naming them: 4–24 characters, letters, digits and dashes,
 * at least two digits. Refused when it looks like a name (a run of five letters or more), a date of
 * birth, or a social security number (NIR: 13 or 15 digits starting with 1, 2, 7 or 8).
 */
export function checkCaseCode(raw: string): CaseCodeProblem | null {
  const code = raw.trim().toUpperCase();
  const digits = code.replace(/\D/g, '');
  if (/^[12378]\d{12}(\d{2})?$/.test(digits) && digits.length >= 13) return 'looks_like_social_security_number';
  if (/\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(code) || /\d{4}-\d{2}-\d{2}/.test(code)) return 'looks_like_birth_date';
  for (const m of code.matchAll(/\d{8}/g)) {
    const s = m[0];
    const dmy = isDate(Number(s.slice(4)), Number(s.slice(2, 4)), Number(s.slice(0, 2)));
    const ymd = isDate(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6)));
    if (dmy || ymd) return 'looks_like_birth_date';
  }
  if (/[A-Z]{5,}/.test(code) || /^[A-Z\s'-]+$/.test(code)) return 'looks_like_name';
  if (!/^[A-Z0-9][A-Z0-9-]{3,23}$/.test(code) || digits.length < 2) return 'format';
  return null;
}

export const INDICATIONS = ['VV', 'VA', 'ECPR'] as const;
export type Indication = (typeof INDICATIONS)[number];
export const URGENCIES = ['immediate', 'hours', 'planned'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const AGE_BANDS = ['child', '18-39', '40-59', '60-69', '70+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const OPTION_KINDS = ['transfer', 'umac', 'lend', 'national_stock'] as const;
export type OptionKind = (typeof OPTION_KINDS)[number];
/** Where a solution comes from: a hospital, or a depot of the national stock. */
export const PROVIDER_KINDS = ['establishment', 'depot'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** Loans: a console lent by a centre, or sent from the national stock, and their course. */
export const LOAN_KINDS = ['lend', 'national_stock'] as const satisfies readonly OptionKind[];
export type LoanKind = (typeof LOAN_KINDS)[number];
export const isLoanKind = (k: OptionKind): k is LoanKind => LOAN_KINDS.some((l) => l === k);
export const LOAN_STATES = ['requested', 'in_transit', 'active', 'returning', 'returned', 'recalled'] as const;
export type LoanState = (typeof LOAN_STATES)[number];
/** A loan still out: it can be extended, recalled or returned, and is overdue past its due date. */
export const OPEN_LOAN_STATES: readonly LoanState[] = ['requested', 'in_transit', 'active', 'returning'];
export const isOpenLoan = (s: LoanState): boolean => OPEN_LOAN_STATES.includes(s);

/** Alerts to regulators: a request filed (its region), escalated (the nation), overdue (both). */
export const NOTIFICATION_KINDS = ['request_filed', 'request_escalated', 'request_overdue'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface RequestFacts {
  site: Point & { finess: string; regionCode: string };
  indication: Indication;
  urgency: Urgency;
  /** The requesting site has a team able to run an ECMO (then a loan can be enough). */
  siteCanHost: boolean;
  escalated: boolean;
}

export interface ConsoleFact {
  id: string;
  serialNumber: string;
  model: string;
  /** Only available and fit (not overdue for maintenance) consoles may be offered. */
  available: boolean;
}

export interface Provider extends Point {
  kind: ProviderKind;
  id: string;
  name: string;
  regionCode: string;
  ecmoCentre: boolean;
  umacBase: boolean;
  consoles: readonly ConsoleFact[];
  circuits: number;
  /** Teams able to run an ECMO now (a count, when the roster is not known: tests and simulations). */
  teams: number;
  /**
   * Teams deployable now, from the on-call roster, the readiest first: a centre's ECMO teams (for a
   * transfer) and the mobile units based there (for a dispatch). When given, they decide; `teams`
   * and `umacBase` are then ignored.
   */
  ecmoTeams?: readonly TeamOnCall[];
  umacTeams?: readonly TeamOnCall[];
}

export interface TeamOnCall {
  id: string;
  name: string;
  /** Minutes until its minimum composition is on site (0: on site now). */
  readyInMinutes: number;
}

export interface Reason {
  code: string;
  params: Record<string, string | number>;
}

export interface RankedOption {
  /** Stable identifier of the option: kind + provider; decisions refer to it. */
  key: string;
  kind: OptionKind;
  provider: { kind: ProviderKind; id: string; name: string; regionCode: string };
  consoleId: string;
  consoleSerial: string;
  travel: TravelEstimate;
  /** Minutes from decision to the patient on ECMO, as estimated. */
  minutesToEcmo: number;
  left: { consoles: number; circuits: number };
  teams: number;
  /** The team that would act (transfer, mobile unit), when the roster names one. */
  team: TeamOnCall | null;
  score: number;
  rank: number;
  reasons: Reason[];
}

/** Fixed durations of each kind of solution, minutes (shown as assumptions). */
export const SETUP_MINUTES: Record<OptionKind, number> = {
  // Patient transfer: preparing an unstable patient for transport, then the road.
  transfer: 45,
  // Mobile team: leaving, then cannulating on site.
  umac: 60,
  // Loan: loading the console and circuits; the local team cannulates on arrival.
  lend: 40,
  national_stock: 60,
};

const URGENCY_WEIGHT: Record<Urgency, number> = { immediate: 3, hours: 1.5, planned: 1 };
const KIND_ORDER: Record<OptionKind, number> = { umac: 0, transfer: 1, lend: 2, national_stock: 3 };

const teamReason = (code: string, team: TeamOnCall): Reason => ({
  code,
  params: { team: team.name, minutes: team.readyInMinutes },
});

function pickConsole(p: Provider): ConsoleFact | undefined {
  // The same console whatever order the register lists them in.
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return p.consoles
    .filter((c) => c.available)
    .sort((a, b) => cmp(a.serialNumber, b.serialNumber) || cmp(a.id, b.id))[0];
}

interface Candidate {
  kind: OptionKind;
  p: Provider;
  console: ConsoleFact;
  trip: TravelEstimate;
  leftConsoles: number;
  extra: Reason[];
  team: TeamOnCall | null;
  /** Minutes before the team can leave or take the patient (mobile units assemble first). */
  readyIn: number;
  score: number;
}

/**
 * Ranks the solutions for a request from live capacity. Regional providers only, unless the request
 * is escalated (then any region, and the national stock). Lower score is better: minutes to ECMO
 * weighted by urgency, plus penalties for leaving a lender or a centre without reserve. Candidates are
 * scored light; only the `limit` best are dressed with their reasons.
 */
export function rankOptions(
  req: RequestFacts,
  providers: readonly Provider[],
  travel?: TravelAssumptions,
  limit = Number.POSITIVE_INFINITY,
): RankedOption[] {
  const candidates: Candidate[] = [];
  const weight = URGENCY_WEIGHT[req.urgency];
  for (const p of providers) {
    if (p.kind === 'establishment' && p.id === req.site.finess) continue;
    if (!req.escalated && p.regionCode !== req.site.regionCode) continue;
    if (p.circuits < 1) continue;
    const console = pickConsole(p);
    if (!console) continue;
    let available = 0;
    for (const c of p.consoles) if (c.available) available++;
    const trip = estimateTravel(p, req.site, travel);
    const add = (kind: OptionKind, extra: Reason[], extraPenalty = 0, team: TeamOnCall | null = null) => {
      const leftConsoles = available - 1;
      const reservePenalty = leftConsoles === 0 ? 90 : leftConsoles === 1 ? 30 : 0;
      // A mobile unit leaves once assembled; a centre's team assembles while the patient travels.
      const readyIn = kind === 'umac' && team ? team.readyInMinutes : 0;
      const score = Math.round(
        (readyIn + trip.minutes + SETUP_MINUTES[kind]) * weight + reservePenalty / weight + extraPenalty,
      );
      candidates.push({ kind, p, console, trip, leftConsoles, extra, team, readyIn, score });
    };
    if (p.kind === 'depot') {
      if (req.escalated) add('national_stock', [{ code: 'national_stock_limited_time', params: {} }]);
      continue;
    }
    // The centre's own patients come first: it must keep a team for them.
    const ecmoTeams = p.ecmoTeams ? p.ecmoTeams.length : p.teams;
    const umacTeams = p.umacTeams ? p.umacTeams.length : p.umacBase ? p.teams : 0;
    if (p.ecmoCentre && ecmoTeams >= 1 && req.indication !== 'ECPR') {
      const team = p.ecmoTeams?.[0] ?? null;
      add(
        'transfer',
        [team ? teamReason('team_named', team) : { code: 'team_on_call', params: { teams: ecmoTeams } }],
        req.urgency === 'immediate' ? 15 : 0,
        team,
      );
    }
    if (umacTeams >= 1) {
      const team = p.umacTeams?.[0] ?? null;
      add(
        'umac',
        [team ? teamReason('mobile_team_named', team) : { code: 'mobile_team', params: { teams: umacTeams } }],
        0,
        team,
      );
    }
    // A loan leaves the lender at least one console of its own.
    if (req.siteCanHost && available >= 2) add('lend', [{ code: 'requester_has_team', params: {} }]);
  }
  candidates.sort(
    (a, b) =>
      a.score - b.score || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0),
  );
  return candidates.slice(0, limit).map((c, i) => ({
    key: `${c.kind}:${c.p.id}`,
    kind: c.kind,
    provider: { kind: c.p.kind, id: c.p.id, name: c.p.name, regionCode: c.p.regionCode },
    consoleId: c.console.id,
    consoleSerial: c.console.serialNumber,
    travel: c.trip,
    minutesToEcmo: c.readyIn + c.trip.minutes + SETUP_MINUTES[c.kind],
    left: { consoles: c.leftConsoles, circuits: c.p.circuits - 1 },
    teams: c.p.ecmoTeams ? (c.kind === 'umac' ? (c.p.umacTeams?.length ?? 0) : c.p.ecmoTeams.length) : c.p.teams,
    team: c.team,
    score: c.score,
    rank: i + 1,
    reasons: [
      { code: `travel.${c.trip.mode}`, params: { minutes: c.trip.minutes, km: c.trip.distanceKm } },
      { code: 'setup', params: { minutes: SETUP_MINUTES[c.kind] } },
      { code: 'left_after', params: { consoles: c.leftConsoles, circuits: c.p.circuits - 1 } },
      ...c.extra,
      { code: `urgency.${req.urgency}`, params: { weight } },
    ],
  }));
}
