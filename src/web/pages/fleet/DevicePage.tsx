/**
 * One console: its record, a form to change its status and site (with a reason, sending the version
 * read, so that a concurrent change is reported rather than overwritten) and its history.
 */
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { ops } from '../../../contracts/operations.ts';
import { call, isApiError } from '../../api/client.ts';
import { fleetKeys } from '../../api/keys.ts';
import { retryUnlessRefused } from '../../api/queries.ts';
import { can, useUser } from '../../auth.tsx';
import { ErrorPanel, LiveRegion } from '../../components/Feedback.tsx';
import { Freshness } from '../../components/Freshness.tsx';
import { formatDateTime } from '../../components/format.ts';
import { BackLink, RecordList } from '../../components/PageParts.tsx';
import { useNow } from '../../components/useNow.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { isWithin, paths } from '../../routes/paths.ts';
import { DeviceHistory } from './DeviceHistory.tsx';
import { DeviceStatusBadge } from './DeviceStatusBadge.tsx';
import { DeviceStatusForm } from './DeviceStatusForm.tsx';
import { DeviceUpkeep } from './DeviceUpkeep.tsx';
import { SiteName } from './sites.tsx';

export function DevicePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const user = useUser();
  const state = location.state as { back?: string; created?: boolean } | null;
  const back = isWithin(state?.back, 'devices') ? state.back : paths.devices();
  const now = useNow();
  const validId = /^[0-9a-f-]{36}$/i.test(id);

  const device = useQuery({
    queryKey: fleetKeys.device.one(id),
    queryFn: () => call(ops.getDevice, { params: { id } }),
    enabled: validId,
    retry: retryUnlessRefused,
  });
  const d = device.data;
  usePageTitle(d ? t('fleet.device.title', { serial: d.serialNumber }) : t('fleet.device.titleFallback'));

  const notFound =
    !validId || (isApiError(device.error) && (device.error.status === 404 || device.error.status === 400));
  const rows: [string, ReactNode][] = d
    ? [
        [t('fleet.device.manufacturer'), d.manufacturer],
        [t('fleet.device.model'), d.model],
        [
          t('fleet.device.serial'),
          <span key="serial" className="mono">
            {d.serialNumber}
          </span>,
        ],
        [
          t('fleet.device.udi'),
          d.udi ? (
            <span key="udi" className="mono">
              {d.udi}
            </span>
          ) : (
            t('common.none')
          ),
        ],
        [t('fleet.device.owner'), <SiteName key="owner" site={d.owner} withRegion />],
        [t('fleet.device.site'), <SiteName key="site" site={d.site} withRegion />],
        [
          t('fleet.device.status'),
          <span key="status">
            <DeviceStatusBadge status={d.status} />{' '}
            <span className="muted">
              {t('fleet.device.since', { date: formatDateTime(d.statusSince, i18n.language) })} (
              <Freshness at={d.statusSince} now={now} prefix="none" />)
            </span>
          </span>,
        ],
        [
          t('fleet.device.updatedAt'),
          <span key="updated">
            {formatDateTime(d.updatedAt, i18n.language)}{' '}
            <span className="muted">{t('fleet.device.version', { version: d.version })}</span>
          </span>,
        ],
      ]
    : [];

  return (
    <section className="page page-device fleet-ui">
      <BackLink to={back}>{t('fleet.device.backToList')}</BackLink>
      <LiveRegion tone="success">{state?.created && d ? t('fleet.device.created') : null}</LiveRegion>
      {device.isPending && validId ? <p role="status">{t('app.loading')}</p> : null}
      {notFound ? (
        <>
          <h1>{t('fleet.device.titleFallback')}</h1>
          <p className="notice notice-error">{t('fleet.device.notFound')}</p>
        </>
      ) : device.isError ? (
        <>
          <h1>{t('fleet.device.titleFallback')}</h1>
          <ErrorPanel error={device.error} onRetry={() => void device.refetch()} />
        </>
      ) : null}
      {d ? (
        <>
          <h1>
            {t('fleet.device.title', { serial: d.serialNumber })} <DeviceStatusBadge status={d.status} />
          </h1>
          <p className="muted">
            {d.manufacturer} {d.model} · {d.site.name}
          </p>
          <div className="device-layout">
            <div>
              <h2>{t('fleet.device.details')}</h2>
              <RecordList rows={rows} />
              {can(user, 'device:update') ? <DeviceStatusForm key={d.id} device={d} /> : null}
              {can(user, 'upkeep:read') ? (
                <DeviceUpkeep consoleId={d.id} siteFiness={d.site.kind === 'establishment' ? d.site.id : null} />
              ) : null}
            </div>
            <DeviceHistory device={d} />
          </div>
        </>
      ) : null}
    </section>
  );
}
