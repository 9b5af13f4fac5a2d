/** A console's history, newest first: created, status changes, moves, edits, each with who and why. */
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TDevice } from '../../../contracts/fleet.ts';
import { ops } from '../../../contracts/operations.ts';
import { call } from '../../api/client.ts';
import { fleetKeys } from '../../api/keys.ts';
import { ErrorPanel } from '../../components/Feedback.tsx';
import { formatDateTime } from '../../components/format.ts';
import { DeviceStatusBadge } from './DeviceStatusBadge.tsx';
import { useDepots } from './sites.tsx';

export function DeviceHistory(props: { device: TDevice }) {
  const { t, i18n } = useTranslation();
  const d = props.device;
  const depots = useDepots();
  const history = useQuery({
    queryKey: fleetKeys.device.history(d.id),
    queryFn: () => call(ops.listDeviceHistory, { params: { id: d.id } }),
  });
  const siteLabel = (siteId: string | null): ReactNode => {
    if (!siteId) return t('common.none');
    const depot = depots.data?.find((x) => x.id === siteId);
    if (depot) return depot.name;
    if (d.site.id === siteId) return d.site.name;
    if (d.owner?.id === siteId) return d.owner.name;
    return <span className="mono">{siteId}</span>;
  };

  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('fleet.history.heading')}</h2>
      {history.isPending ? <p role="status">{t('app.loading')}</p> : null}
      {history.isError ? <ErrorPanel error={history.error} onRetry={() => void history.refetch()} /> : null}
      {history.data ? (
        history.data.items.length === 0 ? (
          <p>{t('fleet.history.empty')}</p>
        ) : (
          <ol className="timeline">
            {history.data.items.map((e) => (
              <li key={e.id} className={`timeline-item timeline-${e.kind}`}>
                <p className="timeline-when">
                  <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
                  <span className="muted"> · {e.actor === 'system' ? t('fleet.history.system') : e.actor}</span>
                </p>
                <p className="timeline-what">
                  <strong>{t(`fleet.history.kinds.${e.kind}`)}</strong>{' '}
                  {e.kind === 'status' || (e.kind === 'created' && e.toStatus) ? (
                    <>
                      {e.fromStatus ? (
                        <>
                          <DeviceStatusBadge status={e.fromStatus} /> <span aria-hidden="true">→</span>
                          <span className="visually-hidden">{t('fleet.history.to')}</span>{' '}
                        </>
                      ) : null}
                      {e.toStatus ? <DeviceStatusBadge status={e.toStatus} /> : null}
                    </>
                  ) : null}
                  {e.kind === 'moved' ? (
                    <span>
                      {siteLabel(e.fromSite)} <span aria-hidden="true">→</span>
                      <span className="visually-hidden">{t('fleet.history.to')}</span> {siteLabel(e.toSite)}
                    </span>
                  ) : null}
                  {e.kind === 'created' && e.toSite ? <span className="muted"> · {siteLabel(e.toSite)}</span> : null}
                  {e.kind === 'updated' && e.changes ? (
                    <span className="muted">
                      {' '}
                      {Object.keys(e.changes)
                        .map((k) => (k === 'model' ? t('fleet.device.model') : k === 'udi' ? t('fleet.device.udi') : k))
                        .join(', ')}
                    </span>
                  ) : null}
                </p>
                {e.reason ? (
                  <p className="timeline-reason">
                    <span className="visually-hidden">{t('fleet.history.reason')} </span>« {e.reason} »
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )
      ) : null}
    </section>
  );
}
