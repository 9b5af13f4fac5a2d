/**
 * The regional board: the region's figures, its establishments (tension and census status first),
 * expired units, the national-stock depots of the region and the trend. A selector switches between
 * the regions the user may see (RegionalBoardIndex.tsx).
 */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { TRegionalBoard } from '../../../contracts/boards.ts';
import { ops } from '../../../contracts/operations.ts';
import { isApiError } from '../../api/client.ts';
import { can, useUser } from '../../auth.tsx';
import { CensusStatusBadge } from '../../components/CensusStatusBadge.tsx';
import { ExportLinks } from '../../components/ExportLinks.tsx';
import { Freshness, RefreshedAt } from '../../components/Freshness.tsx';
import { useNumber } from '../../components/format.ts';
import { BackLink } from '../../components/PageParts.tsx';
import { compareBy, useSort } from '../../components/sort.tsx';
import { useNow } from '../../components/useNow.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { paths } from '../../routes/paths.ts';
import { BoardHeader, BoardStatus, DemoNotice, RegisterNote, StaleMarker } from './BoardParts.tsx';
import { type BoardColumn, type BoardSortKey, BoardTable } from './BoardTable.tsx';
import { DepotsTable } from './DepotsTable.tsx';
import { KeyFigures } from './KeyFigures.tsx';
import { useRegionalBoard } from './queries.ts';
import { RegionSelect, useBoardRegions } from './RegionalBoardIndex.tsx';
import { TrendChart } from './TrendChart.tsx';
import { TENSION_RANK } from './tension.tsx';
import { useWeekLabel } from './week.ts';

type Establishment = TRegionalBoard['establishments'][number];

/** Missing reports first (to be chased), then late, awaited, on time. */
const CENSUS_RANK: Record<Establishment['census']['status'], number> = { missing: 0, late: 1, pending: 2, on_time: 3 };

const sortValue = (key: BoardSortKey, e: Establishment): number | string => {
  switch (key) {
    case 'name':
      return e.name;
    case 'tension':
      return TENSION_RANK[e.tension];
    case 'available':
      return e.consoles.available;
    case 'census':
      return CENSUS_RANK[e.census.status];
    case 'patients':
      return e.patients ? e.patients.vv + e.patients.va : -1;
    default:
      // Worst tension first, then missing / late reports, then by name.
      return `${TENSION_RANK[e.tension]}${CENSUS_RANK[e.census.status]}${e.name}`;
  }
};

/** The establishment's name (to its consoles), city and département, and what kind of centre it is. */
function EstablishmentHeader(props: { e: Establishment }) {
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
function useEstablishmentColumns(now: number) {
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
function ExpiredNotice(props: { establishments: readonly Establishment[]; region: string }) {
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

export function RegionalBoardPage() {
  const { t } = useTranslation();
  const { region = '' } = useParams();
  const user = useUser();
  const { list } = useBoardRegions();
  const board = useRegionalBoard(region);
  const now = useNow();
  const weekLabel = useWeekLabel();
  const columns = useEstablishmentColumns(now);
  const { sort, toggle } = useSort<BoardSortKey>({ key: 'priority', dir: 'asc' });
  const data = board.data?.region.code === region ? board.data : undefined;
  const name = data?.region.name ?? list.find((r) => r.code === region)?.name ?? region;
  usePageTitle(t('boards.regional.titleOf', { name }));

  const establishments = [...(data?.establishments ?? [])].sort(
    compareBy(sort, (e: Establishment) => sortValue(sort.key, e)),
  );
  const forbidden = isApiError(board.error) && board.error.status === 403;

  return (
    <section className="page page-wide board fleet-ui">
      {can(user, 'board:national') ? (
        <BackLink to={paths.nationalBoard()}>{t('boards.regional.backToNational')}</BackLink>
      ) : null}
      <BoardHeader title={t('boards.regional.titleOf', { name })} board={data}>
        {list.length > 1 ? <RegionSelect value={region} regions={list} /> : null}
        {data ? <RefreshedAt at={board.dataUpdatedAt} fetching={board.isFetching} every={30} /> : null}
        {data ? (
          <ExportLinks
            path={ops.exportRegionalBoard.path}
            params={{ region }}
            what={t('boards.regional.exportWhat', { name })}
          />
        ) : null}
      </BoardHeader>
      <BoardStatus
        query={board}
        shown={Boolean(data)}
        refused={forbidden ? <p className="notice notice-error">{t('boards.regional.forbidden')}</p> : undefined}
      />

      {data ? (
        <>
          {data.demoNotice ? <DemoNotice /> : null}
          <h2 className="visually-hidden">{t('boards.board.keyFigures')}</h2>
          <KeyFigures figures={data.region} now={now} />
          <ExpiredNotice establishments={data.establishments} region={region} />

          <section aria-labelledby="establishments-heading">
            <h2 id="establishments-heading">{t('boards.regional.establishmentsHeading')}</h2>
            <BoardTable
              caption={t('boards.regional.establishmentsCaption', {
                count: establishments.length,
                week: weekLabel.long(data.week),
              })}
              nameHeader={t('boards.regional.establishment')}
              rows={establishments}
              rowKey={(e) => e.finess}
              rowClass={(e) => (e.census.status === 'missing' ? 'row-missing' : undefined)}
              rowHeader={(e) => <EstablishmentHeader e={e} />}
              rowHeaderClass="cell-establishment"
              middle={columns.middle}
              end={columns.end}
              sort={sort}
              onSort={(key) => toggle(key, key === 'name' || key === 'tension' || key === 'census' ? 'asc' : 'desc')}
              empty={t('boards.regional.noEstablishment')}
            />
            <RegisterNote at={data.region.lastUpdated.consoles} now={now} note={t('boards.regional.note')} />
          </section>

          <div className="board-bottom-grid">
            <section className="panel" aria-labelledby="trend-heading">
              <h2 id="trend-heading">{t('boards.trend.heading')}</h2>
              <TrendChart trend={data.trend} currentWeek={data.week} scope={name} />
            </section>
            <section className="panel" aria-labelledby="depots-heading">
              <h2 id="depots-heading">{t('boards.regional.depotsHeading')}</h2>
              <DepotsTable depots={data.depots} caption={t('boards.regional.depotsCaption', { name })} />
            </section>
          </div>
        </>
      ) : null}
    </section>
  );
}
