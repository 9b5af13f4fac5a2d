/**
 * The regional board: the region's figures, its establishments (tension and census status first),
 * expired units, the national-stock depots of the region and the trend. A selector switches between
 * the regions the user may see (RegionalBoardIndex.tsx).
 */
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { TRegionalBoard } from '../../../contracts/boards.ts';
import { ops } from '../../../contracts/operations.ts';
import { isApiError } from '../../api/client.ts';
import { can, useUser } from '../../auth.tsx';
import { ExportLinks } from '../../components/ExportLinks.tsx';
import { RefreshedAt } from '../../components/Freshness.tsx';
import { BackLink } from '../../components/PageParts.tsx';
import { compareBy, useSort } from '../../components/sort.tsx';
import { useNow } from '../../components/useNow.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { paths } from '../../routes/paths.ts';
import { BoardHeader, BoardStatus, DemoNotice, RegisterNote } from './BoardParts.tsx';
import { type BoardSortKey, BoardTable } from './BoardTable.tsx';
import { DepotsTable } from './DepotsTable.tsx';
import { EstablishmentHeader, ExpiredNotice, useEstablishmentColumns } from './EstablishmentColumns.tsx';
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
