/** Consoles to watch: overdue or soon due for maintenance or calibration, or awaiting a pre-use check. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { DataTable, FilterSelect } from '../../components/ListParts.tsx';
import { usePagedFilters } from '../../components/searchParams.ts';
import { paths } from '../../routes/paths.ts';
import { BlockedBadge, CheckRequiredBadge, UpkeepBadge, useMaintenanceDue } from './upkeep.tsx';

const PAGE_SIZE = 50;
const WINDOWS = [7, 30, 90] as const;

export function UpkeepPage() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { params, update, offset, pages } = usePagedFilters(PAGE_SIZE);
  const within = WINDOWS.find((w) => String(w) === params.get('jours')) ?? 30;
  const list = useMaintenanceDue({ withinDays: within, limit: PAGE_SIZE, offset });
  const data = list.data;
  const lang = i18n.language;
  return (
    <ListPage
      title={t('teams.upkeep.title')}
      className="team-ui"
      intro={t('teams.upkeep.intro')}
      filters={
        <FilterSelect
          id={`${id}-within`}
          label={t('teams.upkeep.within')}
          all={t('teams.upkeep.days', { count: 30 })}
          value={within === 30 ? '' : String(within)}
          onChange={(v) => update({ jours: v || null })}
        >
          {WINDOWS.filter((w) => w !== 30).map((w) => (
            <option key={w} value={w}>
              {t('teams.upkeep.days', { count: w })}
            </option>
          ))}
        </FilterSelect>
      }
      query={list}
      count={data ? t('teams.upkeep.count', { count: data.total }) : null}
    >
      <DataTable
        caption={t('teams.upkeep.caption')}
        busy={list.isFetching}
        colSpan={6}
        empty={t('teams.upkeep.empty')}
        columns={
          <>
            <th scope="col">{t('teams.upkeep.columns.console')}</th>
            <th scope="col">{t('teams.upkeep.columns.site')}</th>
            <th scope="col">{t('teams.upkeep.columns.maintenance')}</th>
            <th scope="col">{t('teams.upkeep.columns.calibration')}</th>
            <th scope="col">{t('teams.upkeep.columns.check')}</th>
            <th scope="col">{t('teams.upkeep.columns.status')}</th>
          </>
        }
        rows={(data?.items ?? []).map((c) => (
          <tr key={c.consoleId} data-console={c.serialNumber} className={c.blocked ? 'reg-row-overdue' : undefined}>
            <th scope="row">
              <Link to={paths.device(c.consoleId)} className="mono">
                {c.serialNumber}
              </Link>
              <span className="muted"> · {c.model}</span>
            </th>
            <td>{c.site.name}</td>
            <td>
              <UpkeepBadge state={c.maintenance} due={c.maintenanceDue} language={lang} />
            </td>
            <td>
              <UpkeepBadge state={c.calibration} due={c.calibrationDue} language={lang} />
            </td>
            <td>
              {c.lastCheck
                ? `${formatDateTime(c.lastCheck.checkedAt, lang)} · ${c.lastCheck.passed ? t('teams.upkeep.passed') : t('teams.upkeep.failed')}`
                : t('teams.upkeep.neverChecked')}
              {c.checkRequired ? (
                <>
                  {' '}
                  <CheckRequiredBadge />
                </>
              ) : null}
            </td>
            <td>
              <BlockedBadge blocked={c.blocked} />
            </td>
          </tr>
        ))}
        pages={pages(data?.total)}
      />
    </ListPage>
  );
}
