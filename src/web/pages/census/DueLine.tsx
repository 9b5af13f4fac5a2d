/** The due date of a census, and the time left or the time past it, kept true by the clock. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { useNow } from '../../components/useNow.ts';

/** "2 j 4 h", "3 h 12 min", "5 min". */
export function formatDuration(ms: number, t: TFunction): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return t('census.duration.daysHours', { days, hours });
  if (hours > 0) return t('census.duration.hoursMinutes', { hours, minutes: mins });
  return t('census.duration.minutes', { minutes: mins });
}

/** The due date, and the time left or the time past it. */
export function DueLine(props: { dueAt: string; received: boolean }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const left = new Date(props.dueAt).getTime() - now;
  const date = (
    <time dateTime={props.dueAt} className="census-due-date">
      {formatDateTime(props.dueAt, i18n.language)}
    </time>
  );
  let timer: string | null = null;
  let tone = 'muted';
  if (!props.received) {
    if (left > 0) {
      timer = t('census.due.left', { duration: formatDuration(left, t) });
      tone = left < 24 * 3_600_000 ? 'census-timer-soon' : 'muted';
    } else {
      timer = t('census.due.overdue', { duration: formatDuration(left, t) });
      tone = 'census-timer-overdue';
    }
  }
  return (
    <p className="census-due">
      <span>{t('census.due.label')}</span> {date}
      {timer ? (
        <>
          {' — '}
          <strong className={tone}>{timer}</strong>
        </>
      ) : null}
    </p>
  );
}
