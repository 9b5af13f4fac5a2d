/**
 * The regulation report of a region (or the nation) over a period: requests by state and outcome, time
 * to decision (median, 90th percentile), escalations, loans, and each declined request with its reason.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ops } from '../../../contracts/operations.ts';
import { OUTCOMES, REQUEST_STATES } from '../../../domain/regulation.ts';
import { useUser } from '../../auth.tsx';
import { parisToday } from '../../clock.ts';
import { ExportLinks } from '../../components/ExportLinks.tsx';
import { ErrorPanel } from '../../components/Feedback.tsx';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { DataTable, RegionFilter } from '../../components/ListParts.tsx';
import { PageHeader, RecordList } from '../../components/PageParts.tsx';
import { pickParam, REGION_CODE, useUrlFilters } from '../../components/searchParams.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { homeRegion } from '../../components/userScope.ts';
import { isOneOf } from '../../i18n/labels.ts';
import { paths } from '../../routes/paths.ts';
import { useReport } from './queries.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const daysBefore = (iso: string, days: number) =>
  new Date(new Date(`${iso}T12:00:00Z`).getTime() - days * 86_400_000).toISOString().slice(0, 10);

export function ReportPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('regulation.report.title'));
  const id = useId();
  const user = useUser();
  const { params, update } = useUrlFilters();
  const today = parisToday();
  const national = user.grants.some((g) => g.scopeKind === 'nation');
  const region = pickParam(params.get('region'), REGION_CODE) || (national ? '' : homeRegion(user));
  const from = pickParam(params.get('from'), DATE) || daysBefore(today, 30);
  const to = pickParam(params.get('to'), DATE) || today;
  const report = useReport({ region: region || undefined, from, to }, true);
  const r = report.data;
  const n = (v: number) => formatNumber(v, i18n.language);
  const minutes = (v: number | null) =>
    v === null ? t('regulation.report.none') : t('regulation.report.minutes', { count: v });

  return (
    <section className="page page-wide reg-ui">
      <PageHeader title={t('regulation.report.title')}>
        {r ? (
          <ExportLinks
            path={ops.exportRegulationReport.path}
            query={{ region: region || undefined, from, to }}
            what={t('regulation.report.exportWhat')}
          />
        ) : null}
      </PageHeader>
      <p className="muted">{t('regulation.report.intro')}</p>
      <search className="filters" aria-label={t('common.filters')}>
        <RegionFilter
          id={`${id}-region`}
          label={t('regulation.report.region')}
          all={national ? t('regulation.report.national') : t('regulation.form.choose')}
          value={region}
          user={user}
          onChange={(v) => update({ region: v })}
        />
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('regulation.report.from')}</label>
          <input
            id={`${id}-from`}
            type="date"
            value={from}
            max={to}
            onChange={(e) => update({ from: e.target.value || null })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('regulation.report.to')}</label>
          <input
            id={`${id}-to`}
            type="date"
            value={to}
            min={from}
            onChange={(e) => update({ to: e.target.value || null })}
          />
        </div>
      </search>
      {report.isError ? <ErrorPanel error={report.error} onRetry={() => void report.refetch()} /> : null}
      {r ? (
        <div aria-busy={report.isFetching || undefined}>
          <ul className="reg-figures">
            {(
              [
                ['requests', n(r.requests)],
                ['decided', n(r.decided)],
                ['median', minutes(r.minutesToDecision.median)],
                ['p90', minutes(r.minutesToDecision.p90)],
                ['escalations', n(r.escalations)],
                ['loansLend', n(r.loans.lend)],
                ['loansNational', n(r.loans.nationalStock)],
                ['loansOverdue', n(r.loans.overdue)],
              ] as const
            ).map(([key, value]) => (
              <li key={key} className="reg-figure" data-figure={key}>
                <span className="reg-figure-value">{value}</span>
                <span className="reg-figure-label">{t(`regulation.report.${key}`)}</span>
              </li>
            ))}
          </ul>
          <div className="reg-layout">
            <section aria-labelledby={`${id}-states`}>
              <h2 id={`${id}-states`}>{t('regulation.report.byState')}</h2>
              <RecordList
                rows={Object.entries(r.byState).map(
                  ([k, v]) => [isOneOf(REQUEST_STATES, k) ? t(`regulation.states.${k}`) : k, n(v)] as const,
                )}
              />
            </section>
            <section aria-labelledby={`${id}-outcomes`}>
              <h2 id={`${id}-outcomes`}>{t('regulation.report.byOutcome')}</h2>
              {Object.keys(r.byOutcome).length === 0 ? <p className="muted">{t('regulation.report.none')}</p> : null}
              <RecordList
                rows={Object.entries(r.byOutcome).map(
                  ([k, v]) => [isOneOf(OUTCOMES, k) ? t(`regulation.outcomes.${k}`) : k, n(v)] as const,
                )}
              />
            </section>
          </div>
          <h2>{t('regulation.report.declined')}</h2>
          <DataTable
            caption={t('regulation.report.declined')}
            colSpan={3}
            empty={t('regulation.report.declinedEmpty')}
            columns={
              <>
                <th scope="col">{t('regulation.list.columns.case')}</th>
                <th scope="col">{t('regulation.detail.declineReason')}</th>
                <th scope="col">{t('regulation.report.declinedAt')}</th>
              </>
            }
            rows={r.declined.map((d) => (
              <tr key={d.requestId}>
                <th scope="row">
                  <Link to={paths.request(d.requestId)} className="mono">
                    {d.caseCode}
                  </Link>
                </th>
                <td>{d.reason ?? t('regulation.report.none')}</td>
                <td>{d.at ? formatDateTime(d.at, i18n.language) : t('regulation.report.none')}</td>
              </tr>
            ))}
          />
        </div>
      ) : report.isPending ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
    </section>
  );
}
