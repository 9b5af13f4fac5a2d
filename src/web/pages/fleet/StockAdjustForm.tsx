/** The form to receive or remove units of a lot, with a reason; opened blank or from a lot's row. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CANNULA_TYPES, STOCK_KINDS, type TStockLot, ZAdjustStock } from '../../../contracts/fleet.ts';
import { ops } from '../../../contracts/operations.ts';
import { call, isApiError } from '../../api/client.ts';
import { boardKeys, fleetKeys } from '../../api/keys.ts';
import { useUser } from '../../auth.tsx';
import { parisToday } from '../../clock.ts';
import { LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { Field } from '../../components/Field.tsx';
import { homeFiness } from '../../components/userScope.ts';
import { DateField, SelectField, SubmitActions } from '../../forms/fields.tsx';
import { apiFieldErrors, noticeText, showServerErrors, submitWhenValid, useForm } from '../../forms/useForm.ts';
import { validate } from '../../forms/validation.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { ChangeReasonField, SiteFields, siteFieldOf, useDepots } from './sites.tsx';

const FORM = 'stock-adjust';
/** The id of the form's panel, for the button that opens it. */
export const ADJUST_PANEL = `${FORM}-panel`;
const FIELDS = [
  'siteKind',
  'finess',
  'depot',
  'itemKind',
  'cannulaType',
  'sizeFr',
  'product',
  'lotNumber',
  'expiryDate',
  'direction',
  'quantity',
  'reason',
] as const;
type Values = Record<(typeof FIELDS)[number], string>;
type AdjustInput = z.input<typeof ZAdjustStock>;

function toInput(v: Values): AdjustInput {
  const cannula = v.itemKind === 'cannula';
  const quantity = /^\d+$/.test(v.quantity.trim()) ? Number(v.quantity) : Number.NaN;
  return {
    site: v.siteKind === 'depot' ? { depot: v.depot } : { finess: v.finess },
    itemKind: v.itemKind as 'circuit' | 'cannula',
    cannulaType: cannula && v.cannulaType ? (v.cannulaType as (typeof CANNULA_TYPES)[number]) : null,
    sizeFr: cannula && v.sizeFr.trim() !== '' ? Number(v.sizeFr) : null,
    product: v.product,
    lotNumber: v.lotNumber,
    expiryDate: v.expiryDate,
    delta: (v.direction === 'remove' ? -1 : 1) * quantity,
    reason: v.reason,
  };
}

const fieldOf = (path: string, v: Values) => {
  if (path === 'delta') return 'quantity';
  return siteFieldOf(path, v.siteKind, { finess: 'finess', depot: 'depot' });
};

