import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { TLoan } from '../../../contracts/regulation.ts';
import { can, useUser } from '../../auth.tsx';
import { LiveRegion } from '../../components/Feedback.tsx';
import { formatDateTime } from '../../components/format.ts';
import { RecordList } from '../../components/PageParts.tsx';
import { RecordPage } from '../../components/RecordPage.tsx';
import { useNow } from '../../components/useNow.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { isKeyOf } from '../../i18n/labels.ts';
import { regulationFr } from '../../i18n/regulation.fr.ts';
import { isWithin, paths } from '../../routes/paths.ts';
import { LoanStateBadge } from './badges.tsx';
import { LoanActions } from './LoanActions.tsx';
import { DueIn, ItemsSummary } from './LoansPage.tsx';
import { useLoan } from './queries.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OPEN = ['requested', 'in_transit', 'active', 'returning'];

export function LoanPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const state = location.state as { back?: string } | null;
  const back = isWithin(state?.back, 'loans') ? state.back : paths.loans();
  const valid = UUID.test(id);
  const loan = useLoan(id, valid);
  const l = loan.data;
  usePageTitle(l ? t(`regulation.loans.kinds.${l.kind}`) : t('regulation.loan.titleFallback'));
  return (
    <RecordPage
      className="reg-ui"
      back={{ to: back, label: t('regulation.loan.back') }}
      query={loan}
      invalid={!valid}
      notFound={t('regulation.loan.notFound')}
      fallbackTitle={t('regulation.loan.titleFallback')}
    >
      {(found) => <LoanView loan={found} />}
    </RecordPage>
  );
}

function LoanView(props: { loan: TLoan }) {
  const { t, i18n } = useTranslation();
  const l = props.loan;
  const user = useUser();
  const now = useNow();
  const [done, setDone] = useState<string | null>(null);
  const open = OPEN.includes(l.state);
  const national = user.grants.some((g) => g.role === 'national_regulator');
  const manages = can(user, 'request:regulate') && (l.kind === 'lend' || national);
  const rows: [string, ReactNode][] = [
    [t('regulation.loan.lender'), l.lender.name],
    [t('regulation.loan.borrower'), l.borrower.name],
    [t('regulation.loan.startsAt'), formatDateTime(l.startsAt, i18n.language)],
    [t('regulation.loan.dueAt'), <DueIn key="due" loan={l} now={now} />],
    [t('regulation.loan.items'), <ItemsSummary key="items" loan={l} />],
  ];
  if (l.requestId)
    rows.push([
      t('regulation.loan.request'),
      <Link key="req" to={paths.request(l.requestId)}>
        {t('regulation.loan.openRequest')}
      </Link>,
    ]);
  if (l.returnedAt) rows.push([t('regulation.loan.returnedAt'), formatDateTime(l.returnedAt, i18n.language)]);
  if (l.recalledAt) rows.push([t('regulation.loan.recalledAt'), formatDateTime(l.recalledAt, i18n.language)]);
  if (l.recallReason) rows.push([t('regulation.loan.recallReason'), l.recallReason]);
  return (
    <>
      <h1>
        {t('regulation.loan.title', {
          kind: t(`regulation.loans.kinds.${l.kind}`),
          lender: l.lender.name,
          borrower: l.borrower.name,
        })}{' '}
        <LoanStateBadge state={l.state} />
      </h1>
      <LiveRegion tone="success">{done}</LiveRegion>
      <div className="reg-layout">
        <div>
          <RecordList rows={rows} />
          {!open ? <p className="muted">{t('regulation.loan.closed')}</p> : null}
          {open && !manages && can(user, 'request:regulate') ? (
            <p className="notice notice-info">{t('regulation.loan.nationalOnly')}</p>
          ) : null}
          {open && manages ? <LoanActions loan={l} onDone={setDone} /> : null}
        </div>
        <section aria-labelledby="loan-history">
          <h2 id="loan-history">{t('regulation.loan.history')}</h2>
          <ol className="timeline">
            {l.history.map((h) => (
              <li key={`${h.at}-${h.action}`} className="timeline-item">
                <p className="timeline-when">
                  <time dateTime={h.at}>{formatDateTime(h.at, i18n.language)}</time>
                  <span className="muted"> · {h.actor}</span>
                </p>
                <p className="timeline-what">
                  <strong>
                    {isKeyOf(regulationFr.loan.actions, h.action) ? t(`regulation.loan.actions.${h.action}`) : h.action}
                  </strong>
                </p>
                {h.reason ? <p className="timeline-reason">« {h.reason} »</p> : null}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}
