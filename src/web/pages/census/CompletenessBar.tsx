import { useTranslation } from 'react-i18next';
import type { TCompleteness } from '../../../contracts/census.ts';

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

/** The headers of the received, on-time and late counts, in the tables of campaigns and regions. */
export function CompletenessHeads() {
  const { t } = useTranslation();
  return (
    <>
      <th scope="col" className="num">
        {t('census.completeness.received')}
      </th>
      <th scope="col" className="num">
        {t('census.completeness.onTime')}
      </th>
      <th scope="col" className="num">
        {t('census.completeness.late')}
      </th>
    </>
  );
}
