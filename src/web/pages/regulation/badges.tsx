/** The regulation's badges: a request's state and urgency, the overdue flag, a loan's state. */
import { useTranslation } from 'react-i18next';
import type { TEcmoRequest, TLoan } from '../../../contracts/regulation.ts';
import { Badge, type BadgeTone } from '../../components/Badge.tsx';

type RequestState = TEcmoRequest['state'];
type Urgency = TEcmoRequest['urgency'];
type LoanState = TLoan['state'];

/** A new request or loan stands out (solid); then in hand, escalated, settled, over. */
type Look = { tone: BadgeTone; strong?: boolean };
const NEW: Look = { tone: 'info', strong: true };
const ACTIVE: Look = { tone: 'info' };
const ESCALATED: Look = { tone: 'warning' };
const SETTLED: Look = { tone: 'success' };
const OVER: Look = { tone: 'neutral' };

const STATE_LOOK: Record<RequestState, Look> = {
  filed: NEW,
  regional_regulation: ACTIVE,
  escalated_national: ESCALATED,
  decided: SETTLED,
  executing: SETTLED,
  closed: OVER,
  declined: OVER,
};

export function RequestStateBadge(props: { state: RequestState }) {
  const { t } = useTranslation();
  return <Badge {...STATE_LOOK[props.state]}>{t(`regulation.states.${props.state}`)}</Badge>;
}

const URGENCY_ICON: Record<Urgency, string> = { immediate: '‼', hours: '!', planned: '◷' };
const URGENCY_LOOK: Record<Urgency, Look> = {
  immediate: { tone: 'danger', strong: true },
  hours: { tone: 'warning' },
  planned: { tone: 'neutral' },
};

export function UrgencyBadge(props: { urgency: Urgency }) {
  const { t } = useTranslation();
  return (
    <Badge {...URGENCY_LOOK[props.urgency]} icon={URGENCY_ICON[props.urgency]}>
      {t(`regulation.urgency.${props.urgency}`)}
    </Badge>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <Badge tone="danger" strong icon="◷" title={t('regulation.overdueHint')}>
      {t('regulation.overdue')}
    </Badge>
  );
}

const LOAN_LOOK: Record<LoanState, Look> = {
  requested: NEW,
  in_transit: ACTIVE,
  active: SETTLED,
  returning: ACTIVE,
  returned: OVER,
  recalled: ESCALATED,
};

export function LoanStateBadge(props: { state: LoanState }) {
  const { t } = useTranslation();
  return <Badge {...LOAN_LOOK[props.state]}>{t(`regulation.loans.states.${props.state}`)}</Badge>;
}
