import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { ErrorPanel } from '../../components/Feedback.tsx';
import { paths } from '../../routes/paths.ts';

/** A campaign that cannot be shown: a week without campaign (future, malformed) is said plainly. */
export function CampaignError(props: { error: unknown; week: string | null; onRetry: () => void }) {
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
