/**
 * Pieces shared by the boards and the fleet pages: tension and census badges, freshness ("mis à jour
 * il y a 5 min") with the stale marker, the demo notice, export links, the trend chart, the depots
 * table, sortable headers and the regions a user may open.
 */
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TCurrentUser } from '../../../contracts/auth.ts';
import type { TConsoleCounts } from '../../../contracts/boards.ts';
import { now as clockNow } from '../../clock.ts';
import { LineChart } from '../../components/charts/LineChart.tsx';
import { formatDateTime, formatNumber } from '../../format.ts';

export type Tension = 'available' | 'strained' | 'exhausted' | 'unknown';
export type CensusStatus = 'on_time' | 'late' | 'missing' | 'pending';

export const TENSION_ICON: Record<Tension, string> = { available: '✓', strained: '⚠', exhausted: '✕', unknown: '?' };
/** Worst first. */
export const TENSION_RANK: Record<Tension, number> = { exhausted: 0, strained: 1, unknown: 2, available: 3 };
export const CENSUS_ICON: Record<CensusStatus, string> = { on_time: '✓', late: '◷', missing: '✕', pending: '…' };
export const CENSUS_RANK: Record<CensusStatus, number> = { missing: 0, late: 1, pending: 2, on_time: 3 };

/** Tension fills of the map: colour-blind safe (hue and lightness differ), always with the icon and word. */
export const TENSION_FILL: Record<Tension, string> = {
  available: '#6cc2a6',
  strained: '#f5c65d',
  exhausted: '#a3251c',
  unknown: '#dde1e6',
};

export const CONSOLE_KEYS = ['available', 'inUse', 'maintenance', 'lent', 'outOfService', 'inTransit'] as const;

/** The current time on the server's clock, ticking every `every` ms, for "il y a …" texts. */
export function useNow(every = 30_000): number {
  const [now, setNow] = useState(() => clockNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(clockNow()), every);
    return () => clearInterval(timer);
  }, [every]);
  return now;
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** "il y a 5 min", "il y a 2 j", "à l'instant". */
export function formatAgo(iso: string, now: number, language: string, justNow: string): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 60) return justNow;
  let format = relativeFormats.get(language);
  if (!format) {
    format = new Intl.RelativeTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', { numeric: 'auto', style: 'short' });
    relativeFormats.set(language, format);
  }
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
/** "09:49", in Europe/Paris. */
export function formatTime(value: number | string, language: string): string {
  let format = timeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Paris',
    });
    timeFormats.set(language, format);
  }
  return format.format(new Date(value));
}

/** "2026-W47" → { year: "2026", week: "47" }. */
export function splitWeek(week: string): { year: string; week: string } {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  return match ? { year: match[1] ?? '', week: String(Number(match[2])) } : { year: '', week };
}

export function useWeekLabel(): (week: string) => string {
  const { t } = useTranslation();
  return (week) => t('fleet.week.long', splitWeek(week));
}

export function TensionBadge(props: { tension: Tension; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`tension tension-${props.tension}`}>
      <span aria-hidden="true" className="tension-icon">
        {TENSION_ICON[props.tension]}
      </span>{' '}
      {t(`fleet.tension.${props.tension}`)}
    </span>
  );
}

export function CensusBadge(props: { status: CensusStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`report-status report-status-${props.status}`}>
      <span aria-hidden="true">{CENSUS_ICON[props.status]}</span> {t(`fleet.census.${props.status}`)}
    </span>
  );
}

export function StaleMarker() {
  const { t } = useTranslation();
  return (
    <span className="stale-marker" title={t('fleet.fresh.staleLong')}>
      <span aria-hidden="true">◔ </span>
      {t('fleet.fresh.stale')}
      <span className="visually-hidden"> — {t('fleet.fresh.staleLong')}</span>
    </span>
  );
}

/** "mis à jour il y a 5 min" with the exact time on hover and for machines. */
export function Freshness(props: { at: string | null; now: number; prefix?: 'updated' | 'none'; label?: string }) {
  const { t, i18n } = useTranslation();
  if (!props.at) return <span className="freshness muted">{t('fleet.fresh.never')}</span>;
  const ago = formatAgo(props.at, props.now, i18n.language, t('fleet.fresh.justNow'));
  const text = props.prefix === 'none' ? ago : t('fleet.fresh.updated', { ago });
  return (
    <time className="freshness" dateTime={props.at} title={formatDateTime(props.at, i18n.language)}>
      {props.label ? `${props.label} ` : ''}
      {text}
    </time>
  );
}

