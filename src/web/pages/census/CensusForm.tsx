/**
 * The weekly census form of one establishment: consoles by status with their live total, circuits,
 * cannulas, patients VV/VA, teams, comment; a correction asks for its reason. Validated as you type
 * with the API's schema (plain-language messages), and the server's refusals shown by their fields.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type TCensusCounts, type TCensusReport, ZSubmitCensusReport } from '../../../contracts/census.ts';
import { ops } from '../../../contracts/operations.ts';
import { call, isApiError } from '../../api/client.ts';
import { censusKeys } from '../../api/keys.ts';
import { LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { Field } from '../../components/Field.tsx';
import { formatNumber } from '../../components/format.ts';
import { ReasonField } from '../../forms/fields.tsx';
import { noticeText, useForm } from '../../forms/useForm.ts';
import { type FieldErrors, validate } from '../../forms/validation.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { invalidateAfterCensus } from './invalidate.ts';

const CONSOLE_FIELDS = ['available', 'inUse', 'maintenance', 'lent', 'outOfService', 'inTransit'] as const;
const COUNT_FIELDS = [...CONSOLE_FIELDS, 'circuits', 'cannulas', 'vv', 'va', 'teams'] as const;
type CountField = (typeof COUNT_FIELDS)[number];
/** Order of the fields on screen (for focus); consolesTotal and patientsTotal are group errors. */
const ORDER = [
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
const GROUP_FOCUS: Record<string, string> = { consolesTotal: 'available', patientsTotal: 'vv' };

/** consolesTotal and patientsTotal hold no input: they carry the errors about a whole group. */
type Values = Record<CountField | 'comment' | 'correctionReason' | 'consolesTotal' | 'patientsTotal', string>;

const MAX_COUNT = 10_000;

function toValues(counts: TCensusCounts | null): Values {
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
const parseCount = (value: string): number | null => {
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

function toInput(v: Values, week: string, finess: string, correcting: boolean) {
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

function validateValues(v: Values, week: string, finess: string, correcting: boolean, t: TFunction): FieldErrors {
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

export interface CensusFormProps {
  finess: string;
  week: string;
  /** The figures the form starts from (last week's report, or the version being corrected). */
  initial: TCensusCounts | null;
  /** The stored version being corrected, if any: the reason becomes required. */
  correcting: TCensusReport | null;
  /** What the prefill came from, said above the form. */
  prefillNote: string | null;
  onSaved: (report: TCensusReport) => void;
  onCancel?: () => void;
}

export function CensusForm(props: CensusFormProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const formId = `census-${props.finess}`;
  const id = (field: string) => `${formId}-${field}`;
  // A first report may meet one stored meanwhile (409): the form then becomes a correction.
  const [conflict, setConflict] = useState(false);
  const correcting = props.correcting !== null || conflict;
  const focusField = (field: string | undefined) => {
    if (field) window.setTimeout(() => document.getElementById(id(GROUP_FOCUS[field] ?? field))?.focus(), 0);
  };

  // The patients rule shows as soon as one of its figures has been left, like a field's error.
  const [patientsTouched, setPatientsTouched] = useState(false);
  const form = useForm<Values>(toValues(props.initial), (values) =>
    validateValues(values, props.week, props.finess, correcting, t),
  );

  const submit = useMutation({
    mutationFn: (body: ReturnType<typeof toInput>) => call(ops.submitCensusReport, { body }),
    onSuccess: (report) => {
      void invalidateAfterCensus(queryClient);
      props.onSaved(report);
    },
    onError: (error) => {
      const raw = isApiError(error) ? error.fieldErrors() : {};
      const fields: FieldErrors = {};
      for (const [path, message] of Object.entries(raw)) fields[fieldOf(path)] = message;
      if (fields.correctionReason && !correcting) {
        setConflict(true);
        void queryClient.invalidateQueries({ queryKey: censusKeys.all });
      }
      const known = Object.keys(fields).filter((f) => (ORDER as readonly string[]).includes(f));
      form.setServerErrors(fields);
      // Fields the form does not show (week, establishment): said at the top.
      const other = Object.entries(fields)
        .filter(([f]) => !known.includes(f))
        .map(([, m]) => m);
      form.setNotice(
        other.length
          ? { kind: 'text', text: other.join(' ') }
          : known.length
            ? { kind: 'invalid' }
            : { kind: 'text', text: errorText(error) },
      );
      focusField(ORDER.find((f) => fields[f]));
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    form.markSubmitted();
    if (form.hasClientErrors) {
      form.setNotice({ kind: 'invalid' });
      focusField(ORDER.find((f) => form.clientErrors[f]));
      return;
    }
    form.setNotice(null);
    submit.mutate(toInput(form.values, props.week, props.finess, correcting));
  };

  /** Editing any figure of a group clears the server's error about the group. */
  const bindCount = (field: CountField) => {
    const bound = form.bind(field);
    const group = (CONSOLE_FIELDS as readonly string[]).includes(field)
      ? 'consolesTotal'
      : field === 'vv' || field === 'va' || field === 'inUse'
        ? 'patientsTotal'
        : null;
    return {
      ...bound,
      onBlur: () => {
        bound.onBlur();
        if (field === 'vv' || field === 'va' || field === 'inUse') setPatientsTouched(true);
      },
      onChange: (event: Parameters<typeof bound.onChange>[0]) => {
        bound.onChange(event);
        if (group || field === 'inUse') {
          form.setServerErrors((prev) => {
            const clear = field === 'inUse' ? ['consolesTotal', 'patientsTotal'] : [group as string];
            if (!clear.some((k) => k in prev)) return prev;
            const next = { ...prev };
            for (const k of clear) delete next[k];
            return next;
          });
        }
      },
    };
  };

  const countInput = (field: CountField, label: string, hint?: string) => (
    <Field id={id(field)} label={label} hint={hint} error={form.errorOf(field)} className="census-count">
      {(c) => (
        <input
          {...c}
          {...bindCount(field)}
          className="input-count"
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
        />
      )}
    </Field>
  );

  const counts = CONSOLE_FIELDS.map((f) => parseCount(form.values[f]));
  const total = counts.every((n) => n !== null) ? counts.reduce<number>((a, n) => a + (n ?? 0), 0) : null;
  const vv = parseCount(form.values.vv);
  const va = parseCount(form.values.va);
  const consolesError = form.errorOf('consolesTotal');
  const patientsError =
    form.errorOf('patientsTotal') ?? (patientsTouched ? form.clientErrors.patientsTotal : undefined);
  const notice = noticeText(form, t);

  return (
    <form id={formId} className="census-form" onSubmit={onSubmit} noValidate aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`} className="census-form-title">
        {correcting
          ? t('census.form.correctTitle', { week: props.week })
          : t('census.form.title', { week: props.week })}
      </h3>
      {props.prefillNote ? <p className="notice notice-info census-prefill">{props.prefillNote}</p> : null}
      <LiveRegion tone="error">{notice}</LiveRegion>

      <fieldset
        className={`census-group${consolesError ? ' census-group-invalid' : ''}`}
        aria-describedby={consolesError ? id('consolesTotal-error') : undefined}
      >
        <legend>{t('census.form.consoles')}</legend>
        <p className="field-hint">{t('census.form.consolesHint')}</p>
        <div className="census-grid">
          {countInput('available', t('census.fields.available'))}
          {countInput('inUse', t('census.fields.inUse'))}
          {countInput('maintenance', t('census.fields.maintenance'))}
          {countInput('lent', t('census.fields.lent'))}
          {countInput('outOfService', t('census.fields.outOfService'))}
          {countInput('inTransit', t('census.fields.inTransit'))}
        </div>
        <p className="census-total" aria-live="polite">
          {t('census.form.total')}{' '}
          <output htmlFor={CONSOLE_FIELDS.map(id).join(' ')} className="census-total-value">
            {total === null ? t('common.none') : formatNumber(total, i18n.language)}
          </output>{' '}
          <span className="muted">{t('census.form.totalHint')}</span>
        </p>
        {consolesError ? (
          <p id={id('consolesTotal-error')} className="field-error">
            <span aria-hidden="true">⚠</span> {consolesError}
          </p>
        ) : null}
      </fieldset>

      <fieldset className="census-group">
        <legend>{t('census.form.consumables')}</legend>
        <div className="census-grid">
          {countInput('circuits', t('census.fields.circuits'), t('census.form.circuitsHint'))}
          {countInput('cannulas', t('census.fields.cannulas'), t('census.form.cannulasHint'))}
        </div>
      </fieldset>

      <fieldset
        className={`census-group${patientsError ? ' census-group-invalid' : ''}`}
        aria-describedby={patientsError ? id('patientsTotal-error') : undefined}
      >
        <legend>{t('census.form.patients')}</legend>
        <div className="census-grid">
          {countInput('vv', t('census.fields.vv'), t('census.form.vvHint'))}
          {countInput('va', t('census.fields.va'), t('census.form.vaHint'))}
        </div>
        <p className="census-total">
          {t('census.form.patientsTotal')}{' '}
          <output htmlFor={`${id('vv')} ${id('va')}`} className="census-total-value">
            {vv === null || va === null ? t('common.none') : formatNumber(vv + va, i18n.language)}
          </output>
        </p>
        {patientsError ? (
          <p id={id('patientsTotal-error')} className="field-error">
            <span aria-hidden="true">⚠</span> {patientsError}
          </p>
        ) : null}
      </fieldset>

      <fieldset className="census-group">
        <legend>{t('census.form.teamsAndComment')}</legend>
        <div className="census-grid">
          {countInput('teams', t('census.fields.teams'), t('census.form.teamsHint'))}
          <Field
            id={id('comment')}
            label={t('census.fields.comment')}
            error={form.errorOf('comment')}
            optional
            className="census-comment"
          >
            {(c) => <textarea {...c} {...form.bind('comment')} rows={2} maxLength={1000} />}
          </Field>
        </div>
      </fieldset>

      {correcting ? (
        <ReasonField
          form={form}
          formId={formId}
          name="correctionReason"
          label={t('census.fields.correctionReason')}
          hint={t('census.form.reasonHint')}
        />
      ) : null}

      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={submit.isPending}>
          {submit.isPending
            ? t('census.form.submitting')
            : correcting
              ? t('census.form.submitCorrection')
              : t('census.form.submit')}
        </button>
        {props.onCancel ? (
          <button type="button" className="button button-secondary" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
