/**
 * One request: what was asked, how long it has waited, its timeline (who did what, when, why), the
 * ranked solutions and the workflow's next steps for those allowed to take them.
 */
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ops } from '../../../contracts/operations.ts';
import type { TEcmoRequest } from '../../../contracts/regulation.ts';
import type { Outcome } from '../../../domain/regulation.ts';
import { call, isApiError } from '../../api/client.ts';
import { can, useUser } from '../../auth.tsx';
import { ErrorPanel, LiveRegion } from '../../components/Feedback.tsx';
import { formatDateTime, formatNumber, formatPhone } from '../../components/format.ts';
import { BackLink, RecordList } from '../../components/PageParts.tsx';
import { useNow } from '../../components/useNow.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { isWithin, paths } from '../../routes/paths.ts';
import { closingOutcomes, ReasonForm, useRequestMutation } from './ActionForms.tsx';
import { OverdueBadge, RequestStateBadge, UrgencyBadge } from './badges.tsx';
import { LiveMarker } from './LiveMarker.tsx';
import { OptionsPanel } from './OptionsPanel.tsx';
import { useRequest } from './queries.ts';
import { useDuration, waitedMinutes } from './timing.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function RequestPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const state = location.state as { back?: string; filed?: boolean } | null;
  const back = isWithin(state?.back, 'requests') ? state.back : paths.requests();
  const valid = UUID.test(id);
  const request = useRequest(id, valid);
  const r = request.data;
  usePageTitle(r ? t('regulation.detail.title', { code: r.caseCode }) : t('regulation.detail.titleFallback'));
  const notFound = !valid || (isApiError(request.error) && [400, 404].includes(request.error.status));

  return (
    <section className="page page-wide reg-ui">
      <BackLink to={back}>{t('regulation.detail.back')}</BackLink>
      {notFound ? (
        <>
          <h1>{t('regulation.detail.titleFallback')}</h1>
          <p className="notice notice-error">{t('regulation.detail.notFound')}</p>
        </>
      ) : request.isError ? (
        <>
          <h1>{t('regulation.detail.titleFallback')}</h1>
          <ErrorPanel error={request.error} onRetry={() => void request.refetch()} />
        </>
      ) : r ? (
        <RequestView request={r} filed={Boolean(state?.filed)} />
      ) : (
        <p role="status">{t('app.loading')}</p>
      )}
    </section>
  );
}

