/** Board queries: refreshed every 30 s while the page is shown (the server answers 304 when nothing changed). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ops } from '../../../contracts/operations.ts';
import { call } from '../../api/client.ts';
import { boardKeys, referenceKeys } from '../../api/keys.ts';

export const REFRESH_MS = 30_000;

export function useNationalBoard() {
  return useQuery({
    queryKey: boardKeys.national(),
    queryFn: () => call(ops.getNationalBoard, { query: { weeks: 12 } }),
    refetchInterval: REFRESH_MS,
    staleTime: 10_000,
  });
}

export function useRegionalBoard(region: string) {
  return useQuery({
    queryKey: boardKeys.region(region),
    queryFn: () => call(ops.getRegionalBoard, { params: { region }, query: { weeks: 12 } }),
    refetchInterval: REFRESH_MS,
    staleTime: 10_000,
    enabled: /^\d{2}$/.test(region),
    placeholderData: keepPreviousData,
  });
}

/** The outlines of the regions: reference data, fetched once per session. */
export function useRegionShapes() {
  return useQuery({
    queryKey: referenceKeys.regionShapes,
    queryFn: () => call(ops.getRegionShapes),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}
