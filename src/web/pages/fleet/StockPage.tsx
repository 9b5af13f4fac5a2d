/**
 * Consumables by lot: circuits and cannulas per site with expiry (expired lots on request, never
 * counted available), totals, and the form to receive or remove units of a lot (StockAdjustForm).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STOCK_KINDS, type TStockLot } from '../../../contracts/fleet.ts';
import { ops } from '../../../contracts/operations.ts';
import { call } from '../../api/client.ts';
import { fleetKeys } from '../../api/keys.ts';
import { can, useUser } from '../../auth.tsx';
import { parisToday } from '../../clock.ts';
import { Badge } from '../../components/Badge.tsx';
import { formatDate, formatNumber } from '../../components/format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { DataTable, FilterSelect, RegionFilter } from '../../components/ListParts.tsx';
import { pickParam, REGION_CODE, usePagedFilters } from '../../components/searchParams.ts';
import { ADJUST_PANEL, AdjustForm } from './StockAdjustForm.tsx';
import { SiteName } from './sites.tsx';

const PAGE_SIZE = 50;

const daysUntil = (date: string, today: string) =>
  Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);

export function StockPage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const id = useId();
  const { params, update, offset, pages } = usePagedFilters(PAGE_SIZE);
  const region = pickParam(params.get('region'), REGION_CODE);
  const kindParam = params.get('kind') ?? '';
  const kind = (STOCK_KINDS as readonly string[]).includes(kindParam) ? (kindParam as 'circuit' | 'cannula') : '';
  const includeExpired = params.get('expired') === '1';
  const [prefill, setPrefill] = useState<{ lot: TStockLot; at: number } | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const n = (v: number) => formatNumber(v, i18n.language);
  const today = parisToday();

  const list = useQuery({
    queryKey: fleetKeys.stock.list({ region, kind, includeExpired, offset }),
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
    <ListPage
      title={t('fleet.stock.title')}
      className="fleet-ui"
      actions={
        mayAdjust ? (
          <button
            type="button"
            className="button button-primary"
            aria-expanded={formOpen}
            aria-controls={ADJUST_PANEL}
            onClick={() => {
              setPrefill(null);
              setFormOpen((open) => !open);
            }}
          >
            {formOpen ? t('fleet.stock.closeForm') : t('fleet.stock.openForm')}
          </button>
        ) : null
      }
      before={
        mayAdjust && formOpen ? (
          <AdjustForm
            key={prefill ? `${prefill.lot.id}-${prefill.at}` : 'blank'}
            prefill={prefill?.lot ?? null}
            onClose={() => setFormOpen(false)}
          />
        ) : null
      }
      filters={
        <>
          <RegionFilter id={`${id}-region`} value={region} onChange={(value) => update({ region: value })} />
          <FilterSelect
            id={`${id}-kind`}
            label={t('fleet.stock.kind')}
            all={t('fleet.stock.allKinds')}
            value={kind}
            onChange={(value) => update({ kind: value })}
            options={STOCK_KINDS}
            optionLabel={(k) => t(`fleet.stock.kinds.${k}`)}
          />
          <div className="field field-check">
            <input
              id={`${id}-expired`}
              type="checkbox"
              checked={includeExpired}
              onChange={(e) => update({ expired: e.target.checked ? '1' : null })}
            />
            <label htmlFor={`${id}-expired`}>{t('fleet.stock.includeExpired')}</label>
          </div>
        </>
      }
      after={
        data ? (
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
        ) : null
      }
      query={list}
      count={data ? t('fleet.stock.count', { count: data.total, formatted: n(data.total) }) : null}
    >
      {data ? (
        <DataTable
          caption={includeExpired ? t('fleet.stock.captionExpired') : t('fleet.stock.caption')}
          busy={list.isFetching}
          columns={
            <>
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
            </>
          }
          colSpan={mayAdjust ? 7 : 6}
          empty={t('fleet.stock.empty')}
          rows={data.items.map((lot) => {
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
                    <Badge tone="danger" strong icon="✕">
                      {t('fleet.stock.expired')}
                    </Badge>
                  ) : days <= 30 ? (
                    <Badge tone="warning" icon="◷">
                      {t('fleet.stock.expiresIn', { count: days })}
                    </Badge>
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
                        setPrefill({ lot, at: performance.now() });
                        setFormOpen(true);
                      }}
                    >
                      {t('fleet.stock.adjust')}
                    </button>
                  </td>
                ) : null}
              </tr>
            );
          })}
          pages={pages(data.total)}
        />
      ) : null}
    </ListPage>
  );
}
