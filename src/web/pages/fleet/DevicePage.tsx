/**
 * One console: its record, a form to change its status and site (with a reason, sending the version
 * read, so that a concurrent change is reported rather than overwritten) and its history.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import type { z } from 'zod';
import { DEVICE_STATUSES, type TDevice, type TDeviceStatus, ZUpdateDevice } from '../../../contracts/fleet.ts';
import { ops } from '../../../contracts/operations.ts';
import { call, isApiError } from '../../api/client.ts';
import { boardKeys, fleetKeys } from '../../api/keys.ts';
import { can, useUser } from '../../auth.tsx';
import { ErrorPanel, LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { Field } from '../../components/Field.tsx';
import { Freshness } from '../../components/Freshness.tsx';
import { formatDateTime } from '../../components/format.ts';
import { BackLink, RecordList } from '../../components/PageParts.tsx';
import { useNow } from '../../components/useNow.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { FinessField, ReasonField } from '../../forms/fields.tsx';
import { apiFieldErrors, noticeText, showServerErrors, submitWhenValid, useForm } from '../../forms/useForm.ts';
import { validate } from '../../forms/validation.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { isWithin, paths } from '../../routes/paths.ts';
import { DeviceStatusBadge } from './DeviceStatusBadge.tsx';
import { DeviceUpkeep } from './DeviceUpkeep.tsx';
import { DepotField, SiteName, siteFieldOf, useDepots } from './sites.tsx';

const FORM = 'device-status';
const FIELDS = ['status', 'move', 'finess', 'depot', 'reason'] as const;
type Values = Record<(typeof FIELDS)[number], string>;
type UpdateInput = z.input<typeof ZUpdateDevice>;

function toInput(v: Values, device: TDevice): UpdateInput {
  const site = v.move === 'establishment' ? { finess: v.finess } : v.move === 'depot' ? { depot: v.depot } : undefined;
  return {
    version: device.version,
    ...(v.status && v.status !== device.status ? { status: v.status as TDeviceStatus } : {}),
    ...(site ? { site } : {}),
    reason: v.reason,
  };
}

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
    retry: (count, error) => !(isApiError(error) && error.status < 500 && error.status > 0) && count < 2,
  });
  const history = useQuery({
    queryKey: fleetKeys.device.history(id),
    queryFn: () => call(ops.listDeviceHistory, { params: { id } }),
    enabled: validId && device.isSuccess,
  });
  const depots = useDepots();
  const d = device.data;
  usePageTitle(d ? t('fleet.device.title', { serial: d.serialNumber }) : t('fleet.device.titleFallback'));

  const siteLabel = (siteId: string | null): ReactNode => {
    if (!siteId) return t('common.none');
    const depot = depots.data?.find((x) => x.id === siteId);
    if (depot) return depot.name;
    if (d?.site.id === siteId) return d.site.name;
    if (d?.owner?.id === siteId) return d.owner.name;
    return <span className="mono">{siteId}</span>;
  };

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
              {can(user, 'device:update') ? <StatusForm key={d.id} device={d} /> : null}
              {can(user, 'upkeep:read') ? (
                <DeviceUpkeep consoleId={d.id} siteFiness={d.site.kind === 'establishment' ? d.site.id : null} />
              ) : null}
            </div>
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
                          {e.kind === 'created' && e.toSite ? (
                            <span className="muted"> · {siteLabel(e.toSite)}</span>
                          ) : null}
                          {e.kind === 'updated' && e.changes ? (
                            <span className="muted">
                              {' '}
                              {Object.keys(e.changes)
                                .map((k) =>
                                  k === 'model' ? t('fleet.device.model') : k === 'udi' ? t('fleet.device.udi') : k,
                                )
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
          </div>
        </>
      ) : null}
    </section>
  );
}

function StatusForm(props: { device: TDevice }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const depots = useDepots();
  const lang = currentLanguage();
  const device = props.device;
  const [done, setDone] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);

  const fieldOf = (path: string) =>
    path === 'version' || path === ''
      ? 'status'
      : siteFieldOf(path, form.values.move, { finess: 'finess', depot: 'depot' });

  const form = useForm<Values>({ status: device.status, move: '', finess: '', depot: '', reason: '' }, (values) => {
    const errors =
      validate(ZUpdateDevice, toInput(values, device), {
        lang,
        t,
        values,
        expect: { finess: t('fleet.form.finessExpected'), depot: t('fleet.form.depotRequired') },
        fieldOf: (path) => siteFieldOf(path, values.move, { finess: 'finess', depot: 'depot' }),
      }).errors ?? {};
    if (values.status === device.status && values.move === '') errors.status ??= t('fleet.device.nothingToChange');
    if (values.move === 'depot' && !values.depot) errors.depot ??= t('fleet.form.depotRequired');
    return errors;
  });

  const update = useMutation({
    mutationFn: (body: UpdateInput) => call(ops.updateDevice, { params: { id: device.id }, body }),
    onSuccess: (updated) => {
      queryClient.setQueryData(fleetKeys.device.one(device.id), updated);
      void queryClient.invalidateQueries({ queryKey: fleetKeys.device.history(device.id) });
      void queryClient.invalidateQueries({ queryKey: fleetKeys.devices.all });
      void queryClient.invalidateQueries({ queryKey: boardKeys.all });
      setConflict(null);
      setDone(
        t('fleet.device.saved', {
          status: t(`fleet.status.${updated.status}`),
          site: updated.site.name,
        }),
      );
      form.reset();
      form.set({ status: updated.status });
    },
    onError: async (error) => {
      setDone(null);
      if (isApiError(error) && error.status === 409) {
        // Someone else changed the console: show the new state, keep what was typed.
        await queryClient.invalidateQueries({ queryKey: fleetKeys.device.one(device.id) });
        setConflict(t('fleet.device.conflict'));
        form.setNotice(null);
        return;
      }
      showServerErrors(form, FORM, FIELDS, apiFieldErrors(error, fieldOf), errorText(error));
    },
  });

  const send = submitWhenValid(form, FORM, FIELDS, () => {
    setConflict(null);
    update.mutate(toInput(form.values, device));
  });
  const submit = (event: FormEvent) => {
    setDone(null);
    send(event);
  };

  const notice = noticeText(form, t);
  const id = (field: string) => `${FORM}-${field}`;
  return (
    <section aria-labelledby={`${FORM}-heading`} className="panel status-form-panel">
      <h2 id={`${FORM}-heading`}>{t('fleet.device.changeHeading')}</h2>
      <LiveRegion tone="success">{done}</LiveRegion>
      <LiveRegion tone="error">{conflict ?? notice}</LiveRegion>
      <form id={FORM} className="form" onSubmit={submit} noValidate>
        <div className="form-grid">
          <Field id={id('status')} label={t('fleet.device.newStatus')} error={form.errorOf('status')}>
            {(c) => (
              <select {...c} {...form.bind('status')}>
                {DEVICE_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`fleet.status.${s}`)}
                    {s === device.status ? ` (${t('fleet.device.current')})` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={id('move')} label={t('fleet.device.move')} error={form.errorOf('move')} optional>
            {(c) => (
              <select {...c} {...form.bind('move')}>
                <option value="">{t('fleet.device.stay')}</option>
                <option value="establishment">{t('fleet.device.moveEstablishment')}</option>
                <option value="depot">{t('fleet.device.moveDepot')}</option>
              </select>
            )}
          </Field>
          {form.values.move === 'establishment' ? (
            <FinessField
              form={form}
              formId={FORM}
              name="finess"
              label={t('fleet.form.finess')}
              hint={t('fleet.form.finessHint')}
            />
          ) : null}
          {form.values.move === 'depot' ? (
            <DepotField form={form} formId={FORM} name="depot" depots={depots.data} />
          ) : null}
          <ReasonField
            form={form}
            formId={FORM}
            name="reason"
            label={t('fleet.form.reason')}
            hint={t('fleet.form.reasonHint')}
            className="span-3"
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={update.isPending}>
            {update.isPending ? t('fleet.device.saving') : t('fleet.device.save')}
          </button>
          <span className="muted">{t('fleet.device.versionNote', { version: device.version })}</span>
        </div>
      </form>
    </section>
  );
}
