/**
 * A console's upkeep on its page: due dates, whether regulation may offer it, the last pre-use
 * check, the checklist to sign, an intervention to record, and the interventions so far.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ops } from '../../../contracts/operations.ts';
import { CHECK_ITEMS, type CheckItem } from '../../../domain/upkeep.ts';
import { call } from '../../api/client.ts';
import { fleetKeys, teamKeys } from '../../api/keys.ts';
import { can, useUser } from '../../auth.tsx';
import { parisToday } from '../../clock.ts';
import { ErrorNotice, ErrorPanel, LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { Field } from '../../components/Field.tsx';
import { formatDateTime, formatDay } from '../../components/format.ts';
import { RecordList } from '../../components/PageParts.tsx';
import { DateField, ReasonField, SelectField, SubmitActions } from '../../forms/fields.tsx';
import { apiFieldErrors, noClientChecks, refusalsOnFields, submitWhenValid, useForm } from '../../forms/useForm.ts';
import { BlockedBadge, CheckRequiredBadge, UpkeepBadge, useDeviceUpkeep } from './upkeep.tsx';

const SIGNING = ['perfusion_master', 'be_agrement', 'ecmo_vv', 'ecmo_va'];

export function DeviceUpkeep(props: { consoleId: string; siteFiness: string | null }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const upkeep = useDeviceUpkeep(props.consoleId);
  const u = upkeep.data;
  const lang = i18n.language;
  const writes = can(user, 'upkeep:write');
  const [done, setDone] = useState<string | null>(null);
  if (upkeep.isError) return <ErrorPanel error={upkeep.error} onRetry={() => void upkeep.refetch()} />;
  if (!u) return <p role="status">{t('app.loading')}</p>;
  return (
    <section aria-labelledby="upkeep-heading" className="device-upkeep">
      <h2 id="upkeep-heading">
        {t('teams.device.heading')} <BlockedBadge blocked={u.blocked} />
      </h2>
      {u.blocked ? <p className="notice notice-error">{t('teams.device.blockedNote')}</p> : null}
      <LiveRegion tone="success">{done}</LiveRegion>
      <RecordList
        rows={[
          [
            t('teams.device.maintenanceDue'),
            <UpkeepBadge key="m" state={u.maintenance} due={u.maintenanceDue} language={lang} />,
          ],
          [
            t('teams.device.calibrationDue'),
            <UpkeepBadge key="c" state={u.calibration} due={u.calibrationDue} language={lang} />,
          ],
          [
            t('teams.device.lastCheck'),
            u.lastCheck ? (
              <span key="k">
                {formatDateTime(u.lastCheck.checkedAt, lang)} · {u.lastCheck.signedBy.name} ·{' '}
                {u.lastCheck.passed ? t('teams.upkeep.passed') : t('teams.upkeep.failed')}
                {u.checkRequired ? (
                  <>
                    {' '}
                    <CheckRequiredBadge />
                  </>
                ) : null}
              </span>
            ) : (
              t('teams.upkeep.neverChecked')
            ),
          ],
        ]}
      />
      {writes ? <CheckForm consoleId={props.consoleId} siteFiness={props.siteFiness} onDone={setDone} /> : null}
      {writes ? <InterventionForm consoleId={props.consoleId} onDone={setDone} /> : null}
      <h3>{t('teams.device.history')}</h3>
      <ul className="upkeep-records">
        {u.records.map((r) => (
          <li key={r.id}>
            <strong>{t(`teams.device.kinds.${r.kind}`)}</strong> · {formatDay(r.performedOn, lang)} · {r.performedBy}{' '}
            <span className="muted">({t('teams.device.nextDue', { date: formatDay(r.nextDue, lang) })})</span>
            {r.notes ? <span className="timeline-reason"> « {r.notes} »</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function useUpkeepMutation<T>(
  consoleId: string,
  send: (input: T) => Promise<unknown>,
  message: string,
  onDone: (m: string) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (updated) => {
      queryClient.setQueryData(fleetKeys.upkeep.device(consoleId), updated);
      void queryClient.invalidateQueries({ queryKey: fleetKeys.upkeep.due.all });
      onDone(message);
    },
  });
}

function CheckForm(props: { consoleId: string; siteFiness: string | null; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const errorText = useErrorText();
  const signers = useQuery({
    queryKey: teamKeys.professionals.list({ finess: props.siteFiness, signers: true }),
    queryFn: () => call(ops.listProfessionals, { query: { finess: props.siteFiness ?? undefined, limit: 200 } }),
    enabled: props.siteFiness !== null,
    select: (data) => data.items.filter((p) => p.validQualifications.some((q) => SIGNING.includes(q))),
  });
  // The server checks the signer and the items (it knows the qualifications): its refusal lands on the fields.
  const form = useForm({ items: [] as readonly string[], signedBy: '', notes: '' }, noClientChecks);
  const { items, signedBy, notes } = form.values;
  const sign = useUpkeepMutation(
    props.consoleId,
    () =>
      call(ops.recordDeviceCheck, {
        params: { id: props.consoleId },
        body: {
          signedBy,
          items: Object.fromEntries(CHECK_ITEMS.map((k) => [k, items.includes(k)])) as Record<CheckItem, boolean>,
          notes: notes || null,
        },
      }),
    t('teams.device.signed'),
    props.onDone,
  );
  const refused = apiFieldErrors(sign.error);
  const submit = submitWhenValid(form, id, ['signedBy'], () => sign.mutate(undefined, refusalsOnFields(form)));
  return (
    <form className="form upkeep-form" noValidate onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('teams.device.checkTitle')}</h3>
      <fieldset className="reg-fieldset">
        <legend className="reg-legend">{t('teams.device.checkHint')}</legend>
        {CHECK_ITEMS.map((k) => (
          <label key={k} className="reg-radio">
            <input type="checkbox" className="reg-choice" {...form.bindOption('items', k)} />{' '}
            {t(`teams.device.items.${k}`)}
          </label>
        ))}
      </fieldset>
      <SelectField form={form} formId={id} name="signedBy" label={t('teams.device.signedBy')}>
        <option value="">{t('teams.team.choose')}</option>
        {(signers.data ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.firstName} {p.lastName} — {t(`teams.professions.${p.profession}`)}
          </option>
        ))}
      </SelectField>
      <ReasonField form={form} formId={id} name="notes" label={t('teams.device.notes')} optional />
      <ErrorNotice>{sign.isError && !refused.signedBy ? errorText(sign.error) : null}</ErrorNotice>
      <SubmitActions pending={sign.isPending} submit={t('teams.device.sign')} submitting={t('teams.device.signing')} />
    </form>
  );
}

function InterventionForm(props: { consoleId: string; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const errorText = useErrorText();
  const form = useForm({ kind: 'calibration', performedOn: parisToday(), performedBy: '', notes: '' }, noClientChecks);
  const { kind, performedOn, performedBy, notes } = form.values;
  const record = useUpkeepMutation(
    props.consoleId,
    () =>
      call(ops.recordMaintenance, {
        params: { id: props.consoleId },
        body: {
          kind: kind === 'maintenance' ? 'maintenance' : 'calibration',
          performedOn,
          performedBy,
          notes: notes || null,
        },
      }),
    t('teams.device.recorded'),
    props.onDone,
  );
  const refused = apiFieldErrors(record.error);
  const submit = submitWhenValid(form, id, ['performedOn', 'performedBy'], () =>
    record.mutate(undefined, refusalsOnFields(form)),
  );
  return (
    <form className="form upkeep-form" noValidate aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h3 id={`${id}-title`}>{t('teams.device.interventionTitle')}</h3>
      <div className="form-grid">
        <Field id={`${id}-kind`} label={t('teams.device.kind')}>
          {(c) => (
            <select {...c} {...form.bind('kind')}>
              <option value="calibration">{t('teams.device.kinds.calibration')}</option>
              <option value="maintenance">{t('teams.device.kinds.maintenance')}</option>
            </select>
          )}
        </Field>
        <DateField
          form={form}
          formId={id}
          name="performedOn"
          label={t('teams.device.performedOn')}
          max={parisToday()}
        />
        <Field id={`${id}-performedBy`} label={t('teams.device.performedBy')} error={form.errorOf('performedBy')}>
          {(c) => <input {...c} {...form.bind('performedBy')} maxLength={120} />}
        </Field>
      </div>
      <ReasonField form={form} formId={id} name="notes" label={t('teams.device.notes')} optional />
      <ErrorNotice>{record.isError && !Object.keys(refused).length ? errorText(record.error) : null}</ErrorNotice>
      <SubmitActions
        pending={record.isPending}
        submit={t('teams.device.record')}
        submitting={t('teams.device.recording')}
        tone="secondary"
      />
    </form>
  );
}