export function DemoNotice() {
  const { t } = useTranslation();
  return (
    <aside className="notice notice-info demo-notice" aria-label={t('fleet.demo.label')}>
      <p>
        <strong>{t('fleet.demo.title')}</strong> {t('fleet.demo.text')}
      </p>
    </aside>
  );
}

export { ExportLinks } from '../../components/ExportLinks.tsx';

/** "Actualisé à 09:49 · actualisation toutes les 30 s". */
export function RefreshedAt(props: { at: number; fetching: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="refreshed" aria-live="off">
      <span aria-hidden="true" className={props.fetching ? 'refresh-dot refresh-dot-busy' : 'refresh-dot'} />
      {t('fleet.board.refreshedAt', { time: formatTime(props.at, i18n.language) })}
      <span className="muted"> · {t('fleet.board.autoRefresh')}</span>
    </p>
  );
}

/** "received/expected" with the late and missing counts, missing in red with its word. */
export function Completeness(props: { received: number; expected: number; late: number; missing: number }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  if (props.expected === 0) return <span className="muted">{t('fleet.completeness.none')}</span>;
  return (
    <span className="completeness">
      <span className="completeness-ratio">
        {n(props.received)}/{n(props.expected)}
      </span>
      {props.late > 0 ? (
        <span className="completeness-late">{t('fleet.completeness.late', { count: props.late })}</span>
      ) : null}
      {props.missing > 0 ? (
        <span className="completeness-missing">
          <span aria-hidden="true">✕ </span>
          {t('fleet.completeness.missing', { count: props.missing })}
        </span>
      ) : null}
    </span>
  );
}

export interface TrendPoint {
  week: string;
  consolesAvailable: number;
  consolesInUse: number;
  patientsVv: number;
  patientsVa: number;
  received: number;
  expected: number;
}

/** Consoles available and in use, patients VV and VA over the weeks; weeks without any report are gaps. */
export function TrendChart(props: { trend: readonly TrendPoint[]; currentWeek: string; scope: string }) {
  const { t, i18n } = useTranslation();
  const weekLabel = useWeekLabel();
  const points = props.trend;
  const has = (p: TrendPoint) => p.received > 0;
  const value = (p: TrendPoint, v: number) => (has(p) ? v : null);
  const current = points.find((p) => p.week === props.currentWeek);
  const empty = points.filter((p) => !has(p)).length;
  const last = [...points].reverse().find(has);
  const title = t('fleet.trend.title', { scope: props.scope });
  return (
    <LineChart
      title={title}
      description={
        last
          ? t('fleet.trend.description', {
              weeks: points.length,
              week: weekLabel(last.week),
              available: last.consolesAvailable,
              inUse: last.consolesInUse,
              vv: last.patientsVv,
              va: last.patientsVa,
            })
          : t('fleet.trend.noData')
      }
      categories={points.map((p) => t('fleet.week.short', splitWeek(p.week)))}
      categoryNames={points.map((p) => weekLabel(p.week))}
      xLabel={t('fleet.trend.xLabel')}
      yLabel={t('fleet.trend.yLabel')}
      tableLabel={t('fleet.trend.table')}
      noValue={t('fleet.trend.noReport')}
      formatValue={(v) => formatNumber(v, i18n.language)}
      series={[
        {
          key: 'available',
          label: t('fleet.trend.available'),
          className: 'chart-series-1',
          marker: 'circle',
          values: points.map((p) => value(p, p.consolesAvailable)),
        },
        {
          key: 'inUse',
          label: t('fleet.trend.inUse'),
          className: 'chart-series-2',
          marker: 'square',
          dashed: true,
          values: points.map((p) => value(p, p.consolesInUse)),
        },
        {
          key: 'vv',
          label: t('fleet.trend.vv'),
          className: 'chart-series-3',
          marker: 'triangle',
          values: points.map((p) => value(p, p.patientsVv)),
        },
        {
          key: 'va',
          label: t('fleet.trend.va'),
          className: 'chart-series-4',
          marker: 'diamond',
          dashed: true,
          values: points.map((p) => value(p, p.patientsVa)),
        },
      ]}
      footnote={
        <>
          {t('fleet.trend.basis')}
          {current ? ` ${t('fleet.trend.current', { received: current.received, expected: current.expected })}` : ''}
          {empty > 0 ? ` ${t('fleet.trend.gaps', { count: empty })}` : ''}
        </>
      }
    />
  );
}

