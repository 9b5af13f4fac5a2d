/**
 * The forms that move a request along its workflow, each with the version the page read: a change
 * made meanwhile by someone else is reported (and the request reloaded), never overwritten.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TEcmoRequest } from '../../../contracts/regulation.ts';
import { allowedOutcomes, type Outcome } from '../../../domain/regulation.ts';
import { isApiError } from '../../api/client.ts';
import { boardKeys, regulationKeys } from '../../api/keys.ts';
import { ErrorNotice, useErrorText } from '../../components/Feedback.tsx';
import { ReasonField, SelectField, SubmitActions } from '../../forms/fields.tsx';
import { submitWhenValid, useForm } from '../../forms/useForm.ts';
import { errorsFrom } from '../../forms/validation.ts';

export type Move = 'take_in_charge' | 'execute' | 'escalate' | 'decline' | 'close' | 'decide';

/** A mutation on the request that refreshes what it changes and reports the result in words. */
export function useRequestMutation<T>(
  request: TEcmoRequest,
  move: Move,
  send: (input: T) => Promise<unknown>,
  onDone: (message: string) => void,
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: send,
    onMutate: () => setError(null),
    onSuccess: (updated) => {
      queryClient.setQueryData(regulationKeys.request.one(request.id), updated);
      // The request's solutions change with its state: read again only if still shown.
      void queryClient.cancelQueries({ queryKey: regulationKeys.options.of(request.id) });
      queryClient.removeQueries({ queryKey: regulationKeys.options.of(request.id) });
      for (const queryKey of [
        regulationKeys.requests.all,
        regulationKeys.loans.all,
        regulationKeys.notifications,
        boardKeys.all,
      ]) {
        void queryClient.invalidateQueries({ queryKey });
      }
      onDone(t(`regulation.detail.done.${move}`));
    },
    onError: (e) => {
      const stale = isApiError(e) && e.problem.errors?.some((x) => x.code === 'stale_version');
      if (stale) void queryClient.invalidateQueries({ queryKey: regulationKeys.request.one(request.id) });
      setError(stale ? t('regulation.detail.stale') : errorText(e));
    },
  });
  return { mutation, error };
}

/** A workflow step that needs a reason (escalate, decline) or an outcome (close), folded until opened. */
export function ReasonForm(props: {
  title: string;
  hint: string;
  label: string;
  submit: string;
  pending: string;
  error: string | null;
  busy: boolean;
  /** Closing asks for the outcome among those allowed from the request's state. */
  outcomes?: readonly Outcome[];
  optionalReason?: boolean;
  tone?: 'danger';
  onSubmit: (reason: string, outcome: Outcome | undefined) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  // Said once the step is tried: opening it to read is no mistake.
  const form = useForm(
    { outcome: '', reason: '' },
    (v) =>
      errorsFrom({
        outcome: props.outcomes !== undefined && v.outcome === '' ? t('validation.required') : undefined,
        reason:
          !props.optionalReason && v.reason.trim().length < 3 ? t('validation.tooShort', { count: 3 }) : undefined,
      }),
    { errorsOn: 'submit' },
  );
  const submit = submitWhenValid(form, id, ['outcome', 'reason'], () =>
    props.onSubmit(
      form.values.reason.trim(),
      form.values.outcome === '' ? undefined : (form.values.outcome as Outcome),
    ),
  );
  return (
    <details className={`reg-action${props.tone ? ` reg-action-${props.tone}` : ''}`}>
      <summary>{props.title}</summary>
      <form className="form" noValidate onSubmit={submit}>
        <p className="field-hint">{props.hint}</p>
        {props.outcomes ? (
          <SelectField form={form} formId={id} name="outcome" label={t('regulation.detail.closeOutcome')}>
            <option value="">{t('regulation.form.choose')}</option>
            {props.outcomes?.map((o) => (
              <option key={o} value={o}>
                {t(`regulation.outcomes.${o}`)}
              </option>
            ))}
          </SelectField>
        ) : null}
        <ReasonField form={form} formId={id} name="reason" label={props.label} optional={props.optionalReason} />
        <ErrorNotice>{props.error}</ErrorNotice>
        <SubmitActions pending={props.busy} submit={props.submit} submitting={props.pending} />
      </form>
    </details>
  );
}

export const closingOutcomes = (request: TEcmoRequest): readonly Outcome[] => allowedOutcomes(request.state);
