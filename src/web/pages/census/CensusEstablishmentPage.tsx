/**
 * /recensement/:finess — one establishment's census for a week: what it reported (or the form,
 * for a regulator keying in a report received by phone) and its history of versions.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ops } from '../../../contracts/operations.ts';
import { call, isApiError } from '../../api/client.ts';
import { censusKeys } from '../../api/keys.ts';
import { can, useUser } from '../../auth.tsx';
import { ErrorNotice, ErrorPanel } from '../../components/Feedback.tsx';
import { BackLink } from '../../components/PageParts.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { paths } from '../../routes/paths.ts';
import { CensusCard } from './CensusCard.tsx';
import { pickWeek, useCampaigns, WEEK_PARAM, weekRange } from './campaign.ts';

const FINESS = /^(?:\d{2}|2A|2B)\d{7}$/;

export function CensusEstablishmentPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const { finess = '' } = useParams();
  const [params] = useSearchParams();
  const campaigns = useCampaigns();
  const week = pickWeek(params.get(WEEK_PARAM)) ?? campaigns.data?.current ?? null;
  const valid = FINESS.test(finess);

  const campaign = useQuery({
    queryKey: censusKeys.campaign(week ?? '', finess),
    queryFn: () => call(ops.getCensusCampaign, { params: { week: week ?? '' }, query: { finess } }),
    enabled: week !== null && valid,
  });
  const e = campaign.data?.establishments.find((x) => x.finess === finess);
  usePageTitle(e ? `${e.name} — ${t('census.title')}` : t('census.title'));
  const back = paths.census({ [WEEK_PARAM]: week ?? '' });
  const notFound =
    !valid ||
    (campaign.data && !e) ||
    (campaign.isError && isApiError(campaign.error) && campaign.error.status === 400);

  return (
    <section className="page page-wide census-page">
      <BackLink to={back}>{t('census.backToCampaign', { week: week ?? '' })}</BackLink>
      <h1>{e?.name ?? t('census.title')}</h1>
      {campaign.data ? (
        <p className="muted">
          {t('census.card.weekTitle', { week })} — {weekRange(campaign.data.weekStart, i18n.language, t)}
        </p>
      ) : null}
      <ErrorNotice>{notFound ? t('census.notExpected', { finess }) : null}</ErrorNotice>
      {campaign.isError && !notFound ? (
        <ErrorPanel error={campaign.error} onRetry={() => void campaign.refetch()} />
      ) : null}
      {campaign.isPending && valid && !campaigns.isError ? (
        <p role="status" className="muted">
          {t('app.loading')}
        </p>
      ) : null}
      {campaign.data && e ? (
        <CensusCard
          key={`${campaign.data.week}-${e.finess}`}
          establishment={e}
          week={campaign.data.week}
          dueAt={campaign.data.dueAt}
          canSubmit={can(user, 'census:submit')}
          titleIsWeek
        />
      ) : null}
    </section>
  );
}
