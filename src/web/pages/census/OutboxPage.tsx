/** /courriels — the e-mails Relais queued, sent or kept in the development outbox (administrators). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ops } from '../../../contracts/operations.ts';
import { call } from '../../api/client.ts';
import { censusKeys } from '../../api/keys.ts';
import { RefreshedAt } from '../../components/Freshness.tsx';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { DataTable } from '../../components/ListParts.tsx';
import { useUrlFilters } from '../../components/searchParams.ts';

const LIMITS = [50, 100, 200] as const;

export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const { params, update } = useUrlFilters();
  const limit = LIMITS.find((l) => String(l) === params.get('nombre')) ?? 50;
  const list = useQuery({
    queryKey: censusKeys.outbox.list(limit),
    queryFn: () => call(ops.listOutbox, { query: { limit } }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const items = list.data?.items ?? [];

  return (
    <ListPage
      title={t('census.outbox.title')}
      className="census-page"
      actions={
        <RefreshedAt
          at={list.dataUpdatedAt}
          fetching={list.isFetching}
          every={30}
          onRefresh={() => void list.refetch()}
        />
      }
      before={<p className="muted census-intro">{t('census.outbox.intro')}</p>}
      filters={
        <div className="field">
          <label htmlFor={`${ids}-limit`}>{t('census.outbox.limit')}</label>
          <select id={`${ids}-limit`} value={limit} onChange={(e) => update({ nombre: e.target.value })}>
            {LIMITS.map((l) => (
              <option key={l} value={l}>
                {t('census.outbox.lastN', { count: l })}
              </option>
            ))}
          </select>
        </div>
      }
      query={list}
      count={
        list.data
          ? t('census.outbox.count', { count: items.length, formatted: formatNumber(items.length, i18n.language) })
          : null
      }
    >
      {list.data ? (
        <DataTable
          className="census-outbox"
          busy={list.isFetching}
          caption={t('census.outbox.caption')}
          columns={
            <>
              <th scope="col">{t('census.outbox.date')}</th>
              <th scope="col">{t('census.outbox.to')}</th>
              <th scope="col">{t('census.outbox.subject')}</th>
              <th scope="col">{t('census.outbox.status')}</th>
            </>
          }
          colSpan={4}
          empty={t('census.outbox.empty')}
          rows={items.map((m) => (
            <tr key={m.id}>
              <td className="census-nowrap">
                <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, i18n.language)}</time>
              </td>
              <td className="mono">{m.to}</td>
              <td>
                <details className="census-mail">
                  <summary>{m.subject}</summary>
                  <pre className="census-mail-body">{m.body}</pre>
                </details>
              </td>
              <td>
                <span className={`census-mail-status census-mail-${m.status}`}>
                  {t(`census.outbox.statuses.${m.status}`)}
                </span>
              </td>
            </tr>
          ))}
        />
      ) : null}
    </ListPage>
  );
}
