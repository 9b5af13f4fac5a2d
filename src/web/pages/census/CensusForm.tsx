/**
 * The weekly census form of one establishment: consoles by status with their live total, circuits,
 * cannulas, patients VV/VA, teams, comment; a correction asks for its reason. Validated as you type
 * with the API's schema (plain-language messages), and the server's refusals shown by their fields.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TCensusCounts, TCensusReport } from '../../../contracts/census.ts';
import { ops } from '../../../contracts/operations.ts';
import { call, isApiError } from '../../api/client.ts';
import { censusKeys } from '../../api/keys.ts';
import { LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { Field } from '../../components/Field.tsx';
import { formatNumber } from '../../components/format.ts';
import { ReasonField, SubmitActions } from '../../forms/fields.tsx';
import { noticeText, useForm } from '../../forms/useForm.ts';
import type { FieldErrors } from '../../forms/validation.ts';
import {
  CONSOLE_FIELDS,
  type CountField,
  fieldOf,
  GROUP_FOCUS,
  ORDER,
  parseCount,
  toInput,
  toValues,
  type Values,
  validateValues,
} from './censusValues.ts';
import { invalidateAfterCensus } from './invalidate.ts';

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

      <CountGroup
        legend={t('census.form.consoles')}
        hint={t('census.form.consolesHint')}
        error={consolesError}
        errorId={id('consolesTotal-error')}
      >
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
      </CountGroup>

      <CountGroup legend={t('census.form.consumables')}>
        <div className="census-grid">
          {countInput('circuits', t('census.fields.circuits'), t('census.form.circuitsHint'))}
          {countInput('cannulas', t('census.fields.cannulas'), t('census.form.cannulasHint'))}
        </div>
      </CountGroup>

      <CountGroup legend={t('census.form.patients')} error={patientsError} errorId={id('patientsTotal-error')}>
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
      </CountGroup>

      <CountGroup legend={t('census.form.teamsAndComment')}>
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
      </CountGroup>

      {correcting ? (
        <ReasonField
          form={form}
          formId={formId}
          name="correctionReason"
          label={t('census.fields.correctionReason')}
          hint={t('census.form.reasonHint')}
        />
      ) : null}

      <SubmitActions
        pending={submit.isPending}
        submit={correcting ? t('census.form.submitCorrection') : t('census.form.submit')}
        submitting={t('census.form.submitting')}
      >
        {props.onCancel ? (
          <button type="button" className="button button-secondary" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </SubmitActions>
    </form>
  );
}

/** A group of figures; its error (a total that disagrees, too many patients) is said under it and marks it. */
function CountGroup(props: {
  legend: string;
  hint?: string;
  error?: string | undefined;
  errorId?: string;
  children: ReactNode;
}) {
  return (
    <fieldset
      className={`census-group${props.error ? ' census-group-invalid' : ''}`}
      aria-describedby={props.error ? props.errorId : undefined}
    >
      <legend>{props.legend}</legend>
      {props.hint ? <p className="field-hint">{props.hint}</p> : null}
      {props.children}
      {props.error ? (
        <p id={props.errorId} className="field-error">
          <span aria-hidden="true">⚠</span> {props.error}
        </p>
      ) : null}
    </fieldset>
  );
}
