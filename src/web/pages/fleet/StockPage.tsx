/**
 * Consumables by lot: circuits and cannulas per site with expiry (expired lots on request, never
 * counted available), totals, and a form to receive or remove units of a lot with a reason.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CANNULA_TYPES, STOCK_KINDS, type TStockLot, ZAdjustStock } from '../../../contracts/fleet.ts';
import { ops } from '../../../contracts/operations.ts';
import { call, isApiError } from '../../api/client.ts';
import { useRegions } from '../../api/queries.ts';
import { can, useUser } from '../../auth.tsx';
import { ErrorPanel, LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { Field } from '../../components/Field.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { useUrlFilters } from '../../components/searchParams.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDate, formatNumber } from '../../format.ts';
import { focusFirstError, noticeText, useForm } from '../../forms/useForm.ts';
import { validate } from '../../forms/validation.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { homeFiness, SiteName, siteFieldOf, useDepots } from './shared.tsx';

const PAGE_SIZE = 50;
const FORM = 'stock-adjust';
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

/** Today in Europe/Paris, as YYYY-MM-DD. */
const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const daysUntil = (date: string, today: string) =>
  Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);

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

export function StockPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('fleet.stock.title'));
  const user = useUser();
  const id = useId();
  const { params, update, page } = useUrlFilters();
  const region = /^\d{2}$/.test(params.get('region') ?? '') ? (params.get('region') ?? '') : '';
  const kindParam = params.get('kind') ?? '';
  const kind = (STOCK_KINDS as readonly string[]).includes(kindParam) ? (kindParam as 'circuit' | 'cannula') : '';
  const includeExpired = params.get('expired') === '1';
  const offset = (page - 1) * PAGE_SIZE;
  const regions = useRegions();
  const [prefill, setPrefill] = useState<{ lot: TStockLot; at: number } | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const n = (v: number) => formatNumber(v, i18n.language);
  const today = parisToday();

  const list = useQuery({
    queryKey: ['stock', { region, kind, includeExpired, offset }],
    queryFn: () =>
      call(ops.listStock, {
        query: {
          region: region || undefined,
          itemKind: kind || undefined,
          includeExpired: includeExpired ? 'true' : 'false',
          limit: PAGE_SIZE,
          offset,
        },
      }),
    placeholderData: keepPreviousData,
  });
  const data = list.data;
  const mayAdjust = can(user, 'stock:adjust');

  const kindLabel = (lot: TStockLot) =>
    lot.itemKind === 'circuit'
      ? t('fleet.stock.kinds.circuit')
      : t('fleet.stock.cannulaOf', {
          type: lot.cannulaType ? t(`fleet.stock.cannulaTypes.${lot.cannulaType}`) : '',
          size: lot.sizeFr ?? '?',
        });

  return (
    <section className="page page-wide fleet-ui">
      <div className="page-header">
        <h1>{t('fleet.stock.title')}</h1>
        {mayAdjust ? (
          <button
            type="button"
            className="button button-primary"
            aria-expanded={formOpen}
            aria-controls={`${FORM}-panel`}
            onClick={() => {
              setPrefill(null);
              setFormOpen((open) => !open);
            }}
          >
            {formOpen ? t('fleet.stock.closeForm') : t('fleet.stock.openForm')}
          </button>
        ) : null}
      </div>

      {mayAdjust && formOpen ? (
        <AdjustForm
          key={prefill ? `${prefill.lot.id}-${prefill.at}` : 'blank'}
          prefill={prefill?.lot ?? null}
          onClose={() => setFormOpen(false)}
        />
      ) : null}

      <search className="filters" aria-label={t('common.filters')}>
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
          <label htmlFor={`${id}-kind`}>{t('fleet.stock.kind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => update({ kind: e.target.value })}>
            <option value="">{t('fleet.stock.allKinds')}</option>
            {STOCK_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`fleet.stock.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-check">
          <input
            id={`${id}-expired`}
            type="checkbox"
            checked={includeExpired}
            onChange={(e) => update({ expired: e.target.checked ? '1' : null })}
          />
          <label htmlFor={`${id}-expired`}>{t('fleet.stock.includeExpired')}</label>
        </div>
      </search>

      {data ? (
        <ul className="key-figures key-figures-small" aria-label={t('fleet.stock.totals')}>
          <li className="key-figure">
            <span className="key-label">{t('fleet.stock.availableCircuits')}</span>
            <span className="key-value">{n(data.available.circuits)}</span>
          </li>
          <li className="key-figure">
            <span className="key-label">{t('fleet.stock.availableCannulas')}</span>
            <span className="key-value">{n(data.available.cannulas)}</span>
          </li>
          <li className="key-figure key-note">
            <span className="key-sub">{t('fleet.stock.availableNote')}</span>
          </li>
        </ul>
      ) : null}

      {list.isError ? <ErrorPanel error={list.error} onRetry={() => void list.refetch()} /> : null}
      <p className="result-count" role="status">
        {data ? t('fleet.stock.count', { count: data.total, formatted: n(data.total) }) : t('app.loading')}
      </p>

      {data ? (
        <>
          <div className="table-scroll">
            <table className="data-table" aria-busy={list.isFetching || undefined}>
              <caption>{includeExpired ? t('fleet.stock.captionExpired') : t('fleet.stock.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('fleet.stock.colSite')}</th>
                  <th scope="col">{t('fleet.stock.colKind')}</th>
                  <th scope="col">{t('fleet.stock.colProduct')}</th>
                  <th scope="col">{t('fleet.stock.colLot')}</th>
                  <th scope="col">{t('fleet.stock.colExpiry')}</th>
                  <th scope="col" className="cell-num">
                    {t('fleet.stock.colQuantity')}
                  </th>
                  {mayAdjust ? (
                    <th scope="col">
                      <span className="visually-hidden">{t('fleet.stock.colActions')}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 ? (
                  <tr>
                    <td colSpan={mayAdjust ? 7 : 6} className="table-empty">
                      {t('fleet.stock.empty')}
                    </td>
                  </tr>
                ) : (
                  data.items.map((lot) => {
                    const days = daysUntil(lot.expiryDate, today);
                    return (
                      <tr key={lot.id} className={lot.expired ? 'row-expired' : undefined}>
                        <td>
                          <SiteName site={lot.site} />
                        </td>
                        <td>{kindLabel(lot)}</td>
                        <td>{lot.product}</td>
                        <th scope="row" className="mono">
                          {lot.lotNumber}
                        </th>
                        <td>
                          <span className="expiry">{formatDate(`${lot.expiryDate}T12:00:00Z`, i18n.language)}</span>{' '}
                          {lot.expired ? (
                            <span className="badge badge-expired">
                              <span aria-hidden="true">✕ </span>
                              {t('fleet.stock.expired')}
                            </span>
                          ) : days <= 30 ? (
                            <span className="badge badge-soon">
                              <span aria-hidden="true">◷ </span>
                              {t('fleet.stock.expiresIn', { count: days })}
                            </span>
                          ) : null}
                        </td>
                        <td className="cell-num cell-strong">{n(lot.quantity)}</td>
                        {mayAdjust ? (
                          <td>
                            <button
                              type="button"
                              className="button button-secondary button-small"
                              aria-label={t('fleet.stock.adjustLot', { lot: lot.lotNumber, site: lot.site.name })}
                              onClick={() => {
                                setPrefill({ lot, at: Date.now() });
                                setFormOpen(true);
                              }}
                            >
                              {t('fleet.stock.adjust')}
                            </button>
                          </td>
                        ) : null}
                      </tr>
                    );
                  })
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

function AdjustForm(props: { prefill: TStockLot | null; onClose: () => void }) {
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
      void queryClient.invalidateQueries({ queryKey: ['stock'] });
      void queryClient.invalidateQueries({ queryKey: ['board'] });
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
      const raw = isApiError(error) ? error.fieldErrors() : {};
      const fields: Record<string, string> = {};
      for (const [path, message] of Object.entries(raw)) fields[fieldOf(path, form.values)] ??= message;
      if (isApiError(error) && error.code === 'forbidden') {
        fields[form.values.siteKind === 'depot' ? 'depot' : 'finess'] = t('fleet.form.outOfScope');
      }
      const known = Object.keys(fields).some((f) => (FIELDS as readonly string[]).includes(f));
      form.setServerErrors(fields);
      form.setNotice(known ? { kind: 'invalid' } : { kind: 'text', text: errorText(error) });
      focusFirstError(FORM, FIELDS, fields);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.markSubmitted();
    setDone(null);
    if (form.hasClientErrors) {
      form.setNotice({ kind: 'invalid' });
      focusFirstError(FORM, FIELDS, form.clientErrors);
      return;
    }
    form.setNotice(null);
    adjust.mutate(toInput(form.values));
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
    <section id={`${FORM}-panel`} className="panel adjust-panel" aria-labelledby={`${FORM}-heading`}>
      <h2 id={`${FORM}-heading`}>
        {lot ? t('fleet.stock.form.headingLot', { lot: lot.lotNumber }) : t('fleet.stock.form.heading')}
      </h2>
      <p className="muted">{t('fleet.stock.form.intro')}</p>
      <LiveRegion tone="success">{done}</LiveRegion>
      <LiveRegion tone="error">{notice}</LiveRegion>
      <form id={FORM} className="form form-wide" onSubmit={submit} noValidate>
        <div className="form-grid form-grid-4">
          <Field id={id('siteKind')} label={t('fleet.newDevice.siteKind')} error={form.errorOf('siteKind')}>
            {(c) => (
              <select {...c} {...form.bind('siteKind')}>
                <option value="establishment">{t('fleet.newDevice.siteEstablishment')}</option>
                <option value="depot">{t('fleet.newDevice.siteDepot')}</option>
              </select>
            )}
          </Field>
          {v.siteKind === 'depot' ? (
            <Field id={id('depot')} label={t('fleet.form.depot')} error={form.errorOf('depot')}>
              {(c) => (
                <select {...c} {...form.bind('depot')}>
                  <option value="">{t('fleet.form.chooseDepot')}</option>
                  {(depots.data ?? []).map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : (
            <Field
              id={id('finess')}
              label={t('fleet.form.finess')}
              hint={t('fleet.form.finessHint')}
              error={form.errorOf('finess')}
            >
              {(c) => (
                <input
                  {...c}
                  {...form.bind('finess')}
                  className="input-code"
                  maxLength={9}
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
            </Field>
          )}
          <Field id={id('itemKind')} label={t('fleet.stock.kind')} error={form.errorOf('itemKind')}>
            {(c) => (
              <select {...c} {...form.bind('itemKind')}>
                {STOCK_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`fleet.stock.kinds.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {v.itemKind === 'cannula' ? (
            <Field id={id('cannulaType')} label={t('fleet.stock.form.cannulaType')} error={form.errorOf('cannulaType')}>
              {(c) => (
                <select {...c} {...form.bind('cannulaType')}>
                  <option value="">{t('fleet.stock.form.chooseType')}</option>
                  {CANNULA_TYPES.map((k) => (
                    <option key={k} value={k}>
                      {t(`fleet.stock.cannulaTypes.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
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
          <Field id={id('expiryDate')} label={t('fleet.stock.form.expiry')} error={form.errorOf('expiryDate')}>
            {(c) => <input {...c} {...form.bind('expiryDate')} type="date" />}
          </Field>
          <Field id={id('direction')} label={t('fleet.stock.form.direction')} error={form.errorOf('direction')}>
            {(c) => (
              <select {...c} {...form.bind('direction')}>
                <option value="receive">{t('fleet.stock.form.receive')}</option>
                <option value="remove">{t('fleet.stock.form.remove')}</option>
              </select>
            )}
          </Field>
          <Field
            id={id('quantity')}
            label={t('fleet.stock.form.quantity')}
            hint={t('fleet.stock.form.quantityHint')}
            error={form.errorOf('quantity')}
          >
            {(c) => <input {...c} {...form.bind('quantity')} inputMode="numeric" maxLength={5} autoComplete="off" />}
          </Field>
          <Field
            id={id('reason')}
            label={t('fleet.form.reason')}
            hint={t('fleet.form.reasonHint')}
            error={form.errorOf('reason')}
            className="span-3"
          >
            {(c) => <textarea {...c} {...form.bind('reason')} rows={2} maxLength={500} />}
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={adjust.isPending}>
            {adjust.isPending ? t('fleet.stock.form.submitting') : t('fleet.stock.form.submit')}
          </button>
          <button type="button" className="button button-secondary" onClick={props.onClose}>
            {t('fleet.stock.closeForm')}
          </button>
        </div>
      </form>
    </section>
  );
}
