/** What the census pages say about a campaign: the week in the URL, the order of statuses, the campaigns query. */
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { TCensusReport } from '../../../contracts/census.ts';
import { ops } from '../../../contracts/operations.ts';
import { call } from '../../api/client.ts';
import { censusKeys } from '../../api/keys.ts';
import type { CensusStatus } from '../../components/CensusStatusBadge.tsx';
import { formatDate, formatNumber } from '../../components/format.ts';

export const STATUSES: readonly CensusStatus[] = ['missing', 'pending', 'late', 'on_time'];
/** The order of the parts of a completeness bar (and of its legend). */
export const BAR_ORDER: readonly CensusStatus[] = ['on_time', 'late', 'missing', 'pending'];
/** Missing first (red, to be chased), then pending, late, on time. */
export const STATUS_RANK: Record<CensusStatus, number> = { missing: 0, pending: 1, late: 2, on_time: 3 };
export const isStatus = (value: string | null): value is CensusStatus =>
  value === 'on_time' || value === 'late' || value === 'missing' || value === 'pending';

export const WEEK_PARAM = 'semaine';
const WEEK = /^\d{4}-W\d{2}$/;
export const pickWeek = (value: string | null): string | null => (value && WEEK.test(value) ? value : null);

/** The recent campaigns within reach (and which week is the current one). */
export function useCampaigns(region?: string) {
  return useQuery({
    queryKey: censusKeys.campaigns(region),
    queryFn: () => call(ops.listCensusCampaigns, { query: { weeks: 12, region } }),
    refetchInterval: 60_000,
  });
}

/** "du 16 nov. 2026 au 22 nov. 2026" from the Monday of the week. */
export function weekRange(weekStart: string, language: string, t: TFunction): string {
  const start = new Date(`${weekStart}T12:00:00Z`);
  const end = new Date(start.getTime() + 6 * 86_400_000);
  return t('census.weekRange', {
    from: formatDate(start.toISOString(), language),
    to: formatDate(end.toISOString(), language),
  });
}

export const consoleTotal = (c: TCensusReport['consoles']): number =>
  c.available + c.inUse + c.maintenance + c.lent + c.outOfService + c.inTransit;

export const percent = (rate: number, language: string): string =>
  `${formatNumber(Math.round(rate * 100), language)} %`;
