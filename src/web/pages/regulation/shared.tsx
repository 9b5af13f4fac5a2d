/** Pieces of the regulation pages: state, urgency and loan badges, the waiting timer, the live marker. */
import { useTranslation } from 'react-i18next';
import type { TEcmoRequest, TLoan } from '../../../contracts/regulation.ts';
import { type LiveState, useLiveState } from '../../live.tsx';

export type RequestState = TEcmoRequest['state'];
export type Urgency = TEcmoRequest['urgency'];
export type LoanState = TLoan['state'];

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

/** "12 min", "1 h 05". */
export function useDuration(): (minutes: number) => string {
  const { t } = useTranslation();
  return (minutes) => {
    const m = Math.max(0, Math.round(minutes));
    if (m < 60) return t('regulation.minutes', { count: m });
    return t('regulation.hoursMinutes', { hours: Math.floor(m / 60), minutes: String(m % 60).padStart(2, '0') });
  };
}

/** Minutes a request has waited: live from its filing while open, as the server counted once closed. */
export function waitedMinutes(r: Pick<TEcmoRequest, 'filedAt' | 'closedAt' | 'waitingMinutes'>, now: number): number {
  if (r.closedAt) return r.waitingMinutes;
  return Math.max(r.waitingMinutes, (now - new Date(r.filedAt).getTime()) / 60_000);
}

const LIVE_ICON: Record<LiveState, string> = { open: '●', connecting: '◌', closed: '○' };

/** Whether the page is live (server-sent events) or only polled. */
export function LiveMarker() {
  const { t } = useTranslation();
  const state = useLiveState();
  return (
    <p className={`reg-live reg-live-${state}`} role="status">
      <span aria-hidden="true">{LIVE_ICON[state]} </span>
      {t(`regulation.live.${state}`)}
    </p>
  );
}
