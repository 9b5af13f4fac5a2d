/** Accounts within reach: search, region filter, table of roles and scopes. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ops } from '../../contracts/operations.ts';
import { call } from '../api/client.ts';
import { adminKeys } from '../api/keys.ts';
import { can, useUser } from '../auth.tsx';
import { Badge } from '../components/Badge.tsx';
import { formatDate, formatNumber, grantLabel } from '../components/format.ts';
import { ListPage } from '../components/ListPage.tsx';
import { DataTable, RegionFilter, SearchField } from '../components/ListParts.tsx';
import { CreateLink } from '../components/PageParts.tsx';
import { pickParam, REGION_CODE, usePagedFilters, useSearchText } from '../components/searchParams.ts';
import { paths } from '../routes/paths.ts';

const PAGE_SIZE = 50;

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const searchId = useId();
  const { params, update, offset, pages } = usePagedFilters(PAGE_SIZE);
  const { q, text, setText } = useSearchText(params, update);
  const region = pickParam(params.get('region'), REGION_CODE);

  const list = useQuery({
    queryKey: adminKeys.users.list({ q, region, offset }),
    queryFn: () =>
      call(ops.listUsers, {
        query: { q: q || undefined, region: region || undefined, limit: PAGE_SIZE, offset },
      }),
    placeholderData: keepPreviousData,
  });
  const data = list.data;

  return (
    <ListPage
      title={t('users.title')}
      actions={
        <CreateLink to={paths.newUser()} allowed={can(user, 'user:create')}>
          {t('users.create')}
        </CreateLink>
      }
      filters={
        <>
          <SearchField id={`${searchId}-q`} label={t('users.searchLabel')} value={text} onChange={setText} />
          <RegionFilter id={`${searchId}-region`} value={region} onChange={(value) => update({ region: value })} />
        </>
      }
      query={list}
      count={data ? t('users.count', { count: data.total, formatted: formatNumber(data.total, i18n.language) }) : null}
    >
      {data ? (
        <DataTable
          caption={t('users.caption')}
          busy={list.isFetching}
          columns={
            <>
              <th scope="col">{t('users.colName')}</th>
              <th scope="col">{t('users.colEmail')}</th>
              <th scope="col">{t('users.colRoles')}</th>
              <th scope="col">{t('users.colRpps')}</th>
              <th scope="col">{t('users.colStatus')}</th>
              <th scope="col">{t('users.colCreated')}</th>
            </>
          }
          colSpan={6}
          empty={t('users.empty')}
          rows={data.items.map((u) => (
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
                <Badge tone={u.active ? 'success' : 'neutral'}>
                  {u.active ? t('users.active') : t('users.inactive')}
                </Badge>
              </td>
              <td>
                <time dateTime={u.createdAt}>{formatDate(u.createdAt, i18n.language)}</time>
              </td>
            </tr>
          ))}
          pages={pages(data.total)}
        />
      ) : null}
    </ListPage>
  );
}
