/** The form that adds a qualification to a professional (kind, issuer, dates, reference). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ops } from '../../../contracts/operations.ts';
import type { TProfessional } from '../../../contracts/teams.ts';
import { QUALIFICATION_KINDS, type QualificationKind } from '../../../domain/teams.ts';
import { call } from '../../api/client.ts';
import { teamKeys } from '../../api/keys.ts';
import { LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { Field } from '../../components/Field.tsx';
import { DateField, SelectField, SubmitActions } from '../../forms/fields.tsx';
import { apiFieldErrors, noClientChecks, refusalsOnFields, submitWhenValid, useForm } from '../../forms/useForm.ts';

const FIELDS = ['kind', 'issuer', 'issuedOn', 'validUntil'] as const;

export function AddQualification(props: { professional: TProfessional }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  // The server checks the qualification (kinds, dates in order): its refusal lands on the fields.
  const form = useForm({ kind: '', issuer: '', issuedOn: '', validUntil: '', reference: '' }, noClientChecks);
  const { values } = form;
  const [done, setDone] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () =>
      call(ops.addQualification, {
        params: { id: props.professional.id },
        body: {
          kind: values.kind as QualificationKind,
          issuer: values.issuer,
          issuedOn: values.issuedOn,
          validUntil: values.validUntil || null,
          reference: values.reference || null,
        },
      }),
    onSuccess: () => {
      setDone(t('teams.professional.added'));
      form.reset();
      void queryClient.invalidateQueries({ queryKey: teamKeys.professional.one(props.professional.id) });
    },
  });
  const refused = apiFieldErrors(add.error);
  const submit = submitWhenValid(form, id, FIELDS, () => {
    setDone(null);
    add.mutate(undefined, refusalsOnFields(form));
  });
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('teams.professional.add')}</h3>
      <LiveRegion tone={add.isError ? 'error' : 'success'}>
        {add.isError && !Object.keys(refused).length ? errorText(add.error) : done}
      </LiveRegion>
      <div className="form-grid">
        <SelectField form={form} formId={id} name="kind" label={t('teams.professional.kind')}>
          <option value="">{t('teams.team.choose')}</option>
          {QUALIFICATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`teams.qualifications.${k}`)}
            </option>
          ))}
        </SelectField>
        <Field id={`${id}-issuer`} label={t('teams.professional.issuer')} error={form.errorOf('issuer')}>
          {(c) => <input {...c} {...form.bind('issuer')} maxLength={120} />}
        </Field>
        <DateField form={form} formId={id} name="issuedOn" label={t('teams.professional.issuedOn')} />
        <DateField form={form} formId={id} name="validUntil" label={t('teams.professional.validUntil')} optional />
      </div>
      <SubmitActions
        pending={add.isPending}
        submit={t('teams.professional.add')}
        submitting={t('teams.professional.adding')}
      />
    </form>
  );
}
