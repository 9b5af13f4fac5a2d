/** Shared queries (reference data used by several pages). */
import { useQuery } from '@tanstack/react-query';
import { ops } from '../../contracts/operations.ts';
import { call } from './client.ts';

export function useRegions() {
  return useQuery({
    queryKey: ['regions'],
    queryFn: () => call(ops.listRegions),
    staleTime: 60 * 60_000,
    select: (data) => data.items,
  });
}
