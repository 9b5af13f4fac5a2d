/** Loans of consoles: open ones first by due date, overdue in red, lender → borrower, what was lent. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { TLoan } from '../../../contracts/regulation.ts';
import { Badge } from '../../components/Badge.tsx';
import { formatDate } from '../../components/format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { DataTable, FilterSelect } from '../../components/ListParts.tsx';
import { usePagedFilters } from '../../components/searchParams.ts';
import { useNow } from '../../components/useNow.ts';
import { paths } from '../../routes/paths.ts';
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
      {open && loan.overdue ? (
        <>
          {' '}
          <Badge tone="danger" strong>
            {t('regulation.loans.daysLate', { days: Math.max(1, -days) })}
          </Badge>
        </>
      ) : open ? (
        <span className="muted">
          {' '}
          {days <= 0 ? t('regulation.loans.dueToday') : t('regulation.loans.dueIn', { days })}
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
  const id = useId();
  const now = useNow();
  const location = useLocation();
  const { params, update, offset, pages } = usePagedFilters(PAGE_SIZE);
  const all = params.get('show') === 'all';
  const list = useLoans({ open: all ? undefined : 'true', limit: PAGE_SIZE, offset });
  const data = list.data;
  return (
    <ListPage
      title={t('regulation.loans.title')}
      className="reg-ui"
      intro={t('regulation.loans.intro')}
      before={<LiveMarker />}
      filters={
        <FilterSelect
          id={`${id}-show`}
          label={t('regulation.loans.show')}
          all={t('regulation.loans.open')}
          value={all ? 'all' : ''}
          onChange={(v) => update({ show: v || null })}
        >
          <option value="all">{t('regulation.loans.all')}</option>
        </FilterSelect>
      }
      query={list}
      count={data ? t('regulation.loans.count', { count: data.total }) : null}
    >
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
              <Link to={paths.loan(loan.id)} state={{ back: `${location.pathname}${location.search}` }}>
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
        pages={pages(data?.total)}
      />
    </ListPage>
  );
}
