/** The form that adds a qualification to a professional (kind, issuer, dates, reference). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ops } from '../../../contracts/operations.ts';
import type { TProfessional } from '../../../contracts/teams.ts';
import { QUALIFICATION_KINDS, type QualificationKind } from '../../../domain/teams.ts';
import { call, isApiError } from '../../api/client.ts';
import { teamKeys } from '../../api/keys.ts';
import { LiveRegion, useErrorText } from '../../components/Feedback.tsx';

export function AddQualification(props: { professional: TProfessional }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [values, setValues] = useState({ kind: '', issuer: '', issuedOn: '', validUntil: '', reference: '' });
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
      setValues({ kind: '', issuer: '', issuedOn: '', validUntil: '', reference: '' });
      void queryClient.invalidateQueries({ queryKey: teamKeys.professional.one(props.professional.id) });
    },
  });
  const fields = isApiError(add.error) ? add.error.fieldErrors() : {};
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    add.mutate();
  };
  const error = (k: string) =>
    fields[k] ? (
      <p id={`${id}-${k}-error`} className="field-error">
        {fields[k]}
      </p>
    ) : null;
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('teams.professional.add')}</h3>
      <LiveRegion tone={add.isError ? 'error' : 'success'}>
        {add.isError && !Object.keys(fields).length ? errorText(add.error) : done}
      </LiveRegion>
      <div className="form-grid">
        <div className={`field${fields.kind ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-kind`}>{t('teams.professional.kind')}</label>
          <select id={`${id}-kind`} value={values.kind} onChange={set('kind')}>
            <option value="">{t('teams.team.choose')}</option>
            {QUALIFICATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`teams.qualifications.${k}`)}
              </option>
            ))}
          </select>
          {error('kind')}
        </div>
        <div className={`field${fields.issuer ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-issuer`}>{t('teams.professional.issuer')}</label>
          <input id={`${id}-issuer`} value={values.issuer} onChange={set('issuer')} maxLength={120} />
          {error('issuer')}
        </div>
        <div className={`field${fields.issuedOn ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-issued`}>{t('teams.professional.issuedOn')}</label>
          <input id={`${id}-issued`} type="date" value={values.issuedOn} onChange={set('issuedOn')} />
          {error('issuedOn')}
        </div>
        <div className={`field${fields.validUntil ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-until`}>
            {t('teams.professional.validUntil')} <span className="field-optional">({t('common.optional')})</span>
          </label>
          <input id={`${id}-until`} type="date" value={values.validUntil} onChange={set('validUntil')} />
          {error('validUntil')}
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          {add.isPending ? t('teams.professional.adding') : t('teams.professional.add')}
        </button>
      </div>
    </form>
  );
}
