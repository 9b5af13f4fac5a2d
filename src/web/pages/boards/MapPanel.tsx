/**
 * The map of the regions on the national board, coloured by a chosen metric (tension by default, the
 * choice kept in the URL), with its legend; each region says its figures in words and opens its board.
 */
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { TNationalBoard } from '../../../contracts/boards.ts';
import { ErrorPanel } from '../../components/Feedback.tsx';
import { useDecimal } from '../../components/format.ts';
import { type MapRegion, RegionMap } from '../../components/map/RegionMap.tsx';
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
import { useRegionShapes } from './queries.ts';
import { TENSION_FILL, TENSION_ICON, type Tension } from './tension.tsx';

type Region = TNationalBoard['regions'][number];

export function MapPanel(props: {
  regions: readonly Region[];
  active: string | null;
  onActivate: (code: string | null) => void;
  /** Where a region's board is, for those who may open it. */
  regionHref: ((code: string) => string) | undefined;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const metricParam = params.get('carte');
  const metric: Metric = isMetric(metricParam) ? metricParam : 'tension';
  const shapes = useRegionShapes();
  const decimal = useDecimal();

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
    t('boards.map.regionAria', {
      name: r.name,
      tension: t(`boards.tension.${r.tension}`),
      available: r.consoles.available,
      total: r.consoles.total,
      per100: decimal(r.availablePer100IcuBeds),
      received: r.completeness.received,
      expected: r.completeness.expected,
    });

  const mapRegions: MapRegion[] = props.regions.map((r) => ({
    code: r.code,
    ...paint(
      metric,
      { tension: r.tension, available: r.consoles.available, per100: r.availablePer100IcuBeds, icuBeds: r.icuBeds },
      decimal,
    ),
    description: describeRegion(r),
    href: props.regionHref?.(r.code),
  }));

  return (
    <section className="panel map-panel" aria-labelledby="map-heading">
      <div className="panel-header">
        <h2 id="map-heading">{t('boards.map.heading')}</h2>
        <fieldset className="segmented">
          <legend>{t('boards.map.metric')}</legend>
          {METRICS.map((m) => (
            <label key={m} className={metric === m ? 'segmented-on' : undefined}>
              <input type="radio" name="map-metric" value={m} checked={metric === m} onChange={() => setMetric(m)} />
              {t(`boards.map.metrics.${m}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <MapLegend metric={metric} />
      {shapes.data ? (
        <RegionMap
          shapes={shapes.data}
          regions={mapRegions}
          title={t('boards.map.title', { metric: t(`boards.map.metrics.${metric}`) })}
          description={t('boards.map.description')}
          activeCode={props.active}
          onActivate={props.onActivate}
          onOpen={(_, href) => navigate(href)}
          insetsCaption={t('boards.map.insets')}
        />
      ) : shapes.isError ? (
        <ErrorPanel error={shapes.error} onRetry={() => void shapes.refetch()} />
      ) : (
        <p role="status">{t('app.loading')}</p>
      )}
      <p className="map-hint muted">{props.regionHref ? t('boards.map.hint') : t('boards.map.hintNoLink')}</p>
    </section>
  );
}

function MapLegend(props: { metric: Metric }) {
  const { t } = useTranslation();
  const decimal = useDecimal();
  const range = (b: Bin, format: (v: number) => string, last: (to: number) => number) =>
    b.to === null
      ? t('boards.map.binAtLeast', { from: format(b.from) })
      : b.from === 0 && props.metric === 'per100'
        ? t('boards.map.binBelow', { to: format(b.to) })
        : last(b.to) === b.from
          ? format(b.from)
          : t('boards.map.binRange', { from: format(b.from), to: format(last(b.to)) });
  let items: { key: string; fill: string; hatched?: boolean; text: string; icon?: string }[];
  if (props.metric === 'tension') {
    items = (['available', 'strained', 'exhausted', 'unknown'] as Tension[]).map((k) => ({
      key: k,
      fill: TENSION_FILL[k],
      hatched: k === 'unknown',
      icon: TENSION_ICON[k],
      text: t(`boards.tension.${k}`),
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
      { key: 'none', fill: NO_DATA_FILL, hatched: true, text: t('boards.map.noData') },
    ];
  }
  return (
    <div className="map-legend">
      <p className="map-legend-title">{t(`boards.map.legend.${props.metric}`)}</p>
      <ul>
        {items.map((item) => (
          <li key={item.key} className="map-legend-item">
            <svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true" className="legend-swatch">
              <rect x="0.5" y="0.5" width="17" height="13" rx="2" fill={item.fill} stroke="var(--hatch)" />
              {item.hatched ? (
                <path d="M0 14L14 0M6 14L18 2M-4 10L8 -2" stroke="var(--hatch)" strokeWidth="1.2" />
              ) : null}
            </svg>
            {item.icon ? <span aria-hidden="true">{item.icon} </span> : null}
            {item.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
