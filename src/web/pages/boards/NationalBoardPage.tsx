/**
 * The national board, the face of Relais: key figures, the map of the regions coloured by a chosen
 * metric (tension by default), the table of the regions (the accessible alternative to the map),
 * the trend over the last weeks and the national stock. Refreshed every 30 s.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { TNationalBoard } from '../../../contracts/boards.ts';
import { ops } from '../../../contracts/operations.ts';
import { can, useUser } from '../../auth.tsx';
import { ErrorPanel } from '../../components/Feedback.tsx';
import { type MapRegion, RegionMap } from '../../components/map/RegionMap.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDateTime } from '../../format.ts';
import { FreshnessCell, KeyFigures, RegionDetails, RegisterNote } from './BoardParts.tsx';
import {
  AVAILABLE_BINS,
  type Bin,
  isMetric,
  METRICS,
  type Metric,
  NO_DATA_FILL,
  PER100_BINS,
  paint,
} from './metrics.ts';
import { useNationalBoard, useRegionShapes } from './queries.ts';
import {
  CONSOLE_KEYS,
  Completeness,
  compareBy,
  DemoNotice,
  DepotsTable,
  ExportLinks,
  RefreshedAt,
  SortHeader,
  TENSION_FILL,
  TENSION_ICON,
  TENSION_RANK,
  type Tension,
  TensionBadge,
  TrendChart,
  useDecimal,
  useNow,
  useNumber,
  useSort,
  useWeekLabel,
} from './shared.tsx';

type Region = TNationalBoard['regions'][number];
type SortKey = 'name' | 'tension' | 'available' | 'total' | 'patients' | 'per100' | 'completeness';

export function NationalBoardPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('fleet.national.title'));
  const user = useUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const metricParam = params.get('carte');
  const metric: Metric = isMetric(metricParam) ? metricParam : 'tension';
  const [active, setActive] = useState<string | null>(null);
  const board = useNationalBoard();
  const shapes = useRegionShapes();
  const now = useNow();
  const weekLabel = useWeekLabel();
  const n = useNumber();
  const decimal = useDecimal();
  const { sort, toggle } = useSort<SortKey>({ key: 'name', dir: 'asc' });
  const canOpenRegion = can(user, 'board:regional');

  const data = board.data;
  const regionHref = (code: string) => `/tableau-regional/${code}`;

  const setMetric = (next: Metric) =>
    setParams(
      (prev) => {
        const out = new URLSearchParams(prev);
        if (next === 'tension') out.delete('carte');
        else out.set('carte', next);
        return out;
      },
      { replace: true },
    );

  const describeRegion = (r: Region) =>
    t('fleet.map.regionAria', {
      name: r.name,
      tension: t(`fleet.tension.${r.tension}`),
      available: r.consoles.available,
      total: r.consoles.total,
      per100: decimal(r.availablePer100IcuBeds),
      received: r.completeness.received,
      expected: r.completeness.expected,
    });

  const mapRegions: MapRegion[] = (data?.regions ?? []).map((r) => ({
    code: r.code,
    ...paint(
      metric,
      { tension: r.tension, available: r.consoles.available, per100: r.availablePer100IcuBeds, icuBeds: r.icuBeds },
      decimal,
    ),
    description: describeRegion(r),
    href: canOpenRegion ? regionHref(r.code) : undefined,
  }));

  const sortValue = (r: Region): number | string => {
    switch (sort.key) {
      case 'tension':
        return TENSION_RANK[r.tension];
      case 'available':
        return r.consoles.available;
      case 'total':
        return r.consoles.total;
      case 'patients':
        return r.patients.vv + r.patients.va;
      case 'per100':
        return r.availablePer100IcuBeds ?? -1;
      case 'completeness':
        return r.completeness.expected === 0 ? 2 : r.completeness.rate;
      default:
        return r.name;
    }
  };
  const regions = [...(data?.regions ?? [])].sort(compareBy(sort, sortValue));
  const activeRegion = data?.regions.find((r) => r.code === active) ?? null;
  const regionName = (code: string) => data?.regions.find((r) => r.code === code)?.name ?? code;
  const sortProps = { sort, onSort: (key: SortKey) => toggle(key, key === 'name' ? 'asc' : 'desc') };

  return (
    <section className="page page-wide board fleet-ui">
      <div className="page-header board-header">
        <div>
          <h1>{t('fleet.national.title')}</h1>
          {data ? (
            <p className="board-week">
              {weekLabel(data.week)} · {t('fleet.board.dueAt', { date: formatDateTime(data.dueAt, i18n.language) })}
            </p>
          ) : null}
        </div>
        <div className="board-header-side">
          {data ? <RefreshedAt at={board.dataUpdatedAt} fetching={board.isFetching} /> : null}
          <ExportLinks path={ops.exportNationalBoard.path} what={t('fleet.national.exportWhat')} />
        </div>
      </div>

      {board.isPending ? <p role="status">{t('app.loading')}</p> : null}
      {board.isError && !data ? <ErrorPanel error={board.error} onRetry={() => void board.refetch()} /> : null}
      {board.isError && data ? (
        <p className="notice notice-error" role="alert">
          {t('fleet.board.refreshFailed')}
        </p>
      ) : null}

      {data ? (
        <>
          {data.demoNotice ? <DemoNotice /> : null}
          <h2 className="visually-hidden">{t('fleet.board.keyFigures')}</h2>
          <KeyFigures figures={data.totals} now={now} nationalStock={data.nationalStock.consoles.available} />

          <div className="board-map-grid">
            <section className="panel map-panel" aria-labelledby="map-heading">
              <div className="panel-header">
                <h2 id="map-heading">{t('fleet.map.heading')}</h2>
                <fieldset className="segmented">
                  <legend>{t('fleet.map.metric')}</legend>
                  {METRICS.map((m) => (
                    <label key={m} className={metric === m ? 'segmented-on' : undefined}>
                      <input
                        type="radio"
                        name="map-metric"
                        value={m}
                        checked={metric === m}
                        onChange={() => setMetric(m)}
                      />
                      {t(`fleet.map.metrics.${m}`)}
                    </label>
                  ))}
                </fieldset>
              </div>
              <MapLegend metric={metric} />
              {shapes.data ? (
                <RegionMap
                  shapes={shapes.data}
                  regions={mapRegions}
                  title={t('fleet.map.title', { metric: t(`fleet.map.metrics.${metric}`) })}
                  description={t('fleet.map.description')}
                  activeCode={active}
                  onActivate={setActive}
                  onOpen={(_, href) => navigate(href)}
                  insetsCaption={t('fleet.map.insets')}
                />
              ) : shapes.isError ? (
                <ErrorPanel error={shapes.error} onRetry={() => void shapes.refetch()} />
              ) : (
                <p role="status">{t('app.loading')}</p>
              )}
              <p className="map-hint muted">{canOpenRegion ? t('fleet.map.hint') : t('fleet.map.hintNoLink')}</p>
            </section>
            <section className="panel details-panel" aria-labelledby="details-heading">
              {activeRegion ? (
                <RegionDetails
                  headingId="details-heading"
                  region={activeRegion}
                  now={now}
                  href={canOpenRegion ? regionHref(activeRegion.code) : undefined}
                  onClose={() => setActive(null)}
                />
              ) : (
                <Watchlist regions={data.regions} headingId="details-heading" />
              )}
            </section>
          </div>

          <section aria-labelledby="regions-heading">
            <h2 id="regions-heading">{t('fleet.national.regionsHeading')}</h2>
            <div className="table-scroll">
              <table className="data-table board-table">
                <caption>{t('fleet.national.regionsCaption', { week: weekLabel(data.week) })}</caption>
                <thead>
                  <tr>
                    <SortHeader sortKey="name" {...sortProps} rowSpan={2}>
                      {t('fleet.board.region')}
                    </SortHeader>
                    <SortHeader sortKey="tension" {...sortProps} rowSpan={2}>
                      {t('fleet.board.tension')}
                    </SortHeader>
                    <th scope="colgroup" colSpan={7} className="group-head">
                      {t('fleet.board.consoles')}
                    </th>
                    <th scope="col" rowSpan={2} className="cell-num">
                      {t('fleet.board.circuits')}
                    </th>
                    <th scope="col" rowSpan={2} className="cell-num">
                      {t('fleet.board.cannulas')}
                    </th>
                    <th scope="colgroup" colSpan={2} className="group-head">
                      {t('fleet.board.patients')}
                    </th>
                    <th scope="col" rowSpan={2} className="cell-num">
                      {t('fleet.board.teams')}
                    </th>
                    <th scope="col" rowSpan={2} className="cell-num">
                      {t('fleet.board.icuBeds')}
                    </th>
                    <SortHeader sortKey="per100" {...sortProps} rowSpan={2} className="cell-num">
                      {t('fleet.board.per100')}
                    </SortHeader>
                    <SortHeader sortKey="completeness" {...sortProps} rowSpan={2}>
                      {t('fleet.board.census')}
                    </SortHeader>
                    <th scope="col" rowSpan={2}>
                      {t('fleet.board.lastReport')}
                    </th>
                  </tr>
                  <tr>
                    <SortHeader sortKey="available" {...sortProps} className="cell-num">
                      {t('fleet.counts.availableShort')}
                    </SortHeader>
                    {CONSOLE_KEYS.slice(1).map((k) => (
                      <th key={k} scope="col" className="cell-num" title={t(`fleet.counts.${k}`)}>
                        {t(`fleet.counts.${k}Short`)}
                      </th>
                    ))}
                    <SortHeader sortKey="total" {...sortProps} className="cell-num">
                      {t('fleet.counts.total')}
                    </SortHeader>
                    <th scope="col" className="cell-num">
                      {t('fleet.board.vv')}
                    </th>
                    <th scope="col" className="cell-num">
                      {t('fleet.board.va')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {regions.map((r) => (
                    <tr key={r.code} className={active === r.code ? 'row-active' : undefined}>
                      <th scope="row">{canOpenRegion ? <Link to={regionHref(r.code)}>{r.name}</Link> : r.name}</th>
                      <td>
                        <TensionBadge tension={r.tension} />
                      </td>
                      {CONSOLE_KEYS.map((k) => (
                        <td key={k} className={k === 'available' ? 'cell-num cell-strong' : 'cell-num'}>
                          {n(r.consoles[k])}
                        </td>
                      ))}
                      <td className="cell-num">{n(r.consoles.total)}</td>
                      <td className="cell-num">{n(r.circuits)}</td>
                      <td className="cell-num">{n(r.cannulas)}</td>
                      <td className="cell-num">{n(r.patients.vv)}</td>
                      <td className="cell-num">{n(r.patients.va)}</td>
                      <td className="cell-num">{n(r.teams)}</td>
                      <td className="cell-num">{n(r.icuBeds)}</td>
                      <td className="cell-num">{decimal(r.availablePer100IcuBeds)}</td>
                      <td>
                        <Completeness {...r.completeness} />
                      </td>
                      <td className="cell-fresh">
                        <FreshnessCell lastUpdated={r.lastUpdated} stale={r.stale} now={now} />
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('fleet.national.france')}</th>
                    <td>
                      <TensionBadge tension={data.totals.tension} />
                    </td>
                    {CONSOLE_KEYS.map((k) => (
                      <td key={k} className="cell-num">
                        {n(data.totals.consoles[k])}
                      </td>
                    ))}
                    <td className="cell-num">{n(data.totals.consoles.total)}</td>
                    <td className="cell-num">{n(data.totals.circuits)}</td>
                    <td className="cell-num">{n(data.totals.cannulas)}</td>
                    <td className="cell-num">{n(data.totals.patients.vv)}</td>
                    <td className="cell-num">{n(data.totals.patients.va)}</td>
                    <td className="cell-num">{n(data.totals.teams)}</td>
                    <td className="cell-num">{n(data.totals.icuBeds)}</td>
                    <td className="cell-num">{decimal(data.totals.availablePer100IcuBeds)}</td>
                    <td>
                      <Completeness {...data.totals.completeness} />
                    </td>
                    <td className="cell-fresh">
                      <FreshnessCell lastUpdated={data.totals.lastUpdated} stale={data.totals.stale} now={now} />
                    </td>
                  </tr>
                </tfoot>
              </table>
            </div>
            <RegisterNote at={data.totals.lastUpdated.consoles} now={now} note={t('fleet.national.note')} />
          </section>

          <div className="board-bottom-grid">
            <section className="panel" aria-labelledby="trend-heading">
              <h2 id="trend-heading">{t('fleet.trend.heading')}</h2>
              <TrendChart trend={data.trend} currentWeek={data.week} scope={t('fleet.national.scope')} />
            </section>
            <section className="panel" aria-labelledby="stock-heading">
              <h2 id="stock-heading">{t('fleet.national.stockHeading')}</h2>
              <p className="stock-summary">
                {t('fleet.national.stockSummary', {
                  available: n(data.nationalStock.consoles.available),
                  total: n(data.nationalStock.consoles.total),
                  circuits: n(data.nationalStock.circuits),
                })}
              </p>
              <DepotsTable
                depots={data.nationalStock.depots}
                regionName={regionName}
                caption={t('fleet.national.depotsCaption')}
              />
              {can(user, 'device:list') ? (
                <p className="panel-link">
                  <Link to="/consoles?stock=national">{t('fleet.national.stockConsoles')}</Link>
                </p>
              ) : null}
            </section>
          </div>
        </>
      ) : null}
    </section>
  );
}

function MapLegend(props: { metric: Metric }) {
  const { t } = useTranslation();
  const decimal = useDecimal();
  const range = (b: Bin, format: (v: number) => string, last: (to: number) => number) =>
    b.to === null
      ? t('fleet.map.binAtLeast', { from: format(b.from) })
      : b.from === 0 && props.metric === 'per100'
        ? t('fleet.map.binBelow', { to: format(b.to) })
        : last(b.to) === b.from
          ? format(b.from)
          : t('fleet.map.binRange', { from: format(b.from), to: format(last(b.to)) });
  let items: { key: string; fill: string; hatched?: boolean; text: string; icon?: string }[];
  if (props.metric === 'tension') {
    items = (['available', 'strained', 'exhausted', 'unknown'] as Tension[]).map((k) => ({
      key: k,
      fill: TENSION_FILL[k],
      hatched: k === 'unknown',
      icon: TENSION_ICON[k],
      text: t(`fleet.tension.${k}`),
    }));
  } else if (props.metric === 'available') {
    items = AVAILABLE_BINS.map((b) => ({
      key: String(b.from),
      fill: b.fill,
      text: range(b, String, (to) => to - 1),
    }));
  } else {
    items = [
      ...PER100_BINS.map((b) => ({
        key: String(b.from),
        fill: b.fill,
        text: range(
          b,
          (v) => decimal(v),
          (to) => to,
        ),
      })),
      { key: 'none', fill: NO_DATA_FILL, hatched: true, text: t('fleet.map.noData') },
    ];
  }
  return (
    <div className="map-legend">
      <p className="map-legend-title">{t(`fleet.map.legend.${props.metric}`)}</p>
      <ul>
        {items.map((item) => (
          <li key={item.key} className="map-legend-item">
            <svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true" className="legend-swatch">
              <rect x="0.5" y="0.5" width="17" height="13" rx="2" fill={item.fill} stroke="#6b7684" />
              {item.hatched ? <path d="M0 14L14 0M6 14L18 2M-4 10L8 -2" stroke="#7d8794" strokeWidth="1.2" /> : null}
            </svg>
            {item.icon ? <span aria-hidden="true">{item.icon} </span> : null}
            {item.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Watchlist(props: { regions: readonly Region[]; headingId: string }) {
  const { t } = useTranslation();
  const tense = props.regions
    .filter((r) => r.tension === 'exhausted' || r.tension === 'strained')
    .sort((a, b) => TENSION_RANK[a.tension] - TENSION_RANK[b.tension] || a.name.localeCompare(b.name, 'fr'));
  const missing = props.regions
    .filter((r) => r.completeness.missing > 0)
    .sort((a, b) => b.completeness.missing - a.completeness.missing);
  return (
    <>
      <h2 id={props.headingId}>{t('fleet.watch.heading')}</h2>
      <p className="muted">{t('fleet.watch.hint')}</p>
      <h3>{t('fleet.watch.tension')}</h3>
      {tense.length === 0 ? (
        <p>{t('fleet.watch.noTension')}</p>
      ) : (
        <ul className="watch-list">
          {tense.map((r) => (
            <li key={r.code} className="watch-item">
              <TensionBadge tension={r.tension} /> <strong>{r.name}</strong>{' '}
              <span className="muted">{t('fleet.watch.available', { count: r.consoles.available })}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('fleet.watch.missing')}</h3>
      {missing.length === 0 ? (
        <p>{t('fleet.watch.noMissing')}</p>
      ) : (
        <ul className="watch-list">
          {missing.map((r) => (
            <li key={r.code} className="watch-item">
              <strong>{r.name}</strong>{' '}
              <span className="completeness-missing">
                <span aria-hidden="true">✕ </span>
                {t('fleet.completeness.missing', { count: r.completeness.missing })}
              </span>{' '}
              <span className="muted">
                ({r.completeness.received}/{r.completeness.expected})
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
