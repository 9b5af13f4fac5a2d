/** Recent campaigns with their completeness and on-time rate; each week opens its campaign. */

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { ZCampaignSummary } from '../../../contracts/census.ts';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { paths } from '../../routes/paths.ts';
import { CompletenessBar, CompletenessHeads, RateBar } from './CompletenessBar.tsx';
import { percent, WEEK_PARAM } from './campaign.ts';

type Campaign = z.infer<typeof ZCampaignSummary>;

export function CampaignHistory(props: { items: readonly Campaign[]; selected: string; basePath?: string }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const n = (value: number) => formatNumber(value, i18n.language);
  const base = props.basePath ?? paths.census();
  return (
    <section aria-labelledby={headingId} className="census-section">
      <h2 id={headingId}>{t('census.campaigns.title')}</h2>
      <div className="table-scroll">
        <table className="data-table">
          <caption>{t('census.campaigns.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('census.campaigns.week')}</th>
              <th scope="col">{t('census.campaigns.dueAt')}</th>
              <CompletenessHeads />
              <th scope="col" className="num">
                {t('census.completeness.missing')}
              </th>
              <th scope="col">{t('census.campaigns.onTimeRate')}</th>
              <th scope="col">{t('census.completeness.bar')}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((c) => {
              const rate = percent(c.completeness.onTimeRate, i18n.language);
              return (
                <tr key={c.week} className={c.week === props.selected ? 'census-selected' : undefined}>
                  <th scope="row">
                    <Link
                      to={`${base}?${WEEK_PARAM}=${c.week}`}
                      aria-current={c.week === props.selected ? 'page' : undefined}
                      className="mono"
                    >
                      {c.week}
                    </Link>
                    {c.phase === 'open' ? <span className="census-open"> {t('census.campaigns.open')}</span> : null}
                  </th>
                  <td>
                    <time dateTime={c.dueAt}>{formatDateTime(c.dueAt, i18n.language)}</time>
                  </td>
                  <td className="num">
                    {t('census.completeness.ofExpected', {
                      received: n(c.completeness.received),
                      expected: n(c.completeness.expected),
                    })}
                  </td>
                  <td className="num">{n(c.completeness.onTime)}</td>
                  <td className="num">{n(c.completeness.late)}</td>
                  <td className={`num${c.completeness.missing > 0 ? ' census-missing-figure' : ''}`}>
                    {c.phase === 'open' ? t('common.none') : n(c.completeness.missing)}
                  </td>
                  <td>
                    <span className="census-rate">
                      <RateBar rate={c.completeness.onTimeRate} label={rate} />
                      <span>{rate}</span>
                    </span>
                  </td>
                  <td>
                    <CompletenessBar c={c.completeness} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
