/**
 * What the regional board shows of its establishments beyond the common columns: the name cell (to
 * the consoles), the census cell (to the establishment's census), expired units, and the notice
 * that lists who holds expired units.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TRegionalBoard } from '../../../contracts/boards.ts';
import { can, useUser } from '../../auth.tsx';
import { CensusStatusBadge } from '../../components/CensusStatusBadge.tsx';
import { Freshness } from '../../components/Freshness.tsx';
import { useNumber } from '../../components/format.ts';
import { paths } from '../../routes/paths.ts';
import { StaleMarker } from './BoardParts.tsx';
import type { BoardColumn } from './BoardTable.tsx';
import { useWeekLabel } from './week.ts';

type Establishment = TRegionalBoard['establishments'][number];

/** The establishment's name (to its consoles), city and département, and what kind of centre it is. */
export function EstablishmentHeader(props: { e: Establishment }) {
  const { t } = useTranslation();
  const user = useUser();
  const { e } = props;
  return (
    <>
      <span className="establishment-name">
        {can(user, 'device:list') ? (
          <Link to={paths.devices({ finess: e.finess })} title={t('boards.regional.seeConsoles')}>
            {e.name}
          </Link>
        ) : (
          e.name
        )}
      </span>
      <span className="establishment-meta">{[e.city, e.departementCode].filter(Boolean).join(' · ')}</span>
      <span className="establishment-tags">
        {e.ecmoCentre ? <span className="tag">{t('boards.regional.ecmoCentre')}</span> : null}
        {e.umacBase ? <span className="tag">{t('boards.regional.umac')}</span> : null}
        {e.cardiacSurgery ? <span className="tag">{t('boards.regional.cardiacSurgery')}</span> : null}
      </span>
    </>
  );
}

/** The census status (to the establishment's census), which report the figures come from, and how old. */
function CensusCell(props: { e: Establishment; now: number }) {
  const { t } = useTranslation();
  const user = useUser();
  const weekLabel = useWeekLabel();
  const { e } = props;
  const badge = <CensusStatusBadge status={e.census.status} />;
  return (
    <>
      {can(user, 'census:read') ? (
        <Link
          to={paths.censusEstablishment(e.finess)}
          className="report-link"
          title={t('boards.regional.openCensus', { name: e.name })}
        >
          {badge}
        </Link>
      ) : (
        badge
      )}
      {e.census.week && e.census.submittedAt ? (
        <span className="board-census-meta">
          {t('boards.regional.reportOf', { week: weekLabel.short(e.census.week), version: e.census.version ?? 1 })}{' '}
          <Freshness at={e.census.submittedAt} now={props.now} prefix="none" />
        </span>
      ) : (
        <span className="board-census-meta muted">{t('boards.regional.noReport')}</span>
      )}
      {e.stale ? <StaleMarker /> : null}
    </>
  );
}

/** The regional board's own columns: expired units after the cannulas, the census after the teams. */
export function useEstablishmentColumns(now: number) {
  const { t } = useTranslation();
  const n = useNumber();
  const middle: BoardColumn<Establishment>[] = [
    {
      key: 'expired',
      header: t('boards.regional.expired'),
      className: 'cell-num',
      cell: (e) =>
        e.expiredUnits > 0 ? (
          <span className="expired-count">
            <span aria-hidden="true">⚠ </span>
            {n(e.expiredUnits)}
          </span>
        ) : (
          '0'
        ),
    },
  ];
  const end: BoardColumn<Establishment>[] = [
    {
      key: 'census',
      header: t('boards.board.censusStatus'),
      sortKey: 'census',
      cellClass: 'cell-census',
      cell: (e) => <CensusCell e={e} now={now} />,
    },
  ];
  return { middle, end };
}

/** Establishments holding expired units, with the way to the lots. */
export function ExpiredNotice(props: { establishments: readonly Establishment[]; region: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const n = useNumber();
  const expired = props.establishments.filter((e) => e.expiredUnits > 0);
  const total = expired.reduce((sum, e) => sum + e.expiredUnits, 0);
  if (total === 0) return null;
  return (
    <div className="notice notice-warning" role="note">
      <p>
        <span aria-hidden="true">⚠ </span>
        <strong>{t('boards.regional.expiredTitle', { count: total })}</strong> {t('boards.regional.expiredText')}{' '}
        {expired.map((e, i) => (
          <span key={e.finess}>
            {i > 0 ? ', ' : ''}
            {e.name} ({n(e.expiredUnits)})
          </span>
        ))}
        .
      </p>
      {can(user, 'stock:list') ? (
        <p>
          <Link to={paths.stock({ region: props.region, expired: '1' })}>{t('boards.regional.expiredLink')}</Link>
        </p>
      ) : null}
    </div>
  );
}
