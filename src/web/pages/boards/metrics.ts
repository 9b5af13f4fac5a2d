/** The map metrics of the national board: how a region is coloured, and the legend that goes with it. */
import { TENSION_FILL, TENSION_ICON, type Tension } from './tension.tsx';

export const METRICS = ['tension', 'available', 'per100'] as const;
export type Metric = (typeof METRICS)[number];
export const isMetric = (value: string | null): value is Metric => (METRICS as readonly string[]).includes(value ?? '');

/**
 * A sequential blue scale (light to dark), for the counts; the figure is always written on the region.
 * Fills name the colour tokens of styles/tokens.css (an SVG fill attribute takes `var()`).
 */
export const BLUES = [
  'var(--scale-1)',
  'var(--scale-2)',
  'var(--scale-3)',
  'var(--scale-4)',
  'var(--scale-5)',
] as const;
export const NO_DATA_FILL = 'var(--fill-none)';

export interface Bin {
  /** Lower bound, included. */
  from: number;
  /** Upper bound, excluded; null: no bound. */
  to: number | null;
  fill: string;
}

export const AVAILABLE_BINS: readonly Bin[] = [
  { from: 0, to: 1, fill: BLUES[0] },
  { from: 1, to: 5, fill: BLUES[1] },
  { from: 5, to: 10, fill: BLUES[2] },
  { from: 10, to: 20, fill: BLUES[3] },
  { from: 20, to: null, fill: BLUES[4] },
];

export const PER100_BINS: readonly Bin[] = [
  { from: 0, to: 1, fill: BLUES[0] },
  { from: 1, to: 2, fill: BLUES[1] },
  { from: 2, to: 4, fill: BLUES[2] },
  { from: 4, to: 8, fill: BLUES[3] },
  { from: 8, to: null, fill: BLUES[4] },
];

export const binOf = (bins: readonly Bin[], value: number): Bin =>
  bins.find((b) => value >= b.from && (b.to === null || value < b.to)) ?? (bins[0] as Bin);

export interface RegionMetricInput {
  tension: Tension;
  available: number;
  per100: number | null;
  icuBeds: number;
}

/** Fill, hatching and the label written on the region for a metric. */
export function paint(
  metric: Metric,
  r: RegionMetricInput,
  decimal: (v: number | null) => string,
): { fill: string; hatched: boolean; label: string } {
  switch (metric) {
    case 'available':
      return { fill: binOf(AVAILABLE_BINS, r.available).fill, hatched: false, label: String(r.available) };
    case 'per100':
      if (r.per100 === null || r.icuBeds === 0) return { fill: NO_DATA_FILL, hatched: true, label: '?' };
      return { fill: binOf(PER100_BINS, r.per100).fill, hatched: false, label: decimal(r.per100) };
    default:
      return {
        fill: TENSION_FILL[r.tension],
        hatched: r.tension === 'unknown',
        label: `${TENSION_ICON[r.tension]} ${r.available}`,
      };
  }
}
