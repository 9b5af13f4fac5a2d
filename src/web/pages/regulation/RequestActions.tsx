import { useTranslation } from 'react-i18next';
import { ops } from '../../../contracts/operations.ts';
import type { TEcmoRequest } from '../../../contracts/regulation.ts';
import type { Outcome } from '../../../domain/regulation.ts';
import { call } from '../../api/client.ts';
import { can, useUser } from '../../auth.tsx';
import { ErrorNotice } from '../../components/Feedback.tsx';
import { closingOutcomes, ReasonForm, useRequestMutation } from './ActionForms.tsx';

export function Actions(props: { request: TEcmoRequest; regulates: boolean; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const r = props.request;
  const params = { id: r.id };
  const take = useRequestMutation(
    r,
    'take_in_charge',
    () => call(ops.updateEcmoRequestStatus, { params, body: { version: r.version, state: 'regional_regulation' } }),
    props.onDone,
  );
  const execute = useRequestMutation(
    r,
    'execute',
    () => call(ops.updateEcmoRequestStatus, { params, body: { version: r.version, state: 'executing' } }),
    props.onDone,
  );
  const escalate = useRequestMutation(
    r,
    'escalate',
    (reason: string) => call(ops.escalateEcmoRequest, { params, body: { version: r.version, reason } }),
    props.onDone,
  );
  const decline = useRequestMutation(
    r,
    'decline',
    (motivation: string) => call(ops.declineEcmoRequest, { params, body: { version: r.version, motivation } }),
    props.onDone,
  );
  const close = useRequestMutation(
    r,
    'close',
    (input: { reason: string; outcome: Outcome | undefined }) =>
      call(ops.updateEcmoRequestStatus, {
        params,
        body: { version: r.version, state: 'closed', outcome: input.outcome, reason: input.reason || undefined },
      }),
    props.onDone,
  );
  const { regulates } = props;
  const live = r.state !== 'closed' && r.state !== 'declined';
  if (!live) return null;
  // Before execution, the requesting team may withdraw; once executing, regulators close with the outcome.
  const mayClose = r.state === 'executing' ? regulates : can(user, 'request:withdraw');
  const buttonError = take.error ?? execute.error;
  return (
    <section className="reg-actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('regulation.detail.actions')}</h2>
      <ErrorNotice>{buttonError}</ErrorNotice>
      <div className="actions">
        {regulates && r.state === 'filed' ? (
          <button
            type="button"
            className="button button-primary"
            disabled={take.mutation.isPending}
            onClick={() => take.mutation.mutate(undefined)}
          >
            {take.mutation.isPending ? t('regulation.detail.taking') : t('regulation.detail.takeInCharge')}
          </button>
        ) : null}
        {regulates && r.state === 'decided' ? (
          <button
            type="button"
            className="button button-primary"
            disabled={execute.mutation.isPending}
            onClick={() => execute.mutation.mutate(undefined)}
          >
            {t('regulation.detail.startExecution')}
          </button>
        ) : null}
      </div>
      {regulates && r.state === 'regional_regulation' ? (
        <ReasonForm
          title={t('regulation.detail.escalate')}
          hint={t('regulation.detail.escalateHint')}
          label={t('regulation.detail.reason')}
          submit={t('regulation.detail.escalate')}
          pending={t('regulation.detail.escalating')}
          error={escalate.error}
          busy={escalate.mutation.isPending}
          onSubmit={(reason) => escalate.mutation.mutate(reason)}
        />
      ) : null}
      {regulates && ['filed', 'regional_regulation', 'escalated_national'].includes(r.state) ? (
        <ReasonForm
          title={t('regulation.detail.decline')}
          hint={t('regulation.detail.declineHint')}
          label={t('regulation.detail.motivation')}
          submit={t('regulation.detail.decline')}
          pending={t('regulation.detail.declining')}
          error={decline.error}
          busy={decline.mutation.isPending}
          tone="danger"
          onSubmit={(motivation) => decline.mutation.mutate(motivation)}
        />
      ) : null}
      {mayClose ? (
        <ReasonForm
          title={r.state === 'executing' ? t('regulation.detail.close') : t('regulation.detail.withdraw')}
          hint={r.state === 'executing' ? '' : t('regulation.detail.withdrawHint')}
          label={t('regulation.detail.reason')}
          submit={r.state === 'executing' ? t('regulation.detail.close') : t('regulation.detail.withdraw')}
          pending={t('regulation.detail.closing')}
          error={close.error}
          busy={close.mutation.isPending}
          outcomes={closingOutcomes(r)}
          optionalReason
          onSubmit={(reason, outcome) => close.mutation.mutate({ reason, outcome })}
        />
      ) : null}
    </section>
  );
}
