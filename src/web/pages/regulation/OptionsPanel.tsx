/**
 * The ranked solutions of a request, side by side with the reasons for their rank and the travel
 * assumptions they rest on; deciding one reserves its console and a circuit. When a solution was
 * taken meanwhile, the server refuses and the list is recomputed.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ops } from '../../../contracts/operations.ts';
import type { TEcmoRequest, ZRankedOption } from '../../../contracts/regulation.ts';
import { OPTION_KINDS } from '../../../domain/regulation.ts';
import { call, isApiError } from '../../api/client.ts';
import { regulationKeys } from '../../api/keys.ts';
import { ErrorNotice } from '../../components/Feedback.tsx';
import { formatNumber, formatTime } from '../../components/format.ts';
import { DataTable } from '../../components/ListParts.tsx';
import { ReasonField, SubmitActions } from '../../forms/fields.tsx';
import { submitWhenValid, useForm } from '../../forms/useForm.ts';
import { errorsFrom } from '../../forms/validation.ts';
import { isKeyOf, isOneOf } from '../../i18n/labels.ts';
import { regulationFr } from '../../i18n/regulation.fr.ts';
import { useRequestMutation } from './ActionForms.tsx';
import { useRequestOptions } from './queries.ts';
import { useDuration } from './timing.ts';

type Option = z.infer<typeof ZRankedOption>;

export function OptionsPanel(props: { request: TEcmoRequest; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const { request } = props;
  const id = useId();
  const queryClient = useQueryClient();
  const duration = useDuration();
  const options = useRequestOptions(request.id, true);
  const [chosen, setChosen] = useState<Option | null>(null);
  // The motivation is said wrong once a decision is tried; choosing another solution keeps it, silent again.
  const form = useForm(
    { motivation: '' },
    (v) =>
      errorsFrom({ motivation: v.motivation.trim().length < 3 ? t('validation.tooShort', { count: 3 }) : undefined }),
    { errorsOn: 'submit' },
  );
  const { mutation, error } = useRequestMutation(
    request,
    'decide',
    (option: Option) =>
      call(ops.decideEcmoRequest, {
        params: { id: request.id },
        body: {
          version: request.version,
          optionKey: option.key,
          consoleId: option.consoleId,
          motivation: form.values.motivation,
        },
      }),
    (message) => {
      setChosen(null);
      props.onDone(message);
    },
  );
  const unavailable =
    isApiError(mutation.error) && mutation.error.problem.errors?.some((e) => e.code === 'option_unavailable');
  useEffect(() => {
    if (!unavailable) return;
    // The list was recomputed by the server: show the fresh one and let the regulator choose again.
    setChosen(null);
    void queryClient.invalidateQueries({ queryKey: regulationKeys.options.of(request.id) });
  }, [unavailable, queryClient, request.id]);
  const data = options.data;
  const n = (v: number) => formatNumber(v, i18n.language);
  const reason = (r: Option['reasons'][number]) =>
    isKeyOf(regulationFr.options.reasons, r.code) ? t(`regulation.options.reasons.${r.code}`, r.params) : r.code;

  return (
    <section className="reg-options" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('regulation.options.heading')}</h2>
      <p className="muted">
        {t('regulation.options.intro')}{' '}
        {data ? t('regulation.options.computedAt', { time: formatTime(data.computedAt, i18n.language) }) : null}
      </p>
      <ErrorNotice>{unavailable ? t('regulation.options.refreshed') : error}</ErrorNotice>
      <ErrorNotice>
        {options.isError ? (options.error instanceof Error ? options.error.message : String(options.error)) : null}
      </ErrorNotice>
      {data ? (
        <DataTable
          caption={t('regulation.options.caption')}
          className="reg-options-table"
          busy={options.isFetching}
          colSpan={9}
          empty={
            request.state === 'escalated_national' ? t('regulation.options.noneNational') : t('regulation.options.none')
          }
          columns={
            <>
              <th scope="col">{t('regulation.options.columns.rank')}</th>
              <th scope="col">{t('regulation.options.columns.kind')}</th>
              <th scope="col">{t('regulation.options.columns.provider')}</th>
              <th scope="col">{t('regulation.options.columns.travel')}</th>
              <th scope="col">{t('regulation.options.columns.ecmo')}</th>
              <th scope="col">{t('regulation.options.columns.left')}</th>
              <th scope="col">{t('regulation.options.columns.teams')}</th>
              <th scope="col">{t('regulation.options.columns.why')}</th>
              <th scope="col">{t('regulation.options.columns.action')}</th>
            </>
          }
          rows={data.items.map((o) => (
            <tr key={o.key} data-option={o.kind} className={chosen?.key === o.key ? 'reg-option-chosen' : undefined}>
              <td className="reg-rank">{o.rank}</td>
              <th scope="row">
                <span className={`reg-kind reg-kind-${o.kind}`}>{t(`regulation.options.kinds.${o.kind}`)}</span>
              </th>
              <td>
                {o.provider.name}
                <span className="muted mono"> · {o.consoleSerial}</span>
              </td>
              <td>
                {duration(o.travel.minutes)} <span className="muted">({n(o.travel.distanceKm)} km)</span>
              </td>
              <td>
                <strong>{duration(o.minutesToEcmo)}</strong>
              </td>
              <td className={o.left.consoles === 0 ? 'reg-left-none' : undefined}>
                {t('regulation.options.left', { consoles: o.left.consoles, circuits: o.left.circuits })}
              </td>
              <td>
                {o.team ? (
                  <>
                    {o.team.name}
                    <span className="muted reg-team-ready">
                      {o.team.readyInMinutes
                        ? t('teams.teams.readyIn', { minutes: o.team.readyInMinutes })
                        : t('teams.teams.readyNow')}
                    </span>
                  </>
                ) : o.kind === 'national_stock' || o.kind === 'lend' ? (
                  '—'
                ) : (
                  t('regulation.options.teams', { count: o.teams })
                )}
              </td>
              <td>
                <ul className="reg-reasons">
                  {o.reasons.map((r) => (
                    <li key={r.code}>{reason(r)}</li>
                  ))}
                  <li className="muted">score {n(o.score)}</li>
                </ul>
              </td>
              <td>
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={`${t('regulation.options.choose')} ${t(`regulation.options.kinds.${o.kind}`)} — ${o.provider.name}`}
                  onClick={() => {
                    setChosen(o);
                    form.reset({ motivation: form.values.motivation });
                  }}
                >
                  {t('regulation.options.choose')}
                </button>
              </td>
            </tr>
          ))}
        />
      ) : options.isPending ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
      {chosen ? (
        <form
          className="form reg-decide"
          aria-labelledby={`${id}-decide`}
          noValidate
          onSubmit={submitWhenValid(form, id, ['motivation'], () => mutation.mutate(chosen))}
        >
          <h3 id={`${id}-decide`} className="reg-decide-title">
            {t('regulation.options.decideTitle', {
              kind: t(`regulation.options.kinds.${chosen.kind}`),
              provider: chosen.provider.name,
            })}
          </h3>
          <p className="field-hint">{t('regulation.options.decideHint', { serial: chosen.consoleSerial })}</p>
          <ReasonField form={form} formId={id} name="motivation" label={t('regulation.detail.motivation')} />
          <SubmitActions
            pending={mutation.isPending}
            submit={t('regulation.options.decide')}
            submitting={t('regulation.options.deciding')}
          >
            <button type="button" className="button button-secondary" onClick={() => setChosen(null)}>
              {t('regulation.options.cancel')}
            </button>
          </SubmitActions>
        </form>
      ) : null}
      {data ? (
        <details className="reg-assumptions">
          <summary>{t('regulation.options.assumptions')}</summary>
          <ul>
            <li>
              {t('regulation.options.assumptionRoad', {
                factor: formatNumber(data.assumptions.roadFactor, i18n.language),
                speed: data.assumptions.roadSpeedKmh,
              })}
            </li>
            {data.assumptions.airSpeedKmh ? (
              <li>{t('regulation.options.assumptionAir', { speed: data.assumptions.airSpeedKmh })}</li>
            ) : null}
            <li>
              {t('regulation.options.assumptionSetup', {
                list: Object.entries(data.assumptions.setupMinutes)
                  .map(
                    ([kind, minutes]) =>
                      `${isOneOf(OPTION_KINDS, kind) ? t(`regulation.options.kinds.${kind}`) : kind} ${duration(minutes)}`,
                  )
                  .join(', '),
              })}
            </li>
          </ul>
        </details>
      ) : null}
    </section>
  );
}
