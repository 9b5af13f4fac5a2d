/** What can be done next with a loan: arrived, leaving back, a later due date, the return, the recall. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ops } from '../../../contracts/operations.ts';
import type { TLoan } from '../../../contracts/regulation.ts';
import { call, isApiError } from '../../api/client.ts';
import { boardKeys, fleetKeys, regulationKeys } from '../../api/keys.ts';
import { ErrorNotice, useErrorText } from '../../components/Feedback.tsx';
import { DateField, ReasonField, SubmitActions } from '../../forms/fields.tsx';
import { stepWhenValid, useForm } from '../../forms/useForm.ts';
import { errorsFrom } from '../../forms/validation.ts';

/** The next steps of an open loan, each with the version read and a reason kept in its history. */
export function LoanActions(props: { loan: TLoan; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const l = props.loan;
  const id = useId();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (send: () => Promise<TLoan>) => send(),
    onMutate: () => setError(null),
    onSuccess: (updated) => {
      queryClient.setQueryData(regulationKeys.loan.one(l.id), updated);
      for (const queryKey of [
        regulationKeys.loans.all,
        boardKeys.all,
        fleetKeys.devices.all,
        regulationKeys.request.all,
      ])
        void queryClient.invalidateQueries({ queryKey });
      props.onDone(t('regulation.loan.saved'));
    },
    onError: (e) => {
      if (isApiError(e) && e.status === 409)
        void queryClient.invalidateQueries({ queryKey: regulationKeys.loan.one(l.id) });
      setError(errorText(e));
    },
  });
  const params = { id: l.id };
  const consoles = l.items.filter((i) => i.consoleId && !i.returnedAt);

  // One reason box serves the arrival/return-trip/extension steps; the return and the recall have theirs.
  // Each form says its errors once tried; the step form's buttons each check only what they need.
  const tooShort = (v: string) => (v.trim().length < 3 ? t('validation.tooShort', { count: 3 }) : undefined);
  const required = (v: string) => (v ? undefined : t('validation.required'));
  const steps = useForm(
    { reason: '', due: '' },
    (v) => errorsFrom({ reason: tooShort(v.reason), due: required(v.due) }),
    {
      errorsOn: 'submit',
    },
  );
  const giving = useForm(
    {
      consoles: consoles.map((c) => c.consoleId as string) as readonly string[],
      condition: 'available',
      reason: '',
    },
    (v) => errorsFrom({ consoles: v.consoles.length ? undefined : t('validation.required') }),
    { errorsOn: 'submit' },
  );
  const recalling = useForm({ reason: '' }, (v) => errorsFrom({ reason: tooShort(v.reason) }), { errorsOn: 'submit' });
  const stepsId = `${id}-step`;
  const givingId = `${id}-return`;
  const recallId = `${id}-recall`;

  const step = (state: 'active' | 'returning') =>
    stepWhenValid(steps, stepsId, ['reason'], () =>
      mutation.mutate(() =>
        call(ops.updateLoan, { params, body: { version: l.version, state, reason: steps.values.reason } }),
      ),
    );
  const extend = (event: FormEvent) => {
    event.preventDefault();
    stepWhenValid(steps, stepsId, ['reason', 'due'], () => {
      // The new date is due at the end of that day, Paris time (18:00 UTC is within it all year).
      const dueAt = new Date(`${steps.values.due}T18:00:00Z`).toISOString();
      mutation.mutate(() =>
        call(ops.updateLoan, { params, body: { version: l.version, dueAt, reason: steps.values.reason } }),
      );
    });
  };
  const giveBack = (event: FormEvent) => {
    event.preventDefault();
    const v = giving.values;
    stepWhenValid(giving, givingId, ['consoles'], () =>
      mutation.mutate(() =>
        call(ops.returnLoan, {
          params,
          body: {
            version: l.version,
            consoleIds: [...v.consoles],
            condition: v.condition === 'maintenance' ? 'maintenance' : 'available',
            reason: v.reason.trim() || undefined,
          },
        }),
      ),
    );
  };
  const recall = (event: FormEvent) => {
    event.preventDefault();
    stepWhenValid(recalling, recallId, ['reason'], () =>
      mutation.mutate(() =>
        call(ops.recallLoan, { params, body: { version: l.version, reason: recalling.values.reason } }),
      ),
    );
  };

  return (
    <section className="reg-actions" aria-labelledby={`${id}-actions`}>
      <h2 id={`${id}-actions`}>{t('regulation.detail.actions')}</h2>
      <ErrorNotice>{error}</ErrorNotice>
      <form className="form" noValidate onSubmit={extend}>
        <ReasonField
          form={steps}
          formId={stepsId}
          name="reason"
          label={t('regulation.loan.reason')}
          hint={t('regulation.loan.reasonHint')}
        />
        <div className="actions">
          {l.state === 'in_transit' || l.state === 'requested' ? (
            <button
              type="button"
              className="button button-primary"
              disabled={mutation.isPending}
              onClick={() => step('active')}
            >
              {t('regulation.loan.arrive')}
            </button>
          ) : null}
          {l.state === 'active' ? (
            <button
              type="button"
              className="button button-secondary"
              disabled={mutation.isPending}
              onClick={() => step('returning')}
            >
              {t('regulation.loan.returning')}
            </button>
          ) : null}
        </div>
        <DateField form={steps} formId={stepsId} name="due" label={t('regulation.loan.newDue')} />
        <SubmitActions
          pending={mutation.isPending}
          submit={t('regulation.loan.extend')}
          submitting={t('regulation.loan.extending')}
          tone="secondary"
        />
      </form>

      {consoles.length > 0 ? (
        <form className="form reg-return" noValidate onSubmit={giveBack} aria-labelledby={`${givingId}-title`}>
          <h3 id={`${givingId}-title`}>{t('regulation.loan.returnTitle')}</h3>
          <fieldset className="reg-fieldset">
            <legend className="reg-legend">{t('regulation.loan.returnConsoles')}</legend>
            {consoles.map((c) => (
              <label key={c.consoleId} className="reg-radio">
                <input
                  type="checkbox"
                  className="reg-choice"
                  {...giving.bindOption('consoles', c.consoleId as string)}
                />{' '}
                <span className="mono">{c.serialNumber}</span>
              </label>
            ))}
            {giving.errorOf('consoles') ? <p className="field-error">{giving.errorOf('consoles')}</p> : null}
          </fieldset>
          <fieldset className="reg-fieldset">
            <legend className="reg-legend">{t('regulation.loan.condition')}</legend>
            {(['available', 'maintenance'] as const).map((v) => (
              <label key={v} className="reg-radio">
                <input
                  type="radio"
                  className="reg-choice"
                  {...giving.bindRadio('condition', v)}
                  name={`${givingId}-condition`}
                />{' '}
                {v === 'available'
                  ? t('regulation.loan.conditionAvailable')
                  : t('regulation.loan.conditionMaintenance')}
              </label>
            ))}
          </fieldset>
          <ReasonField form={giving} formId={givingId} name="reason" label={t('regulation.loan.reason')} optional />
          <SubmitActions
            pending={mutation.isPending}
            submit={t('regulation.loan.returnSubmit')}
            submitting={t('regulation.loan.returnPending')}
          />
        </form>
      ) : null}

      <details className="reg-action reg-action-danger">
        <summary>{t('regulation.loan.recall')}</summary>
        <form className="form" noValidate onSubmit={recall}>
          <p className="field-hint">{t('regulation.loan.recallHint')}</p>
          <ReasonField form={recalling} formId={recallId} name="reason" label={t('regulation.loan.reason')} />
          <SubmitActions
            pending={mutation.isPending}
            submit={t('regulation.loan.recall')}
            submitting={t('regulation.loan.recalling')}
            tone="secondary"
          />
        </form>
      </details>
    </section>
  );
}