function RequestView(props: { request: TEcmoRequest; filed: boolean }) {
  const { t, i18n } = useTranslation();
  const r = props.request;
  const user = useUser();
  const now = useNow(15_000);
  const duration = useDuration();
  const [done, setDone] = useState<string | null>(props.filed ? t('regulation.form.filed') : null);
  // Escalated requests are regulated nationally: the server says who may, the page offers accordingly.
  const regulates = can(user, 'request:regulate') && (r.state !== 'escalated_national' || isNational(user));
  const regulating = r.state === 'regional_regulation' || r.state === 'escalated_national';
  const c = r.clinical;
  const clinical = [
    c.pao2Fio2 !== null ? `PaO₂/FiO₂ ${c.pao2Fio2}` : null,
    c.lactate !== null ? `${t('regulation.form.lactate')} ${formatNumber(c.lactate, i18n.language)}` : null,
    c.murrayScore !== null ? `Murray ${c.murrayScore}` : null,
    c.noFlowMinutes !== null ? `no-flow ${c.noFlowMinutes} min` : null,
    c.lowFlowMinutes !== null ? `low-flow ${c.lowFlowMinutes} min` : null,
  ].filter(Boolean);
  const rows: [string, ReactNode][] = [
    [
      t('regulation.detail.site'),
      `${r.establishment.name} · ${r.establishment.city ?? ''} (${r.establishment.finess})`,
    ],
    [t('regulation.detail.ageBand'), t(`regulation.ageBands.${r.ageBand}`)],
    [t('regulation.detail.indication'), t(`regulation.indication.${r.indication}`)],
    [t('regulation.detail.urgency'), <UrgencyBadge key="u" urgency={r.urgency} />],
    [t('regulation.detail.siteCanHost'), r.siteCanHost ? t('regulation.detail.yes') : t('regulation.detail.no')],
    [
      t('regulation.detail.clinical'),
      <span key="c">
        {clinical.length ? clinical.join(' · ') : t('regulation.detail.none')}
        {c.comment ? <span className="reg-comment"> « {c.comment} »</span> : null}
      </span>,
    ],
    [
      t('regulation.detail.contact'),
      <span key="contact">
        {r.contact.name} · <a href={`tel:${r.contact.phone.replace(/\s+/g, '')}`}>{formatPhone(r.contact.phone)}</a>
      </span>,
    ],
    [t('regulation.detail.filedAt'), formatDateTime(r.filedAt, i18n.language)],
  ];
  if (r.escalationReason) rows.push([t('regulation.detail.escalationReason'), r.escalationReason]);
  if (r.declineReason) rows.push([t('regulation.detail.declineReason'), r.declineReason]);
  if (r.outcome) rows.push([t('regulation.detail.outcome'), t(`regulation.outcomes.${r.outcome}`)]);

  return (
    <>
      <div className="page-header">
        <h1>
          {t('regulation.detail.title', { code: r.caseCode })} <RequestStateBadge state={r.state} />{' '}
          {r.overdue ? <OverdueBadge /> : null}
        </h1>
        <p className="reg-timer reg-timer-big">
          <span aria-hidden="true">◷ </span>
          <span className="visually-hidden">{t('regulation.detail.waiting')} </span>
          {r.closedAt ? duration(r.waitingMinutes) : t('regulation.waited', { time: duration(waitedMinutes(r, now)) })}
        </p>
      </div>
      <LiveMarker />
      <LiveRegion tone="success">{done}</LiveRegion>
      {r.state === 'escalated_national' && !regulates && can(user, 'request:regulate') ? (
        <p className="notice notice-info">{t('regulation.detail.nationalOnly')}</p>
      ) : null}
      <div className="reg-layout">
        <div>
          <h2>{t('regulation.detail.summary')}</h2>
          <RecordList rows={rows} />
          {r.decision ? <DecisionBlock request={r} /> : null}
          <Actions request={r} regulates={regulates} onDone={setDone} />
        </div>
        <Timeline request={r} />
      </div>
      {regulating && regulates ? <OptionsPanel request={r} onDone={setDone} /> : null}
    </>
  );
}

const isNational = (user: ReturnType<typeof useUser>) => user.grants.some((g) => g.role === 'national_regulator');

function DecisionBlock(props: { request: TEcmoRequest }) {
  const { t } = useTranslation();
  const d = props.request.decision;
  if (!d) return null;
  return (
    <section className="reg-decision" aria-labelledby="decision-heading">
      <h2 id="decision-heading">{t('regulation.detail.decision')}</h2>
      <p>
        <strong>{t(`regulation.options.kinds.${d.kind}`)}</strong> <span className="muted">· {d.providerName}</span>
      </p>
      {d.motivation ? <p className="timeline-reason">« {d.motivation} »</p> : null}
      <p>
        <Link to={paths.device(d.consoleId)}>{t('regulation.detail.console')}</Link>
        {d.loanId ? (
          <>
            {' · '}
            <Link to={paths.loan(d.loanId)}>{t('regulation.detail.decisionLoan')}</Link>
          </>
        ) : null}
      </p>
    </section>
  );
}

function Actions(props: { request: TEcmoRequest; regulates: boolean; onDone: (m: string) => void }) {
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
      {buttonError ? (
        <p className="notice notice-error" role="alert">
          {buttonError}
        </p>
      ) : null}
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

function Timeline(props: { request: TEcmoRequest }) {
  const { t, i18n } = useTranslation();
  const events = props.request.timeline;
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('regulation.detail.timeline')}</h2>
      {events.length === 0 ? (
        <p>{t('regulation.detail.timelineEmpty')}</p>
      ) : (
        <ol className="timeline">
          {events.map((e) => (
            <li key={`${e.at}-${e.kind}-${e.toState ?? ''}`} className={`timeline-item reg-event-${e.kind}`}>
              <p className="timeline-when">
                <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
                <span className="muted"> · {e.actor}</span>
              </p>
              <p className="timeline-what">
                <strong>{t(`regulation.detail.events.${e.kind}`)}</strong>
                {e.toState ? (
                  <>
                    {' '}
                    <RequestStateBadge state={e.toState} />
                  </>
                ) : null}
              </p>
              {e.reason ? <p className="timeline-reason">« {e.reason} »</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
