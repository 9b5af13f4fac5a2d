/** Pieces of the teams pages: queries, the deployable badge, upkeep badges, the week of a roster. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ops } from '../../../contracts/operations.ts';
import type { ZAvailabilityQuery, ZMaintenanceDueQuery, ZShiftListQuery } from '../../../contracts/teams.ts';
import { addDays, isoWeekMonday, parisWallTime, parseIsoWeek } from '../../../domain/time.ts';
import { call } from '../../api/client.ts';
import { currentWeek } from '../../clock.ts';
import { retryUnlessRefused } from '../regulation/queries.ts';

const REFRESH_MS = 60_000;

export function useShifts(query: z.input<typeof ZShiftListQuery>) {
  return useQuery({
    queryKey: ['shifts', query],
    queryFn: () => call(ops.listShifts, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useAvailability(query: z.input<typeof ZAvailabilityQuery>) {
  return useQuery({
    queryKey: ['availability', query],
    queryFn: () => call(ops.getTeamAvailability, { query }),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function useMaintenanceDue(query: z.input<typeof ZMaintenanceDueQuery>) {
  return useQuery({
    queryKey: ['upkeep', 'due', query],
    queryFn: () => call(ops.listMaintenanceDue, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useDeviceUpkeep(id: string, enabled = true) {
  return useQuery({
    queryKey: ['upkeep', 'device', id],
    queryFn: () => call(ops.getDeviceUpkeep, { params: { id } }),
    enabled,
    retry: retryUnlessRefused,
  });
}

/** The week asked in the URL (`2026-W48`), else this week; its Monday and the instants bounding it in Paris. */
export function weekOf(param: string | null) {
  const week = param && parseIsoWeek(param) ? param : currentWeek();
  const monday = isoWeekMonday(week);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  return {
    week,
    days,
    from: parisWallTime(monday, '00:00'),
    to: parisWallTime(addDays(monday, 7), '00:00'),
  };
}

export function DeployableBadge(props: { deployable: boolean; readyInMinutes: number | null }) {
  const { t } = useTranslation();
  return props.deployable ? (
    <span className="reg-badge reg-state-decided">
      <span aria-hidden="true">✓ </span>
      {t('teams.teams.deployable')}{' '}
      <span className="team-ready">
        (
        {props.readyInMinutes ? t('teams.teams.readyIn', { minutes: props.readyInMinutes }) : t('teams.teams.readyNow')}
        )
      </span>
    </span>
  ) : (
    <span className="reg-badge reg-overdue">
      <span aria-hidden="true">✕ </span>
      {t('teams.teams.notDeployable')}
    </span>
  );
}

const UPKEEP_TONE = {
  ok: 'reg-state-decided',
  due_soon: 'reg-state-escalated',
  overdue: 'reg-overdue',
  unknown: 'reg-state-done',
} as const;

export function UpkeepBadge(props: { state: keyof typeof UPKEEP_TONE; due: string | null; language: string }) {
  const { t } = useTranslation();
  return (
    <span>
      <span className={`reg-badge ${UPKEEP_TONE[props.state]}`}>{t(`teams.upkeep.states.${props.state}`)}</span>
      {props.due ? <span className="muted"> {formatDay(props.due, props.language)}</span> : null}
    </span>
  );
}

export const formatDay = (day: string, language: string) =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));

export function BlockedBadge(props: { blocked: boolean }) {
  const { t } = useTranslation();
  return props.blocked ? (
    <span className="reg-badge reg-overdue" data-blocked="true">
      <span aria-hidden="true">✕ </span>
      {t('teams.upkeep.blocked')}
    </span>
  ) : (
    <span className="reg-badge reg-state-decided">{t('teams.upkeep.offered')}</span>
  );
}

/** A row of small number boxes (a year and its counts), each a labelled field. */
export function CountInputs(props: {
  id: string;
  fields: readonly (readonly [name: string, label: string, value: string, set: (value: string) => void])[];
}) {
  return (
    <div className="form-grid">
      {props.fields.map(([name, label, value, set]) => (
        <div key={name} className="field">
          <label htmlFor={`${props.id}-${name}`}>{label}</label>
          <input
            id={`${props.id}-${name}`}
            inputMode="decimal"
            className="input-count"
            value={value}
            onChange={(e) => set(e.target.value)}
          />
        </div>
      ))}
    </div>
  );
}
