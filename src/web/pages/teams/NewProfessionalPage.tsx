/** Registering a professional: identifier (checked as typed with the server's rules), names, profession, establishment. */
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { ops } from '../../../contracts/operations.ts';
import { ZCreateProfessional } from '../../../contracts/teams.ts';
import { PROFESSIONS } from '../../../domain/teams.ts';
import { call } from '../../api/client.ts';
import { useUser } from '../../auth.tsx';
import { LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { Field } from '../../components/Field.tsx';
import { BackLink } from '../../components/PageParts.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { homeFiness } from '../../components/userScope.ts';
import { CreateActions, FinessField, SelectField } from '../../forms/fields.tsx';
import { apiFieldErrors, noticeText, showServerErrors, submitWhenValid, useForm } from '../../forms/useForm.ts';
import { orNull, validate } from '../../forms/validation.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { paths } from '../../routes/paths.ts';

const FORM = 'new-professional';
const FIELDS = ['idKind', 'idValue', 'firstName', 'lastName', 'profession', 'finess', 'email', 'phone'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

const toInput = (v: Values): z.input<typeof ZCreateProfessional> => ({
  identifier: { kind: v.idKind as 'rpps', value: v.idValue },
  firstName: v.firstName,
  lastName: v.lastName,
  profession: v.profession as (typeof PROFESSIONS)[number],
  establishments: [v.finess.trim().toUpperCase()],
  email: orNull(v.email),
  phone: orNull(v.phone),
});
const fieldOf = (path: string): string => {
  if (path.startsWith('identifier.value')) return 'idValue';
  if (path.startsWith('identifier')) return 'idKind';
  if (path.startsWith('establishments')) return 'finess';
  return path;
};

export function NewProfessionalPage() {
  const { t } = useTranslation();
  usePageTitle(t('teams.newProfessional.title'));
  const user = useUser();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const lang = currentLanguage();
  const form = useForm<Values>(
    {
      idKind: 'rpps',
      idValue: '',
      firstName: '',
      lastName: '',
      profession: '',
      finess: homeFiness(user),
      email: '',
      phone: '',
    },
    (values) => validate(ZCreateProfessional, toInput(values), { lang, t, fieldOf, values }).errors ?? {},
  );
  const create = useMutation({
    mutationFn: () => call(ops.createProfessional, { body: toInput(form.values) }),
    onSuccess: (p) => navigate(paths.professional(p.id), { state: { created: true } }),
    onError: (error) => showServerErrors(form, FORM, FIELDS, apiFieldErrors(error, fieldOf), errorText(error)),
  });
  const text = (
    name: (typeof FIELDS)[number],
    label: string,
    extra: { hint?: string; optional?: boolean; type?: string } = {},
  ) => (
    <Field id={`${FORM}-${name}`} label={label} hint={extra.hint} optional={extra.optional} error={form.errorOf(name)}>
      {(c) => <input {...c} {...form.bind(name)} type={extra.type ?? 'text'} autoComplete="off" />}
    </Field>
  );
  return (
    <section className="page team-ui">
      <BackLink to={paths.professionals()}>{t('teams.professional.back')}</BackLink>
      <h1>{t('teams.newProfessional.title')}</h1>
      <LiveRegion tone="error">{noticeText(form, t)}</LiveRegion>
      <form id={FORM} className="form" noValidate onSubmit={submitWhenValid(form, FORM, FIELDS, () => create.mutate())}>
        <div className="form-grid">
          <SelectField form={form} formId={FORM} name="idKind" label={t('teams.newProfessional.idKind')}>
            {(['rpps', 'adeli', 'inami'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`teams.idKinds.${k}`)}
              </option>
            ))}
          </SelectField>
          {text('idValue', t('teams.newProfessional.idValue'), { hint: t('teams.newProfessional.idHint') })}
          {text('firstName', t('teams.newProfessional.firstName'))}
          {text('lastName', t('teams.newProfessional.lastName'))}
          <SelectField form={form} formId={FORM} name="profession" label={t('teams.newProfessional.profession')}>
            <option value="">{t('teams.team.choose')}</option>
            {PROFESSIONS.map((p) => (
              <option key={p} value={p}>
                {t(`teams.professions.${p}`)}
              </option>
            ))}
          </SelectField>
          <FinessField form={form} formId={FORM} name="finess" label={t('teams.newProfessional.finess')} />
          {text('email', t('teams.newProfessional.email'), { optional: true, type: 'email' })}
          {text('phone', t('teams.newProfessional.phone'), { optional: true, type: 'tel' })}
        </div>
        <CreateActions
          pending={create.isPending}
          submit={t('teams.newProfessional.submit')}
          submitting={t('teams.newProfessional.submitting')}
          cancelTo={paths.professionals()}
        />
      </form>
    </section>
  );
}
