/**
 * The frame of a record's page (a request, a loan, a team, a professional): the way back, then the
 * record once read — or that it does not exist (an id that cannot be one, 400, 404), or the error
 * with a retry, or "Loading…". A fallback title heads the page while no record names it.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { ErrorPanel } from './Feedback.tsx';
import { BackLink } from './PageParts.tsx';

export function RecordPage<T>(props: {
  /** The area's class on the page (`reg-ui`, `team-ui`…). */
  className: string;
  back: { to: string; label: string };
  query: { data: T | undefined; isError: boolean; error: unknown; refetch: () => unknown };
  /** The id in the URL cannot name a record: nothing was asked. */
  invalid: boolean;
  notFound: string;
  fallbackTitle?: string;
  /** Above the record: what was just done (created, filed). */
  before?: ReactNode;
  children: (record: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const { query } = props;
  const missing =
    props.invalid || (isApiError(query.error) && (query.error.status === 400 || query.error.status === 404));
  const title = props.fallbackTitle ? <h1>{props.fallbackTitle}</h1> : null;
  return (
    <section className={`page page-wide ${props.className}`}>
      <BackLink to={props.back.to}>{props.back.label}</BackLink>
      {props.before}
      {missing ? (
        <>
          {title}
          <p className="notice notice-error">{props.notFound}</p>
        </>
      ) : query.isError ? (
        <>
          {title}
          <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />
        </>
      ) : query.data ? (
        props.children(query.data)
      ) : (
        <p role="status">{t('app.loading')}</p>
      )}
    </section>
  );
}
