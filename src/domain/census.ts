/** Rules of the weekly census and of tension, pure (issue "Fleet and weekly census"). */

export interface ConsoleCounts {
  available: number;
  inUse: number;
  maintenance: number;
  lent: number;
  outOfService: number;
  inTransit: number;
}

export const totalConsoles = (c: ConsoleCounts): number =>
  c.available + c.inUse + c.maintenance + c.lent + c.outOfService + c.inTransit;

export type CensusStatus = 'on_time' | 'late' | 'missing' | 'pending';

/**
 * Where an establishment stands for a campaign. Timeliness is that of the first version:
 * a later correction does not make a punctual report late.
 */
export function censusStatus(firstSubmittedAt: Date | null, dueAt: Date, now: Date): CensusStatus {
  if (firstSubmittedAt) return firstSubmittedAt.getTime() <= dueAt.getTime() ? 'on_time' : 'late';
  return now.getTime() <= dueAt.getTime() ? 'pending' : 'missing';
}

export interface RuleViolation {
  field: string;
  code: string;
  params: Record<string, number>;
}

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

export type Tension = 'available' | 'strained' | 'exhausted' | 'unknown';

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

/** A lot counts as available only until the end of its expiry date. */
export function isExpired(expiryDate: string, today: string): boolean {
  return expiryDate < today;
}
