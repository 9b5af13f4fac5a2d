/**
 * A console's upkeep on its page: due dates, whether regulation may offer it, the last pre-use
 * check, the checklist to sign, an intervention to record, and the interventions so far.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ops } from '../../../contracts/operations.ts';
import { CHECK_ITEMS, type CheckItem } from '../../../domain/upkeep.ts';
import { call, isApiError } from '../../api/client.ts';
import { fleetKeys, teamKeys } from '../../api/keys.ts';
import { can, useUser } from '../../auth.tsx';
import { parisToday } from '../../clock.ts';
import { ErrorPanel, LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { Field } from '../../components/Field.tsx';
import { formatDateTime, formatDay } from '../../components/format.ts';
import { RecordList } from '../../components/PageParts.tsx';
import { TextNoteField } from '../../forms/fields.tsx';
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
  const [signedBy, setSignedBy] = useState('');
  const [items, setItems] = useState<Record<CheckItem, boolean>>(
    Object.fromEntries(CHECK_ITEMS.map((k) => [k, false])) as Record<CheckItem, boolean>,
  );
  const [notes, setNotes] = useState('');
  const sign = useUpkeepMutation(
    props.consoleId,
    () =>
      call(ops.recordDeviceCheck, { params: { id: props.consoleId }, body: { signedBy, items, notes: notes || null } }),
    t('teams.device.signed'),
    props.onDone,
  );
  const fields = isApiError(sign.error) ? sign.error.fieldErrors() : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    sign.mutate(undefined);
  };
  return (
    <form className="form upkeep-form" noValidate onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('teams.device.checkTitle')}</h3>
      <fieldset className="reg-fieldset">
        <legend className="reg-legend">{t('teams.device.checkHint')}</legend>
        {CHECK_ITEMS.map((k) => (
          <label key={k} className="reg-radio">
            <input
              type="checkbox"
              className="reg-choice"
              checked={items[k]}
              onChange={(e) => setItems((prev) => ({ ...prev, [k]: e.target.checked }))}
            />{' '}
            {t(`teams.device.items.${k}`)}
          </label>
        ))}
      </fieldset>
      <Field id={`${id}-signer`} label={t('teams.device.signedBy')} error={fields.signedBy}>
        {(c) => (
          <select {...c} value={signedBy} onChange={(e) => setSignedBy(e.target.value)}>
            <option value="">{t('teams.team.choose')}</option>
            {(signers.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.firstName} {p.lastName} — {t(`teams.professions.${p.profession}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextNoteField id={`${id}-notes`} label={t('teams.device.notes')} optional value={notes} onChange={setNotes} />
      {sign.isError && !fields.signedBy ? (
        <p className="notice notice-error" role="alert">
          {errorText(sign.error)}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={sign.isPending}>
          {sign.isPending ? t('teams.device.signing') : t('teams.device.sign')}
        </button>
      </div>
    </form>
  );
}

function InterventionForm(props: { consoleId: string; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const errorText = useErrorText();
  const [kind, setKind] = useState<'maintenance' | 'calibration'>('calibration');
  const [performedOn, setPerformedOn] = useState(parisToday());
  const [performedBy, setPerformedBy] = useState('');
  const [notes, setNotes] = useState('');
  const record = useUpkeepMutation(
    props.consoleId,
    () =>
      call(ops.recordMaintenance, {
        params: { id: props.consoleId },
        body: { kind, performedOn, performedBy, notes: notes || null },
      }),
    t('teams.device.recorded'),
    props.onDone,
  );
  const fields = isApiError(record.error) ? record.error.fieldErrors() : {};
  return (
    <form
      className="form upkeep-form"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        record.mutate(undefined);
      }}
    >
      <h3 id={`${id}-title`}>{t('teams.device.interventionTitle')}</h3>
      <div className="form-grid">
        <Field id={`${id}-kind`} label={t('teams.device.kind')}>
          {(c) => (
            <select {...c} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              <option value="calibration">{t('teams.device.kinds.calibration')}</option>
              <option value="maintenance">{t('teams.device.kinds.maintenance')}</option>
            </select>
          )}
        </Field>
        <Field id={`${id}-on`} label={t('teams.device.performedOn')} error={fields.performedOn}>
          {(c) => (
            <input
              {...c}
              type="date"
              value={performedOn}
              max={parisToday()}
              onChange={(e) => setPerformedOn(e.target.value)}
            />
          )}
        </Field>
        <Field id={`${id}-by`} label={t('teams.device.performedBy')} error={fields.performedBy}>
          {(c) => <input {...c} value={performedBy} maxLength={120} onChange={(e) => setPerformedBy(e.target.value)} />}
        </Field>
      </div>
      <TextNoteField id={`${id}-notes`} label={t('teams.device.notes')} optional value={notes} onChange={setNotes} />
      {record.isError && !Object.keys(fields).length ? (
        <p className="notice notice-error" role="alert">
          {errorText(record.error)}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-secondary" disabled={record.isPending}>
          {record.isPending ? t('teams.device.recording') : t('teams.device.record')}
        </button>
      </div>
    </form>
  );
}
