/** The teams' queries: shifts of a roster, and which teams are deployable now (refreshed every minute). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { ops } from '../../../contracts/operations.ts';
import type { ZAvailabilityQuery, ZShiftListQuery } from '../../../contracts/teams.ts';
import { addDays, isoWeekMonday, parisWallTime, parseIsoWeek } from '../../../domain/time.ts';
import { call } from '../../api/client.ts';
import { teamKeys } from '../../api/keys.ts';
import { currentWeek } from '../../clock.ts';

const REFRESH_MS = 60_000;

export function useShifts(query: z.input<typeof ZShiftListQuery>) {
  return useQuery({
    queryKey: teamKeys.shifts.list(query),
    queryFn: () => call(ops.listShifts, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useAvailability(query: z.input<typeof ZAvailabilityQuery>) {
  return useQuery({
    queryKey: teamKeys.availability.list(query),
    queryFn: () => call(ops.getTeamAvailability, { query }),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
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
