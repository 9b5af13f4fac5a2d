/** Establishments: search and filters (kept in the URL), a dense table, pagination. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ESTABLISHMENT_CATEGORIES } from '../../contracts/establishments.ts';
import { ops } from '../../contracts/operations.ts';
import { call } from '../api/client.ts';
import { adminKeys } from '../api/keys.ts';
import { useRegions } from '../api/queries.ts';
import { can, useUser } from '../auth.tsx';
import { formatNumber } from '../components/format.ts';
import { ListPage } from '../components/ListPage.tsx';
import { DataTable, FilterSelect, RegionFilter, ResetFilters, SearchField } from '../components/ListParts.tsx';
import { CreateLink } from '../components/PageParts.tsx';
import { pickParam, REGION_CODE, usePagedFilters, useSearchText } from '../components/searchParams.ts';
import { paths } from '../routes/paths.ts';

const PAGE_SIZE = 50;

export function EstablishmentsPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const location = useLocation();
  const searchId = useId();
  const { params, update, offset, pages } = usePagedFilters(PAGE_SIZE);
  const { q, text, setText } = useSearchText(params, update);

  const region = pickParam(params.get('region'), REGION_CODE);
  const departement = pickParam(params.get('departement'), /^(?:\d{2}|2A|2B|97\d)$/);
  const category = (params.get('category') ?? '') in ESTABLISHMENT_CATEGORIES ? (params.get('category') ?? '') : '';

  const regions = useRegions();
  const list = useQuery({
    queryKey: adminKeys.establishments.list({ q, region, departement, category, offset }),
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
    <ListPage
      title={t('establishments.title')}
      actions={
        <CreateLink to={paths.newEstablishment()} allowed={can(user, 'establishment:create')}>
          {t('establishments.create')}
        </CreateLink>
      }
      filters={
        <>
          <SearchField
            id={`${searchId}-q`}
            label={t('establishments.searchLabel')}
            hint={t('establishments.searchHint')}
            value={text}
            onChange={setText}
          />
          <RegionFilter
            id={`${searchId}-region`}
            value={region}
            onChange={(next) => {
              const keep = regions.data?.find((r) => r.code === next)?.departements.some((d) => d.code === departement);
              update({ region: next, departement: next && !keep ? null : departement || null });
            }}
          />
          <FilterSelect
            id={`${searchId}-departement`}
            label={t('establishments.departement')}
            all={t('establishments.allDepartements')}
            value={departement}
            onChange={(value) => update({ departement: value })}
          >
            {departements.map((d) => (
              <option key={d.code} value={d.code}>
                {d.code} — {d.name}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect
            id={`${searchId}-category`}
            label={t('establishments.category')}
            all={t('establishments.allCategories')}
            value={category}
            onChange={(value) => update({ category: value })}
          >
            {Object.entries(ESTABLISHMENT_CATEGORIES).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </FilterSelect>
          <ResetFilters
            shown={filtered}
            onReset={() => {
              setText('');
              update({ q: null, region: null, departement: null, category: null });
            }}
          >
            {t('establishments.resetFilters')}
          </ResetFilters>
        </>
      }
      query={list}
      count={
        data
          ? t('establishments.count', { count: data.total, formatted: formatNumber(data.total, i18n.language) })
          : null
      }
    >
      {data ? (
        <DataTable
          caption={filtered ? t('establishments.captionFiltered') : t('establishments.caption')}
          busy={list.isFetching}
          columns={
            <>
              <th scope="col">{t('establishments.colFiness')}</th>
              <th scope="col">{t('establishments.colName')}</th>
              <th scope="col">{t('establishments.colCategory')}</th>
              <th scope="col">{t('establishments.colCity')}</th>
              <th scope="col">{t('establishments.colDepartement')}</th>
              <th scope="col">{t('establishments.colRegion')}</th>
            </>
          }
          colSpan={6}
          empty={t('establishments.empty')}
          rows={data.items.map((e) => (
            <tr key={e.finess}>
              <td className="mono">{e.finess}</td>
              <th scope="row">
                <Link to={paths.establishment(e.finess)} state={{ back: `${location.pathname}${location.search}` }}>
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
          ))}
          pages={pages(data.total)}
        />
      ) : null}
    </ListPage>
  );
}
