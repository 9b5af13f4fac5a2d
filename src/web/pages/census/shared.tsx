/** Pieces shared by the census pages: week in the URL, statuses, due-date timers, completeness bars. */
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TCensusReport, TCompleteness } from '../../../contracts/census.ts';
import { ops } from '../../../contracts/operations.ts';
import { call, isApiError } from '../../api/client.ts';
import { censusKeys } from '../../api/keys.ts';
import { now as clockNow } from '../../clock.ts';
import { ErrorPanel } from '../../components/Feedback.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../format.ts';

export type CensusStatus = 'on_time' | 'late' | 'missing' | 'pending';
export const STATUSES: readonly CensusStatus[] = ['missing', 'pending', 'late', 'on_time'];
/** The order of the parts of a completeness bar (and of its legend). */
export const BAR_ORDER: readonly CensusStatus[] = ['on_time', 'late', 'missing', 'pending'];
/** Missing first (red, to be chased), then pending, late, on time. */
export const STATUS_RANK: Record<CensusStatus, number> = { missing: 0, pending: 1, late: 2, on_time: 3 };
export const isStatus = (value: string | null): value is CensusStatus =>
  value === 'on_time' || value === 'late' || value === 'missing' || value === 'pending';

export const WEEK_PARAM = 'semaine';
const WEEK = /^\d{4}-W\d{2}$/;
export const pickWeek = (value: string | null): string | null => (value && WEEK.test(value) ? value : null);

/** The recent campaigns within reach (and which week is the current one). */
export function useCampaigns(region?: string) {
  return useQuery({
    queryKey: censusKeys.campaigns(region),
    queryFn: () => call(ops.listCensusCampaigns, { query: { weeks: 12, region } }),
    refetchInterval: 60_000,
  });
}

/** The current time, refreshed every `every` ms: for timers that must stay true on a wall screen. */
export function useNow(every = 30_000): number {
  const [now, setNow] = useState(() => clockNow());
  useEffect(() => {
    const id = setInterval(() => setNow(clockNow()), every);
    return () => clearInterval(id);
  }, [every]);
  return now;
}

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

const STATUS_ICON: Record<CensusStatus, string> = { on_time: '✓', late: '⚠', missing: '✗', pending: '…' };

/** A status: its colour always goes with an icon and a word. */
export function StatusBadge(props: { status: CensusStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`census-status census-status-${props.status}`}>
      <span aria-hidden="true" className="census-status-icon">
        {STATUS_ICON[props.status]}
      </span>{' '}
      {t(`census.status.${props.status}`)}
    </span>
  );
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

/** "du 16 nov. 2026 au 22 nov. 2026" from the Monday of the week. */
export function weekRange(weekStart: string, language: string, t: TFunction): string {
  const start = new Date(`${weekStart}T12:00:00Z`);
  const end = new Date(start.getTime() + 6 * 86_400_000);
  return t('census.weekRange', {
    from: formatDate(start.toISOString(), language),
    to: formatDate(end.toISOString(), language),
  });
}

export const consoleTotal = (c: TCensusReport['consoles']): number =>
  c.available + c.inUse + c.maintenance + c.lent + c.outOfService + c.inTransit;

export const percent = (rate: number, language: string): string =>
  `${formatNumber(Math.round(rate * 100), language)} %`;

/**
 * Completeness as one stacked bar (on time, late, missing, still awaited), drawn in SVG so that no
 * inline style is needed under the strict CSP; the figures are said in words for screen readers.
 */
export function CompletenessBar(props: { c: TCompleteness; className?: string }) {
  const { t } = useTranslation();
  const { expected, onTime, late, missing } = props.c;
  const pending = Math.max(0, expected - onTime - late - missing);
  const label = t('census.bar.label', { onTime, late, missing, pending, expected });
  if (expected === 0) return <span className="muted">{t('common.none')}</span>;
  const parts: [string, number][] = [
    ['on_time', onTime],
    ['late', late],
    ['missing', missing],
    ['pending', pending],
  ];
  let x = 0;
  return (
    <svg
      className={`census-bar${props.className ? ` ${props.className}` : ''}`}
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      {parts.map(([key, n]) => {
        const width = (n / expected) * 100;
        const rect =
          n > 0 ? <rect key={key} className={`census-bar-${key}`} x={x} y={0} width={width} height={10} /> : null;
        x += width;
        return rect;
      })}
    </svg>
  );
}

/** A single rate as a bar (e.g. on-time rate of a past campaign). */
export function RateBar(props: { rate: number; label: string }) {
  const width = Math.max(0, Math.min(1, props.rate)) * 100;
  return (
    <svg className="census-bar census-bar-rate" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
      <rect className="census-bar-track" x={0} y={0} width={100} height={10} />
      <rect className="census-bar-on_time" x={0} y={0} width={width} height={10} />
      <title>{props.label}</title>
    </svg>
  );
}

/** "Data as of 09:47" beside figures, with a refresh button. */
export function Freshness(props: { updatedAt: number; fetching: boolean; onRefresh: () => void }) {
  const { t, i18n } = useTranslation();
  if (!props.updatedAt) return null;
  const iso = new Date(props.updatedAt).toISOString();
  return (
    <p className="census-freshness">
      <span>
        {t('census.freshness')} <time dateTime={iso}>{formatDateTime(iso, i18n.language)}</time>
      </span>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={props.onRefresh}
        disabled={props.fetching}
      >
        {props.fetching ? t('census.refreshing') : t('census.refresh')}
      </button>
    </p>
  );
}

/** A campaign that cannot be shown: a week without campaign (future, malformed) is said plainly. */
export function CampaignError(props: { error: unknown; week: string | null; onRetry: () => void }) {
  const { t } = useTranslation();
  if (isApiError(props.error) && (props.error.status === 404 || props.error.status === 400)) {
    return (
      <div className="notice notice-error" role="alert">
        <p>{t('census.noCampaign', { week: props.week ?? '' })}</p>
        <p>
          <Link to="/recensement">{t('census.currentCampaign')}</Link>
        </p>
      </div>
    );
  }
  return <ErrorPanel error={props.error} onRetry={props.onRetry} />;
}
