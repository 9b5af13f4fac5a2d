/** Accounts within reach: search, region filter, table of roles and scopes. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ops } from '../../contracts/operations.ts';
import { call } from '../api/client.ts';
import { useRegions } from '../api/queries.ts';
import { can, useUser } from '../auth.tsx';
import { ErrorPanel } from '../components/Feedback.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { useUrlFilters } from '../components/searchParams.ts';
import { useDebouncedInput } from '../components/useDebouncedValue.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { formatDate, formatNumber, grantLabel } from '../format.ts';

const PAGE_SIZE = 50;

export function UsersPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('users.title'));
  const user = useUser();
  const searchId = useId();
  const { params, update, page } = useUrlFilters();
  const q = (params.get('q') ?? '').trim();
  const regionParam = params.get('region') ?? '';
  const region = /^\d{2}$/.test(regionParam) ? regionParam : '';
  const offset = (page - 1) * PAGE_SIZE;

  const [text, setText] = useDebouncedInput(q, (value) => update({ q: value }, { replace: true }));
  const regions = useRegions();
  const list = useQuery({
    queryKey: ['users', { q, region, offset }],
    queryFn: () =>
      call(ops.listUsers, {
        query: { q: q || undefined, region: region || undefined, limit: PAGE_SIZE, offset },
      }),
    placeholderData: keepPreviousData,
  });
  const data = list.data;

  return (
    <section className="page page-wide">
      <div className="page-header">
        <h1>{t('users.title')}</h1>
        {can(user, 'user:create') ? (
          <Link to="/utilisateurs/nouveau" className="button button-primary">
            <span aria-hidden="true">+ </span>
            {t('users.create')}
          </Link>
        ) : null}
      </div>

      <search className="filters" aria-label={t('common.filters')}>
        <div className="field field-grow">
          <label htmlFor={`${searchId}-q`}>{t('users.searchLabel')}</label>
          <input
            id={`${searchId}-q`}
            type="search"
            value={text}
            maxLength={100}
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${searchId}-region`}>{t('users.region')}</label>
          <select id={`${searchId}-region`} value={region} onChange={(e) => update({ region: e.target.value })}>
            <option value="">{t('users.allRegions')}</option>
            {(regions.data ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      </search>

      {list.isError ? <ErrorPanel error={list.error} onRetry={() => void list.refetch()} /> : null}
      <p className="result-count" role="status">
        {data
          ? t('users.count', { count: data.total, formatted: formatNumber(data.total, i18n.language) })
          : t('app.loading')}
      </p>

      {data ? (
        <>
          <div className="table-scroll">
            <table className="data-table" aria-busy={list.isFetching || undefined}>
              <caption>{t('users.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('users.colName')}</th>
                  <th scope="col">{t('users.colEmail')}</th>
                  <th scope="col">{t('users.colRoles')}</th>
                  <th scope="col">{t('users.colRpps')}</th>
                  <th scope="col">{t('users.colStatus')}</th>
                  <th scope="col">{t('users.colCreated')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 ? (
                  <tr>
                    <td colSpan={6} className="table-empty">
                      {t('users.empty')}
                    </td>
                  </tr>
                ) : (
                  data.items.map((u) => (
                    <tr key={u.id}>
                      <th scope="row">{u.displayName}</th>
                      <td>{u.email}</td>
                      <td>
                        <ul className="inline-list">
                          {u.grants.map((g) => {
                            const { role, scope } = grantLabel(g, t);
                            return (
                              <li key={`${g.role}:${g.scopeCode ?? ''}`}>
                                {role} <span className="muted">· {scope}</span>
                              </li>
                            );
                          })}
                        </ul>
                      </td>
                      <td className="mono">{u.rpps ?? t('common.none')}</td>
                      <td>
                        <span className={u.active ? 'status status-ok' : 'status status-off'}>
                          {u.active ? t('users.active') : t('users.inactive')}
                        </span>
                      </td>
                      <td>
                        <time dateTime={u.createdAt}>{formatDate(u.createdAt, i18n.language)}</time>
                      </td>
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
