/**
 * The regional board: the region's figures, its establishments (tension and census status first),
 * expired units, the national-stock depots of the region and the trend. /tableau-regional opens the
 * user's region when there is one, else asks which; a selector switches between regions the user may see.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import type { TRegionalBoard } from '../../../contracts/boards.ts';
import { ops } from '../../../contracts/operations.ts';
import { isApiError } from '../../api/client.ts';
import { useRegions } from '../../api/queries.ts';
import { can, useUser } from '../../auth.tsx';
import { ErrorPanel } from '../../components/Feedback.tsx';
import { BackLink } from '../../components/PageParts.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDateTime } from '../../format.ts';
import { KeyFigures, RegisterNote } from './BoardParts.tsx';
import { useRegionalBoard } from './queries.ts';
import {
  boardRegionsOf,
  CENSUS_RANK,
  CensusBadge,
  CONSOLE_KEYS,
  compareBy,
  DemoNotice,
  DepotsTable,
  ExportLinks,
  Freshness,
  RefreshedAt,
  SortHeader,
  StaleMarker,
  TENSION_RANK,
  TensionBadge,
  TrendChart,
  useNow,
  useNumber,
  useSort,
  useWeekLabel,
} from './shared.tsx';

type Establishment = TRegionalBoard['establishments'][number];
type SortKey = 'priority' | 'name' | 'tension' | 'available' | 'census' | 'patients';

function useBoardRegions() {
  const user = useUser();
  const regions = useRegions();
  const all = (regions.data ?? []).map((r) => ({ code: r.code, name: r.name }));
  return { list: boardRegionsOf(user, all), loading: regions.isPending };
}

function RegionSelect(props: { value: string; regions: readonly { code: string; name: string }[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  return (
    <div className="field region-select">
      <label htmlFor={id}>{t('fleet.regional.chooseRegion')}</label>
      <select
        id={id}
        value={props.value}
        onChange={(e) => e.target.value && navigate(`/tableau-regional/${e.target.value}`)}
      >
        {props.value ? null : <option value="">{t('fleet.regional.chooseRegionPrompt')}</option>}
        {props.regions.map((r) => (
          <option key={r.code} value={r.code}>
            {r.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** /tableau-regional: the user's region, or a choice. */
