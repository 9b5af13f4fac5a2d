/**
 * Filing an ECMO request: a pseudonymous case code (checked as you type with the server's own rule),
 * the site, age band, indication and urgency, a few clinical values, whether the site can run the
 * ECMO itself, and whom to call back. A second request for a live case points to the first.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { z } from 'zod';
import { ops } from '../../../contracts/operations.ts';
import { ZAgeBand, ZCreateEcmoRequest, ZIndication, ZUrgency } from '../../../contracts/regulation.ts';
import { checkCaseCode } from '../../../domain/regulation.ts';
import { call, isApiError } from '../../api/client.ts';
import { regulationKeys } from '../../api/keys.ts';
import { useUser } from '../../auth.tsx';
import { LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { Field } from '../../components/Field.tsx';
import { BackLink } from '../../components/PageParts.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { homeFiness } from '../../components/userScope.ts';
import { CreateActions, FinessField } from '../../forms/fields.tsx';
import { apiFieldErrors, noticeText, showServerErrors, submitWhenValid, useForm } from '../../forms/useForm.ts';
import { validate } from '../../forms/validation.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { paths } from '../../routes/paths.ts';

const FORM = 'ecmo-request';
const FIELDS = [
  'caseCode',
  'finess',
  'ageBand',
  'indication',
  'urgency',
  'pao2Fio2',
  'lactate',
  'murrayScore',
  'noFlowMinutes',
  'lowFlowMinutes',
  'comment',
  'siteCanHost',
  'contactName',
  'contactPhone',
] as const;
type FieldName = (typeof FIELDS)[number];
type Values = Record<FieldName, string>;
const NUMBERS = ['pao2Fio2', 'lactate', 'murrayScore', 'noFlowMinutes', 'lowFlowMinutes'] as const;

/** An empty box is "not known" (null); anything else must read as a number (a comma is a decimal point). */
const numberOrNull = (raw: string): number | null => (raw.trim() === '' ? null : Number(raw.trim().replace(',', '.')));

function toInput(v: Values): z.input<typeof ZCreateEcmoRequest> {
  return {
    caseCode: v.caseCode,
    finess: v.finess.trim().toUpperCase(),
    ageBand: v.ageBand as z.infer<typeof ZAgeBand>,
    indication: v.indication as z.infer<typeof ZIndication>,
    urgency: v.urgency as z.infer<typeof ZUrgency>,
    clinical: {
      pao2Fio2: numberOrNull(v.pao2Fio2),
      lactate: numberOrNull(v.lactate),
      murrayScore: numberOrNull(v.murrayScore),
      noFlowMinutes: numberOrNull(v.noFlowMinutes),
      lowFlowMinutes: numberOrNull(v.lowFlowMinutes),
      comment: v.comment.trim() === '' ? null : v.comment,
    },
    siteCanHost: v.siteCanHost === 'yes' ? true : v.siteCanHost === 'no' ? false : (undefined as unknown as boolean),
    contact: { name: v.contactName, phone: v.contactPhone },
  };
}

/** API paths (`clinical.lactate`, `contact.phone`) onto the form's fields. */
const fieldOf = (path: string): string => {
  if (path.startsWith('clinical.')) return path.slice('clinical.'.length);
  if (path === 'contact.name') return 'contactName';
  if (path === 'contact.phone') return 'contactPhone';
  return path;
};

