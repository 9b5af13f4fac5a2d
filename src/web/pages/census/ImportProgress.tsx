/** Where an upload stands (progress, cancel), and what came of it: cancelled, refused (with why), stored. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TImportReport } from '../../../contracts/census.ts';
import { LiveRegion } from '../../components/Feedback.tsx';
import { formatNumber } from '../../components/format.ts';
import { paths } from '../../routes/paths.ts';
import { WEEK_PARAM } from './campaign.ts';
import type { ImportMode } from './upload.ts';

export type Phase = { kind: 'idle' } | { kind: 'sending'; mode: ImportMode; progress: number };

export function ImportProgress(props: {
  phase: Phase;
  fileName: string;
  onCancel: () => void;
  cancelled: ImportMode | null;
  problem: { text: string; errors: string[] } | null;
  result: TImportReport | null;
}) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatNumber(value, i18n.language);
  const { result } = props;
  const storedWeeks = [...new Set((result?.report ?? []).filter((r) => r.status === 'stored').map((r) => r.week))];
  return (
    <>
      {props.phase.kind === 'sending' ? (
        <div className="census-progress" role="status">
          <p>
            {props.phase.progress < 1
              ? t('census.import.sending', { name: props.fileName, percent: Math.round(props.phase.progress * 100) })
              : props.phase.mode === 'validate'
                ? t('census.import.checking')
                : t('census.import.storing')}
          </p>
          {props.phase.progress < 1 ? (
            <progress max={1} value={props.phase.progress} aria-label={t('census.import.progressLabel')} />
          ) : (
            <progress aria-label={t('census.import.progressLabel')} />
          )}
          <button type="button" className="button button-secondary" onClick={props.onCancel}>
            {t('census.import.cancel')}
          </button>
        </div>
      ) : null}

      <LiveRegion tone="info">
        {props.cancelled
          ? props.cancelled === 'validate'
            ? t('census.import.cancelledCheck')
            : t('census.import.cancelledImport')
          : null}
      </LiveRegion>
      <LiveRegion tone="error">
        {props.problem ? (
          <>
            <p className="notice-title">{props.problem.text}</p>
            {props.problem.errors.length ? (
              <ul>
                {props.problem.errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
      </LiveRegion>
      <LiveRegion tone="success">
        {result ? (
          <>
            <p className="notice-title">
              {t('census.import.stored', { count: result.stored, formatted: n(result.stored) })}
            </p>
            {result.invalid > 0 ? (
              <p>{t('census.import.storedRefused', { count: result.invalid, formatted: n(result.invalid) })}</p>
            ) : null}
            {storedWeeks.map((w) => (
              <p key={w ?? ''}>
                <Link to={paths.census({ [WEEK_PARAM]: w ?? undefined })}>
                  {t('census.import.seeCampaign', { week: w })}
                </Link>
              </p>
            ))}
          </>
        ) : null}
      </LiveRegion>
    </>
  );
}
