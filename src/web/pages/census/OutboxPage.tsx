/** /courriels — the e-mails Relais queued, sent or kept in the development outbox (administrators). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ops } from '../../../contracts/operations.ts';
import { call } from '../../api/client.ts';
import { ErrorPanel } from '../../components/Feedback.tsx';
import { useUrlFilters } from '../../components/searchParams.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { Freshness } from './shared.tsx';

const LIMITS = [50, 100, 200] as const;

export function OutboxPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('census.outbox.title'));
  const ids = useId();
  const { params, update } = useUrlFilters();
  const limit = LIMITS.find((l) => String(l) === params.get('nombre')) ?? 50;
  const list = useQuery({
    queryKey: ['outbox', limit],
    queryFn: () => call(ops.listOutbox, { query: { limit } }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const items = list.data?.items ?? [];

  return (
    <section className="page page-wide census-page">
      <div className="page-header">
        <h1>{t('census.outbox.title')}</h1>
        <Freshness updatedAt={list.dataUpdatedAt} fetching={list.isFetching} onRefresh={() => void list.refetch()} />
      </div>
      <p className="muted census-intro">{t('census.outbox.intro')}</p>
      <search className="filters" aria-label={t('common.filters')}>
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
      </search>
      {list.isError ? <ErrorPanel error={list.error} onRetry={() => void list.refetch()} /> : null}
      <p className="result-count" role="status">
        {list.data
          ? t('census.outbox.count', { count: items.length, formatted: formatNumber(items.length, i18n.language) })
          : t('app.loading')}
      </p>
      {list.data ? (
        <div className="table-scroll">
          <table className="data-table census-outbox" aria-busy={list.isFetching || undefined}>
            <caption>{t('census.outbox.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('census.outbox.date')}</th>
                <th scope="col">{t('census.outbox.to')}</th>
                <th scope="col">{t('census.outbox.subject')}</th>
                <th scope="col">{t('census.outbox.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.length === 0 ? (
                <tr>
                  <td colSpan={4} className="table-empty">
                    {t('census.outbox.empty')}
                  </td>
                </tr>
              ) : (
                items.map((m) => (
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
                ))
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
