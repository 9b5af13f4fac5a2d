/** Registers an establishment; validated as you type with the API's own schema. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  ESTABLISHMENT_CATEGORIES,
  type TCreateEstablishment,
  ZCreateEstablishment,
} from '../../contracts/establishments.ts';
import { ops } from '../../contracts/operations.ts';
import { call, isApiError } from '../api/client.ts';
import { adminKeys, referenceKeys } from '../api/keys.ts';
import { useUser } from '../auth.tsx';
import { LiveRegion, useErrorText } from '../components/Feedback.tsx';
import { Field } from '../components/Field.tsx';
import { BackLink } from '../components/PageParts.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { CreateActions, FinessField, ReasonField, SelectField } from '../forms/fields.tsx';
import { apiFieldErrors, noticeText, showServerErrors, submitWhenValid, useForm } from '../forms/useForm.ts';
import { orNull, validate } from '../forms/validation.ts';
import { currentLanguage } from '../i18n/index.ts';
import { paths } from '../routes/paths.ts';

const FORM = 'new-establishment';
const FIELDS = ['finess', 'name', 'categoryCode', 'sector', 'street', 'postcode', 'city', 'phone', 'reason'] as const;
type Values = Record<(typeof FIELDS)[number], string>;
const EMPTY: Values = {
  finess: '',
  name: '',
  categoryCode: '',
  sector: '',
  street: '',
  postcode: '',
  city: '',
  phone: '',
  reason: '',
};

function toInput(v: Values): TCreateEstablishment {
  return {
    finess: v.finess,
    name: v.name,
    categoryCode: v.categoryCode,
    sector: v.sector === 'public' || v.sector === 'private' ? v.sector : null,
    street: orNull(v.street),
    postcode: orNull(v.postcode),
    city: orNull(v.city),
    phone: orNull(v.phone),
    reason: v.reason.trim() || undefined,
  };
}

export function NewEstablishmentPage() {
  const { t } = useTranslation();
  usePageTitle(t('newEstablishment.title'));
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const lang = currentLanguage();

  const form = useForm<Values>(
    EMPTY,
    (values) =>
      validate(ZCreateEstablishment, toInput(values), {
        lang,
        t,
        values,
        expect: {
          categoryCode: t('newEstablishment.categoryRequired'),
          postcode: t('validation.postcode'),
          phone: t('validation.phone'),
        },
      }).errors ?? {},
  );

  const create = useMutation({
    mutationFn: (body: TCreateEstablishment) => call(ops.createEstablishment, { body }),
    onSuccess: (created) => {
      queryClient.setQueryData(adminKeys.establishment.one(created.finess), created);
      void queryClient.invalidateQueries({ queryKey: adminKeys.establishments.all });
      void queryClient.invalidateQueries({ queryKey: referenceKeys.regions });
      navigate(paths.establishment(created.finess), { state: { created: true } });
    },
    onError: (error) => {
      const fields = apiFieldErrors(error);
      // The region follows from the FINESS: a refusal on scope is about that field.
      if (isApiError(error) && error.code === 'forbidden') fields.finess = t('newEstablishment.outOfScope');
      showServerErrors(form, FORM, FIELDS, fields, errorText(error));
    },
  });

  const submit = submitWhenValid(form, FORM, FIELDS, () => create.mutate(toInput(form.values)));

  const regions = user.grants.filter((g) => g.role === 'regional_regulator').map((g) => g.scopeLabel ?? g.scopeCode);
  const nationwide = user.grants.some((g) => g.role === 'admin');
  const notice = noticeText(form, t);
  const id = (field: string) => `${FORM}-${field}`;

  return (
    <section className="page">
      <BackLink to={paths.establishments()}>{t('establishment.backToList')}</BackLink>
      <h1>{t('newEstablishment.title')}</h1>
      <p className="muted">{t('newEstablishment.intro')}</p>
      {!nationwide && regions.length > 0 ? (
        <p className="muted">{t('newEstablishment.scopeHint', { regions: regions.join(', ') })}</p>
      ) : null}
      <LiveRegion tone="error">{notice}</LiveRegion>
      <form id={FORM} className="form form-grid" onSubmit={submit} noValidate>
        <FinessField
          form={form}
          formId={FORM}
          name="finess"
          label={t('newEstablishment.finess')}
          hint={t('newEstablishment.finessHint')}
          inputMode="text"
        />
        <Field id={id('name')} label={t('newEstablishment.name')} error={form.errorOf('name')} className="span-2">
          {(c) => <input {...c} {...form.bind('name')} maxLength={200} autoComplete="off" />}
        </Field>
        <SelectField form={form} formId={FORM} name="categoryCode" label={t('newEstablishment.category')}>
          <option value="">{t('newEstablishment.chooseCategory')}</option>
          {Object.entries(ESTABLISHMENT_CATEGORIES).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField form={form} formId={FORM} name="sector" label={t('newEstablishment.sector')} optional>
          <option value="">{t('newEstablishment.sectorUnknown')}</option>
          <option value="public">{t('establishment.sectors.public')}</option>
          <option value="private">{t('establishment.sectors.private')}</option>
        </SelectField>
        <Field
          id={id('street')}
          label={t('newEstablishment.street')}
          error={form.errorOf('street')}
          optional
          className="span-2"
        >
          {(c) => <input {...c} {...form.bind('street')} maxLength={200} autoComplete="address-line1" />}
        </Field>
        <Field
          id={id('postcode')}
          label={t('newEstablishment.postcode')}
          hint={t('newEstablishment.postcodeHint')}
          error={form.errorOf('postcode')}
          optional
        >
          {(c) => (
            <input
              {...c}
              {...form.bind('postcode')}
              className="input-code"
              inputMode="numeric"
              maxLength={5}
              autoComplete="postal-code"
            />
          )}
        </Field>
        <Field id={id('city')} label={t('newEstablishment.city')} error={form.errorOf('city')} optional>
          {(c) => <input {...c} {...form.bind('city')} maxLength={100} autoComplete="address-level2" />}
        </Field>
        <Field
          id={id('phone')}
          label={t('newEstablishment.phone')}
          hint={t('newEstablishment.phoneHint')}
          error={form.errorOf('phone')}
          optional
        >
          {(c) => <input {...c} {...form.bind('phone')} type="tel" maxLength={20} autoComplete="tel" />}
        </Field>
        <ReasonField
          form={form}
          formId={FORM}
          name="reason"
          label={t('newEstablishment.reason')}
          hint={t('newEstablishment.reasonHint')}
          optional
          className="span-3"
        />
        <CreateActions
          pending={create.isPending}
          submit={t('newEstablishment.submit')}
          submitting={t('newEstablishment.submitting')}
          cancelTo={paths.establishments()}
          className="span-3"
        />
      </form>
    </section>
  );
}
