/**
 * Where an establishment's weekly census stands — on time, late, missing, still awaited — said the
 * same way on the census pages and on the boards: one word, one icon, one tone. The clock (◷) says
 * late, the cross missing (as on the boards' counts), so the warning sign stays the tension's.
 */
import { useTranslation } from 'react-i18next';
import type { CENSUS_STATUSES } from '../../contracts/census.ts';
import { Badge, type BadgeTone } from './Badge.tsx';

export type CensusStatus = (typeof CENSUS_STATUSES)[number];

const LOOK: Record<CensusStatus, { tone: BadgeTone; icon: string }> = {
  on_time: { tone: 'success', icon: '✓' },
  late: { tone: 'warning', icon: '◷' },
  missing: { tone: 'danger', icon: '✕' },
  pending: { tone: 'info', icon: '…' },
};

export function CensusStatusBadge(props: { status: CensusStatus }) {
  const { t } = useTranslation();
  const look = LOOK[props.status];
  return (
    // census-status: the hook of the pages' and the tests' selectors, not a style.
    <Badge tone={look.tone} strong={props.status === 'missing'} icon={look.icon} className="census-status">
      {t(`census.status.${props.status}`)}
    </Badge>
  );
}
