/**
 * Regulation queries. The live stream (../../live.tsx) invalidates them as changes happen; the
 * 30-second refetch keeps them fresh when the stream is down (a proxy that buffers, a laptop waking).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { ops } from '../../../contracts/operations.ts';
import type { ZLoanListQuery, ZReportQuery, ZRequestListQuery } from '../../../contracts/regulation.ts';
import { call } from '../../api/client.ts';
import { regulationKeys } from '../../api/keys.ts';
import { retryUnlessRefused } from '../../api/queries.ts';

export const REFRESH_MS = 30_000;

export function useRequests(query: z.input<typeof ZRequestListQuery>) {
  return useQuery({
    queryKey: regulationKeys.requests.list(query),
    queryFn: () => call(ops.listEcmoRequests, { query }),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function useRequest(id: string, enabled = true) {
  return useQuery({
    queryKey: regulationKeys.request.one(id),
    queryFn: () => call(ops.getEcmoRequest, { params: { id } }),
    refetchInterval: REFRESH_MS,
    enabled,
    retry: retryUnlessRefused,
  });
}

export function useRequestOptions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: regulationKeys.options.of(id),
    queryFn: () => call(ops.listRequestOptions, { params: { id } }),
    refetchInterval: REFRESH_MS,
    enabled,
    retry: retryUnlessRefused,
  });
}

export function useLoans(query: z.input<typeof ZLoanListQuery>) {
  return useQuery({
    queryKey: regulationKeys.loans.list(query),
    queryFn: () => call(ops.listLoans, { query }),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function useLoan(id: string, enabled = true) {
  return useQuery({
    queryKey: regulationKeys.loan.one(id),
    queryFn: () => call(ops.getLoan, { params: { id } }),
    enabled,
    retry: retryUnlessRefused,
  });
}

export function useReport(query: z.input<typeof ZReportQuery>, enabled: boolean) {
  return useQuery({
    queryKey: regulationKeys.report.of(query),
    queryFn: () => call(ops.getRegulationReport, { query }),
    enabled,
    placeholderData: keepPreviousData,
    retry: retryUnlessRefused,
  });
}
