/** Pieces of the list pages: search box and filters (kept in the URL by the page), the count, the table. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TCurrentUser } from '../../contracts/auth.ts';
import { useRegions } from '../api/queries.ts';
import { ErrorPanel } from './Feedback.tsx';
import { Pagination } from './Pagination.tsx';
import { regionsInReach } from './userScope.ts';

/** The free-text search of a list, with an optional hint under it. */
export function SearchField(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div className="field field-grow">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="search"
        value={props.value}
        maxLength={100}
        autoComplete="off"
        aria-describedby={hintId}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint ? (
        <p id={hintId} className="field-hint">
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A filter chosen from a list; its first option (value '') means "all". The others are `children`,
 * or `options` (an enum's values) named by `optionLabel`.
 */
export function FilterSelect<V extends string>(props: {
  id: string;
  label: string;
  all: string;
  value: string;
  onChange: (value: string) => void;
  options?: readonly V[];
  optionLabel?: (value: V) => string;
  children?: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.all}</option>
        {props.options?.map((v) => (
          <option key={v} value={v}>
            {props.optionLabel ? props.optionLabel(v) : v}
          </option>
        ))}
        {props.children}
      </select>
    </div>
  );
}

/**
 * The region filter: every region by name — or, given `user`, those within the user's reach — under
 * "Région" / "Toutes les régions" unless the page says otherwise.
 */
export function RegionFilter(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  label?: string;
  all?: string;
  user?: TCurrentUser;
}) {
  const { t } = useTranslation();
  const regions = useRegions();
  const shown = props.user ? regionsInReach(props.user, regions.data) : regions.data;
  return (
    <FilterSelect
      id={props.id}
      value={props.value}
      onChange={props.onChange}
      label={props.label ?? t('common.region')}
      all={props.all ?? t('common.allRegions')}
    >
      {(shown ?? []).map((r) => (
        <option key={r.code} value={r.code}>
          {r.name}
        </option>
      ))}
    </FilterSelect>
  );
}

/** "Clear the filters", shown while any is set. */
export function ResetFilters(props: { shown: boolean; onReset: () => void; children: ReactNode }) {
  if (!props.shown) return null;
  return (
    <button type="button" className="button button-secondary filters-reset" onClick={props.onReset}>
      {props.children}
    </button>
  );
}

/** The error of the list's query (with a retry), then its count, announced as it changes. */
export function ListStatus(props: {
  query: { isError: boolean; error: unknown; refetch: () => unknown };
  /** The count once the list is loaded; "Loading…" until then. */
  count: string | null;
}) {
  const { t } = useTranslation();
  const { query } = props;
  return (
    <>
      {query.isError ? <ErrorPanel error={query.error} onRetry={() => void query.refetch()} /> : null}
      <p className="result-count" role="status">
        {props.count ?? t('app.loading')}
      </p>
    </>
  );
}

/**
 * A dense table: caption, header cells, the rows or a line saying there are none, and, for a
 * paged list, the pagination under it.
 */
export function DataTable(props: {
  caption: ReactNode;
  className?: string;
  busy?: boolean;
  /** The header cells (`<th scope="col">`). */
  columns: ReactNode;
  colSpan: number;
  empty: ReactNode;
  rows: ReactNode[];
  pages?: { offset: number; limit: number; total: number; onChange: (offset: number) => void };
}) {
  const { t } = useTranslation();
  const { pages } = props;
  return (
    <>
      <div className="table-scroll">
        <table
          className={props.className ? `data-table ${props.className}` : 'data-table'}
          aria-busy={props.busy || undefined}
        >
          <caption>{props.caption}</caption>
          <thead>
            <tr>{props.columns}</tr>
          </thead>
          <tbody>
            {props.rows.length === 0 ? (
              <tr>
                <td colSpan={props.colSpan} className="table-empty">
                  {props.empty}
                </td>
              </tr>
            ) : (
              props.rows
            )}
          </tbody>
        </table>
      </div>
      {pages ? (
        <Pagination
          label={t('common.pagination')}
          offset={pages.offset}
          limit={pages.limit}
          total={pages.total}
          shown={props.rows.length}
          onChange={pages.onChange}
        />
      ) : null}
    </>
  );
}
