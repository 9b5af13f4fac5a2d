/**
 * The national board, the face of Relais: key figures, the map of the regions coloured by a chosen
 * metric (tension by default), the table of the regions (the accessible alternative to the map),
 * the trend over the last weeks and the national stock. Refreshed every 30 s.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TNationalBoard } from '../../../contracts/boards.ts';
import { ops } from '../../../contracts/operations.ts';
import { can, useUser } from '../../auth.tsx';
import { ExportLinks } from '../../components/ExportLinks.tsx';
import { RefreshedAt } from '../../components/Freshness.tsx';
import { useDecimal, useNumber } from '../../components/format.ts';
import { compareBy, useSort } from '../../components/sort.tsx';
import { useNow } from '../../components/useNow.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { paths } from '../../routes/paths.ts';
import { BoardHeader, BoardStatus, Completeness, DemoNotice, FreshnessCell, RegisterNote } from './BoardParts.tsx';
import { type BoardColumn, type BoardSortKey, BoardTable } from './BoardTable.tsx';
import { DepotsTable } from './DepotsTable.tsx';
import { KeyFigures } from './KeyFigures.tsx';
import { MapPanel } from './MapPanel.tsx';
import { useNationalBoard } from './queries.ts';
import { RegionDetails } from './RegionDetails.tsx';
import { TrendChart } from './TrendChart.tsx';
import { TENSION_RANK } from './tension.tsx';
import { Watchlist } from './Watchlist.tsx';
import { useWeekLabel } from './week.ts';

type Figures = TNationalBoard['totals'];
type Region = TNationalBoard['regions'][number];

const sortValue = (key: BoardSortKey, r: Region): number | string => {
  switch (key) {
    case 'tension':
      return TENSION_RANK[r.tension];
    case 'available':
      return r.consoles.available;
    case 'total':
      return r.consoles.total;
    case 'patients':
      return r.patients.vv + r.patients.va;
    case 'per100':
      return r.availablePer100IcuBeds ?? -1;
    case 'completeness':
      return r.completeness.expected === 0 ? 2 : r.completeness.rate;
    default:
      return r.name;
  }
};

/** The national board's own columns, after the teams. */
function useRegionColumns(now: number): BoardColumn<Figures>[] {
  const { t } = useTranslation();
  const n = useNumber();
  const decimal = useDecimal();
  return [
    { key: 'icuBeds', header: t('boards.board.icuBeds'), className: 'cell-num', cell: (f) => n(f.icuBeds) },
    {
      key: 'per100',
      header: t('boards.board.per100'),
      sortKey: 'per100',
      className: 'cell-num',
      cell: (f) => decimal(f.availablePer100IcuBeds),
    },
    {
      key: 'census',
      header: t('boards.board.census'),
      sortKey: 'completeness',
      cell: (f) => <Completeness {...f.completeness} />,
    },
    {
      key: 'lastReport',
      header: t('boards.board.lastReport'),
      cellClass: 'cell-fresh',
      cell: (f) => <FreshnessCell lastUpdated={f.lastUpdated} stale={f.stale} now={now} />,
    },
  ];
}

export function NationalBoardPage() {
  const { t } = useTranslation();
  usePageTitle(t('boards.national.title'));
  const user = useUser();
  const [active, setActive] = useState<string | null>(null);
  const board = useNationalBoard();
  const now = useNow();
  const weekLabel = useWeekLabel();
  const n = useNumber();
  const columns = useRegionColumns(now);
  const { sort, toggle } = useSort<BoardSortKey>({ key: 'name', dir: 'asc' });
  const regionHref = can(user, 'board:regional') ? (code: string) => paths.regionalBoard(code) : undefined;

  const data = board.data;
  const regions = [...(data?.regions ?? [])].sort(compareBy(sort, (r: Region) => sortValue(sort.key, r)));
  const activeRegion = data?.regions.find((r) => r.code === active) ?? null;
  const regionName = (code: string) => data?.regions.find((r) => r.code === code)?.name ?? code;

  return (
    <section className="page page-wide board fleet-ui">
      <BoardHeader title={t('boards.national.title')} board={data}>
        {data ? <RefreshedAt at={board.dataUpdatedAt} fetching={board.isFetching} every={30} /> : null}
        <ExportLinks path={ops.exportNationalBoard.path} what={t('boards.national.exportWhat')} />
      </BoardHeader>
      <BoardStatus query={board} shown={Boolean(data)} />

      {data ? (
        <>
          {data.demoNotice ? <DemoNotice /> : null}
          <h2 className="visually-hidden">{t('boards.board.keyFigures')}</h2>
          <KeyFigures figures={data.totals} now={now} nationalStock={data.nationalStock.consoles.available} />

          <div className="board-map-grid">
            <MapPanel regions={data.regions} active={active} onActivate={setActive} regionHref={regionHref} />
            <section className="panel details-panel" aria-labelledby="details-heading">
              {activeRegion ? (
                <RegionDetails
                  headingId="details-heading"
                  region={activeRegion}
                  now={now}
                  href={regionHref?.(activeRegion.code)}
                  onClose={() => setActive(null)}
                />
              ) : (
                <Watchlist regions={data.regions} headingId="details-heading" />
              )}
            </section>
          </div>

          <section aria-labelledby="regions-heading">
            <h2 id="regions-heading">{t('boards.national.regionsHeading')}</h2>
            <BoardTable
              caption={t('boards.national.regionsCaption', { week: weekLabel.long(data.week) })}
              nameHeader={t('boards.board.region')}
              rows={regions}
              rowKey={(r) => r.code}
              rowClass={(r) => (active === r.code ? 'row-active' : undefined)}
              rowHeader={(r) => (regionHref ? <Link to={regionHref(r.code)}>{r.name}</Link> : r.name)}
              end={columns}
              sort={sort}
              onSort={(key) => toggle(key, key === 'name' ? 'asc' : 'desc')}
              sortTotal
              totals={{ label: t('boards.national.france'), figures: data.totals }}
            />
            <RegisterNote at={data.totals.lastUpdated.consoles} now={now} note={t('boards.national.note')} />
          </section>

          <div className="board-bottom-grid">
            <section className="panel" aria-labelledby="trend-heading">
              <h2 id="trend-heading">{t('boards.trend.heading')}</h2>
              <TrendChart trend={data.trend} currentWeek={data.week} scope={t('boards.national.scope')} />
            </section>
            <section className="panel" aria-labelledby="stock-heading">
              <h2 id="stock-heading">{t('boards.national.stockHeading')}</h2>
              <p className="stock-summary">
                {t('boards.national.stockSummary', {
                  available: n(data.nationalStock.consoles.available),
                  total: n(data.nationalStock.consoles.total),
                  circuits: n(data.nationalStock.circuits),
                })}
              </p>
              <DepotsTable
                depots={data.nationalStock.depots}
                regionName={regionName}
                caption={t('boards.national.depotsCaption')}
              />
              {can(user, 'device:list') ? (
                <p className="panel-link">
                  <Link to={paths.devices({ stock: 'national' })}>{t('boards.national.stockConsoles')}</Link>
                </p>
              ) : null}
            </section>
          </div>
        </>
      ) : null}
    </section>
  );
}
