/**
 * /recensement — the census home. Hospital users see this week's census card of each establishment
 * in their scope (form prefilled from last week, corrections, history); regulators see the campaign.
 */
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ops } from '../../../contracts/operations.ts';
import { call } from '../../api/client.ts';
import { censusKeys } from '../../api/keys.ts';
import { can, useUser } from '../../auth.tsx';
import { useUrlFilters } from '../../components/searchParams.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { CampaignHeader, CampaignStatus } from './CampaignFrame.tsx';
import { CampaignHistory } from './CampaignHistory.tsx';
import { CampaignView } from './CampaignView.tsx';
import { CensusCard } from './CensusCard.tsx';
import { pickWeek, STATUS_RANK, useCampaigns, WEEK_PARAM } from './campaign.ts';

export function CensusPage() {
  const user = useUser();
  return can(user, 'census:remind') ? <CampaignView /> : <HospitalCensus />;
}

function HospitalCensus() {
  const { t } = useTranslation();
  const user = useUser();
  const ids = useId();
  const { params, update } = useUrlFilters();
  const campaigns = useCampaigns();
  const week = pickWeek(params.get(WEEK_PARAM)) ?? campaigns.data?.current ?? null;
  usePageTitle(week ? t('census.pageTitle', { week }) : t('census.title'));

  const campaign = useQuery({
    queryKey: censusKeys.campaign(week ?? ''),
    queryFn: () => call(ops.getCensusCampaign, { params: { week: week ?? '' }, query: {} }),
    enabled: week !== null,
  });
  const data = campaign.data;
  const establishments = [...(data?.establishments ?? [])].sort(
    (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || a.name.localeCompare(b.name, 'fr'),
  );
  const canSubmit = can(user, 'census:submit');

  return (
    <section className="page page-wide census-page">
      <CampaignHeader week={week} weekStart={data?.weekStart}>
        {campaigns.data && campaigns.data.items.length > 1 ? (
          <div className="field census-week-field">
            <label htmlFor={`${ids}-week`}>{t('census.list.week')}</label>
            <select id={`${ids}-week`} value={week ?? ''} onChange={(ev) => update({ [WEEK_PARAM]: ev.target.value })}>
              {campaigns.data.items.map((c) => (
                <option key={c.week} value={c.week}>
                  {c.week}
                  {c.week === campaigns.data.current ? ` (${t('census.campaigns.currentWeek')})` : ''}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </CampaignHeader>
      <p className="muted census-intro">{t('census.hospitalIntro')}</p>

      <CampaignStatus campaigns={campaigns} campaign={campaign} week={week} />
      {data && establishments.length === 0 ? <p>{t('census.noEstablishment')}</p> : null}
      {data
        ? establishments.map((e) => (
            <CensusCard
              key={`${data.week}-${e.finess}`}
              establishment={e}
              week={data.week}
              dueAt={data.dueAt}
              canSubmit={canSubmit}
            />
          ))
        : null}

      {campaigns.data && week ? <CampaignHistory items={campaigns.data.items} selected={week} /> : null}
    </section>
  );
}