export function NewRequestPage() {
  const { t } = useTranslation();
  usePageTitle(t('regulation.form.title'));
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const lang = currentLanguage();
  const [existing, setExisting] = useState<string | null>(null);
  const initial: Values = {
    caseCode: '',
    finess: homeFiness(user),
    ageBand: '',
    indication: '',
    urgency: '',
    pao2Fio2: '',
    lactate: '',
    murrayScore: '',
    noFlowMinutes: '',
    lowFlowMinutes: '',
    comment: '',
    siteCanHost: '',
    contactName: user.displayName,
    contactPhone: '',
  };
  const form = useForm<Values>(initial, (values) => {
    const result = validate(ZCreateEcmoRequest, toInput(values), {
      lang,
      t,
      fieldOf,
      values,
      expect: {
        contactPhone: t('regulation.form.expect.phone'),
        siteCanHost: t('regulation.form.expect.siteCanHost'),
        ...Object.fromEntries(NUMBERS.map((n) => [n, t('regulation.form.expect.number')])),
      },
    });
    const errors = { ...(result.errors ?? {}) };
    const problem = values.caseCode.trim() ? checkCaseCode(values.caseCode) : null;
    if (problem) errors.caseCode = t(`regulation.form.caseProblems.${problem}`);
    else if (!values.caseCode.trim()) errors.caseCode = t('validation.required');
    return errors;
  });

  const create = useMutation({
    mutationFn: () => call(ops.createEcmoRequest, { body: toInput(form.values) }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: regulationKeys.requests.all });
      queryClient.setQueryData(regulationKeys.request.one(created.id), created);
      navigate(paths.request(created.id), { state: { filed: true } });
    },
    onError: (error) => {
      const first = isApiError(error) ? error.problem.errors?.[0] : undefined;
      if (first?.code === 'live_request_exists') {
        setExisting(/[0-9a-f-]{36}/.exec(first.message)?.[0] ?? null);
      }
      showServerErrors(form, FORM, FIELDS, apiFieldErrors(error, fieldOf), errorText(error));
    },
  });

  const field = (
    name: FieldName,
    label: string,
    control: (c: Record<string, unknown>) => ReactNode,
    extra?: { hint?: string; optional?: boolean },
  ) => (
    <Field
      id={`${FORM}-${name}`}
      label={label}
      hint={extra?.hint}
      optional={extra?.optional}
      error={form.errorOf(name)}
    >
      {(c) => control({ ...c, ...form.bind(name) })}
    </Field>
  );
  const select = (name: FieldName, label: string, options: readonly [string, string][]) =>
    field(name, label, (c) => (
      <select {...c}>
        <option value="">{t('regulation.form.choose')}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    ));
  const numberField = (name: (typeof NUMBERS)[number]) =>
    field(
      name,
      t(`regulation.form.${name}`),
      (c) => <input {...c} inputMode="decimal" className="input-count" autoComplete="off" />,
      {
        optional: true,
      },
    );

  return (
    <section className="page reg-ui">
      <BackLink to={paths.requests()}>{t('regulation.detail.back')}</BackLink>
      <h1>{t('regulation.form.title')}</h1>
      <p className="muted">{t('regulation.form.intro')}</p>
      <LiveRegion tone="error">{noticeText(form, t)}</LiveRegion>
      {existing ? (
        <p className="notice notice-info">
          {t('regulation.form.existing')} <Link to={paths.request(existing)}>{t('regulation.form.openExisting')}</Link>
        </p>
      ) : null}
      <form id={FORM} className="form" noValidate onSubmit={submitWhenValid(form, FORM, FIELDS, () => create.mutate())}>
        <div className="form-grid">
          {field(
            'caseCode',
            t('regulation.form.caseCode'),
            (c) => (
              <input {...c} className="input-code" maxLength={24} autoComplete="off" spellCheck={false} />
            ),
            { hint: t('regulation.form.caseCodeHint') },
          )}
          <FinessField form={form} formId={FORM} name="finess" label={t('regulation.form.finess')} />
          {select(
            'ageBand',
            t('regulation.form.ageBand'),
            ZAgeBand.options.map((a) => [a, t(`regulation.ageBands.${a}`)]),
          )}
          {select(
            'indication',
            t('regulation.form.indication'),
            ZIndication.options.map((i) => [i, t(`regulation.indication.${i}`)]),
          )}
          {select(
            'urgency',
            t('regulation.form.urgency'),
            ZUrgency.options.map((u) => [u, `${t(`regulation.urgency.${u}`)} — ${t(`regulation.urgencyHint.${u}`)}`]),
          )}
        </div>
        <fieldset className="reg-fieldset">
          <legend className="reg-legend">{t('regulation.form.clinical')}</legend>
          <p className="field-hint">{t('regulation.form.clinicalHint')}</p>
          <div className="form-grid">
            {numberField('pao2Fio2')}
            {numberField('lactate')}
            {numberField('murrayScore')}
            {numberField('noFlowMinutes')}
            {numberField('lowFlowMinutes')}
          </div>
          {field(
            'comment',
            t('regulation.form.comment'),
            (c) => (
              <textarea {...c} rows={2} maxLength={500} />
            ),
            {
              optional: true,
              hint: t('regulation.form.commentHint'),
            },
          )}
        </fieldset>
        <fieldset
          className="reg-fieldset"
          aria-describedby={form.errorOf('siteCanHost') ? `${FORM}-siteCanHost-error` : undefined}
        >
          <legend className="reg-legend">{t('regulation.form.siteCanHost')}</legend>
          {(['yes', 'no'] as const).map((v) => (
            <label key={v} className="reg-radio">
              <input
                type="radio"
                className="reg-choice"
                id={v === 'yes' ? `${FORM}-siteCanHost` : undefined}
                name="siteCanHost"
                value={v}
                checked={form.values.siteCanHost === v}
                onChange={() => form.set({ siteCanHost: v })}
              />{' '}
              {v === 'yes' ? t('regulation.form.siteCanHostYes') : t('regulation.form.siteCanHostNo')}
            </label>
          ))}
          {form.errorOf('siteCanHost') ? (
            <p id={`${FORM}-siteCanHost-error`} className="field-error">
              <span aria-hidden="true">⚠</span> {form.errorOf('siteCanHost')}
            </p>
          ) : null}
        </fieldset>
        <fieldset className="reg-fieldset">
          <legend className="reg-legend">{t('regulation.form.contact')}</legend>
          <div className="form-grid">
            {field('contactName', t('regulation.form.contactName'), (c) => (
              <input {...c} maxLength={80} autoComplete="name" />
            ))}
            {field('contactPhone', t('regulation.form.contactPhone'), (c) => (
              <input {...c} type="tel" maxLength={20} autoComplete="tel" />
            ))}
          </div>
        </fieldset>
        <CreateActions
          pending={create.isPending}
          submit={t('regulation.form.submit')}
          submitting={t('regulation.form.submitting')}
          cancelTo={paths.requests()}
        />
      </form>
    </section>
  );
}