export function AdjustForm(props: { prefill: TStockLot | null; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const depots = useDepots();
  const lang = currentLanguage();
  const [done, setDone] = useState<string | null>(null);
  const lot = props.prefill;
  const initial: Values = {
    siteKind: lot?.site.kind ?? 'establishment',
    finess: lot ? (lot.site.kind === 'establishment' ? lot.site.id : '') : homeFiness(user),
    depot: lot?.site.kind === 'depot' ? lot.site.id : '',
    itemKind: lot?.itemKind ?? 'circuit',
    cannulaType: lot?.cannulaType ?? '',
    sizeFr: lot?.sizeFr === null || lot?.sizeFr === undefined ? '' : String(lot.sizeFr),
    product: lot?.product ?? '',
    lotNumber: lot?.lotNumber ?? '',
    expiryDate: lot?.expiryDate ?? '',
    direction: lot?.expired ? 'remove' : 'receive',
    quantity: '',
    reason: '',
  };

  const form = useForm<Values>(initial, (values) => {
    const errors =
      validate(ZAdjustStock, toInput(values), {
        lang,
        t,
        values,
        expect: {
          quantity: t('fleet.stock.form.quantityExpected'),
          expiryDate: t('fleet.stock.form.expiryExpected'),
          depot: t('fleet.form.depotRequired'),
          sizeFr: t('fleet.stock.form.sizeExpected'),
        },
        fieldOf: (path) => fieldOf(path, values),
      }).errors ?? {};
    if (values.itemKind === 'cannula') {
      if (!values.cannulaType) errors.cannulaType ??= t('fleet.stock.form.cannulaTypeRequired');
      if (!values.sizeFr.trim()) errors.sizeFr ??= t('fleet.stock.form.sizeExpected');
    }
    if (values.siteKind === 'depot' && !values.depot) errors.depot ??= t('fleet.form.depotRequired');
    if (values.direction === 'receive' && /^\d{4}-\d{2}-\d{2}$/.test(values.expiryDate)) {
      if (values.expiryDate < parisToday()) errors.expiryDate ??= t('fleet.stock.form.expiredReceive');
    }
    return errors;
  });

  const adjust = useMutation({
    mutationFn: (body: AdjustInput) => call(ops.adjustStock, { body }),
    onSuccess: (saved, body) => {
      void queryClient.invalidateQueries({ queryKey: fleetKeys.stock.all });
      void queryClient.invalidateQueries({ queryKey: boardKeys.all });
      setDone(
        t(Number(body.delta) > 0 ? 'fleet.stock.form.received' : 'fleet.stock.form.removed', {
          count: Math.abs(Number(body.delta)),
          lot: saved.lotNumber,
          site: saved.site.name,
          quantity: saved.quantity,
        }),
      );
      // Ready for the next movement of the same lot: the figures typed are cleared, without errors.
      const keep = { ...form.values, quantity: '', reason: '' };
      form.reset();
      form.set(keep);
    },
    onError: (error) => {
      setDone(null);
      const fields = apiFieldErrors(error, (path) => fieldOf(path, form.values));
      if (isApiError(error) && error.code === 'forbidden') {
        fields[form.values.siteKind === 'depot' ? 'depot' : 'finess'] = t('fleet.form.outOfScope');
      }
      showServerErrors(form, FORM, FIELDS, fields, errorText(error));
    },
  });

  const send = submitWhenValid(form, FORM, FIELDS, () => adjust.mutate(toInput(form.values)));
  const submit = (event: FormEvent) => {
    setDone(null);
    send(event);
  };

  // Opened from a lot's row: the lot is filled in, the quantity is what remains to type.
  useEffect(() => {
    const target = document.getElementById(lot ? `${FORM}-quantity` : `${FORM}-siteKind`);
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }, [lot]);

  const notice = noticeText(form, t);
  const id = (field: string) => `${FORM}-${field}`;
  const v = form.values;
  return (
    <section id={ADJUST_PANEL} className="panel adjust-panel" aria-labelledby={`${FORM}-heading`}>
      <h2 id={`${FORM}-heading`}>
        {lot ? t('fleet.stock.form.headingLot', { lot: lot.lotNumber }) : t('fleet.stock.form.heading')}
      </h2>
      <p className="muted">{t('fleet.stock.form.intro')}</p>
      <LiveRegion tone="success">{done}</LiveRegion>
      <LiveRegion tone="error">{notice}</LiveRegion>
      <form id={FORM} className="form form-wide" onSubmit={submit} noValidate>
        <div className="form-grid form-grid-4">
          <SiteFields
            form={form}
            formId={FORM}
            names={{ kind: 'siteKind', finess: 'finess', depot: 'depot' }}
            finessLabel={t('fleet.form.finess')}
            depots={depots.data}
          />
          <SelectField form={form} formId={FORM} name="itemKind" label={t('fleet.stock.kind')}>
            {STOCK_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`fleet.stock.kinds.${k}`)}
              </option>
            ))}
          </SelectField>
          {v.itemKind === 'cannula' ? (
            <SelectField form={form} formId={FORM} name="cannulaType" label={t('fleet.stock.form.cannulaType')}>
              <option value="">{t('fleet.stock.form.chooseType')}</option>
              {CANNULA_TYPES.map((k) => (
                <option key={k} value={k}>
                  {t(`fleet.stock.cannulaTypes.${k}`)}
                </option>
              ))}
            </SelectField>
          ) : (
            <p className="field-note">{t('fleet.stock.form.circuitNote')}</p>
          )}
          {v.itemKind === 'cannula' ? (
            <Field
              id={id('sizeFr')}
              label={t('fleet.stock.form.size')}
              hint={t('fleet.stock.form.sizeHint')}
              error={form.errorOf('sizeFr')}
            >
              {(c) => <input {...c} {...form.bind('sizeFr')} inputMode="numeric" maxLength={2} autoComplete="off" />}
            </Field>
          ) : null}
          <Field id={id('product')} label={t('fleet.stock.form.product')} error={form.errorOf('product')}>
            {(c) => <input {...c} {...form.bind('product')} maxLength={120} autoComplete="off" />}
          </Field>
          <Field id={id('lotNumber')} label={t('fleet.stock.form.lot')} error={form.errorOf('lotNumber')}>
            {(c) => (
              <input
                {...c}
                {...form.bind('lotNumber')}
                className="input-code"
                maxLength={60}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
          <DateField form={form} formId={FORM} name="expiryDate" label={t('fleet.stock.form.expiry')} />
          <SelectField form={form} formId={FORM} name="direction" label={t('fleet.stock.form.direction')}>
            <option value="receive">{t('fleet.stock.form.receive')}</option>
            <option value="remove">{t('fleet.stock.form.remove')}</option>
          </SelectField>
          <Field
            id={id('quantity')}
            label={t('fleet.stock.form.quantity')}
            hint={t('fleet.stock.form.quantityHint')}
            error={form.errorOf('quantity')}
          >
            {(c) => <input {...c} {...form.bind('quantity')} inputMode="numeric" maxLength={5} autoComplete="off" />}
          </Field>
          <ChangeReasonField form={form} formId={FORM} name="reason" />
        </div>
        <SubmitActions
          pending={adjust.isPending}
          submit={t('fleet.stock.form.submit')}
          submitting={t('fleet.stock.form.submitting')}
        >
          <button type="button" className="button button-secondary" onClick={props.onClose}>
            {t('fleet.stock.closeForm')}
          </button>
        </SubmitActions>
      </form>
    </section>
  );
}
