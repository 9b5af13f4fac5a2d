/**
 * The regulator's board: open requests, most urgent and oldest first, with their live timers and
 * overdue flags, and the alerts to acknowledge. A clinician sees their establishment's requests here
 * and files new ones. Filters live in the URL; the list follows the live stream.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ops } from '../../../contracts/operations.ts';
import type { TEcmoRequest } from '../../../contracts/regulation.ts';
import { REQUEST_STATES } from '../../../domain/regulation.ts';
import { call } from '../../api/client.ts';
import { regulationKeys } from '../../api/keys.ts';
import { useNotifications } from '../../api/queries.ts';
import { can, useUser } from '../../auth.tsx';
import { LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { formatDateTime } from '../../components/format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { DataTable, FilterSelect, RegionFilter, ResetFilters } from '../../components/ListParts.tsx';
import { CreateLink } from '../../components/PageParts.tsx';
import { pickParam, REGION_CODE, usePagedFilters } from '../../components/searchParams.ts';
import { useNow } from '../../components/useNow.ts';
import { paths } from '../../routes/paths.ts';
import { OverdueBadge, RequestStateBadge, UrgencyBadge } from './badges.tsx';
import { LiveMarker } from './LiveMarker.tsx';
import { useRequests } from './queries.ts';
import { useDuration, waitedMinutes } from './timing.ts';

const PAGE_SIZE = 50;
type Request = Omit<TEcmoRequest, 'timeline'>;

export function RequestsPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const id = useId();
  const now = useNow(15_000);
  const duration = useDuration();
  const location = useLocation();
  const { params, update, offset, pages } = usePagedFilters(PAGE_SIZE);
  const all = params.get('show') === 'all';
  const stateParam = params.get('state') ?? '';
  const state = (REQUEST_STATES as readonly string[]).includes(stateParam) ? (stateParam as Request['state']) : '';
  const region = pickParam(params.get('region'), REGION_CODE);
  const regional = can(user, 'request:regulate');

  const list = useRequests({
    live: all || state ? undefined : 'true',
    state: state || undefined,
    region: region || undefined,
    limit: PAGE_SIZE,
    offset,
  });
  const data = list.data;

  return (
    <ListPage
      title={t('regulation.list.title')}
      className="reg-ui"
      actions={
        <CreateLink to={paths.newRequest()} allowed={can(user, 'request:create')}>
          {t('regulation.list.newRequest')}
        </CreateLink>
      }
      intro={t('regulation.list.intro')}
      before={
        <>
          <LiveMarker />
          {can(user, 'notification:read') ? <NotificationsPanel focus={location.hash === '#alertes'} /> : null}
        </>
      }
      filters={
        <>
          <FilterSelect
            id={`${id}-show`}
            label={t('regulation.list.show')}
            all={t('regulation.list.showLive')}
            value={all ? 'all' : ''}
            onChange={(v) => update({ show: v || null })}
          >
            <option value="all">{t('regulation.list.showAll')}</option>
          </FilterSelect>
          <FilterSelect
            id={`${id}-state`}
            label={t('regulation.list.state')}
            all={t('regulation.list.allStates')}
            value={state}
            onChange={(v) => update({ state: v || null })}
            options={REQUEST_STATES}
            optionLabel={(s) => t(`regulation.states.${s}`)}
          />
          {regional ? (
            <RegionFilter id={`${id}-region`} value={region} user={user} onChange={(v) => update({ region: v })} />
          ) : null}
          <ResetFilters
            shown={Boolean(all || state || region)}
            onReset={() => update({ show: null, state: null, region: null })}
          >
            {t('establishments.resetFilters')}
          </ResetFilters>
        </>
      }
      query={list}
      count={data ? t('regulation.list.count', { count: data.total }) : null}
    >
      <DataTable
        caption={t('regulation.list.caption')}
        className="reg-requests"
        busy={list.isFetching}
        colSpan={6}
        empty={all || state ? t('regulation.list.empty') : t('regulation.list.emptyLive')}
        columns={
          <>
            <th scope="col">{t('regulation.list.columns.case')}</th>
            <th scope="col">{t('regulation.list.columns.site')}</th>
            <th scope="col">{t('regulation.list.columns.indication')}</th>
            <th scope="col">{t('regulation.list.columns.urgency')}</th>
            <th scope="col">{t('regulation.list.columns.state')}</th>
            <th scope="col">{t('regulation.list.columns.waiting')}</th>
          </>
        }
        rows={(data?.items ?? []).map((r) => (
          <tr key={r.id} className={r.overdue ? 'reg-row-overdue' : undefined} data-request={r.caseCode}>
            <th scope="row">
              <Link
                to={paths.request(r.id)}
                state={{ back: `${location.pathname}${location.search}` }}
                className="mono"
              >
                {r.caseCode}
              </Link>
            </th>
            <td>
              {r.establishment.name}
              <span className="muted"> · {r.establishment.city ?? r.establishment.finess}</span>
            </td>
            <td>{r.indication}</td>
            <td>
              <UrgencyBadge urgency={r.urgency} />
            </td>
            <td>
              <RequestStateBadge state={r.state} /> {r.overdue ? <OverdueBadge /> : null}
            </td>
            <td className="reg-timer">
              <time dateTime={r.filedAt} title={formatDateTime(r.filedAt, i18n.language)}>
                {duration(waitedMinutes(r, now))}
              </time>
            </td>
          </tr>
        ))}
        pages={pages(data?.total)}
      />
    </ListPage>
  );
}

/** Active alerts (filed, escalated, overdue), each acknowledged once by whoever handles it. */
function NotificationsPanel(props: { focus: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const notifications = useNotifications(true);
  const [done, setDone] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (props.focus) heading.current?.scrollIntoView({ block: 'start' });
  }, [props.focus]);
  const acknowledge = useMutation({
    mutationFn: (id: number) => call(ops.acknowledgeNotification, { params: { id } }),
    onSuccess: () => {
      setDone(t('regulation.notifications.acknowledged'));
      void queryClient.invalidateQueries({ queryKey: regulationKeys.notifications });
    },
  });
  const items = notifications.data?.items ?? [];
  return (
    <section className="reg-alerts" aria-labelledby="alertes" id="alertes-panel">
      <h2 id="alertes" ref={heading} tabIndex={-1} className="reg-alerts-title">
        {t('regulation.notifications.heading')} <span className="reg-count">{notifications.data?.active ?? '…'}</span>
      </h2>
      <LiveRegion tone={acknowledge.isError ? 'error' : 'success'}>
        {acknowledge.isError ? errorText(acknowledge.error) : done}
      </LiveRegion>
      {items.length === 0 ? (
        <p className="muted">{notifications.isPending ? t('app.loading') : t('regulation.notifications.none')}</p>
      ) : (
        <ul className="reg-alert-list">
          {items.map((n) => (
            <li key={n.id} className={`reg-alert reg-alert-${n.kind}`}>
              <p>
                <strong>{t(`regulation.notifications.kinds.${n.kind}`)}</strong>{' '}
                <span className="muted">{formatDateTime(n.createdAt, i18n.language)}</span>
              </p>
              <p>{n.message}</p>
              <div className="actions">
                <Link to={paths.request(n.requestId)}>{t('regulation.notifications.open')}</Link>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={acknowledge.isPending}
                  onClick={() => acknowledge.mutate(n.id)}
                >
                  {acknowledge.isPending && acknowledge.variables === n.id
                    ? t('regulation.notifications.acknowledging')
                    : t('regulation.notifications.acknowledge')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