export interface DepotRow {
  id: string;
  name: string;
  regionCode: string;
  consoles: TConsoleCounts;
  circuits: number;
}

export function DepotsTable(props: {
  depots: readonly DepotRow[];
  regionName?: (code: string) => string;
  caption: string;
}) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <div className="table-scroll">
      <table className="data-table board-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fleet.depots.name')}</th>
            {props.regionName ? <th scope="col">{t('fleet.depots.region')}</th> : null}
            <th scope="col" className="cell-num" title={t('fleet.counts.available')}>
              {t('fleet.counts.availableShort')}
            </th>
            <th scope="col" className="cell-num" title={t('fleet.counts.lent')}>
              {t('fleet.counts.lentShort')}
            </th>
            <th scope="col" className="cell-num" title={t('fleet.counts.maintenance')}>
              {t('fleet.counts.maintenanceShort')}
            </th>
            <th scope="col" className="cell-num">
              {t('fleet.counts.total')}
            </th>
            <th scope="col" className="cell-num">
              {t('fleet.board.circuits')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.depots.length === 0 ? (
            <tr>
              <td colSpan={props.regionName ? 7 : 6} className="table-empty">
                {t('fleet.depots.empty')}
              </td>
            </tr>
          ) : (
            props.depots.map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  <span className="depot-name">{d.name}</span> <span className="mono muted">{d.id}</span>
                </th>
                {props.regionName ? <td>{props.regionName(d.regionCode)}</td> : null}
                <td className="cell-num cell-strong">{n(d.consoles.available)}</td>
                <td className="cell-num">{n(d.consoles.lent)}</td>
                <td className="cell-num">{n(d.consoles.maintenance)}</td>
                <td className="cell-num">{n(d.consoles.total)}</td>
                <td className="cell-num">{n(d.circuits)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

export type SortDir = 'asc' | 'desc';
export interface SortState<K extends string> {
  key: K;
  dir: SortDir;
}

export function useSort<K extends string>(initial: SortState<K>) {
  const [sort, setSort] = useState(initial);
  const toggle = (key: K, firstDir: SortDir = 'asc') =>
    setSort((prev) => (prev.key === key ? { key, dir: prev.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: firstDir }));
  return { sort, toggle };
}

/** A column header that sorts its table; says the order to assistive technologies (aria-sort). */
export function SortHeader<K extends string>(props: {
  sortKey: K;
  sort: SortState<K>;
  onSort: (key: K) => void;
  children: ReactNode;
  className?: string;
  rowSpan?: number;
}) {
  const active = props.sort.key === props.sortKey;
  return (
    <th
      scope="col"
      className={props.className}
      rowSpan={props.rowSpan}
      aria-sort={active ? (props.sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" className="sort-button" onClick={() => props.onSort(props.sortKey)}>
        {props.children}
        <span aria-hidden="true" className="sort-arrow">
          {active ? (props.sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

export function compareBy<T>(sort: SortState<string>, value: (item: T) => number | string) {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return (a: T, b: T): number => {
    const va = value(a);
    const vb = value(b);
    if (typeof va === 'number' && typeof vb === 'number') return sign * (va - vb);
    return sign * String(va).localeCompare(String(vb), 'fr');
  };
}

/** The regions whose board a user may open: all for national scopes, else those of regional grants. */
export function boardRegionsOf(
  user: TCurrentUser,
  all: readonly { code: string; name: string }[],
): { code: string; name: string }[] {
  if (user.grants.some((g) => g.scopeKind === 'nation')) return [...all];
  const codes = new Set(
    user.grants.filter((g) => g.scopeKind === 'region' && g.scopeCode).map((g) => g.scopeCode as string),
  );
  const known = all.filter((r) => codes.has(r.code));
  if (known.length > 0 || all.length > 0) return known;
  return user.grants
    .filter((g) => g.scopeKind === 'region' && g.scopeCode)
    .map((g) => ({ code: g.scopeCode as string, name: g.scopeLabel ?? (g.scopeCode as string) }));
}

/** The figure in the interface language. */
export function useNumber(): (v: number) => string {
  const { i18n } = useTranslation();
  return (v) => formatNumber(v, i18n.language);
}

/** "3,9" / "3.9"; null → "—". */
export function useDecimal(): (v: number | null) => string {
  const { t, i18n } = useTranslation();
  return (v) =>
    v === null
      ? t('common.none')
      : v.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'fr-FR', {
          minimumFractionDigits: 1,
          maximumFractionDigits: 1,
        });
}
