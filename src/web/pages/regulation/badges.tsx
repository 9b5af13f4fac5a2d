/** The regulation's badges: a request's state and urgency, the overdue flag, a loan's state. */
import { useTranslation } from 'react-i18next';
import type { TEcmoRequest, TLoan } from '../../../contracts/regulation.ts';

type RequestState = TEcmoRequest['state'];
type Urgency = TEcmoRequest['urgency'];
type LoanState = TLoan['state'];

const STATE_TONE: Record<RequestState, string> = {
  filed: 'new',
  regional_regulation: 'active',
  escalated_national: 'escalated',
  decided: 'decided',
  executing: 'decided',
  closed: 'done',
  declined: 'done',
};

export function RequestStateBadge(props: { state: RequestState }) {
  const { t } = useTranslation();
  return (
    <span className={`reg-badge reg-state-${STATE_TONE[props.state]}`}>{t(`regulation.states.${props.state}`)}</span>
  );
}

const URGENCY_ICON: Record<Urgency, string> = { immediate: '‼', hours: '!', planned: '◷' };

export function UrgencyBadge(props: { urgency: Urgency }) {
  const { t } = useTranslation();
  return (
    <span className={`reg-badge reg-urgency-${props.urgency}`}>
      <span aria-hidden="true">{URGENCY_ICON[props.urgency]} </span>
      {t(`regulation.urgency.${props.urgency}`)}
    </span>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <span className="reg-badge reg-overdue" title={t('regulation.overdueHint')}>
      <span aria-hidden="true">◷ </span>
      {t('regulation.overdue')}
    </span>
  );
}

const LOAN_TONE: Record<LoanState, string> = {
  requested: 'new',
  in_transit: 'active',
  active: 'decided',
  returning: 'active',
  returned: 'done',
  recalled: 'escalated',
};

export function LoanStateBadge(props: { state: LoanState }) {
  const { t } = useTranslation();
  return (
    <span className={`reg-badge reg-state-${LOAN_TONE[props.state]}`}>
      {t(`regulation.loans.states.${props.state}`)}
    </span>
  );
}
