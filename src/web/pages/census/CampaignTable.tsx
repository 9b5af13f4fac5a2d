/** The establishments of a campaign, missing ones first and in red: status, report, figures, reminder, action. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CensusStatusBadge } from '../../components/CensusStatusBadge.tsx';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { DataTable } from '../../components/ListParts.tsx';
import { paths } from '../../routes/paths.ts';
import type { CampaignEstablishment } from './CensusCard.tsx';
import { consoleTotal, WEEK_PARAM } from './campaign.ts';

export function CampaignTable(props: {
  week: string;
  establishments: readonly CampaignEstablishment[];
  /** The region shown, '' for all. */
  region: string;
  regionName: (code: string) => string;
  /** The campaign spans several regions: a column names each establishment's. */
  showRegion: boolean;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatNumber(value, i18n.language);
  const { week, region, regionName, showRegion } = props;
  const establishmentLink = (e: CampaignEstablishment) => paths.censusEstablishment(e.finess, { [WEEK_PARAM]: week });
  return (
    <DataTable
      className="census-table"
      busy={props.busy}
      caption={
        <>
          {t('census.list.caption', { week })}
          {region ? ` — ${regionName(region)}` : ''}
        </>
      }
      columns={
        <>
          <th scope="col">{t('census.list.colStatus')}</th>
          <th scope="col">{t('census.list.colName')}</th>
          {showRegion ? <th scope="col">{t('census.list.colRegion')}</th> : null}
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
        </>
      }
      colSpan={9}
      empty={t('census.list.empty')}
      rows={props.establishments.map((e) => {
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
            {showRegion ? <td>{regionName(e.regionCode)}</td> : null}
            <td>
              {e.report ? (
                <>
                  <time dateTime={e.report.submittedAt}>{formatDateTime(e.report.submittedAt, i18n.language)}</time>
                  {e.report.version > 1 ? (
                    <span className="muted"> {t('census.history.versionN', { version: e.report.version })}</span>
                  ) : null}
                </>
              ) : (
                <span className="census-none">{t('census.list.notReceived')}</span>
              )}
            </td>
            {figures ? (
              <>
                <td className={`num${stale ? ' census-stale' : ''}`}>{n(consoleTotal(figures.consoles))}</td>
                <td className={`num${stale ? ' census-stale' : ''}`}>{n(figures.consoles.inUse)}</td>
                <td className={`num${stale ? ' census-stale' : ''}`}>
                  {t('census.vvVa', { vv: n(figures.patients.vv), va: n(figures.patients.va) })}
                  {stale ? (
                    <span className="census-stale-note">{t('census.list.staleFrom', { week: figures.week })}</span>
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
      })}
    />
  );
}
