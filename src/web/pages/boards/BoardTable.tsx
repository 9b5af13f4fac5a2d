/**
 * The table of both boards, one row a territory (a region, an establishment): its tension, consoles
 * by status, consumables, patients and teams, then the board's own columns; sortable headers and,
 * on the national board, a totals row. The accessible alternative to the map: every figure in words.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TConsoleCounts } from '../../../contracts/boards.ts';
import { useNumber } from '../../components/format.ts';
import { SortHeader, type SortState } from '../../components/sort.tsx';
import { type Tension, TensionBadge } from './tension.tsx';

export const CONSOLE_KEYS = ['available', 'inUse', 'maintenance', 'lent', 'outOfService', 'inTransit'] as const;

/** The header of a column of figures. */
export function NumHeader(props: { children: ReactNode; rowSpan?: number; title?: string }) {
  return (
    <th scope="col" rowSpan={props.rowSpan} className="cell-num" title={props.title}>
      {props.children}
    </th>
  );
}

/** A console status's short header ("Disp."), its full name on hover. */
export function CountHeader(props: { status: (typeof CONSOLE_KEYS)[number] }) {
  const { t } = useTranslation();
  return <NumHeader title={t(`boards.counts.${props.status}`)}>{t(`boards.counts.${props.status}Short`)}</NumHeader>;
}

/** What the sortable headers of the boards sort by. */
export type BoardSortKey =
  | 'priority'
  | 'name'
  | 'tension'
  | 'available'
  | 'total'
  | 'patients'
  | 'per100'
  | 'completeness'
  | 'census';

/** What every row has; patients and teams are unknown (null) for an establishment that has not reported. */
export interface BoardFigures {
  tension: Tension;
  consoles: TConsoleCounts;
  circuits: number;
  cannulas: number;
  patients: { vv: number; va: number } | null;
  teams: number | null;
}

/** A column of one board only; `sortKey` makes its header sort the table. */
export interface BoardColumn<F> {
  key: string;
  header: ReactNode;
  sortKey?: BoardSortKey;
  /** Of the header and the cells ('cell-num' for figures). */
  className?: string;
  /** Of the cells only. */
  cellClass?: string;
  cell: (figures: F) => ReactNode;
}

export function BoardTable<F extends BoardFigures, R extends F>(props: {
  caption: ReactNode;
  nameHeader: string;
  rows: readonly R[];
  rowKey: (row: R) => string;
  rowHeader: (row: R) => ReactNode;
  rowHeaderClass?: string;
  rowClass?: (row: R) => string | undefined;
  /** Columns between the cannulas and the patients. */
  middle?: readonly BoardColumn<F>[];
  /** Columns after the teams. */
  end: readonly BoardColumn<F>[];
  sort: SortState<BoardSortKey>;
  onSort: (key: BoardSortKey) => void;
  /** Whether the consoles' total sorts the table. */
  sortTotal?: boolean;
  /** Said in the body when there is no row. */
  empty?: string;
  totals?: { label: ReactNode; figures: F };
}) {
  const { t } = useTranslation();
  const n = useNumber();
  const middle = props.middle ?? [];
  const sortProps = { sort: props.sort, onSort: props.onSort };
  const head = (c: BoardColumn<F>) =>
    c.sortKey ? (
      <SortHeader key={c.key} sortKey={c.sortKey} {...sortProps} rowSpan={2} className={c.className}>
        {c.header}
      </SortHeader>
    ) : (
      <th key={c.key} scope="col" rowSpan={2} className={c.className}>
        {c.header}
      </th>
    );
  const known = (v: number | null | undefined) => (v === null || v === undefined ? t('common.none') : n(v));
  const cells = (f: F, strong: boolean) => (
    <>
      <td>
        <TensionBadge tension={f.tension} />
      </td>
      {CONSOLE_KEYS.map((k) => (
        <td key={k} className={strong && k === 'available' ? 'cell-num cell-strong' : 'cell-num'}>
          {n(f.consoles[k])}
        </td>
      ))}
      <td className="cell-num">{n(f.consoles.total)}</td>
      <td className="cell-num">{n(f.circuits)}</td>
      <td className="cell-num">{n(f.cannulas)}</td>
      {middle.map((c) => (
        <td key={c.key} className={[c.className, c.cellClass].filter(Boolean).join(' ') || undefined}>
          {c.cell(f)}
        </td>
      ))}
      <td className="cell-num">{known(f.patients?.vv)}</td>
      <td className="cell-num">{known(f.patients?.va)}</td>
      <td className="cell-num">{known(f.teams)}</td>
      {props.end.map((c) => (
        <td key={c.key} className={[c.className, c.cellClass].filter(Boolean).join(' ') || undefined}>
          {c.cell(f)}
        </td>
      ))}
    </>
  );
  const columnCount = 14 + middle.length + props.end.length;
  return (
    <div className="table-scroll">
      <table className="data-table board-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <SortHeader sortKey="name" {...sortProps} rowSpan={2}>
              {props.nameHeader}
            </SortHeader>
            <SortHeader sortKey="tension" {...sortProps} rowSpan={2}>
              {t('boards.board.tension')}
            </SortHeader>
            <th scope="colgroup" colSpan={7} className="group-head">
              {t('boards.board.consoles')}
            </th>
            <NumHeader rowSpan={2}>{t('boards.board.circuits')}</NumHeader>
            <NumHeader rowSpan={2}>{t('boards.board.cannulas')}</NumHeader>
            {middle.map(head)}
            <th scope="colgroup" colSpan={2} className="group-head">
              {t('boards.board.patients')}
            </th>
            <NumHeader rowSpan={2}>{t('boards.board.teams')}</NumHeader>
            {props.end.map(head)}
          </tr>
          <tr>
            <SortHeader sortKey="available" {...sortProps} className="cell-num">
              {t('boards.counts.availableShort')}
            </SortHeader>
            {CONSOLE_KEYS.slice(1).map((k) => (
              <CountHeader key={k} status={k} />
            ))}
            {props.sortTotal ? (
              <SortHeader sortKey="total" {...sortProps} className="cell-num">
                {t('boards.counts.total')}
              </SortHeader>
            ) : (
              <NumHeader>{t('boards.counts.total')}</NumHeader>
            )}
            <NumHeader>{t('boards.board.vv')}</NumHeader>
            <NumHeader>{t('boards.board.va')}</NumHeader>
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 && props.empty ? (
            <tr>
              <td colSpan={columnCount} className="table-empty">
                {props.empty}
              </td>
            </tr>
          ) : null}
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)} className={props.rowClass?.(row)}>
              <th scope="row" className={props.rowHeaderClass}>
                {props.rowHeader(row)}
              </th>
              {cells(row, true)}
            </tr>
          ))}
        </tbody>
        {props.totals ? (
          <tfoot>
            <tr>
              <th scope="row">{props.totals.label}</th>
              {cells(props.totals.figures, false)}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
