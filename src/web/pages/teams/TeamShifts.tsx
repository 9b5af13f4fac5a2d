/**
 * A team's shifts of one week, editable by those who keep its roster: add a garde or an astreinte for
 * a member, or remove one. Saving replaces the team's shifts starting in that week (upsertShifts):
 * the server refuses a shift ending before it starts or a person already on duty elsewhere.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ops } from '../../../contracts/operations.ts';
import type { TTeam } from '../../../contracts/teams.ts';
import { parisDate, parisWallTime, shiftIsoWeek } from '../../../domain/time.ts';
import { call, isApiError } from '../../api/client.ts';
import { teamKeys } from '../../api/keys.ts';
import { can, useUser } from '../../auth.tsx';
import { LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { Field } from '../../components/Field.tsx';
import { formatDay, formatTime } from '../../components/format.ts';
import { SubmitActions } from '../../forms/fields.tsx';
import { noClientChecks, useForm } from '../../forms/useForm.ts';
import { useShifts, weekOf } from './queries.ts';

type Draft = {
  professionalId: string;
  role: TTeam['members'][number]['role'];
  kind: 'on_site' | 'on_call';
  startsAt: string;
  endsAt: string;
  callInMinutes: number;
  name: string;
};

export function TeamShifts(props: { team: TTeam }) {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const id = useId();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [weekParam, setWeekParam] = useState<string | null>(null);
  const { week, days, from, to } = weekOf(weekParam);
  const list = useShifts({ team: props.team.id, from: from.toISOString(), to: to.toISOString() });
  const editable = can(user, 'roster:write');
  const lang = i18n.language;
  const inWeek = (list.data?.shifts ?? []).filter(
    (s) => new Date(s.startsAt).getTime() >= from.getTime() && new Date(s.startsAt).getTime() < to.getTime(),
  );
  const shift = useForm(
    { member: '', kind: 'on_site', day: days[0] as string, start: '08:00', end: '20:00', callIn: '30' },
    noClientChecks,
  );
  const form = shift.values;
  const [done, setDone] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (shifts: Draft[]) =>
      call(ops.upsertShifts, {
        params: { id: props.team.id },
        body: {
          from: from.toISOString(),
          to: to.toISOString(),
          shifts: shifts.map(({ name: _, ...s }) => s),
        },
      }),
    onMutate: () => setDone(null),
    onSuccess: () => {
      setDone(t('teams.team.shiftsSaved'));
      void queryClient.invalidateQueries({ queryKey: teamKeys.shifts.all });
      void queryClient.invalidateQueries({ queryKey: teamKeys.availability.all });
    },
  });
  const current: Draft[] = inWeek.map((s) => ({
    professionalId: s.professionalId,
    role: s.role,
    kind: s.kind,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    callInMinutes: s.callInMinutes,
    name: s.name,
  }));
  const add = (event: FormEvent) => {
    event.preventDefault();
    const member = props.team.members.find((m) => m.professionalId === form.member);
    if (!member) return;
    const start = parisWallTime(form.day, form.start);
    let end = parisWallTime(form.day, form.end);
    // A night shift ends the next morning.
    if (form.end <= form.start) end = new Date(parisWallTime(form.day, form.end).getTime() + 86_400_000);
    save.mutate([
      ...current,
      {
        professionalId: member.professionalId,
        role: member.role,
        kind: form.kind as Draft['kind'],
        startsAt: start.toISOString(),
        endsAt: end.toISOString(),
        callInMinutes: form.kind === 'on_call' ? Number(form.callIn) || 0 : 0,
        name: member.name,
      },
    ]);
  };
  const problem = isApiError(save.error)
    ? (save.error.problem.errors?.[0]?.message ?? errorText(save.error))
    : save.error
      ? errorText(save.error)
      : null;
  return (
    <section aria-labelledby={`${id}-title`} className="team-shifts">
      <h2 id={`${id}-title`}>{t('teams.team.shifts', { week: week.slice(6) })}</h2>
      <div className="roster-week">
        <button type="button" className="button button-secondary" onClick={() => setWeekParam(shiftIsoWeek(week, -1))}>
          ← {t('teams.roster.previous')}
        </button>
        <span>
          {formatDay(days[0] as string, lang)} – {formatDay(days[6] as string, lang)}
        </span>
        <button type="button" className="button button-secondary" onClick={() => setWeekParam(shiftIsoWeek(week, 1))}>
          {t('teams.roster.next')} →
        </button>
      </div>
      <LiveRegion tone={save.isError ? 'error' : 'success'}>{save.isError ? problem : done}</LiveRegion>
      <ul className="team-shift-list">
        {current.map((s, i) => (
          <li key={`${s.professionalId}-${s.startsAt}`}>
            <span className="roster-time">
              {formatDay(parisDate(new Date(s.startsAt)), lang)} {formatTime(s.startsAt, lang)}–
              {formatTime(s.endsAt, lang)}
            </span>{' '}
            <strong>{s.name}</strong> · {t(`teams.roles.${s.role}`)} · {t(`teams.shiftKinds.${s.kind}`)}
            {editable ? (
              <button
                type="button"
                className="button button-quiet-dark"
                disabled={save.isPending}
                onClick={() => save.mutate(current.filter((_, j) => j !== i))}
              >
                {t('teams.team.remove')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <form className="form upkeep-form" onSubmit={add} aria-labelledby={`${id}-add`}>
          <h3 id={`${id}-add`}>{t('teams.team.addShift')}</h3>
          <div className="form-grid">
            <Field id={`${id}-member`} label={t('teams.team.name')}>
              {(c) => (
                <select {...c} {...shift.bind('member')}>
                  <option value="">{t('teams.team.choose')}</option>
                  {props.team.members.map((m) => (
                    <option key={m.professionalId} value={m.professionalId}>
                      {m.name} — {t(`teams.roles.${m.role}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={`${id}-kind`} label={t('teams.team.shiftKind')}>
              {(c) => (
                <select {...c} {...shift.bind('kind')}>
                  <option value="on_site">{t('teams.shiftKinds.on_site')}</option>
                  <option value="on_call">{t('teams.shiftKinds.on_call')}</option>
                </select>
              )}
            </Field>
            <Field id={`${id}-day`} label={t('teams.team.day')}>
              {(c) => (
                <select {...c} {...shift.bind('day')}>
                  {days.map((d) => (
                    <option key={d} value={d}>
                      {formatDay(d, lang)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={`${id}-start`} label={t('teams.team.start')}>
              {(c) => <input {...c} {...shift.bind('start')} type="time" />}
            </Field>
            <Field id={`${id}-end`} label={t('teams.team.end')}>
              {(c) => <input {...c} {...shift.bind('end')} type="time" />}
            </Field>
            {form.kind === 'on_call' ? (
              <Field id={`${id}-callIn`} label={t('teams.team.callIn')}>
                {(c) => <input {...c} {...shift.bind('callIn')} inputMode="numeric" className="input-count" />}
              </Field>
            ) : null}
          </div>
          <SubmitActions
            pending={save.isPending}
            submit={t('teams.team.addShift')}
            submitting={t('teams.team.saving')}
            disabled={!form.member}
          />
        </form>
      ) : null}
    </section>
  );
}
