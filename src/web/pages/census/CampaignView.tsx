/**
 * The regulator's view of a weekly campaign: completeness per region, the establishments with the
 * missing ones first and in red, reminders to those who have not answered, recent campaigns.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ops } from '../../../contracts/operations.ts';
import { call } from '../../api/client.ts';
import { censusKeys } from '../../api/keys.ts';
import { can, useUser } from '../../auth.tsx';
import { RefreshedAt } from '../../components/Freshness.tsx';
import { FilterSelect, ResetFilters } from '../../components/ListParts.tsx';
import { useUrlFilters } from '../../components/searchParams.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { type Campaign, CampaignFigures, RegionsCompleteness } from './CampaignFigures.tsx';
import { CampaignHeader, CampaignStatus } from './CampaignFrame.tsx';
import { CampaignHistory } from './CampaignHistory.tsx';
import { CampaignTable } from './CampaignTable.tsx';
import { isStatus, pickWeek, STATUS_RANK, STATUSES, useCampaigns, WEEK_PARAM } from './campaign.ts';
import { DueLine } from './DueLine.tsx';
import { RemindDone, type Reminded, Reminders } from './Reminders.tsx';

export function CampaignView() {
  const { t } = useTranslation();
  const _user = useUser();
  const { params } = useUrlFilters();
  const campaigns = useCampaigns();
  const week = pickWeek(params.get(WEEK_PARAM)) ?? campaigns.data?.current ?? null;
  const region = /^\d{2}$/.test(params.get('region') ?? '') ? (params.get('region') ?? '') : '';
  usePageTitle(week ? t('census.pageTitle', { week }) : t('census.title'));

  const campaign = useQuery({
    queryKey: censusKeys.campaign(week ?? ''),
    queryFn: () => call(ops.getCensusCampaign, { params: { week: week ?? '' }, query: {} }),
    enabled: week !== null,
    refetchInterval: 60_000,
  });
  const data = campaign.data;
  const open = data?.phase === 'open';

  return (
    <section className="page page-wide census-page">
      <CampaignHeader week={week} weekStart={data?.weekStart} />
      <CampaignStatus campaigns={campaigns} campaign={campaign} week={week} />

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
          <CampaignFigures c={data.completeness} open={open} />
          <RegionsCompleteness campaign={data} selected={region} />
          <CampaignEstablishments campaign={data} region={region} busy={campaign.isFetching} />
        </>
      ) : null}

      {campaigns.data && week ? <CampaignHistory items={campaigns.data.items} selected={week} /> : null}
    </section>
  );
}

/** The establishments of the campaign: filters kept in the URL, reminders, the list. */
function CampaignEstablishments(props: { campaign: Campaign; region: string; busy: boolean }) {
  const { t } = useTranslation();
  const user = useUser();
  const { params, update } = useUrlFilters();
  const campaigns = useCampaigns();
  const [reminded, setReminded] = useState<Reminded | null>(null);
  const { campaign, region } = props;
  const status = isStatus(params.get('statut')) ? params.get('statut') : '';
  const inRegion = campaign.establishments.filter((e) => !region || e.regionCode === region);
  const shown = inRegion
    .filter((e) => !status || e.status === status)
    .sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || a.name.localeCompare(b.name, 'fr'));
  const toRemind = inRegion.filter((e) => e.status === 'missing' || e.status === 'pending');
  const regionName = (code: string) => campaign.regions.find((r) => r.code === code)?.name ?? code;
  const manyRegions = campaign.regions.length > 1;
  const id = `census-list-${campaign.week}`;
  return (
    <section className="census-section" aria-labelledby={id}>
      <h2 id={id}>{t('census.list.title')}</h2>
      <search className="filters" aria-label={t('common.filters')}>
        <div className="field">
          <label htmlFor={`${id}-week`}>{t('census.list.week')}</label>
          <select id={`${id}-week`} value={campaign.week} onChange={(ev) => update({ [WEEK_PARAM]: ev.target.value })}>
            {(campaigns.data?.items ?? []).map((c) => (
              <option key={c.week} value={c.week}>
                {c.week}
              </option>
            ))}
          </select>
        </div>
        <FilterSelect
          id={`${id}-status`}
          label={t('census.list.status')}
          all={t('census.list.allStatuses')}
          value={status ?? ''}
          onChange={(value) => update({ statut: value })}
          options={STATUSES}
          optionLabel={(s) => t(`census.status.${s}`)}
        />
        {manyRegions ? (
          <FilterSelect
            id={`${id}-region`}
            label={t('census.list.region')}
            all={t('census.list.allRegions')}
            value={region}
            onChange={(value) => update({ region: value })}
          >
            {campaign.regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </FilterSelect>
        ) : null}
        <ResetFilters shown={Boolean(status || region)} onReset={() => update({ statut: null, region: null })}>
          {t('census.list.reset')}
        </ResetFilters>
        {can(user, 'census:remind') ? (
          <Reminders
            week={campaign.week}
            region={region}
            scope={region ? regionName(region) : null}
            toRemind={toRemind}
            onOpen={() => setReminded(null)}
            onDone={setReminded}
          />
        ) : null}
      </search>
      <RemindDone reminded={reminded} />

      <p className="result-count" role="status">
        {t('census.list.count', { count: shown.length, total: inRegion.length })}
      </p>
      <CampaignTable
        week={campaign.week}
        establishments={shown}
        region={region}
        regionName={regionName}
        showRegion={manyRegions}
        busy={props.busy}
      />
    </section>
  );
}
