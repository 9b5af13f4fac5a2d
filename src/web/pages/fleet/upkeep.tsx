/** The consoles' upkeep: what is due, one console's record, and the badges that say its state. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ops } from '../../../contracts/operations.ts';
import type { ZMaintenanceDueQuery } from '../../../contracts/upkeep.ts';
import { call } from '../../api/client.ts';
import { fleetKeys } from '../../api/keys.ts';
import { retryUnlessRefused } from '../../api/queries.ts';
import { Badge, type BadgeTone } from '../../components/Badge.tsx';
import { formatDay } from '../../components/format.ts';

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
  ok: 'success',
  due_soon: 'warning',
  overdue: 'danger',
  unknown: 'neutral',
} as const satisfies Record<string, BadgeTone>;

export function UpkeepBadge(props: { state: keyof typeof UPKEEP_TONE; due: string | null; language: string }) {
  const { t } = useTranslation();
  return (
    <span>
      <Badge tone={UPKEEP_TONE[props.state]} strong={props.state === 'overdue'}>
        {t(`teams.upkeep.states.${props.state}`)}
      </Badge>
      {props.due ? <span className="muted"> {formatDay(props.due, props.language)}</span> : null}
    </span>
  );
}

export function BlockedBadge(props: { blocked: boolean }) {
  const { t } = useTranslation();
  return props.blocked ? (
    <Badge tone="danger" strong icon="✕" data-blocked="true">
      {t('teams.upkeep.blocked')}
    </Badge>
  ) : (
    <Badge tone="success">{t('teams.upkeep.offered')}</Badge>
  );
}

/** A console's pre-use check must be signed again before it is offered. */
export function CheckRequiredBadge() {
  const { t } = useTranslation();
  return <Badge tone="warning">{t('teams.upkeep.checkRequired')}</Badge>;
}
