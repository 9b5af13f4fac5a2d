/** Shared queries: reference data used by several pages, and the alerts the shell's bell counts. */
import { useQuery } from '@tanstack/react-query';
import { ops } from '../../contracts/operations.ts';
import { call, isApiError } from './client.ts';
import { referenceKeys, regulationKeys } from './keys.ts';

/** Not found, refused or invalid: asking again will not help (a query's `retry`). */
export const retryUnlessRefused = (count: number, error: unknown) =>
  !(isApiError(error) && error.status > 0 && error.status < 500) && count < 2;

export function useRegions() {
  return useQuery({
    queryKey: referenceKeys.regions,
    queryFn: () => call(ops.listRegions),
    staleTime: 60 * 60_000,
    select: (data) => data.items,
  });
}

/**
 * The active alerts of the regulation (the header's bell and the regulation page): the live stream
 * invalidates them as they come; the 30-second refetch covers a stream that is down.
 */
export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: regulationKeys.notifications,
    queryFn: () => call(ops.listNotifications, { query: { active: 'true' } }),
    refetchInterval: 30_000,
    enabled,
  });
}
