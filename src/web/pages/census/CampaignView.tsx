/**
 * The regulator's view of a weekly campaign: completeness per region, the establishments with the
 * missing ones first and in red, reminders to those who have not answered, recent campaigns.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TCompleteness } from '../../../contracts/census.ts';
import { ops } from '../../../contracts/operations.ts';
import { call } from '../../api/client.ts';
import { censusKeys } from '../../api/keys.ts';
import { can, useUser } from '../../auth.tsx';
import { CensusStatusBadge } from '../../components/CensusStatusBadge.tsx';
import { ErrorPanel, LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { RefreshedAt } from '../../components/Freshness.tsx';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { useUrlFilters } from '../../components/searchParams.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { CampaignError } from './CampaignError.tsx';
import { CampaignHistory } from './CampaignHistory.tsx';
import type { CampaignEstablishment } from './CensusCard.tsx';
import { CompletenessBar } from './CompletenessBar.tsx';
import {
  BAR_ORDER,
  consoleTotal,
  isStatus,
  percent,
  pickWeek,
  STATUS_RANK,
  STATUSES,
  useCampaigns,
  WEEK_PARAM,
  weekRange,
} from './campaign.ts';
import { DueLine } from './DueLine.tsx';

function Completeness(props: { c: TCompleteness; open: boolean }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatNumber(value, i18n.language);
  const { c } = props;
  const tiles: [string, string, string][] = [
    ['expected', t('census.completeness.expected'), n(c.expected)],
    ['received', t('census.completeness.received'), `${n(c.received)} (${percent(c.rate, i18n.language)})`],
    ['on_time', t('census.completeness.onTime'), `${n(c.onTime)} (${percent(c.onTimeRate, i18n.language)})`],
    ['late', t('census.completeness.late'), n(c.late)],
    [
      props.open ? 'pending' : 'missing',
      props.open ? t('census.completeness.pending') : t('census.completeness.missing'),
      n(props.open ? c.expected - c.received : c.missing),
    ],
  ];
  return (
    <div className="census-summary">
      <dl className="census-tiles">
        {tiles.map(([key, label, value]) => (
          <div key={key} className={`census-tile census-tile-${key}`}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <CompletenessBar c={c} className="census-bar-wide" />
    </div>
  );
}

export function CampaignView() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const ids = useId();
  const { params, update } = useUrlFilters();
  const campaigns = useCampaigns();
  const week = pickWeek(params.get(WEEK_PARAM)) ?? campaigns.data?.current ?? null;
  const status = isStatus(params.get('statut')) ? params.get('statut') : '';
  const region = /^\d{2}$/.test(params.get('region') ?? '') ? (params.get('region') ?? '') : '';
  usePageTitle(week ? t('census.pageTitle', { week }) : t('census.title'));

  const campaign = useQuery({
    queryKey: censusKeys.campaign(week ?? ''),
    queryFn: () => call(ops.getCensusCampaign, { params: { week: week ?? '' }, query: {} }),
    enabled: week !== null,
    refetchInterval: 60_000,
  });
  const data = campaign.data;
  const n = (value: number) => formatNumber(value, i18n.language);

  const inRegion = (data?.establishments ?? []).filter((e) => !region || e.regionCode === region);
  const shown = inRegion
    .filter((e) => !status || e.status === status)
    .sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || a.name.localeCompare(b.name, 'fr'));
  const toRemind = inRegion.filter((e) => e.status === 'missing' || e.status === 'pending');
  const regionName = (code: string) => data?.regions.find((r) => r.code === code)?.name ?? code;
  const manyRegions = (data?.regions.length ?? 0) > 1;
  const open = data?.phase === 'open';

  const dialogRef = useRef<HTMLDialogElement>(null);
  const [reminded, setReminded] = useState<{ establishments: number; recipients: number } | null>(null);
  const remind = useMutation({
    mutationFn: () =>
      call(ops.remindCensus, {
        params: { week: week ?? '' },
        body: { region: region || undefined, finess: toRemind.map((e) => e.finess) },
      }),
    onSuccess: (result) => {
      setReminded(result);
      dialogRef.current?.close();
      void queryClient.invalidateQueries({ queryKey: censusKeys.all });
    },
  });

  const establishmentLink = (e: CampaignEstablishment) => `/recensement/${e.finess}?${WEEK_PARAM}=${week}`;

  return (
    <section className="page page-wide census-page">
      <div className="page-header">
        <div>
          <h1>{week ? t('census.pageTitle', { week }) : t('census.title')}</h1>
          {data ? <p className="muted">{weekRange(data.weekStart, i18n.language, t)}</p> : null}
        </div>
        <div className="actions">
          {can(user, 'census:submit') ? (
            <Link to="/recensement/import" className="button button-secondary">
              {t('census.import.link')}
            </Link>
          ) : null}
        </div>
      </div>

      {campaigns.isError ? <ErrorPanel error={campaigns.error} onRetry={() => void campaigns.refetch()} /> : null}
      {campaign.isError ? (
        <CampaignError error={campaign.error} week={week} onRetry={() => void campaign.refetch()} />
      ) : null}
      {!data && !campaign.isError && !campaigns.isError ? (
        <p role="status" className="muted">
          {t('app.loading')}
        </p>
      ) : null}

      {data ? (
        <>
          <div className="census-head">
            <DueLine dueAt={data.dueAt} received={!open} />
            <p>
              {open ? (
                <span className="census-open">{t('census.phase.open')}</span>
              ) : (
                <span className="muted">{t('census.phase.closed')}</span>
              )}
            </p>
            <RefreshedAt
              at={campaign.dataUpdatedAt}
              every={60}
              fetching={campaign.isFetching}
              onRefresh={() => {
                void campaign.refetch();
                void campaigns.refetch();
              }}
            />
          </div>
          <Completeness c={data.completeness} open={open} />

          <section className="census-section" aria-labelledby={`${ids}-regions`}>
            <h2 id={`${ids}-regions`}>{t('census.regions.title')}</h2>
            <div className="table-scroll">
              <table className="data-table">
                <caption>{t('census.regions.caption', { week })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('census.regions.region')}</th>
                    <th scope="col" className="num">
                      {t('census.completeness.expected')}
                    </th>
                    <th scope="col" className="num">
                      {t('census.completeness.received')}
                    </th>
                    <th scope="col" className="num">
                      {t('census.completeness.onTime')}
                    </th>
                    <th scope="col" className="num">
                      {t('census.completeness.late')}
                    </th>
                    <th scope="col" className="num">
                      {open ? t('census.completeness.pending') : t('census.completeness.missing')}
                    </th>
                    <th scope="col">{t('census.completeness.bar')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.regions.map((r) => {
                    const gap = open ? r.completeness.expected - r.completeness.received : r.completeness.missing;
                    return (
                      <tr key={r.code} className={r.code === region ? 'census-selected' : undefined}>
                        <th scope="row">
                          <Link to={`?${new URLSearchParams({ [WEEK_PARAM]: data.week, region: r.code })}`}>
                            {r.name}
                          </Link>
                        </th>
                        <td className="num">{n(r.completeness.expected)}</td>
                        <td className="num">
                          {n(r.completeness.received)}{' '}
                          <span className="muted">({percent(r.completeness.rate, i18n.language)})</span>
                        </td>
                        <td className="num">{n(r.completeness.onTime)}</td>
                        <td className="num">{n(r.completeness.late)}</td>
                        <td className={`num${gap > 0 && !open ? ' census-missing-figure' : ''}`}>{n(gap)}</td>
                        <td>
                          <CompletenessBar c={r.completeness} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <ul className="census-legend" aria-label={t('census.bar.legend')}>
              {BAR_ORDER.map((s) => (
                <li key={s}>
                  <span aria-hidden="true" className={`census-swatch census-bar-${s}`} /> {t(`census.status.${s}`)}
                </li>
              ))}
            </ul>
          </section>

          <section className="census-section" aria-labelledby={`${ids}-list`}>
            <h2 id={`${ids}-list`}>{t('census.list.title')}</h2>
            <search className="filters" aria-label={t('common.filters')}>
              <div className="field">
                <label htmlFor={`${ids}-week`}>{t('census.list.week')}</label>
                <select
                  id={`${ids}-week`}
                  value={week ?? ''}
                  onChange={(ev) => update({ [WEEK_PARAM]: ev.target.value })}
                >
                  {(campaigns.data?.items ?? []).map((c) => (
                    <option key={c.week} value={c.week}>
                      {c.week}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${ids}-status`}>{t('census.list.status')}</label>
                <select
                  id={`${ids}-status`}
                  value={status ?? ''}
                  onChange={(ev) => update({ statut: ev.target.value })}
                >
                  <option value="">{t('census.list.allStatuses')}</option>
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`census.status.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
              {manyRegions ? (
                <div className="field">
                  <label htmlFor={`${ids}-region`}>{t('census.list.region')}</label>
                  <select id={`${ids}-region`} value={region} onChange={(ev) => update({ region: ev.target.value })}>
                    <option value="">{t('census.list.allRegions')}</option>
                    {data.regions.map((r) => (
                      <option key={r.code} value={r.code}>
                        {r.name}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              {status || region ? (
                <button
                  type="button"
                  className="button button-secondary filters-reset"
                  onClick={() => update({ statut: null, region: null })}
                >
                  {t('census.list.reset')}
                </button>
              ) : null}
              {can(user, 'census:remind') ? (
                <div className="census-remind">
                  <button
                    type="button"
                    className="button button-primary"
                    disabled={toRemind.length === 0}
                    onClick={() => {
                      remind.reset();
                      setReminded(null);
                      dialogRef.current?.showModal();
                    }}
                  >
                    {t('census.remind.button')}
                  </button>
                  <p className="field-hint">
                    {toRemind.length === 0
                      ? t('census.remind.nobody')
                      : t('census.remind.count', { count: toRemind.length })}
                  </p>
                </div>
              ) : null}
            </search>

            <LiveRegion tone="success">
              {reminded ? (
                <>
                  {t('census.remind.done', {
                    count: reminded.establishments,
                    recipients: t('census.remind.recipients', { count: reminded.recipients }),
                  })}
                  {can(user, 'outbox:read') ? (
                    <>
                      {' '}
                      <Link to="/courriels">{t('census.remind.seeOutbox')}</Link>
                    </>
                  ) : null}
                </>
              ) : null}
            </LiveRegion>

            <p className="result-count" role="status">
              {t('census.list.count', { count: shown.length, total: inRegion.length })}
            </p>
            <div className="table-scroll">
              <table className="data-table census-table" aria-busy={campaign.isFetching || undefined}>
                <caption>
                  {t('census.list.caption', { week })}
                  {region ? ` — ${regionName(region)}` : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('census.list.colStatus')}</th>
                    <th scope="col">{t('census.list.colName')}</th>
                    {manyRegions ? <th scope="col">{t('census.list.colRegion')}</th> : null}
                    <th scope="col">{t('census.list.colReceived')}</th>
                    <th scope="col" className="num">
                      {t('census.list.colConsoles')}
                    </th>
                    <th scope="col" className="num">
                      {t('census.list.colInUse')}
                    </th>
                    <th scope="col" className="num">
                      {t('census.list.colPatients')}
                    </th>
                    <th scope="col">{t('census.list.colReminder')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('census.list.colAction')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.length === 0 ? (
                    <tr>
                      <td colSpan={9} className="table-empty">
                        {t('census.list.empty')}
                      </td>
                    </tr>
                  ) : (
                    shown.map((e) => {
                      const figures = e.report ?? e.previous;
                      const stale = !e.report && e.previous !== null;
                      return (
                        <tr key={e.finess} className={`census-row-${e.status}`}>
                          <td>
                            <CensusStatusBadge status={e.status} />
                          </td>
                          <th scope="row">
                            <Link to={establishmentLink(e)}>{e.name}</Link>
                            <span className="census-row-sub">
                              <span className="mono">{e.finess}</span>
                              {e.city ? ` · ${e.city}` : ''}
                            </span>
                          </th>
                          {manyRegions ? <td>{regionName(e.regionCode)}</td> : null}
                          <td>
                            {e.report ? (
                              <>
                                <time dateTime={e.report.submittedAt}>
                                  {formatDateTime(e.report.submittedAt, i18n.language)}
                                </time>
                                {e.report.version > 1 ? (
                                  <span className="muted">
                                    {' '}
                                    {t('census.history.versionN', { version: e.report.version })}
                                  </span>
                                ) : null}
                              </>
                            ) : (
                              <span className="census-none">{t('census.list.notReceived')}</span>
                            )}
                          </td>
                          {figures ? (
                            <>
                              <td className={`num${stale ? ' census-stale' : ''}`}>
                                {n(consoleTotal(figures.consoles))}
                              </td>
                              <td className={`num${stale ? ' census-stale' : ''}`}>{n(figures.consoles.inUse)}</td>
                              <td className={`num${stale ? ' census-stale' : ''}`}>
                                {t('census.vvVa', { vv: n(figures.patients.vv), va: n(figures.patients.va) })}
                                {stale ? (
                                  <span className="census-stale-note">
                                    {t('census.list.staleFrom', { week: figures.week })}
                                  </span>
                                ) : null}
                              </td>
                            </>
                          ) : (
                            <td colSpan={3} className="muted">
                              {t('census.list.noFigures')}
                            </td>
                          )}
                          <td>
                            {e.lastReminderAt ? (
                              <time dateTime={e.lastReminderAt}>{formatDateTime(e.lastReminderAt, i18n.language)}</time>
                            ) : (
                              t('common.none')
                            )}
                          </td>
                          <td>
                            <Link
                              to={establishmentLink(e)}
                              className="button button-secondary button-small"
                              aria-label={`${e.report ? t('census.list.open') : t('census.list.enter')} — ${e.name}`}
                            >
                              {e.report ? t('census.list.open') : t('census.list.enter')}
                            </Link>
                          </td>
                        </tr>
                      );
                    })
                  )}
                </tbody>
              </table>
            </div>
          </section>
        </>
      ) : null}

      {campaigns.data && week ? <CampaignHistory items={campaigns.data.items} selected={week} /> : null}

      <dialog ref={dialogRef} className="census-dialog" aria-labelledby={`${ids}-dialog-title`}>
        <h2 id={`${ids}-dialog-title`}>{t('census.remind.confirmTitle')}</h2>
        <p>
          {t('census.remind.confirmText', {
            count: toRemind.length,
            week,
            scope: region ? regionName(region) : t('census.remind.allScope'),
          })}
        </p>
        <ul className="census-remind-list">
          {toRemind.slice(0, 12).map((e) => (
            <li key={e.finess}>{e.name}</li>
          ))}
          {toRemind.length > 12 ? <li>{t('census.remind.more', { count: toRemind.length - 12 })}</li> : null}
        </ul>
        {remind.isError ? (
          <p className="notice notice-error" role="alert">
            {errorText(remind.error)}
          </p>
        ) : null}
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={remind.isPending}
            onClick={() => remind.mutate()}
          >
            {remind.isPending ? t('census.remind.sending') : t('census.remind.confirm')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => dialogRef.current?.close()}>
            {t('common.cancel')}
          </button>
        </div>
      </dialog>
    </section>
  );
}
