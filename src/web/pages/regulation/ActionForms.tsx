/**
 * The forms that move a request along its workflow, each with the version the page read: a change
 * made meanwhile by someone else is reported (and the request reloaded), never overwritten.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TEcmoRequest } from '../../../contracts/regulation.ts';
import { allowedOutcomes, type Outcome } from '../../../domain/regulation.ts';
import { isApiError } from '../../api/client.ts';
import { boardKeys, regulationKeys } from '../../api/keys.ts';
import { useErrorText } from '../../components/Feedback.tsx';

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
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [touched, setTouched] = useState(false);
  const reasonMissing = !props.optionalReason && reason.trim().length < 3;
  const outcomeMissing = props.outcomes !== undefined && outcome === '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (reasonMissing || outcomeMissing) return;
    props.onSubmit(reason.trim(), outcome === '' ? undefined : outcome);
  };
  return (
    <details className={`reg-action${props.tone ? ` reg-action-${props.tone}` : ''}`}>
      <summary>{props.title}</summary>
      <form className="form" noValidate onSubmit={submit}>
        <p className="field-hint">{props.hint}</p>
        {props.outcomes ? (
          <div className={`field${touched && outcomeMissing ? ' field-invalid' : ''}`}>
            <label htmlFor={`${id}-outcome`}>{t('regulation.detail.closeOutcome')}</label>
            <select
              id={`${id}-outcome`}
              value={outcome}
              aria-invalid={touched && outcomeMissing ? true : undefined}
              onChange={(e) => setOutcome(e.target.value as Outcome)}
            >
              <option value="">{t('regulation.form.choose')}</option>
              {props.outcomes.map((o) => (
                <option key={o} value={o}>
                  {t(`regulation.outcomes.${o}`)}
                </option>
              ))}
            </select>
            {touched && outcomeMissing ? <p className="field-error">{t('validation.required')}</p> : null}
          </div>
        ) : null}
        <div className={`field${touched && reasonMissing ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-reason`}>
            {props.label}
            {props.optionalReason ? <span className="field-optional"> ({t('common.optional')})</span> : null}
          </label>
          <textarea
            id={`${id}-reason`}
            rows={2}
            maxLength={500}
            value={reason}
            aria-invalid={touched && reasonMissing ? true : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          {touched && reasonMissing ? <p className="field-error">{t('validation.tooShort', { count: 3 })}</p> : null}
        </div>
        {props.error ? (
          <p className="notice notice-error" role="alert">
            {props.error}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={props.busy}>
            {props.busy ? props.pending : props.submit}
          </button>
        </div>
      </form>
    </details>
  );
}

export const closingOutcomes = (request: TEcmoRequest): readonly Outcome[] => allowedOutcomes(request.state);
