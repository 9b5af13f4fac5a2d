/**
 * How fresh what the page shows is, said two ways: `Freshness`, the age of a figure ("mis à jour il
 * y a 5 min", the exact time on hover and for machines), and `RefreshedAt`, when the page last
 * fetched its data ("Actualisé à 09:49"), with its automatic period and a button to fetch again.
 */
import { useTranslation } from 'react-i18next';
import { onServerClock } from '../clock.ts';
import { formatAgo, formatDateTime, formatTime } from './format.ts';

export function Freshness(props: {
  at: string | null;
  now: number;
  /** 'none': the age alone ("il y a 5 min"), for cells and lines that say what was updated. */
  prefix?: 'updated' | 'none';
  label?: string;
}) {
  const { t, i18n } = useTranslation();
  if (!props.at) return <span className="freshness muted">{t('common.fresh.never')}</span>;
  const ago = formatAgo(props.at, props.now, i18n.language, t('common.fresh.justNow'));
  const text = props.prefix === 'none' ? ago : t('common.fresh.updated', { ago });
  return (
    <time className="freshness" dateTime={props.at} title={formatDateTime(props.at, i18n.language)}>
      {props.label ? `${props.label} ` : ''}
      {text}
    </time>
  );
}

export function RefreshedAt(props: {
  /** When the data was fetched (react-query's dataUpdatedAt); 0: not yet. */
  at: number;
  fetching: boolean;
  /** Seconds between automatic refreshes, said after the time. */
  every?: number;
  /** Shows a button that fetches again. */
  onRefresh?: () => void;
}) {
  const { t, i18n } = useTranslation();
  if (!props.at) return null;
  // Said on the server's clock, like every other time of the page (the demo's clock may be pinned).
  const at = onServerClock(props.at);
  return (
    <p className="refreshed" aria-live="off">
      <span aria-hidden="true" className={props.fetching ? 'refresh-dot refresh-dot-busy' : 'refresh-dot'} />
      <time dateTime={new Date(at).toISOString()}>
        {t('common.refresh.at', { time: formatTime(at, i18n.language) })}
      </time>
      {props.every ? <span className="muted"> · {t('common.refresh.every', { seconds: props.every })}</span> : null}
      {props.onRefresh ? (
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={props.onRefresh}
          disabled={props.fetching}
        >
          {props.fetching ? t('common.refresh.busy') : t('common.refresh.button')}
        </button>
      ) : null}
    </p>
  );
}
