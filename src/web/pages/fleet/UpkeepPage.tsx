/** Consoles to watch: overdue or soon due for maintenance or calibration, or awaiting a pre-use check. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/format.ts';
import { DataTable, FilterSelect, ListStatus } from '../../components/ListParts.tsx';
import { PageHeader } from '../../components/PageParts.tsx';
import { usePagedFilters } from '../../components/searchParams.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { BlockedBadge, UpkeepBadge, useMaintenanceDue } from './upkeep.tsx';

const PAGE_SIZE = 50;
const WINDOWS = [7, 30, 90] as const;

export function UpkeepPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('teams.upkeep.title'));
  const id = useId();
  const { params, update, offset, toOffset } = usePagedFilters(PAGE_SIZE);
  const within = WINDOWS.find((w) => String(w) === params.get('jours')) ?? 30;
  const list = useMaintenanceDue({ withinDays: within, limit: PAGE_SIZE, offset });
  const data = list.data;
  const lang = i18n.language;
  return (
    <section className="page page-wide team-ui">
      <PageHeader title={t('teams.upkeep.title')} />
      <p className="muted">{t('teams.upkeep.intro')}</p>
      <search className="filters" aria-label={t('common.filters')}>
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
      </search>
      <ListStatus query={list} count={data ? t('teams.upkeep.count', { count: data.total }) : null} />
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
              <Link to={`/consoles/${c.consoleId}`} className="mono">
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
                  <span className="reg-badge reg-state-escalated">{t('teams.upkeep.checkRequired')}</span>
                </>
              ) : null}
            </td>
            <td>
              <BlockedBadge blocked={c.blocked} />
            </td>
          </tr>
        ))}
        pages={data ? { offset, limit: PAGE_SIZE, total: data.total, onChange: toOffset } : undefined}
      />
    </section>
  );
}
