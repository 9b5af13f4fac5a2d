/** A campaign's figures: the completeness tiles and bar, and the completeness of each region with its legend. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { TCompleteness, ZCampaignDetail } from '../../../contracts/census.ts';
import { formatNumber } from '../../components/format.ts';
import { CompletenessBar, CompletenessHeads } from './CompletenessBar.tsx';
import { BAR_ORDER, percent, WEEK_PARAM } from './campaign.ts';

export type Campaign = z.infer<typeof ZCampaignDetail>;

export function CampaignFigures(props: { c: TCompleteness; open: boolean }) {
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

/** One row a region, linked to the list of its establishments; `selected` is the region shown below. */
export function RegionsCompleteness(props: { campaign: Campaign; selected: string }) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const { campaign } = props;
  const open = campaign.phase === 'open';
  const n = (value: number) => formatNumber(value, i18n.language);
  return (
    <section className="census-section" aria-labelledby={`${ids}-regions`}>
      <h2 id={`${ids}-regions`}>{t('census.regions.title')}</h2>
      <div className="table-scroll">
        <table className="data-table">
          <caption>{t('census.regions.caption', { week: campaign.week })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('census.regions.region')}</th>
              <th scope="col" className="num">
                {t('census.completeness.expected')}
              </th>
              <CompletenessHeads />
              <th scope="col" className="num">
                {open ? t('census.completeness.pending') : t('census.completeness.missing')}
              </th>
              <th scope="col">{t('census.completeness.bar')}</th>
            </tr>
          </thead>
          <tbody>
            {campaign.regions.map((r) => {
              const gap = open ? r.completeness.expected - r.completeness.received : r.completeness.missing;
              return (
                <tr key={r.code} className={r.code === props.selected ? 'census-selected' : undefined}>
                  <th scope="row">
                    <Link to={`?${new URLSearchParams({ [WEEK_PARAM]: campaign.week, region: r.code })}`}>
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
  );
}
