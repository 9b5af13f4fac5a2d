/** What frames a campaign's page: its title and week, its failures and loading, the import link. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { can, useUser } from '../../auth.tsx';
import { ErrorPanel } from '../../components/Feedback.tsx';
import { paths } from '../../routes/paths.ts';
import { weekRange } from './campaign.ts';

/** A campaign that cannot be shown: a week without campaign (future, malformed) is said plainly. */
function CampaignError(props: { error: unknown; week: string | null; onRetry: () => void }) {
  const { t } = useTranslation();
  if (isApiError(props.error) && (props.error.status === 404 || props.error.status === 400)) {
    return (
      <div className="notice notice-error" role="alert">
        <p>{t('census.noCampaign', { week: props.week ?? '' })}</p>
        <p>
          <Link to={paths.census()}>{t('census.currentCampaign')}</Link>
        </p>
      </div>
    );
  }
  return <ErrorPanel error={props.error} onRetry={props.onRetry} />;
}

/** "Recensement de la semaine 2026-W48", its dates, and beside them what the page adds and the import link. */
export function CampaignHeader(props: { week: string | null; weekStart: string | undefined; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const { week } = props;
  return (
    <div className="page-header">
      <div>
        <h1>{week ? t('census.pageTitle', { week }) : t('census.title')}</h1>
        {props.weekStart ? <p className="muted">{weekRange(props.weekStart, i18n.language, t)}</p> : null}
      </div>
      <div className="actions">
        {props.children}
        {can(user, 'census:submit') ? (
          <Link to={paths.censusImport()} className="button button-secondary">
            {t('census.import.link')}
          </Link>
        ) : null}
      </div>
    </div>
  );
}

type Query = { isError: boolean; error: unknown; refetch: () => unknown };

/** The campaigns' or the campaign's failure, or "Loading…" until the campaign is there. */
export function CampaignStatus(props: { campaigns: Query; campaign: Query & { data: unknown }; week: string | null }) {
  const { t } = useTranslation();
  const { campaigns, campaign } = props;
  return (
    <>
      {campaigns.isError ? <ErrorPanel error={campaigns.error} onRetry={() => void campaigns.refetch()} /> : null}
      {campaign.isError ? (
        <CampaignError error={campaign.error} week={props.week} onRetry={() => void campaign.refetch()} />
      ) : null}
      {!campaign.data && !campaign.isError && !campaigns.isError ? (
        <p role="status" className="muted">
          {t('app.loading')}
        </p>
      ) : null}
    </>
  );
}
