/** The console register: filters kept in the URL, counts per status as chips, a dense table, pagination. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { DEVICE_STATUSES, type TDeviceStatus } from '../../../contracts/fleet.ts';
import { ops } from '../../../contracts/operations.ts';
import { call } from '../../api/client.ts';
import { fleetKeys } from '../../api/keys.ts';
import { can, useUser } from '../../auth.tsx';
import { Freshness } from '../../components/Freshness.tsx';
import { formatNumber } from '../../components/format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { DataTable, FilterSelect, RegionFilter, ResetFilters, SearchField } from '../../components/ListParts.tsx';
import { CreateLink } from '../../components/PageParts.tsx';
import { pickParam, REGION_CODE, usePagedFilters, useSearchText } from '../../components/searchParams.ts';
import { useNow } from '../../components/useNow.ts';
import { paths } from '../../routes/paths.ts';
import { DeviceStatusBadge, STATUS_ICON } from './DeviceStatusBadge.tsx';
import { SiteName } from './sites.tsx';

const PAGE_SIZE = 50;
const FINESS = /^(?:\d{2}|2A|2B)\d{7}$/;

export function DevicesPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const location = useLocation();
  const id = useId();
  const now = useNow();
  const { params, update, offset, pages } = usePagedFilters(PAGE_SIZE);
  const { q, text, setText } = useSearchText(params, update);

  const statusParam = params.get('status') ?? '';
  const status = (DEVICE_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as TDeviceStatus) : '';
  const region = pickParam(params.get('region'), REGION_CODE);
  const finess = pickParam(params.get('finess'), FINESS);
  const stockParam = params.get('stock');
  const stock = stockParam === 'national' || stockParam === 'establishments' ? stockParam : '';

  const filters = {
    q: q || undefined,
    region: region || undefined,
    finess: finess || undefined,
    nationalStock:
      stock === 'national' ? ('true' as const) : stock === 'establishments' ? ('false' as const) : undefined,
  };
  const list = useQuery({
    queryKey: fleetKeys.devices.list({ ...filters, status, offset }),
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
    <ListPage
      title={t('fleet.devices.title')}
      className="fleet-ui"
      actions={
        <CreateLink to={paths.newDevice()} allowed={can(user, 'device:create')}>
          {t('fleet.devices.create')}
        </CreateLink>
      }
      filters={
        <>
          <SearchField
            id={`${id}-q`}
            label={t('fleet.devices.search')}
            hint={t('fleet.devices.searchHint')}
            value={text}
            onChange={setText}
          />
          <FilterSelect
            id={`${id}-status`}
            label={t('fleet.devices.status')}
            all={t('fleet.devices.allStatuses')}
            value={status}
            onChange={(value) => update({ status: value })}
            options={DEVICE_STATUSES}
            optionLabel={(s) => t(`fleet.status.${s}`)}
          />
          <RegionFilter id={`${id}-region`} value={region} onChange={(value) => update({ region: value })} />
          <FilterSelect
            id={`${id}-stock`}
            label={t('fleet.devices.owner')}
            all={t('fleet.devices.allOwners')}
            value={stock}
            onChange={(value) => update({ stock: value })}
          >
            <option value="establishments">{t('fleet.devices.ownerEstablishments')}</option>
            <option value="national">{t('fleet.devices.ownerNational')}</option>
          </FilterSelect>
          <ResetFilters
            shown={filtered}
            onReset={() => {
              setText('');
              update({ q: null, status: null, region: null, finess: null, stock: null });
            }}
          >
            {t('fleet.devices.resetFilters')}
          </ResetFilters>
        </>
      }
      after={
        <>
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
              {t('fleet.devices.allStatuses')}{' '}
              <span className="chip-count">{total === undefined ? '…' : n(total)}</span>
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
        </>
      }
      query={list}
      count={data ? t('fleet.devices.count', { count: data.total, formatted: n(data.total) }) : null}
    >
      {data ? (
        <DataTable
          caption={filtered ? t('fleet.devices.captionFiltered') : t('fleet.devices.caption')}
          busy={list.isFetching}
          columns={
            <>
              <th scope="col">{t('fleet.devices.colSerial')}</th>
              <th scope="col">{t('fleet.devices.colModel')}</th>
              <th scope="col">{t('fleet.devices.colOwner')}</th>
              <th scope="col">{t('fleet.devices.colSite')}</th>
              <th scope="col">{t('fleet.devices.colStatus')}</th>
              <th scope="col">{t('fleet.devices.colSince')}</th>
            </>
          }
          colSpan={6}
          empty={t('fleet.devices.empty')}
          rows={data.items.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                <Link
                  className="mono"
                  to={paths.device(d.id)}
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
          ))}
          pages={pages(data.total)}
        />
      ) : null}
    </ListPage>
  );
}
