/**
 * The frame of every list page, in one order: the title with its action, an intro, what the page
 * shows before its filters (a live marker, a panel, a form), the filters (kept in the URL by the
 * page), what goes between filters and count (chips, totals), the count announced
 * as it changes, then the table (ListParts.tsx's DataTable).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ListStatus } from './ListParts.tsx';
import { PageHeader } from './PageParts.tsx';
import { usePageTitle } from './usePageTitle.ts';

export function ListPage(props: {
  title: string;
  /** The area's class on the page (`fleet-ui`, `reg-ui`…). */
  className?: string;
  /** Beside the title: "+ New…", a refresh. */
  actions?: ReactNode;
  intro?: ReactNode;
  before?: ReactNode;
  filters?: ReactNode;
  after?: ReactNode;
  query: Parameters<typeof ListStatus>[0]['query'];
  /** The count once the list is loaded; "Loading…" until then. */
  count: string | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  usePageTitle(props.title);
  return (
    <section className={props.className ? `page page-wide ${props.className}` : 'page page-wide'}>
      <PageHeader title={props.title}>{props.actions}</PageHeader>
      {props.intro ? <p className="muted">{props.intro}</p> : null}
      {props.before}
      {props.filters ? (
        <search className="filters" aria-label={t('common.filters')}>
          {props.filters}
        </search>
      ) : null}
      {props.after}
      <ListStatus query={props.query} count={props.count} />
      {props.children}
    </section>
  );
}
