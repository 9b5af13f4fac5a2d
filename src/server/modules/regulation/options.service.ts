/** Ranked solutions for a request, computed from live capacity by the pure engine (domain/regulation.ts). */

import { message } from '../../../contracts/messages.ts';
import { canDecide, type Provider, rankOptions, SETUP_MINUTES } from '../../../domain/regulation.ts';
import { addDays, parisDate, parisWallTime } from '../../../domain/time.ts';
import type { Clock } from '../../clock.ts';
import type { RegulationSettings } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { EventBus } from '../../events/bus.ts';
import { conflict, issue } from '../../http/errors.ts';
import { type ReadyJson, readyJson } from '../../http/ready-bytes.ts';
import type { ServiceContext } from '../context.ts';
import { loadProviders } from './providers.ts';
import { assertMayAct, assertReadable, readableRequest } from './requests.access.ts';
import type { RequestRow } from './requests.repository.ts';

export const MAX_OPTIONS = 25;

/** What the options of a request depend on: the request's facts and the live capacity. */
type OptionsResult = Awaited<ReturnType<typeof computeOptions>>;

async function computeOptions(
  request: RequestRow,
  at: { lat: number; lon: number },
  providers: Provider[],
  settings: RegulationSettings,
  now: Date,
) {
  const escalated = request.state === 'escalated_national';
  const items = rankOptions(
    {
      site: { finess: request.finess, regionCode: request.region_code, lat: at.lat, lon: at.lon },
      indication: request.indication,
      urgency: request.urgency,
      siteCanHost: request.site_can_host,
      escalated,
    },
    providers,
    settings.travel,
    MAX_OPTIONS,
  );
  return {
    requestId: request.id,
    computedAt: now.toISOString(),
    assumptions: {
      roadFactor: settings.travel.roadFactor,
      roadSpeedKmh: settings.travel.roadSpeedKmh,
      airSpeedKmh: settings.travel.airSpeedKmh,
      setupMinutes: { ...SETUP_MINUTES },
    },
    // The regulator compares a handful; the rest would only be noise (and bytes on every refresh).
    items,
  };
}

export interface OptionsService {
  list(ctx: ServiceContext, id: string): Promise<ReadyJson<OptionsResult>>;
}

/**
 * Options are read far more often than capacity changes (every regulator's screen refreshes them):
 * requests, providers and ranked results are cached, and any change of fleet, census or requests —
 * on any instance — clears them. Deciding never uses this cache: it re-reads everything under lock.
 */
export function createOptionsService(
  db: Database,
  events: EventBus,
  settings: RegulationSettings,
  clock: Clock,
): OptionsService {
  // Providers are kept for the Paris day, and no later than the next start or end of a shift.
  let providers: { day: string; until: number; value: Promise<Provider[]> } | null = null;
  let generation = 0;
  const requests = new Map<string, RequestRow>();
  const results = new Map<string, ReadyJson<OptionsResult>>();
  events.subscribe((e) => {
    if (e.topic === 'fleet.changed' || e.topic === 'census.changed' || e.topic === 'roster.changed') {
      providers = null;
      results.clear();
    }
    if (e.topic === 'request.changed') {
      requests.clear();
      results.clear();
    }
  });
  // The Paris day, worked out once and kept until Paris midnight (formatting a date on every call
  // would cost this route a third of its throughput).
  let today: { day: string; until: number } | null = null;
  const currentDay = (): string => {
    const now = clock.now().getTime();
    if (!today || now >= today.until) {
      const day = parisDate(new Date(now));
      today = { day, until: parisWallTime(addDays(day, 1), '00:00').getTime() };
    }
    return today.day;
  };
  const providersNow = (): Promise<Provider[]> => {
    const day = currentDay();
    const now = clock.now().getTime();
    if (providers?.day !== day || now >= providers.until) {
      generation++;
      const value = loadProviders(db, day, { composition: settings.composition, at: new Date(now) });
      const entry = { day, until: Number.POSITIVE_INFINITY, value };
      providers = entry;
      value.then(
        (loaded) => {
          if (loaded.nextChange) entry.until = loaded.nextChange.getTime();
        },
        () => {
          providers = null;
        },
      );
    }
    return providers.value;
  };
  return {
    async list(ctx, id) {
      let request = requests.get(id);
      if (!request) {
        request = await readableRequest(ctx, id);
        if (requests.size > 5000) requests.clear();
        requests.set(id, request);
      }
      // The cached row was read for someone else: this user's reach is checked each time.
      assertReadable(ctx, request);
      assertMayAct(ctx, request, 'request:regulate');
      if (!canDecide(request.state)) {
        throw conflict(message('not_in_regulation'), [issue('params.id', 'not_in_regulation')]);
      }
      const { lat, lon } = request;
      if (lat === null || lon === null) {
        throw conflict(message('no_coordinates'), [issue('params.id', 'no_coordinates')]);
      }
      // A day's end retires circuits, a shift's end a team: results belong to one load of the providers.
      // Checked before the key: a new load (new day, shift boundary, change) starts a new generation.
      const live = providersNow();
      const key = `${id}:${request.version}:${generation}`;
      const hit = results.get(key);
      if (hit) return hit;
      const value = await computeOptions(request, { lat, lon }, await live, settings, ctx.clock.now());
      // Compressed once per version of the request and load of the providers; every screen's refresh reuses it.
      const entry = readyJson(value, 5);
      if (results.size > 5000) results.clear();
      results.set(key, entry);
      return entry;
    },
  };
}
