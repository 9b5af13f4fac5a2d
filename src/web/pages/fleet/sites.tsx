/**
 * Where consoles and lots are: the depots, a site's name, and the site fields of the fleet's forms; with
 * them the reason field those forms share.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TSite } from '../../../contracts/fleet.ts';
import { ops } from '../../../contracts/operations.ts';
import { call } from '../../api/client.ts';
import { fleetKeys } from '../../api/keys.ts';
import { FinessField, ReasonField, SelectField } from '../../forms/fields.tsx';
import type { FormFields } from '../../forms/useForm.ts';

export function useDepots() {
  return useQuery({
    queryKey: fleetKeys.depots,
    queryFn: () => call(ops.listDepots),
    staleTime: 10 * 60_000,
    select: (data) => data.items,
  });
}

export function SiteName(props: { site: TSite | null; withRegion?: boolean }) {
  const { t } = useTranslation();
  if (!props.site) return <span className="site-national">{t('fleet.devices.nationalStock')}</span>;
  return (
    <span className="site-name">
      {props.site.kind === 'depot' ? (
        <span className="tag tag-depot" title={t('fleet.devices.depotHint')}>
          {t('fleet.devices.depot')}
        </span>
      ) : null}
      {props.site.name}
      {props.withRegion ? <span className="site-code mono muted"> {props.site.id}</span> : null}
    </span>
  );
}

/** Maps the API's `site`, `site.finess`, `site.depot` error paths onto a form's site fields. */
export function siteFieldOf(path: string, siteKind: string, names: { finess: string; depot: string }): string {
  if (path === 'site.finess') return names.finess;
  if (path === 'site.depot') return names.depot;
  if (path === 'site' || path.startsWith('site.')) return siteKind === 'depot' ? names.depot : names.finess;
  return path;
}

type Depots = NonNullable<ReturnType<typeof useDepots>['data']>;

/** The depot a console or a lot is at, chosen among the depots. */
export function DepotField<K extends string>(props: {
  form: FormFields<K>;
  formId: string;
  name: K;
  depots: Depots | undefined;
}) {
  const { t } = useTranslation();
  return (
    <SelectField form={props.form} formId={props.formId} name={props.name} label={t('fleet.form.depot')}>
      <option value="">{t('fleet.form.chooseDepot')}</option>
      {(props.depots ?? []).map((x) => (
        <option key={x.id} value={x.id}>
          {x.name}
        </option>
      ))}
    </SelectField>
  );
}

/** Where something is: the kind of site, then the depot or the establishment's FINESS. */
export function SiteFields<K extends string>(props: {
  form: FormFields<K> & { values: Record<K, string> };
  formId: string;
  names: { kind: K; finess: K; depot: K };
  finessLabel: string;
  depots: Depots | undefined;
}) {
  const { t } = useTranslation();
  const { form, formId, names } = props;
  return (
    <>
      <SelectField form={form} formId={formId} name={names.kind} label={t('fleet.newDevice.siteKind')}>
        <option value="establishment">{t('fleet.newDevice.siteEstablishment')}</option>
        <option value="depot">{t('fleet.newDevice.siteDepot')}</option>
      </SelectField>
      {form.values[names.kind] === 'depot' ? (
        <DepotField form={form} formId={formId} name={names.depot} depots={props.depots} />
      ) : (
        <FinessField
          form={form}
          formId={formId}
          name={names.finess}
          label={props.finessLabel}
          hint={t('fleet.form.finessHint')}
        />
      )}
    </>
  );
}

/** The reason of a change to a console or a lot (kept in its history), across the whole row of the form grid. */
export function ChangeReasonField<K extends string>(props: { form: FormFields<K>; formId: string; name: K }) {
  const { t } = useTranslation();
  return <ReasonField {...props} label={t('fleet.form.reason')} hint={t('fleet.form.reasonHint')} className="span-3" />;
}
