/** The consoles' upkeep: what is due, one console's record, and the badges that say its state. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ops } from '../../../contracts/operations.ts';
import type { ZMaintenanceDueQuery } from '../../../contracts/teams.ts';
import { call } from '../../api/client.ts';
import { fleetKeys } from '../../api/keys.ts';
import { formatDay } from '../../components/format.ts';
import { retryUnlessRefused } from '../regulation/queries.ts';

export function useMaintenanceDue(query: z.input<typeof ZMaintenanceDueQuery>) {
  return useQuery({
    queryKey: fleetKeys.upkeep.due.list(query),
    queryFn: () => call(ops.listMaintenanceDue, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useDeviceUpkeep(id: string, enabled = true) {
  return useQuery({
    queryKey: fleetKeys.upkeep.device(id),
    queryFn: () => call(ops.getDeviceUpkeep, { params: { id } }),
    enabled,
    retry: retryUnlessRefused,
  });
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
