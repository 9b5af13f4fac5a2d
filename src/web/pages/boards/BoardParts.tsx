/** Small blocks of both boards: the header and status lines, the demo notice, completeness, freshness notes. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge.tsx';
import { ErrorNotice, ErrorPanel } from '../../components/Feedback.tsx';
import { Freshness } from '../../components/Freshness.tsx';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { useWeekLabel } from './week.ts';

/** The board's title, its week and due date once known, and what goes beside them (selector, refresh, exports). */
export function BoardHeader(props: {
  title: string;
  board: { week: string; dueAt: string } | undefined;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const weekLabel = useWeekLabel();
  const { board } = props;
  return (
    <div className="page-header board-header">
      <div>
        <h1>{props.title}</h1>
        {board ? (
          <p className="board-week">
            {weekLabel.long(board.week)} ·{' '}
            {t('boards.board.dueAt', { date: formatDateTime(board.dueAt, i18n.language) })}
          </p>
        ) : null}
      </div>
      <div className="board-header-side">{props.children}</div>
    </div>
  );
}

/**
 * Loading, then a failure: in full when nothing is shown yet, as a line above the figures of the
 * last successful refresh otherwise. `refused` takes the place of the error panel (a region out of reach).
 */
export function BoardStatus(props: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  shown: boolean;
  refused?: ReactNode;
}) {
  const { t } = useTranslation();
  const { query } = props;
  return (
    <>
      {query.isPending ? <p role="status">{t('app.loading')}</p> : null}
      {props.refused ?? null}
      {query.isError && !props.refused && !props.shown ? (
        <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />
      ) : null}
      <ErrorNotice>{query.isError && props.shown ? t('boards.board.refreshFailed') : null}</ErrorNotice>
    </>
  );
}

export function StaleMarker() {
  const { t } = useTranslation();
  return (
    <Badge tone="warning" icon="◔" className="stale-marker" title={t('boards.fresh.staleLong')}>
      {t('boards.fresh.stale')}
      <span className="visually-hidden"> — {t('boards.fresh.staleLong')}</span>
    </Badge>
  );
}

export function DemoNotice() {
  const { t } = useTranslation();
  return (
    <aside className="notice notice-info demo-notice" aria-label={t('boards.demo.label')}>
      <p>
        <strong>{t('boards.demo.title')}</strong> {t('boards.demo.text')}
      </p>
    </aside>
  );
}

/** "received/expected" with the late and missing counts, missing in red with its word. */
export function Completeness(props: { received: number; expected: number; late: number; missing: number }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  if (props.expected === 0) return <span className="muted">{t('boards.completeness.none')}</span>;
  return (
    <span className="completeness">
      <span className="completeness-ratio">
        {n(props.received)}/{n(props.expected)}
      </span>
      {props.late > 0 ? (
        <span className="completeness-late">{t('boards.completeness.late', { count: props.late })}</span>
      ) : null}
      {props.missing > 0 ? (
        <span className="completeness-missing">
          <span aria-hidden="true">✕ </span>
          {t('boards.completeness.missing', { count: props.missing })}
        </span>
      ) : null}
    </span>
  );
}

/** When a row's census figures were last reported, with the stale marker (the register's time on hover). */
export function FreshnessCell(props: {
  lastUpdated: { consoles: string | null; stock: string | null; census: string | null };
  stale: boolean;
  now: number;
}) {
  return (
    <span className="fresh-lines">
      <Freshness at={props.lastUpdated.census} now={props.now} prefix="none" />
      {props.stale ? <StaleMarker /> : null}
    </span>
  );
}

/** "Registre des consoles mis à jour il y a 5 min" under a board's table. */
export function RegisterNote(props: { at: string | null; now: number; note: string }) {
  const { t } = useTranslation();
  return (
    <p className="table-note muted">
      <Freshness at={props.at} now={props.now} label={t('boards.fresh.registerNote')} />. {props.note}
    </p>
  );
}
