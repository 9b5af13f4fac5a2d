/** Messages of async work: a live region always present, so screen readers announce what lands in it. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';

export function LiveRegion(props: { tone?: 'error' | 'success' | 'info'; children?: ReactNode; id?: string }) {
  const empty = props.children === null || props.children === undefined || props.children === false;
  return (
    <div
      id={props.id}
      aria-live={props.tone === 'error' ? 'assertive' : 'polite'}
      aria-atomic="true"
      className={empty ? 'live-region live-empty' : `live-region notice notice-${props.tone ?? 'info'}`}
    >
      {empty ? null : props.children}
    </div>
  );
}

/** An error said at once (role alert) where it happens, e.g. under a form; nothing while there is none. */
export function ErrorNotice(props: { children?: ReactNode }) {
  const c = props.children;
  if (c === null || c === undefined || c === false || c === '') return null;
  return (
    <p className="notice notice-error" role="alert">
      {c}
    </p>
  );
}

/** A sentence for an error of the API (or of the network), in the interface language where we can. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (isApiError(error)) {
      if (error.code === 'network') return t('common.networkError');
      if (error.code === 'forbidden') return t('common.forbidden');
      return error.problem.detail ?? error.problem.title;
    }
    return error instanceof Error ? error.message : String(error);
  };
}

export function ErrorPanel(props: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{t('common.errorTitle')}</p>
      <p>{text(props.error)}</p>
      {props.onRetry ? (
        <button type="button" className="button button-secondary" onClick={props.onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
