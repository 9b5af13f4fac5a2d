import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useDebouncedInput } from './useDebouncedValue.ts';

/**
 * Filters kept in the URL query string. `update` sets or removes parameters (empty removes) and,
 * unless the page itself changes, goes back to the first page.
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (changes: Record<string, string | null>, options: { replace?: boolean } = {}) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    [setParams],
  );
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  return { params, update, page };
}

/** Two digits: the code of a region. */
export const REGION_CODE = /^\d{2}$/;

/** A parameter's value when it matches `pattern`, else '' (no filter). */
export const pickParam = (value: string | null, pattern: RegExp): string => (value && pattern.test(value) ? value : '');

/** useUrlFilters for a list paged by `pageSize`: the offset of the current page, and the way to another. */
export function usePagedFilters(pageSize: number) {
  const filters = useUrlFilters();
  const toOffset = (offset: number) => filters.update({ page: String(offset / pageSize + 1) });
  const offset = (filters.page - 1) * pageSize;
  /** DataTable's `pages` once the list's total is known. */
  const pages = (total: number | undefined) =>
    total === undefined ? undefined : { offset, limit: pageSize, total, onChange: toOffset };
  return { ...filters, offset, toOffset, pages };
}

/** The `q` parameter and the text of its search box: typing commits after a pause, replacing the history entry. */
export function useSearchText(params: URLSearchParams, update: ReturnType<typeof useUrlFilters>['update']) {
  const q = (params.get('q') ?? '').trim();
  const [text, setText] = useDebouncedInput(q, (value) => update({ q: value }, { replace: true }));
  return { q, text, setText };
}
