/** A territory's tension (available, strained, exhausted, unknown): its icon, rank, map fill and badge. */
import { useTranslation } from 'react-i18next';
import type { TENSIONS } from '../../../contracts/boards.ts';
import { Badge, type BadgeTone } from '../../components/Badge.tsx';

export type Tension = (typeof TENSIONS)[number];

export const TENSION_ICON: Record<Tension, string> = { available: '✓', strained: '⚠', exhausted: '✕', unknown: '?' };
/** Worst first. */
export const TENSION_RANK: Record<Tension, number> = { exhausted: 0, strained: 1, unknown: 2, available: 3 };

/**
 * Tension fills of the map, read from the tokens (styles/tokens.css; an SVG fill takes `var()`):
 * colour-blind safe (hue and lightness differ), always with the icon and word.
 */
export const TENSION_FILL: Record<Tension, string> = {
  available: 'var(--tension-available)',
  strained: 'var(--tension-strained)',
  exhausted: 'var(--tension-exhausted)',
  unknown: 'var(--tension-unknown)',
};

const TENSION_TONE: Record<Tension, BadgeTone> = {
  available: 'success',
  strained: 'warning',
  exhausted: 'danger',
  unknown: 'unknown',
};

export function TensionBadge(props: { tension: Tension }) {
  const { t } = useTranslation();
  return (
    // tension: the hook of the key figure's larger size, not a style of its own.
    <Badge
      tone={TENSION_TONE[props.tension]}
      strong={props.tension === 'exhausted'}
      icon={TENSION_ICON[props.tension]}
      className="tension"
    >
      {t(`boards.tension.${props.tension}`)}
    </Badge>
  );
}
