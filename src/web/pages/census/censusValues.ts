/**
 * The census form's values and their checks, without React: figures as typed, the API's input they
 * make, and the errors said in plain words (a count's error whatever zod said; the patients rule).
 */
import type { TFunction } from 'i18next';
import { type TCensusCounts, ZSubmitCensusReport } from '../../../contracts/census.ts';
import { formatNumber } from '../../components/format.ts';
import { type FieldErrors, validate } from '../../forms/validation.ts';
import { currentLanguage } from '../../i18n/index.ts';

export const CONSOLE_FIELDS = ['available', 'inUse', 'maintenance', 'lent', 'outOfService', 'inTransit'] as const;
export const COUNT_FIELDS = [...CONSOLE_FIELDS, 'circuits', 'cannulas', 'vv', 'va', 'teams'] as const;
export type CountField = (typeof COUNT_FIELDS)[number];
/** Order of the fields on screen (for focus); consolesTotal and patientsTotal are group errors. */
export const ORDER = [
  ...CONSOLE_FIELDS,
  'consolesTotal',
  'circuits',
  'cannulas',
  'vv',
  'va',
  'patientsTotal',
  'teams',
  'comment',
  'correctionReason',
] as const;
/** Where a group error sends the focus. */
export const GROUP_FOCUS: Record<string, string> = { consolesTotal: 'available', patientsTotal: 'vv' };

/** consolesTotal and patientsTotal hold no input: they carry the errors about a whole group. */
export type Values = Record<CountField | 'comment' | 'correctionReason' | 'consolesTotal' | 'patientsTotal', string>;

const MAX_COUNT = 10_000;

export function toValues(counts: TCensusCounts | null): Values {
  const s = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    available: s(counts?.consoles.available),
    inUse: s(counts?.consoles.inUse),
    maintenance: s(counts?.consoles.maintenance),
    lent: s(counts?.consoles.lent),
    outOfService: s(counts?.consoles.outOfService),
    inTransit: s(counts?.consoles.inTransit),
    circuits: s(counts?.circuits),
    cannulas: s(counts?.cannulas),
    vv: s(counts?.patients.vv),
    va: s(counts?.patients.va),
    teams: s(counts?.teams),
    comment: counts?.comment ?? '',
    correctionReason: '',
    consolesTotal: '',
    patientsTotal: '',
  };
}

/** A whole number as typed (spaces allowed), or null. */
export const parseCount = (value: string): number | null => {
  const text = value.replace(/\s+/g, '');
  return /^-?\d+$/.test(text) ? Number(text) : null;
};

/** The API's names of fields (`consoles.inUse`, `patients`…) as the form's. */
export function fieldOf(path: string): string {
  if (path === 'consoles') return 'consolesTotal';
  if (path === 'patients') return 'patientsTotal';
  if (path.startsWith('consoles.')) return path.slice('consoles.'.length);
  if (path.startsWith('patients.')) return path.slice('patients.'.length);
  return path;
}

export function toInput(v: Values, week: string, finess: string, correcting: boolean) {
  const n = (f: CountField) => parseCount(v[f]) ?? Number.NaN;
  return {
    week,
    finess,
    consoles: {
      available: n('available'),
      inUse: n('inUse'),
      maintenance: n('maintenance'),
      lent: n('lent'),
      outOfService: n('outOfService'),
      inTransit: n('inTransit'),
    },
    circuits: n('circuits'),
    cannulas: n('cannulas'),
    patients: { vv: n('vv'), va: n('va') },
    teams: n('teams'),
    comment: v.comment.trim() === '' ? null : v.comment,
    correctionReason: correcting ? v.correctionReason : undefined,
  };
}

/** A count's error in plain language, whatever zod said. */
function countError(value: string, t: TFunction, lang: string): string | undefined {
  if (value.trim() === '') return t('census.form.errors.countRequired');
  const n = parseCount(value);
  if (n === null) return t('census.form.errors.countNotInteger');
  if (n < 0) return t('census.form.errors.countNegative');
  if (n > MAX_COUNT) return t('census.form.errors.countTooBig', { max: formatNumber(MAX_COUNT, lang) });
  return undefined;
}

export function validateValues(
  v: Values,
  week: string,
  finess: string,
  correcting: boolean,
  t: TFunction,
): FieldErrors {
  const lang = currentLanguage();
  const result = validate(ZSubmitCensusReport, toInput(v, week, finess, correcting), { lang, t, fieldOf });
  const errors: FieldErrors = {};
  for (const [field, message] of Object.entries(result.errors ?? {})) {
    if ((COUNT_FIELDS as readonly string[]).includes(field)) continue; // said below, in plain words
    errors[field] = field === 'correctionReason' ? t('census.form.errors.reasonRequired') : message;
  }
  for (const f of COUNT_FIELDS) {
    const message = countError(v[f], t, lang);
    if (message) errors[f] = message;
  }
  if (correcting && v.correctionReason.trim().length < 3)
    errors.correctionReason = t('census.form.errors.reasonRequired');
  // Known before sending: each patient on ECMO occupies a console in use.
  const vv = parseCount(v.vv);
  const va = parseCount(v.va);
  const inUse = parseCount(v.inUse);
  if (vv !== null && va !== null && inUse !== null && vv >= 0 && va >= 0 && inUse >= 0 && vv + va > inUse) {
    errors.patientsTotal = t('census.form.errors.patientsExceedInUse', { patients: vv + va, inUse });
  }
  return errors;
}
