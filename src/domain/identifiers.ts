/**
 * French health identifiers (see ../shared/docs/DOMAIN.md, "Identifiers").
 * Pure functions: no I/O, used by the contracts (validation) and the seed.
 */

export type IdentifierCheck =
  | { ok: true; warning?: 'check_digit' }
  | { ok: false; reason: 'format' | 'check_digit' | 'departement' };

/** Luhn checksum over a string of decimal digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (d < 0 || d > 9) return false;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const FINESS_FORMAT = /^(?:\d{2}|2A|2B)\d{7}$/;

/**
 * FINESS (establishment or legal entity): 9 characters, the first two give the
 * département (2A/2B for Corsica). The Luhn check runs over the 9 characters with
 * Corsican letters read as digits (A → 1, B → 2); a failed check is a rejection.
 */
export function checkFiness(value: string): IdentifierCheck {
  if (!FINESS_FORMAT.test(value)) return { ok: false, reason: 'format' };
  const digits = value.replace('2A', '21').replace('2B', '22');
  return luhnValid(digits) ? { ok: true } : { ok: false, reason: 'check_digit' };
}

/**
 * Département code carried by a FINESS number: the first two characters, except overseas
 * (97x: the fourth character completes the code, e.g. 970500039 → 975) and Mayotte (98 → 976).
 */
export function finessDepartement(finess: string): string {
  if (finess.startsWith('97')) return `97${finess.charAt(3)}`;
  if (finess.startsWith('98')) return '976';
  return finess.slice(0, 2);
}

/** RPPS: 11 digits. A failed Luhn check is only a warning (some official test numbers fail it). */
export function checkRpps(value: string): IdentifierCheck {
  if (!/^\d{11}$/.test(value)) return { ok: false, reason: 'format' };
  return luhnValid(value) ? { ok: true } : { ok: true, warning: 'check_digit' };
}

/** ADELI: 9 digits; no public check algorithm, so format only. */
export function checkAdeli(value: string): IdentifierCheck {
  return /^\d{9}$/.test(value) ? { ok: true } : { ok: false, reason: 'format' };
}

/** Completes 8 FINESS characters with their check digit (factories and tests build valid numbers with it). */
export function completeFiness(first8: string): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = `${first8}${d}`;
    if (checkFiness(candidate).ok) return candidate;
  }
  throw new Error(`not a FINESS prefix: ${first8}`);
}

/**
 * INAMI / RIZIV (Belgium): 11 digits — profession digit, five-digit number, two check digits, three
 * qualification digits. The check digits follow the mod 97 family, with a mod 89 variant used for
 * numbers issued since 2013–2019; the variant cannot be told from the number, so a check that holds
 * in neither is only a warning. A profession digit of 0 is out of range.
 */
export function checkInami(value: string): IdentifierCheck {
  if (!/^[1-9]\d{10}$/.test(value)) return { ok: false, reason: 'format' };
  const base = Number(value.slice(0, 6));
  const check = Number(value.slice(6, 8));
  const mod97 = 97 - (base % 97);
  const mod89 = 89 - (base % 89);
  return check === mod97 || check === mod89 ? { ok: true } : { ok: true, warning: 'check_digit' };
}

/** RPPS and ADELI numbers (France), INAMI numbers (Belgium). */
export const PROFESSIONAL_ID_KINDS = ['rpps', 'adeli', 'inami'] as const;
export type ProfessionalIdKind = (typeof PROFESSIONAL_ID_KINDS)[number];

/** The check of a professional identifier by its kind. */
export function checkProfessionalId(kind: ProfessionalIdKind, value: string): IdentifierCheck {
  if (kind === 'rpps') return checkRpps(value);
  if (kind === 'adeli') return checkAdeli(value);
  return checkInami(value);
}
