/** A territory's tension (available, strained, exhausted, unknown): its icon, rank, map fill and badge. */
import { useTranslation } from 'react-i18next';
import type { TENSIONS } from '../../../contracts/boards.ts';

export type Tension = (typeof TENSIONS)[number];

export const TENSION_ICON: Record<Tension, string> = { available: '✓', strained: '⚠', exhausted: '✕', unknown: '?' };
/** Worst first. */
export const TENSION_RANK: Record<Tension, number> = { exhausted: 0, strained: 1, unknown: 2, available: 3 };

/** Tension fills of the map: colour-blind safe (hue and lightness differ), always with the icon and word. */
export const TENSION_FILL: Record<Tension, string> = {
  available: '#6cc2a6',
  strained: '#f5c65d',
  exhausted: '#a3251c',
  unknown: '#dde1e6',
};

export function TensionBadge(props: { tension: Tension }) {
  const { t } = useTranslation();
  return (
    <span className={`tension tension-${props.tension}`}>
      <span aria-hidden="true" className="tension-icon">
        {TENSION_ICON[props.tension]}
      </span>{' '}
      {t(`boards.tension.${props.tension}`)}
    </span>
  );
}
