/**
 * The form that changes a console's status and site, with a reason; it sends the version it read, so
 * that a concurrent change is reported (and the new state shown) rather than overwritten.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { DEVICE_STATUSES, type TDevice, type TDeviceStatus, ZUpdateDevice } from '../../../contracts/fleet.ts';
import { ops } from '../../../contracts/operations.ts';
import { call, isApiError } from '../../api/client.ts';
import { boardKeys, fleetKeys } from '../../api/keys.ts';
import { LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { FinessField, SelectField, SubmitActions } from '../../forms/fields.tsx';
import { apiFieldErrors, noticeText, showServerErrors, submitWhenValid, useForm } from '../../forms/useForm.ts';
import { validate } from '../../forms/validation.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { ChangeReasonField, DepotField, siteFieldOf, useDepots } from './sites.tsx';

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

export function DeviceStatusForm(props: { device: TDevice }) {
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
  return (
    <section aria-labelledby={`${FORM}-heading`} className="panel status-form-panel">
      <h2 id={`${FORM}-heading`}>{t('fleet.device.changeHeading')}</h2>
      <LiveRegion tone="success">{done}</LiveRegion>
      <LiveRegion tone="error">{conflict ?? notice}</LiveRegion>
      <form id={FORM} className="form" onSubmit={submit} noValidate>
        <div className="form-grid">
          <SelectField form={form} formId={FORM} name="status" label={t('fleet.device.newStatus')}>
            {DEVICE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`fleet.status.${s}`)}
                {s === device.status ? ` (${t('fleet.device.current')})` : ''}
              </option>
            ))}
          </SelectField>
          <SelectField form={form} formId={FORM} name="move" label={t('fleet.device.move')} optional>
            <option value="">{t('fleet.device.stay')}</option>
            <option value="establishment">{t('fleet.device.moveEstablishment')}</option>
            <option value="depot">{t('fleet.device.moveDepot')}</option>
          </SelectField>
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
          <ChangeReasonField form={form} formId={FORM} name="reason" />
        </div>
        <SubmitActions pending={update.isPending} submit={t('fleet.device.save')} submitting={t('fleet.device.saving')}>
          <span className="muted">{t('fleet.device.versionNote', { version: device.version })}</span>
        </SubmitActions>
      </form>
    </section>
  );
}