export function RegionalBoardIndex() {
  const { t } = useTranslation();
  usePageTitle(t('fleet.regional.title'));
  const { list, loading } = useBoardRegions();
  if (list.length === 1 && list[0]) return <Navigate to={`/tableau-regional/${list[0].code}`} replace />;
  return (
    <section className="page board fleet-ui">
      <h1>{t('fleet.regional.title')}</h1>
      {loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : list.length === 0 ? (
        <p>{t('fleet.regional.noRegion')}</p>
      ) : (
        <>
          <p>{t('fleet.regional.chooseIntro')}</p>
          <RegionSelect value="" regions={list} />
          <ul className="region-links">
            {list.map((r) => (
              <li key={r.code}>
                <Link to={`/tableau-regional/${r.code}`}>{r.name}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function RegionalBoardPage() {
  const { t, i18n } = useTranslation();
  const { region = '' } = useParams();
  const user = useUser();
  const { list } = useBoardRegions();
  const board = useRegionalBoard(region);
  const now = useNow();
  const n = useNumber();
  const weekLabel = useWeekLabel();
  const { sort, toggle } = useSort<SortKey>({ key: 'priority', dir: 'asc' });
  const data = board.data?.region.code === region ? board.data : undefined;
  const name = data?.region.name ?? list.find((r) => r.code === region)?.name ?? region;
  usePageTitle(t('fleet.regional.titleOf', { name }));

  const sortValue = (e: Establishment): number | string => {
    switch (sort.key) {
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
  const establishments = [...(data?.establishments ?? [])].sort(compareBy(sort, sortValue));
  const expired = (data?.establishments ?? []).filter((e) => e.expiredUnits > 0);
  const expiredTotal = expired.reduce((sum, e) => sum + e.expiredUnits, 0);
  const sortProps = {
    sort,
    onSort: (key: SortKey) => toggle(key, key === 'name' || key === 'tension' || key === 'census' ? 'asc' : 'desc'),
  };
  const forbidden = isApiError(board.error) && board.error.status === 403;

  return (
    <section className="page page-wide board fleet-ui">
      {can(user, 'board:national') ? (
        <BackLink to="/tableau-national">{t('fleet.regional.backToNational')}</BackLink>
      ) : null}
      <div className="page-header board-header">
        <div>
          <h1>{t('fleet.regional.titleOf', { name })}</h1>
          {data ? (
            <p className="board-week">
              {weekLabel(data.week)} · {t('fleet.board.dueAt', { date: formatDateTime(data.dueAt, i18n.language) })}
            </p>
          ) : null}
        </div>
        <div className="board-header-side">
          {list.length > 1 ? <RegionSelect value={region} regions={list} /> : null}
          {data ? <RefreshedAt at={board.dataUpdatedAt} fetching={board.isFetching} /> : null}
          {data ? (
            <ExportLinks
              path={ops.exportRegionalBoard.path}
              params={{ region }}
              what={t('fleet.regional.exportWhat', { name })}
            />
          ) : null}
        </div>
      </div>

      {board.isPending ? <p role="status">{t('app.loading')}</p> : null}
      {forbidden ? <p className="notice notice-error">{t('fleet.regional.forbidden')}</p> : null}
      {board.isError && !forbidden && !data ? (
        <ErrorPanel error={board.error} onRetry={() => void board.refetch()} />
      ) : null}
      {board.isError && data ? (
        <p className="notice notice-error" role="alert">
          {t('fleet.board.refreshFailed')}
        </p>
      ) : null}

      {data ? (
        <>
          {data.demoNotice ? <DemoNotice /> : null}
          <h2 className="visually-hidden">{t('fleet.board.keyFigures')}</h2>
          <KeyFigures figures={data.region} now={now} />

          {expiredTotal > 0 ? (
            <div className="notice notice-warning" role="note">
              <p>
                <span aria-hidden="true">⚠ </span>
                <strong>{t('fleet.regional.expiredTitle', { count: expiredTotal })}</strong>{' '}
                {t('fleet.regional.expiredText')}{' '}
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
                  <Link to={`/consommables?region=${region}&expired=1`}>{t('fleet.regional.expiredLink')}</Link>
                </p>
              ) : null}
            </div>
          ) : null}

          <section aria-labelledby="establishments-heading">
            <h2 id="establishments-heading">{t('fleet.regional.establishmentsHeading')}</h2>
            <div className="table-scroll">
              <table className="data-table board-table">
                <caption>
                  {t('fleet.regional.establishmentsCaption', {
                    count: establishments.length,
                    week: weekLabel(data.week),
                  })}
                </caption>
                <thead>
                  <tr>
                    <SortHeader sortKey="name" {...sortProps} rowSpan={2}>
                      {t('fleet.regional.establishment')}
                    </SortHeader>
                    <SortHeader sortKey="tension" {...sortProps} rowSpan={2}>
                      {t('fleet.board.tension')}
                    </SortHeader>
                    <th scope="colgroup" colSpan={7} className="group-head">
                      {t('fleet.board.consoles')}
                    </th>
                    <th scope="col" rowSpan={2} className="cell-num">
                      {t('fleet.board.circuits')}
                    </th>
                    <th scope="col" rowSpan={2} className="cell-num">
                      {t('fleet.board.cannulas')}
                    </th>
                    <th scope="col" rowSpan={2} className="cell-num">
                      {t('fleet.regional.expired')}
                    </th>
                    <th scope="colgroup" colSpan={2} className="group-head">
                      {t('fleet.board.patients')}
                    </th>
                    <th scope="col" rowSpan={2} className="cell-num">
                      {t('fleet.board.teams')}
                    </th>
                    <SortHeader sortKey="census" {...sortProps} rowSpan={2}>
                      {t('fleet.board.censusStatus')}
                    </SortHeader>
                  </tr>
                  <tr>
                    <SortHeader sortKey="available" {...sortProps} className="cell-num">
                      {t('fleet.counts.availableShort')}
                    </SortHeader>
                    {CONSOLE_KEYS.slice(1).map((k) => (
                      <th key={k} scope="col" className="cell-num" title={t(`fleet.counts.${k}`)}>
                        {t(`fleet.counts.${k}Short`)}
                      </th>
                    ))}
                    <th scope="col" className="cell-num">
                      {t('fleet.counts.total')}
                    </th>
                    <th scope="col" className="cell-num">
                      {t('fleet.board.vv')}
                    </th>
                    <th scope="col" className="cell-num">
                      {t('fleet.board.va')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {establishments.length === 0 ? (
                    <tr>
                      <td colSpan={18} className="table-empty">
                        {t('fleet.regional.noEstablishment')}
                      </td>
                    </tr>
                  ) : null}
                  {establishments.map((e) => (
                    <tr key={e.finess} className={e.census.status === 'missing' ? 'row-missing' : undefined}>
                      <th scope="row" className="cell-establishment">
                        <span className="establishment-name">
                          {can(user, 'device:list') ? (
                            <Link to={`/consoles?finess=${e.finess}`} title={t('fleet.regional.seeConsoles')}>
                              {e.name}
                            </Link>
                          ) : (
                            e.name
                          )}
                        </span>
                        <span className="establishment-meta">
                          {[e.city, e.departementCode].filter(Boolean).join(' · ')}
                        </span>
                        <span className="establishment-tags">
                          {e.ecmoCentre ? <span className="tag">{t('fleet.regional.ecmoCentre')}</span> : null}
                          {e.umacBase ? <span className="tag">{t('fleet.regional.umac')}</span> : null}
                          {e.cardiacSurgery ? <span className="tag">{t('fleet.regional.cardiacSurgery')}</span> : null}
                        </span>
                      </th>
                      <td>
                        <TensionBadge tension={e.tension} />
                      </td>
                      {CONSOLE_KEYS.map((k) => (
                        <td key={k} className={k === 'available' ? 'cell-num cell-strong' : 'cell-num'}>
                          {n(e.consoles[k])}
                        </td>
                      ))}
                      <td className="cell-num">{n(e.consoles.total)}</td>
                      <td className="cell-num">{n(e.circuits)}</td>
                      <td className="cell-num">{n(e.cannulas)}</td>
                      <td className="cell-num">
                        {e.expiredUnits > 0 ? (
                          <span className="expired-count">
                            <span aria-hidden="true">⚠ </span>
                            {n(e.expiredUnits)}
                          </span>
                        ) : (
                          '0'
                        )}
                      </td>
                      <td className="cell-num">{e.patients ? n(e.patients.vv) : t('common.none')}</td>
                      <td className="cell-num">{e.patients ? n(e.patients.va) : t('common.none')}</td>
                      <td className="cell-num">{e.teams === null ? t('common.none') : n(e.teams)}</td>
                      <td className="cell-census">
                        {can(user, 'census:read') ? (
                          <Link
                            to={`/recensement/${e.finess}`}
                            className="report-link"
                            title={t('fleet.regional.openCensus', { name: e.name })}
                          >
                            <CensusBadge status={e.census.status} />
                          </Link>
                        ) : (
                          <CensusBadge status={e.census.status} />
                        )}
                        {e.census.week && e.census.submittedAt ? (
                          <span className="board-census-meta">
                            {t('fleet.regional.reportOf', {
                              week: t('fleet.week.short', { week: String(Number(e.census.week.slice(-2))) }),
                              version: e.census.version ?? 1,
                            })}{' '}
                            <Freshness at={e.census.submittedAt} now={now} prefix="none" />
                          </span>
                        ) : (
                          <span className="board-census-meta muted">{t('fleet.regional.noReport')}</span>
                        )}
                        {e.stale ? <StaleMarker /> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <RegisterNote at={data.region.lastUpdated.consoles} now={now} note={t('fleet.regional.note')} />
          </section>

          <div className="board-bottom-grid">
            <section className="panel" aria-labelledby="trend-heading">
              <h2 id="trend-heading">{t('fleet.trend.heading')}</h2>
              <TrendChart trend={data.trend} currentWeek={data.week} scope={name} />
            </section>
            <section className="panel" aria-labelledby="depots-heading">
              <h2 id="depots-heading">{t('fleet.regional.depotsHeading')}</h2>
              <DepotsTable depots={data.depots} caption={t('fleet.regional.depotsCaption', { name })} />
            </section>
          </div>
        </>
      ) : null}
    </section>
  );
}
