/** Rules of the weekly census and of tension, pure (issue "Fleet and weekly census"). */

export interface ConsoleCounts {
  available: number;
  inUse: number;
  maintenance: number;
  lent: number;
  outOfService: number;
  inTransit: number;
}

/** No console in any status: where counts start. */
export const noConsoles = (): ConsoleCounts => ({
  available: 0,
  inUse: 0,
  maintenance: 0,
  lent: 0,
  outOfService: 0,
  inTransit: 0,
});

export const totalConsoles = (c: ConsoleCounts): number =>
  c.available + c.inUse + c.maintenance + c.lent + c.outOfService + c.inTransit;

export const CENSUS_STATUSES = ['on_time', 'late', 'missing', 'pending'] as const;
export type CensusStatus = (typeof CENSUS_STATUSES)[number];

/** How a report reached Relais: the web form, the API, or a file. */
export const REPORT_SOURCES = ['form', 'file', 'api'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

/**
 * Where an establishment stands for a campaign. Timeliness is that of the first version:
 * a later correction does not make a punctual report late.
 */
export function censusStatus(firstSubmittedAt: Date | null, dueAt: Date, now: Date): CensusStatus {
  if (firstSubmittedAt) return firstSubmittedAt.getTime() <= dueAt.getTime() ? 'on_time' : 'late';
  return now.getTime() <= dueAt.getTime() ? 'pending' : 'missing';
}

/** The codes of the register rules (their texts are in contracts/messages/census.ts). */
export type RuleViolation =
  | { field: string; code: 'census.in_use_exceeds_register'; params: { reported: number; registered: number } }
  | { field: string; code: 'census.total_differs_from_register'; params: { reported: number; registered: number } }
  | { field: string; code: 'census.patients_exceed_consoles'; params: { patients: number; inUse: number } };

/**
 * A report must agree with the console register: the consoles reported, whatever their status,
 * are the consoles the register holds for the establishment (owned or on site); patients on ECMO
 * need consoles in use.
 */
export function checkCensusAgainstRegister(
  report: { consoles: ConsoleCounts; patients: { vv: number; va: number } },
  registered: number,
): RuleViolation[] {
  const out: RuleViolation[] = [];
  const reported = totalConsoles(report.consoles);
  if (report.consoles.inUse > registered) {
    out.push({
      field: 'consoles.inUse',
      code: 'census.in_use_exceeds_register',
      params: { reported: report.consoles.inUse, registered },
    });
  } else if (reported !== registered) {
    out.push({ field: 'consoles', code: 'census.total_differs_from_register', params: { reported, registered } });
  }
  const patients = report.patients.vv + report.patients.va;
  if (patients > report.consoles.inUse) {
    out.push({
      field: 'patients',
      code: 'census.patients_exceed_consoles',
      params: { patients, inUse: report.consoles.inUse },
    });
  }
  return out;
}

export const TENSIONS = ['available', 'strained', 'exhausted', 'unknown'] as const;
export type Tension = (typeof TENSIONS)[number];

/**
 * Tension of a territory from its consoles: exhausted when none is available, strained when one
 * or fewer, or under a quarter of the working fleet (available + in use), is available.
 */
export function tensionOf(c: Pick<ConsoleCounts, 'available' | 'inUse'>): Tension {
  const working = c.available + c.inUse;
  if (working === 0) return 'unknown';
  if (c.available === 0) return 'exhausted';
  if (c.available <= 1 || c.available / working < 0.25) return 'strained';
  return 'available';
}

/**
 * How many of the expected reports came, and on time (rates 0..1); `missing` counts only once the
 * campaign is closed (until then an absent report is pending).
 */
export function completeness(expected: number, received: number, onTime: number, closed: boolean) {
  return {
    expected,
    received,
    onTime,
    late: received - onTime,
    missing: closed ? expected - received : 0,
    rate: expected ? received / expected : 0,
    onTimeRate: expected ? onTime / expected : 0,
  };
}
