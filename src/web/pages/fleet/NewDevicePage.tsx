/** Registers a console: owner (an establishment or the national stock), site, status; validated as you type. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { DEVICE_STATUSES, type TDeviceStatus, ZCreateDevice } from '../../../contracts/fleet.ts';
import { ops } from '../../../contracts/operations.ts';
import { call, isApiError } from '../../api/client.ts';
import { boardKeys, fleetKeys } from '../../api/keys.ts';
import { useUser } from '../../auth.tsx';
import { LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { Field } from '../../components/Field.tsx';
import { BackLink } from '../../components/PageParts.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { homeFiness } from '../../components/userScope.ts';
import { CreateActions, FinessField, ReasonField, SelectField } from '../../forms/fields.tsx';
import { apiFieldErrors, noticeText, showServerErrors, submitWhenValid, useForm } from '../../forms/useForm.ts';
import { orNull, validate } from '../../forms/validation.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { paths } from '../../routes/paths.ts';
import { SiteFields, siteFieldOf, useDepots } from './sites.tsx';

const FORM = 'new-device';
const FIELDS = [
  'manufacturer',
  'model',
  'serialNumber',
  'udi',
  'ownerKind',
  'ownerFiness',
  'siteKind',
  'siteFiness',
  'siteDepot',
  'status',
  'reason',
] as const;
type Values = Record<(typeof FIELDS)[number], string>;
type CreateInput = z.input<typeof ZCreateDevice>;

const MANUFACTURERS = ['Getinge', 'LivaNova', 'Abbott', 'Medtronic', 'Eurosets', 'Xenios (Fresenius)'];
const MODELS = ['Cardiohelp', 'Rotaflow', 'Rotaflow II', 'CentriMag', 'Bio-Console 560', 'Novalung', 'Revolution 5'];

function toInput(v: Values): CreateInput {
  return {
    manufacturer: v.manufacturer,
    model: v.model,
    serialNumber: v.serialNumber,
    udi: orNull(v.udi),
    ownerFiness: v.ownerKind === 'national' ? null : v.ownerFiness,
    site: v.siteKind === 'depot' ? { depot: v.siteDepot } : { finess: v.siteFiness },
    status: v.status as TDeviceStatus,
    reason: v.reason.trim() || undefined,
  };
}

const fieldOf = (path: string, v: Values) =>
  siteFieldOf(path, v.siteKind, { finess: 'siteFiness', depot: 'siteDepot' });

export function NewDevicePage() {
  const { t } = useTranslation();
  usePageTitle(t('fleet.newDevice.title'));
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const depots = useDepots();
  const lang = currentLanguage();
  const home = homeFiness(user);

  const form = useForm<Values>(
    {
      manufacturer: '',
      model: '',
      serialNumber: '',
      udi: '',
      ownerKind: 'establishment',
      ownerFiness: home,
      siteKind: 'establishment',
      siteFiness: home,
      siteDepot: '',
      status: 'available',
      reason: '',
    },
    (values) => {
      const errors =
        validate(ZCreateDevice, toInput(values), {
          lang,
          t,
          values,
          expect: { siteDepot: t('fleet.form.depotRequired') },
          fieldOf: (path) => fieldOf(path, values),
        }).errors ?? {};
      if (values.siteKind === 'depot' && !values.siteDepot) errors.siteDepot ??= t('fleet.form.depotRequired');
      return errors;
    },
  );

  const create = useMutation({
    mutationFn: (body: CreateInput) => call(ops.createDevice, { body }),
    onSuccess: (created) => {
      queryClient.setQueryData(fleetKeys.device.one(created.id), created);
      void queryClient.invalidateQueries({ queryKey: fleetKeys.devices.all });
      void queryClient.invalidateQueries({ queryKey: boardKeys.all });
      navigate(paths.device(created.id), { state: { created: true } });
    },
    onError: (error) => {
      const fields = apiFieldErrors(error, (path) => fieldOf(path, form.values));
      if (isApiError(error) && error.code === 'forbidden') fields.siteFiness = t('fleet.form.outOfScope');
      showServerErrors(form, FORM, FIELDS, fields, errorText(error));
    },
  });

  const submit = submitWhenValid(form, FORM, FIELDS, () => create.mutate(toInput(form.values)));

  const notice = noticeText(form, t);
  const id = (field: string) => `${FORM}-${field}`;
  const v = form.values;

  return (
    <section className="page fleet-ui">
      <BackLink to={paths.devices()}>{t('fleet.device.backToList')}</BackLink>
      <h1>{t('fleet.newDevice.title')}</h1>
      <p className="muted">{t('fleet.newDevice.intro')}</p>
      <LiveRegion tone="error">{notice}</LiveRegion>
      <form id={FORM} className="form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('fleet.newDevice.identity')}</legend>
          <div className="form-grid">
            <Field id={id('manufacturer')} label={t('fleet.device.manufacturer')} error={form.errorOf('manufacturer')}>
              {(c) => (
                <input
                  {...c}
                  {...form.bind('manufacturer')}
                  list={`${FORM}-manufacturers`}
                  maxLength={80}
                  autoComplete="off"
                />
              )}
            </Field>
            <Field id={id('model')} label={t('fleet.device.model')} error={form.errorOf('model')}>
              {(c) => (
                <input {...c} {...form.bind('model')} list={`${FORM}-models`} maxLength={80} autoComplete="off" />
              )}
            </Field>
            <Field id={id('serialNumber')} label={t('fleet.device.serial')} error={form.errorOf('serialNumber')}>
              {(c) => (
                <input
                  {...c}
                  {...form.bind('serialNumber')}
                  className="input-code"
                  maxLength={60}
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
            </Field>
            <Field
              id={id('udi')}
              label={t('fleet.device.udi')}
              hint={t('fleet.newDevice.udiHint')}
              error={form.errorOf('udi')}
              optional
              className="span-2"
            >
              {(c) => (
                <input
                  {...c}
                  {...form.bind('udi')}
                  className="input-code"
                  maxLength={120}
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
            </Field>
            <SelectField form={form} formId={FORM} name="status" label={t('fleet.device.status')}>
              {DEVICE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`fleet.status.${s}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <datalist id={`${FORM}-manufacturers`}>
            {MANUFACTURERS.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
          <datalist id={`${FORM}-models`}>
            {MODELS.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </fieldset>

        <fieldset>
          <legend>{t('fleet.newDevice.ownerAndSite')}</legend>
          <div className="form-grid">
            <SelectField form={form} formId={FORM} name="ownerKind" label={t('fleet.device.owner')}>
              <option value="establishment">{t('fleet.newDevice.ownerEstablishment')}</option>
              <option value="national">{t('fleet.devices.nationalStock')}</option>
            </SelectField>
            {v.ownerKind === 'establishment' ? (
              <FinessField
                form={form}
                formId={FORM}
                name="ownerFiness"
                label={t('fleet.newDevice.ownerFiness')}
                hint={t('fleet.form.finessHint')}
              />
            ) : (
              <p className="field-note">{t('fleet.newDevice.nationalNote')}</p>
            )}
            <SiteFields
              form={form}
              formId={FORM}
              names={{ kind: 'siteKind', finess: 'siteFiness', depot: 'siteDepot' }}
              finessLabel={t('fleet.newDevice.siteFiness')}
              depots={depots.data}
            />
          </div>
        </fieldset>

        <ReasonField
          form={form}
          formId={FORM}
          name="reason"
          label={t('fleet.form.reasonCreate')}
          hint={t('fleet.form.reasonHint')}
          optional
        />
        <CreateActions
          pending={create.isPending}
          submit={t('fleet.newDevice.submit')}
          submitting={t('fleet.newDevice.submitting')}
          cancelTo={paths.devices()}
        />
      </form>
    </section>
  );
}
