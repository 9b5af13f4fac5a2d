/** Every version of an establishment's census reports over recent weeks: corrections never overwrite. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ops } from '../../../contracts/operations.ts';
import { call } from '../../api/client.ts';
import { censusKeys } from '../../api/keys.ts';
import { ErrorPanel } from '../../components/Feedback.tsx';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { DataTable } from '../../components/ListParts.tsx';
import { consoleTotal } from './campaign.ts';

export function ReportHistory(props: { finess: string; name: string }) {
  const { t, i18n } = useTranslation();
  const history = useQuery({
    queryKey: censusKeys.history(props.finess),
    queryFn: () => call(ops.listCensusReports, { query: { finess: props.finess, weeks: 12 } }),
  });
  const n = (value: number) => formatNumber(value, i18n.language);
  const items = [...(history.data?.items ?? [])].sort((a, b) => b.week.localeCompare(a.week) || b.version - a.version);
  const headingId = `census-history-${props.finess}`;

  return (
    <section className="census-history" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('census.history.title')}</h3>
      {history.isError ? <ErrorPanel error={history.error} onRetry={() => void history.refetch()} /> : null}
      {history.isPending ? <p className="muted">{t('app.loading')}</p> : null}
      {history.data ? (
        <DataTable
          className="census-history-table"
          caption={t('census.history.caption', { name: props.name })}
          columns={
            <>
              <th scope="col">{t('census.history.week')}</th>
              <th scope="col">{t('census.history.version')}</th>
              <th scope="col">{t('census.history.submittedAt')}</th>
              <th scope="col">{t('census.history.timeliness')}</th>
              <th scope="col" className="num">
                {t('census.history.consoles')}
              </th>
              <th scope="col" className="num">
                {t('census.history.inUse')}
              </th>
              <th scope="col" className="num">
                {t('census.history.patients')}
              </th>
              <th scope="col" className="num">
                {t('census.fields.circuits')}
              </th>
              <th scope="col" className="num">
                {t('census.fields.cannulas')}
              </th>
              <th scope="col" className="num">
                {t('census.fields.teams')}
              </th>
              <th scope="col">{t('census.history.reason')}</th>
            </>
          }
          colSpan={11}
          empty={t('census.history.empty')}
          rows={items.map((r) => (
            <tr key={r.id} className={r.current ? undefined : 'census-superseded'}>
              <th scope="row" className="mono census-nowrap">
                {r.week}
              </th>
              <td className="census-nowrap">
                {t('census.history.versionN', { version: r.version })}
                {r.current ? (
                  <span className="census-current"> {t('census.history.current')}</span>
                ) : (
                  <span className="muted"> {t('census.history.superseded')}</span>
                )}
              </td>
              <td>
                <time dateTime={r.submittedAt} className="census-nowrap">
                  {formatDateTime(r.submittedAt, i18n.language)}
                </time>
                <span className="census-row-sub">
                  {t('census.history.byVia', { who: r.submittedBy, source: t(`census.source.${r.source}`) })}
                </span>
              </td>
              <td>{r.onTime ? t('census.status.on_time') : t('census.status.late')}</td>
              <td className="num">{n(consoleTotal(r.consoles))}</td>
              <td className="num">{n(r.consoles.inUse)}</td>
              <td className="num">{t('census.vvVa', { vv: n(r.patients.vv), va: n(r.patients.va) })}</td>
              <td className="num">{n(r.circuits)}</td>
              <td className="num">{n(r.cannulas)}</td>
              <td className="num">{n(r.teams)}</td>
              <td>{r.correctionReason ?? t('common.none')}</td>
            </tr>
          ))}
        />
      ) : null}
    </section>
  );
}
