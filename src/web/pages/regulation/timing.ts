/** How long a request has waited, and how the regulation pages say a duration. */
import { useTranslation } from 'react-i18next';
import type { TEcmoRequest } from '../../../contracts/regulation.ts';

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
