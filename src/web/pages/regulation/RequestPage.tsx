/**
 * One request: what was asked, how long it has waited, its timeline (who did what, when, why), the
 * ranked solutions and the workflow's next steps for those allowed to take them.
 */
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { TEcmoRequest } from '../../../contracts/regulation.ts';
import { can, useUser } from '../../auth.tsx';
import { LiveRegion } from '../../components/Feedback.tsx';
import { formatDateTime, formatNumber, formatPhone } from '../../components/format.ts';
import { RecordList } from '../../components/PageParts.tsx';
import { RecordPage } from '../../components/RecordPage.tsx';
import { useNow } from '../../components/useNow.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { isWithin, paths } from '../../routes/paths.ts';
import { OverdueBadge, RequestStateBadge, UrgencyBadge } from './badges.tsx';
import { LiveMarker } from './LiveMarker.tsx';
import { OptionsPanel } from './OptionsPanel.tsx';
import { useRequest } from './queries.ts';
import { Actions } from './RequestActions.tsx';
import { Timeline } from './RequestTimeline.tsx';
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
  return (
    <RecordPage
      className="reg-ui"
      back={{ to: back, label: t('regulation.detail.back') }}
      query={request}
      invalid={!valid}
      notFound={t('regulation.detail.notFound')}
      fallbackTitle={t('regulation.detail.titleFallback')}
    >
      {(found) => <RequestView request={found} filed={Boolean(state?.filed)} />}
    </RecordPage>
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
