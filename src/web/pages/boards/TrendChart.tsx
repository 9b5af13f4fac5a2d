/** The boards' trend: consoles available and in use, patients VV and VA, over the last weeks. */
import { useTranslation } from 'react-i18next';
import type { TNationalBoard } from '../../../contracts/boards.ts';
import { LineChart } from '../../components/charts/LineChart.tsx';
import { formatNumber } from '../../components/format.ts';
import { useWeekLabel } from './week.ts';

type TrendPoint = TNationalBoard['trend'][number];

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
  const title = t('boards.trend.title', { scope: props.scope });
  return (
    <LineChart
      title={title}
      description={
        last
          ? t('boards.trend.description', {
              weeks: points.length,
              week: weekLabel.long(last.week),
              available: last.consolesAvailable,
              inUse: last.consolesInUse,
              vv: last.patientsVv,
              va: last.patientsVa,
            })
          : t('boards.trend.noData')
      }
      categories={points.map((p) => weekLabel.short(p.week))}
      categoryNames={points.map((p) => weekLabel.long(p.week))}
      xLabel={t('boards.trend.xLabel')}
      yLabel={t('boards.trend.yLabel')}
      tableLabel={t('boards.trend.table')}
      noValue={t('boards.trend.noReport')}
      formatValue={(v) => formatNumber(v, i18n.language)}
      series={[
        {
          key: 'available',
          label: t('boards.trend.available'),
          className: 'chart-series-1',
          marker: 'circle',
          values: points.map((p) => value(p, p.consolesAvailable)),
        },
        {
          key: 'inUse',
          label: t('boards.trend.inUse'),
          className: 'chart-series-2',
          marker: 'square',
          dashed: true,
          values: points.map((p) => value(p, p.consolesInUse)),
        },
        {
          key: 'vv',
          label: t('boards.trend.vv'),
          className: 'chart-series-3',
          marker: 'triangle',
          values: points.map((p) => value(p, p.patientsVv)),
        },
        {
          key: 'va',
          label: t('boards.trend.va'),
          className: 'chart-series-4',
          marker: 'diamond',
          dashed: true,
          values: points.map((p) => value(p, p.patientsVa)),
        },
      ]}
      footnote={
        <>
          {t('boards.trend.basis')}
          {current ? ` ${t('boards.trend.current', { received: current.received, expected: current.expected })}` : ''}
          {empty > 0 ? ` ${t('boards.trend.gaps', { count: empty })}` : ''}
        </>
      }
    />
  );
}
