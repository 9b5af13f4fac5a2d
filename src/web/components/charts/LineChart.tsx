/**
 * A small SVG line chart: a few series over ordered categories (weeks), y axis from zero with round
 * ticks, axis labels and an HTML legend. Series differ by colour, dash and marker shape, so that they
 * read without colour. A missing value (null) breaks the line. The data are also given as a table
 * (in a disclosure), the accessible alternative to the drawing.
 */
import { type ReactNode, useId } from 'react';
import { niceTicks } from '../../../domain/ticks.ts';

export type Marker = 'circle' | 'square' | 'triangle' | 'diamond';

export interface Series {
  key: string;
  label: string;
  /** A class setting stroke / fill colour (`.chart-series-1` … in styles.css). */
  className: string;
  marker: Marker;
  dashed?: boolean;
  values: readonly (number | null)[];
}

export interface LineChartProps {
  title: string;
  /** A sentence summarising the chart for assistive technologies. */
  description: string;
  categories: readonly string[];
  /** Longer names of the categories for the table and tooltips (default: the categories). */
  categoryNames?: readonly string[];
  series: readonly Series[];
  yLabel: string;
  xLabel: string;
  tableLabel: string;
  formatValue?: (value: number) => string;
  noValue: string;
  footnote?: ReactNode;
}

const W = 640;
const H = 260;
const M = { top: 14, right: 16, bottom: 46, left: 52 };

function markerPath(marker: Marker, x: number, y: number, r = 3.6): string {
  switch (marker) {
    case 'square':
      return `M${x - r},${y - r}h${2 * r}v${2 * r}h${-2 * r}Z`;
    case 'triangle':
      return `M${x},${y - r * 1.2}L${x + r * 1.15},${y + r * 0.85}L${x - r * 1.15},${y + r * 0.85}Z`;
    case 'diamond':
      return `M${x},${y - r * 1.3}L${x + r * 1.3},${y}L${x},${y + r * 1.3}L${x - r * 1.3},${y}Z`;
    default:
      return `M${x - r},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
  }
}

export function LegendSwatch(props: { series: Pick<Series, 'className' | 'marker' | 'dashed'> }) {
  return (
    <svg
      className={`chart-swatch ${props.series.className}`}
      width="28"
      height="12"
      viewBox="0 0 28 12"
      aria-hidden="true"
    >
      <line
        x1="1"
        y1="6"
        x2="27"
        y2="6"
        className="chart-line"
        strokeDasharray={props.series.dashed ? '5 3' : undefined}
      />
      <path d={markerPath(props.series.marker, 14, 6)} className="chart-marker" />
    </svg>
  );
}

export function LineChart(props: LineChartProps) {
  const id = useId();
  const fmt = props.formatValue ?? ((v: number) => String(v));
  const n = props.categories.length;
  const names = props.categoryNames ?? props.categories;
  const max = Math.max(0, ...props.series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1] ?? 1;
  const innerW = W - M.left - M.right;
  const innerH = H - M.top - M.bottom;
  const x = (i: number) => M.left + (n <= 1 ? innerW / 2 : (i / (n - 1)) * innerW);
  const y = (v: number) => M.top + innerH - (v / top) * innerH;
  // Label every category when they fit, else every other one (always the last).
  const every = n > 16 ? Math.ceil(n / 12) : 1;

  const linePath = (values: readonly (number | null)[]) => {
    let d = '';
    let pen = false;
    values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };

  return (
    <figure className="chart">
      <svg
        className="chart-svg"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
      >
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{props.description}</desc>
        <g className="chart-grid">
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={M.left} x2={W - M.right} y1={y(tick)} y2={y(tick)} />
              <text x={M.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" className="chart-tick">
                {fmt(tick)}
              </text>
            </g>
          ))}
        </g>
        <line className="chart-axis" x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} />
        {props.categories.map((c, i) =>
          i % every === 0 || i === n - 1 ? (
            <text key={c} x={x(i)} y={H - M.bottom + 16} textAnchor="middle" className="chart-tick">
              {c}
            </text>
          ) : null,
        )}
        <text x={M.left + innerW / 2} y={H - 6} textAnchor="middle" className="chart-axis-label">
          {props.xLabel}
        </text>
        <text
          transform={`translate(13 ${M.top + innerH / 2}) rotate(-90)`}
          textAnchor="middle"
          className="chart-axis-label"
        >
          {props.yLabel}
        </text>
        {props.series.map((s) => (
          <g key={s.key} className={s.className}>
            <path
              d={linePath(s.values)}
              className="chart-line"
              fill="none"
              strokeDasharray={s.dashed ? '6 4' : undefined}
            />
            {s.values.map((v, i) =>
              v === null ? null : (
                <path key={props.categories[i]} d={markerPath(s.marker, x(i), y(v))} className="chart-marker">
                  <title>{`${s.label} — ${names[i] ?? ''} : ${fmt(v)}`}</title>
                </path>
              ),
            )}
          </g>
        ))}
      </svg>
      <figcaption className="chart-legend">
        <ul>
          {props.series.map((s) => (
            <li key={s.key} className="chart-legend-item">
              <LegendSwatch series={s} />
              {s.label}
            </li>
          ))}
        </ul>
        {props.footnote ? <p className="chart-footnote">{props.footnote}</p> : null}
      </figcaption>
      <details className="chart-data">
        <summary>{props.tableLabel}</summary>
        <div className="table-scroll">
          <table className="data-table">
            <caption>{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">{props.xLabel}</th>
                {props.series.map((s) => (
                  <th key={s.key} scope="col" className="cell-num">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.categories.map((c, i) => (
                <tr key={c}>
                  <th scope="row">{names[i]}</th>
                  {props.series.map((s) => {
                    const v = s.values[i];
                    return (
                      <td key={s.key} className="cell-num">
                        {v === null || v === undefined ? props.noValue : fmt(v)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
