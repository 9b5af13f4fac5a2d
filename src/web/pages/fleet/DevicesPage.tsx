/** The console register: filters kept in the URL, counts per status as chips, a dense table, pagination. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ops } from '../../../contracts/operations.ts';
import { call } from '../../api/client.ts';
import { useRegions } from '../../api/queries.ts';
import { can, useUser } from '../../auth.tsx';
import { ErrorPanel } from '../../components/Feedback.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { useUrlFilters } from '../../components/searchParams.ts';
import { useDebouncedInput } from '../../components/useDebouncedValue.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatNumber } from '../../format.ts';
import { Freshness, useNow } from '../boards/shared.tsx';
import { DEVICE_STATUSES, type DeviceStatus, DeviceStatusBadge, SiteName, STATUS_ICON } from './shared.tsx';

const PAGE_SIZE = 50;
const FINESS = /^(?:\d{2}|2A|2B)\d{7}$/;
const pick = (value: string | null, pattern: RegExp): string => (value && pattern.test(value) ? value : '');

export function DevicesPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('fleet.devices.title'));
  const user = useUser();
  const location = useLocation();
  const id = useId();
  const now = useNow();
  const { params, update, page } = useUrlFilters();

  const q = (params.get('q') ?? '').trim();
  const statusParam = params.get('status') ?? '';
  const status = (DEVICE_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as DeviceStatus) : '';
  const region = pick(params.get('region'), /^\d{2}$/);
  const finess = pick(params.get('finess'), FINESS);
  const stockParam = params.get('stock');
  const stock = stockParam === 'national' || stockParam === 'establishments' ? stockParam : '';
  const offset = (page - 1) * PAGE_SIZE;

  const [text, setText] = useDebouncedInput(q, (value) => update({ q: value }, { replace: true }));
  const regions = useRegions();
  const filters = {
    q: q || undefined,
    region: region || undefined,
    finess: finess || undefined,
    nationalStock:
      stock === 'national' ? ('true' as const) : stock === 'establishments' ? ('false' as const) : undefined,
  };
  const list = useQuery({
    queryKey: ['devices', { ...filters, status, offset }],
    queryFn: () =>
      call(ops.listDevices, { query: { ...filters, status: status || undefined, limit: PAGE_SIZE, offset } }),
    placeholderData: keepPreviousData,
  });

  const filtered = Boolean(q || status || region || finess || stock);
  const data = list.data;
  const n = (v: number) => formatNumber(v, i18n.language);
  // byStatus counts every status under the other filters, so the chips stay meaningful once one is chosen.
  const byStatus = data?.byStatus;
  const total = byStatus ? Object.values(byStatus).reduce((sum, v) => sum + v, 0) : undefined;
  const finessName = finess ? data?.items.find((d) => d.site.id === finess || d.owner?.id === finess)?.site.name : '';

  return (
    <section className="page page-wide fleet-ui">
      <div className="page-header">
        <h1>{t('fleet.devices.title')}</h1>
        {can(user, 'device:create') ? (
          <Link to="/consoles/nouvelle" className="button button-primary">
            <span aria-hidden="true">+ </span>
            {t('fleet.devices.create')}
          </Link>
        ) : null}
      </div>

      <search className="filters" aria-label={t('common.filters')}>
        <div className="field field-grow">
          <label htmlFor={`${id}-q`}>{t('fleet.devices.search')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={text}
            maxLength={100}
            autoComplete="off"
            aria-describedby={`${id}-q-hint`}
            onChange={(e) => setText(e.target.value)}
          />
          <p id={`${id}-q-hint`} className="field-hint">
            {t('fleet.devices.searchHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('fleet.devices.status')}</label>
          <select id={`${id}-status`} value={status} onChange={(e) => update({ status: e.target.value })}>
            <option value="">{t('fleet.devices.allStatuses')}</option>
            {DEVICE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`fleet.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-region`}>{t('fleet.devices.region')}</label>
          <select id={`${id}-region`} value={region} onChange={(e) => update({ region: e.target.value })}>
            <option value="">{t('fleet.devices.allRegions')}</option>
            {(regions.data ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-stock`}>{t('fleet.devices.owner')}</label>
          <select id={`${id}-stock`} value={stock} onChange={(e) => update({ stock: e.target.value })}>
            <option value="">{t('fleet.devices.allOwners')}</option>
            <option value="establishments">{t('fleet.devices.ownerEstablishments')}</option>
            <option value="national">{t('fleet.devices.ownerNational')}</option>
          </select>
        </div>
        {filtered ? (
          <button
            type="button"
            className="button button-secondary filters-reset"
            onClick={() => {
              setText('');
              update({ q: null, status: null, region: null, finess: null, stock: null });
            }}
          >
            {t('fleet.devices.resetFilters')}
          </button>
        ) : null}
      </search>

      {finess ? (
        <p className="filter-chip-line">
          <span className="filter-chip">
            {t('fleet.devices.establishmentFilter', { name: finessName || finess })}
            <button
              type="button"
              className="chip-remove"
              aria-label={t('fleet.devices.removeEstablishmentFilter')}
              onClick={() => update({ finess: null })}
            >
              ✕
            </button>
          </span>
        </p>
      ) : null}

      <fieldset className="status-chips">
        <legend className="visually-hidden">{t('fleet.devices.byStatus')}</legend>
        <button
          type="button"
          className={`status-chip${status === '' ? ' status-chip-on' : ''}`}
          aria-pressed={status === ''}
          onClick={() => update({ status: null })}
        >
          {t('fleet.devices.allStatuses')} <span className="chip-count">{total === undefined ? '…' : n(total)}</span>
        </button>
        {DEVICE_STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            className={`status-chip device-${s}${status === s ? ' status-chip-on' : ''}`}
            aria-pressed={status === s}
            onClick={() => update({ status: status === s ? null : s })}
          >
            <span aria-hidden="true">{STATUS_ICON[s]} </span>
            {t(`fleet.status.${s}`)} <span className="chip-count">{byStatus ? n(byStatus[s] ?? 0) : '…'}</span>
          </button>
        ))}
      </fieldset>

      {list.isError ? <ErrorPanel error={list.error} onRetry={() => void list.refetch()} /> : null}

      <p className="result-count" role="status">
        {data ? t('fleet.devices.count', { count: data.total, formatted: n(data.total) }) : t('app.loading')}
      </p>

      {data ? (
        <>
          <div className="table-scroll">
            <table className="data-table" aria-busy={list.isFetching || undefined}>
              <caption>{filtered ? t('fleet.devices.captionFiltered') : t('fleet.devices.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('fleet.devices.colSerial')}</th>
                  <th scope="col">{t('fleet.devices.colModel')}</th>
                  <th scope="col">{t('fleet.devices.colOwner')}</th>
                  <th scope="col">{t('fleet.devices.colSite')}</th>
                  <th scope="col">{t('fleet.devices.colStatus')}</th>
                  <th scope="col">{t('fleet.devices.colSince')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 ? (
                  <tr>
                    <td colSpan={6} className="table-empty">
                      {t('fleet.devices.empty')}
                    </td>
                  </tr>
                ) : (
                  data.items.map((d) => (
                    <tr key={d.id}>
                      <th scope="row">
                        <Link
                          className="mono"
                          to={`/consoles/${d.id}`}
                          state={{ back: `${location.pathname}${location.search}` }}
                        >
                          {d.serialNumber}
                        </Link>
                      </th>
                      <td>
                        {d.manufacturer} {d.model}
                      </td>
                      <td>
                        <SiteName site={d.owner} />
                      </td>
                      <td>
                        {d.owner && d.site.id === d.owner.id ? (
                          <span className="muted">{t('fleet.devices.atOwner')}</span>
                        ) : (
                          <SiteName site={d.site} />
                        )}
                      </td>
                      <td>
                        <DeviceStatusBadge status={d.status} />
                      </td>
                      <td>
                        <Freshness at={d.statusSince} now={now} prefix="none" />
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <Pagination
            label={t('common.pagination')}
            offset={offset}
            limit={PAGE_SIZE}
            total={data.total}
            shown={data.items.length}
            onChange={(next) => update({ page: String(next / PAGE_SIZE + 1) })}
          />
        </>
      ) : null}
    </section>
  );
}
