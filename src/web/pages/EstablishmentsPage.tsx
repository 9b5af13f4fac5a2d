/** Establishments: search and filters (kept in the URL), a dense table, pagination. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ESTABLISHMENT_CATEGORIES } from '../../contracts/establishments.ts';
import { ops } from '../../contracts/operations.ts';
import { call } from '../api/client.ts';
import { useRegions } from '../api/queries.ts';
import { can, useUser } from '../auth.tsx';
import { ErrorPanel } from '../components/Feedback.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { useUrlFilters } from '../components/searchParams.ts';
import { useDebouncedInput } from '../components/useDebouncedValue.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { formatNumber } from '../format.ts';

const PAGE_SIZE = 50;
const pick = (value: string | null, pattern: RegExp): string => (value && pattern.test(value) ? value : '');

export function EstablishmentsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('establishments.title'));
  const user = useUser();
  const location = useLocation();
  const searchId = useId();
  const { params, update, page } = useUrlFilters();

  const q = (params.get('q') ?? '').trim();
  const region = pick(params.get('region'), /^\d{2}$/);
  const departement = pick(params.get('departement'), /^(?:\d{2}|2A|2B|97\d)$/);
  const category = (params.get('category') ?? '') in ESTABLISHMENT_CATEGORIES ? (params.get('category') ?? '') : '';
  const offset = (page - 1) * PAGE_SIZE;

  const [text, setText] = useDebouncedInput(q, (value) => update({ q: value }, { replace: true }));
  const regions = useRegions();
  const list = useQuery({
    queryKey: ['establishments', { q, region, departement, category, offset }],
    queryFn: () =>
      call(ops.listEstablishments, {
        query: {
          q: q || undefined,
          region: region || undefined,
          departement: departement || undefined,
          category: category || undefined,
          limit: PAGE_SIZE,
          offset,
        },
      }),
    placeholderData: keepPreviousData,
  });

  const departements = (regions.data ?? [])
    .filter((r) => !region || r.code === region)
    .flatMap((r) => r.departements)
    .sort((a, b) => a.code.localeCompare(b.code));
  const filtered = Boolean(q || region || departement || category);
  const data = list.data;

  return (
    <section className="page page-wide">
      <div className="page-header">
        <h1>{t('establishments.title')}</h1>
        {can(user, 'establishment:create') ? (
          <Link to="/etablissements/nouveau" className="button button-primary">
            <span aria-hidden="true">+ </span>
            {t('establishments.create')}
          </Link>
        ) : null}
      </div>

      <search className="filters" aria-label={t('common.filters')}>
        <div className="field field-grow">
          <label htmlFor={`${searchId}-q`}>{t('establishments.searchLabel')}</label>
          <input
            id={`${searchId}-q`}
            type="search"
            value={text}
            maxLength={100}
            autoComplete="off"
            aria-describedby={`${searchId}-q-hint`}
            onChange={(e) => setText(e.target.value)}
          />
          <p id={`${searchId}-q-hint`} className="field-hint">
            {t('establishments.searchHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${searchId}-region`}>{t('establishments.region')}</label>
          <select
            id={`${searchId}-region`}
            value={region}
            onChange={(e) => {
              const next = e.target.value;
              const keep = regions.data?.find((r) => r.code === next)?.departements.some((d) => d.code === departement);
              update({ region: next, departement: next && !keep ? null : departement || null });
            }}
          >
            <option value="">{t('establishments.allRegions')}</option>
            {(regions.data ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${searchId}-departement`}>{t('establishments.departement')}</label>
          <select
            id={`${searchId}-departement`}
            value={departement}
            onChange={(e) => update({ departement: e.target.value })}
          >
            <option value="">{t('establishments.allDepartements')}</option>
            {departements.map((d) => (
              <option key={d.code} value={d.code}>
                {d.code} — {d.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${searchId}-category`}>{t('establishments.category')}</label>
          <select id={`${searchId}-category`} value={category} onChange={(e) => update({ category: e.target.value })}>
            <option value="">{t('establishments.allCategories')}</option>
            {Object.entries(ESTABLISHMENT_CATEGORIES).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {filtered ? (
          <button
            type="button"
            className="button button-secondary filters-reset"
            onClick={() => {
              setText('');
              update({ q: null, region: null, departement: null, category: null });
            }}
          >
            {t('establishments.resetFilters')}
          </button>
        ) : null}
      </search>

      {list.isError ? <ErrorPanel error={list.error} onRetry={() => void list.refetch()} /> : null}

      <p className="result-count" role="status">
        {data
          ? t('establishments.count', { count: data.total, formatted: formatNumber(data.total, i18n.language) })
          : t('app.loading')}
      </p>

      {data ? (
        <>
          <div className="table-scroll">
            <table className="data-table" aria-busy={list.isFetching || undefined}>
              <caption>{filtered ? t('establishments.captionFiltered') : t('establishments.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('establishments.colFiness')}</th>
                  <th scope="col">{t('establishments.colName')}</th>
                  <th scope="col">{t('establishments.colCategory')}</th>
                  <th scope="col">{t('establishments.colCity')}</th>
                  <th scope="col">{t('establishments.colDepartement')}</th>
                  <th scope="col">{t('establishments.colRegion')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 ? (
                  <tr>
                    <td colSpan={6} className="table-empty">
                      {t('establishments.empty')}
                    </td>
                  </tr>
                ) : (
                  data.items.map((e) => (
                    <tr key={e.finess}>
                      <td className="mono">{e.finess}</td>
                      <th scope="row">
                        <Link
                          to={`/etablissements/${e.finess}`}
                          state={{ back: `${location.pathname}${location.search}` }}
                        >
                          {e.name}
                        </Link>
                      </th>
                      <td>{e.categoryLabel}</td>
                      <td>{e.city ?? t('common.none')}</td>
                      <td>
                        <span className="mono">{e.departementCode}</span> {e.departementName}
                      </td>
                      <td>{e.regionName}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <Pagination
            label={t('common.pagination')}
            offset={offset}
            limit={PAGE_SIZE}
            total={data.total}
            shown={data.items.length}
            onChange={(next) => update({ page: String(next / PAGE_SIZE + 1) })}
          />
        </>
      ) : null}
    </section>
  );
}
