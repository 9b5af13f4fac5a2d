/** Sortable tables: the sort state, the header cell that toggles it (with aria-sort), the comparator. */
import { type ReactNode, useState } from 'react';

export type SortDir = 'asc' | 'desc';
export interface SortState<K extends string> {
  key: K;
  dir: SortDir;
}

/** Clicking the sorted column flips it; another column starts at `firstDir`. */
export function useSort<K extends string>(initial: SortState<K>) {
  const [sort, setSort] = useState(initial);
  const toggle = (key: K, firstDir: SortDir = 'asc') =>
    setSort((prev) => (prev.key === key ? { key, dir: prev.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: firstDir }));
  return { sort, toggle };
}

/** A column header that sorts its table; says the order to assistive technologies (aria-sort). */
export function SortHeader<K extends string>(props: {
  sortKey: K;
  sort: SortState<K>;
  onSort: (key: K) => void;
  children: ReactNode;
  className?: string;
  rowSpan?: number;
}) {
  const active = props.sort.key === props.sortKey;
  return (
    <th
      scope="col"
      className={props.className}
      rowSpan={props.rowSpan}
      aria-sort={active ? (props.sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" className="sort-button" onClick={() => props.onSort(props.sortKey)}>
        {props.children}
        <span aria-hidden="true" className="sort-arrow">
          {active ? (props.sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** Numbers by value, anything else as French text. */
export function compareBy<T>(sort: SortState<string>, value: (item: T) => number | string) {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return (a: T, b: T): number => {
    const va = value(a);
    const vb = value(b);
    if (typeof va === 'number' && typeof vb === 'number') return sign * (va - vb);
    return sign * String(va).localeCompare(String(vb), 'fr');
  };
}
