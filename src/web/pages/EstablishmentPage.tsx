/** One establishment: every field of its record. */
import { useQuery } from '@tanstack/react-query';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { ops } from '../../contracts/operations.ts';
import { call, isApiError } from '../api/client.ts';
import { adminKeys } from '../api/keys.ts';
import { ErrorPanel, LiveRegion } from '../components/Feedback.tsx';
import { formatDateTime, formatPhone } from '../components/format.ts';
import { BackLink, RecordList } from '../components/PageParts.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { isWithin, paths } from '../routes/paths.ts';

export function EstablishmentPage() {
  const { t, i18n } = useTranslation();
  const { finess = '' } = useParams();
  const location = useLocation();
  const state = location.state as { back?: string; created?: boolean } | null;
  const back = isWithin(state?.back, 'establishments') ? state.back : paths.establishments();

  const query = useQuery({
    queryKey: adminKeys.establishment.one(finess),
    queryFn: () => call(ops.getEstablishment, { params: { finess } }),
    retry: (count, error) => !(isApiError(error) && error.status < 500 && error.status > 0) && count < 2,
  });
  const e = query.data;
  usePageTitle(e?.name ?? t('establishment.titleFallback'));

  const none = t('common.none');
  const rows: [string, ReactNode][] = e
    ? [
        [
          t('establishment.finess'),
          <span key="finess" className="mono">
            {e.finess}
          </span>,
        ],
        [t('establishment.category'), `${e.categoryLabel} (${e.categoryCode})`],
        [t('establishment.sector'), e.sector ? t(`establishment.sectors.${e.sector}`) : none],
        [
          t('establishment.address'),
          e.street || e.postcode || e.city ? (
            <Fragment key="address">
              {e.street ? <span className="address-line">{e.street}</span> : null}
              <span className="address-line">{[e.postcode, e.city].filter(Boolean).join(' ')}</span>
            </Fragment>
          ) : (
            none
          ),
        ],
        [t('establishment.departement'), `${e.departementCode} — ${e.departementName}`],
        [t('establishment.region'), e.regionName],
        [
          t('establishment.phone'),
          e.phone ? (
            <a key="phone" href={`tel:${e.phone.replace(/\s+/g, '')}`}>
              {formatPhone(e.phone)}
            </a>
          ) : (
            none
          ),
        ],
        [
          t('establishment.coordinates'),
          e.lat !== null && e.lon !== null
            ? t('establishment.latLon', {
                lat: e.lat.toLocaleString(i18n.language, { maximumFractionDigits: 5 }),
                lon: e.lon.toLocaleString(i18n.language, { maximumFractionDigits: 5 }),
              })
            : none,
        ],
        [
          t('establishment.updatedAt'),
          <time key="updated" dateTime={e.updatedAt}>
            {formatDateTime(e.updatedAt, i18n.language)}
          </time>,
        ],
      ]
    : [];

  return (
    <section className="page">
      <BackLink to={back}>{t('establishment.backToList')}</BackLink>
      <LiveRegion tone="success">{state?.created && e ? t('establishment.created') : null}</LiveRegion>
      {query.isPending ? <p role="status">{t('app.loading')}</p> : null}
      {query.isError ? (
        isApiError(query.error) && query.error.status === 404 ? (
          <>
            <h1>{t('establishment.titleFallback')}</h1>
            <p className="notice notice-error">{t('establishment.notFound', { finess })}</p>
          </>
        ) : (
          <>
            <h1>{t('establishment.titleFallback')}</h1>
            <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />
          </>
        )
      ) : null}
      {e ? (
        <>
          <h1>{e.name}</h1>
          <p className="muted">
            {e.city ? `${e.city} · ` : ''}
            {e.regionName}
          </p>
          <h2 className="visually-hidden">{t('establishment.details')}</h2>
          <RecordList rows={rows} />
        </>
      ) : null}
    </section>
  );
}
