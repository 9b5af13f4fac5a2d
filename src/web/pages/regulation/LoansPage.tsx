/** Loans of consoles: open ones first by due date, overdue in red, lender → borrower, what was lent. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { TLoan } from '../../../contracts/regulation.ts';
import { formatDate } from '../../components/format.ts';
import { DataTable, FilterSelect, ListStatus } from '../../components/ListParts.tsx';
import { PageHeader } from '../../components/PageParts.tsx';
import { usePagedFilters } from '../../components/searchParams.ts';
import { useNow } from '../../components/useNow.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { LoanStateBadge } from './badges.tsx';
import { LiveMarker } from './LiveMarker.tsx';
import { useLoans } from './queries.ts';

const PAGE_SIZE = 50;
const DAY = 86_400_000;

/** "in 12 d", "today", "3 d late" — whole days in Paris time are close enough for a due date. */
export function DueIn(props: { loan: TLoan; now: number }) {
  const { t, i18n } = useTranslation();
  const { loan } = props;
  const open = !['returned', 'recalled'].includes(loan.state);
  const days = Math.round((new Date(loan.dueAt).getTime() - props.now) / DAY);
  return (
    <span className={loan.overdue ? 'reg-due reg-due-late' : 'reg-due'}>
      <time dateTime={loan.dueAt}>{formatDate(loan.dueAt, i18n.language)}</time>
      {open ? (
        <span className={loan.overdue ? 'reg-badge reg-overdue' : 'muted'}>
          {' '}
          {loan.overdue
            ? t('regulation.loans.daysLate', { days: Math.max(1, -days) })
            : days <= 0
              ? t('regulation.loans.dueToday')
              : t('regulation.loans.dueIn', { days })}
        </span>
      ) : null}
    </span>
  );
}

export function ItemsSummary(props: { loan: TLoan }) {
  const { t } = useTranslation();
  return (
    <>
      {props.loan.items.map((i) =>
        i.consoleId ? (
          <span key={i.consoleId} className="mono reg-item">
            {i.serialNumber}
          </span>
        ) : (
          <span key={i.lotId} className="muted reg-item">
            {t('regulation.loans.circuits', { count: i.quantity, lot: i.lotNumber })}
          </span>
        ),
      )}
    </>
  );
}

export function LoansPage() {
  const { t } = useTranslation();
  usePageTitle(t('regulation.loans.title'));
  const id = useId();
  const now = useNow();
  const location = useLocation();
  const { params, update, offset, toOffset } = usePagedFilters(PAGE_SIZE);
  const all = params.get('show') === 'all';
  const list = useLoans({ open: all ? undefined : 'true', limit: PAGE_SIZE, offset });
  const data = list.data;
  return (
    <section className="page page-wide reg-ui">
      <PageHeader title={t('regulation.loans.title')} />
      <p className="muted">{t('regulation.loans.intro')}</p>
      <LiveMarker />
      <search className="filters" aria-label={t('common.filters')}>
        <FilterSelect
          id={`${id}-show`}
          label={t('regulation.loans.show')}
          all={t('regulation.loans.open')}
          value={all ? 'all' : ''}
          onChange={(v) => update({ show: v || null })}
        >
          <option value="all">{t('regulation.loans.all')}</option>
        </FilterSelect>
      </search>
      <ListStatus query={list} count={data ? t('regulation.loans.count', { count: data.total }) : null} />
      <DataTable
        caption={t('regulation.loans.caption')}
        busy={list.isFetching}
        colSpan={6}
        empty={t('regulation.loans.empty')}
        columns={
          <>
            <th scope="col">{t('regulation.loans.columns.kind')}</th>
            <th scope="col">{t('regulation.loans.columns.lender')}</th>
            <th scope="col">{t('regulation.loans.columns.borrower')}</th>
            <th scope="col">{t('regulation.loans.columns.items')}</th>
            <th scope="col">{t('regulation.loans.columns.state')}</th>
            <th scope="col">{t('regulation.loans.columns.due')}</th>
          </>
        }
        rows={(data?.items ?? []).map((loan) => (
          <tr key={loan.id} className={loan.overdue ? 'reg-row-overdue' : undefined}>
            <th scope="row">
              <Link to={`/prets/${loan.id}`} state={{ back: `${location.pathname}${location.search}` }}>
                {t(`regulation.loans.kinds.${loan.kind}`)}
              </Link>
            </th>
            <td>{loan.lender.name}</td>
            <td>{loan.borrower.name}</td>
            <td>
              <ItemsSummary loan={loan} />
            </td>
            <td>
              <LoanStateBadge state={loan.state} />
            </td>
            <td>
              <DueIn loan={loan} now={now} />
            </td>
          </tr>
        ))}
        pages={data ? { offset, limit: PAGE_SIZE, total: data.total, onChange: toOffset } : undefined}
      />
    </section>
  );
}
