/** Ranked solutions for a request, computed from live capacity by the pure engine (domain/regulation.ts). */

import { isAllowed } from '../../../domain/policy.ts';
import { isLive, type Provider, type RequestState, rankOptions, SETUP_MINUTES } from '../../../domain/regulation.ts';
import type { Composition } from '../../../domain/teams.ts';
import { addDays, parisDate, parisWallTime } from '../../../domain/time.ts';
import type { Clock } from '../../clock.ts';
import type { RegulationSettings } from '../../config.ts';
import type { Database, Queryable } from '../../db/client.ts';
import type { EventBus } from '../../events/bus.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { type ReadyJson, readyJson } from '../../http/ready-bytes.ts';
import type { ServiceContext } from '../context.ts';
import { deployableByBase } from '../teams/roster.service.ts';
import type { RequestRow } from './requests.repository.ts';
import { readableRequest } from './requests.service.ts';

/**
 * Providers from the live register: ECMO centres and UMAC bases with their consoles fit to go
 * (available, not overdue for maintenance or calibration, no check pending), non-expired circuits
 * and the teams the on-call roster makes deployable at `at`, and the national-stock depots.
 * `nextChange` is the next moment a shift starts or ends: the deployable teams may differ then.
 *
 * `only` narrows to one site (an establishment's FINESS or a depot's id): a decision re-checks its
 * option against that provider alone, inside its transaction. A transaction holds one connection,
 * so its queries run one after another; otherwise they run side by side on the pool.
 */
export async function loadProviders(
  db: Queryable,
  today: string,
  roster: { composition: Composition; at: Date },
  only?: string,
): Promise<Provider[] & { nextChange?: Date | null }> {
  const site = only ?? null;
  const queries = [
    () =>
      db.query<{
        id: string;
        name: string;
        region_code: string;
        lat: number;
        lon: number;
        ecmo_centre: boolean;
        umac_base: boolean;
      }>(
        `SELECT e.finess AS id, e.name, d.region_code, e.lat, e.lon, e.ecmo_centre, e.umac_base
         FROM establishments e JOIN departements d ON d.code = e.departement_code
         WHERE (e.ecmo_centre OR e.umac_base) AND e.lat IS NOT NULL AND e.lon IS NOT NULL
           AND ($1::text IS NULL OR e.finess = $1)`,
        [site],
      ),
    () =>
      db.query<{ id: string; name: string; region_code: string; lat: number; lon: number }>(
        `SELECT p.id, p.name, d.region_code, p.lat, p.lon FROM depots p JOIN departements d ON d.code = p.departement_code
         WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL AND ($1::text IS NULL OR p.id = $1)`,
        [site],
      ),
    () =>
      db.query<{ id: string; serial_number: string; model: string; site: string }>(
        `SELECT id, serial_number, model, coalesce(site_finess, site_depot) AS site FROM consoles
         WHERE status = 'available' AND NOT check_required
           AND (maintenance_due IS NULL OR maintenance_due >= $2::date) AND (calibration_due IS NULL OR calibration_due >= $2::date)
           AND ($1::text IS NULL OR coalesce(site_finess, site_depot) = $1)`,
        [site, today],
      ),
    () =>
      db.query<{ site: string; n: number }>(
        `SELECT coalesce(site_finess, site_depot) AS site, sum(quantity)::int AS n FROM stock_lots
         WHERE item_kind = 'circuit' AND expiry_date >= $1::date AND ($2::text IS NULL OR coalesce(site_finess, site_depot) = $2)
         GROUP BY 1`,
        [today, site],
      ),
    () => deployableByBase(db, roster.composition, roster.at, site ?? undefined),
  ] as const;
  let results: unknown[];
  if (only) {
    results = [];
    for (const q of queries) results.push(await q());
  } else {
    results = await Promise.all(queries.map((q) => q()));
  }
  const [sites, depots, consoles, circuits, teams] = results as [
    Awaited<ReturnType<(typeof queries)[0]>>,
    Awaited<ReturnType<(typeof queries)[1]>>,
    Awaited<ReturnType<(typeof queries)[2]>>,
    Awaited<ReturnType<(typeof queries)[3]>>,
    Awaited<ReturnType<(typeof queries)[4]>>,
  ];
  const consolesBySite = new Map<string, Provider['consoles'][number][]>();
  for (const c of consoles) {
    const list = consolesBySite.get(c.site) ?? [];
    list.push({ id: c.id, serialNumber: c.serial_number, model: c.model, available: true });
    consolesBySite.set(c.site, list);
  }
  const circuitsBySite = new Map(circuits.map((c) => [c.site, c.n]));
  const none = { ecmo: [], umac: [] };
  const providers: Provider[] & { nextChange?: Date | null } = [
    ...sites.map(
      (s): Provider => ({
        kind: 'establishment',
        id: s.id,
        name: s.name,
        regionCode: s.region_code,
        lat: s.lat,
        lon: s.lon,
        ecmoCentre: s.ecmo_centre,
        umacBase: s.umac_base,
        consoles: consolesBySite.get(s.id) ?? [],
        circuits: circuitsBySite.get(s.id) ?? 0,
        teams: (teams.byBase.get(s.id) ?? none).ecmo.length,
        ecmoTeams: (teams.byBase.get(s.id) ?? none).ecmo,
        umacTeams: (teams.byBase.get(s.id) ?? none).umac,
      }),
    ),
    ...depots.map(
      (d): Provider => ({
        kind: 'depot',
        id: d.id,
        name: d.name,
        regionCode: d.region_code,
        lat: d.lat,
        lon: d.lon,
        ecmoCentre: false,
        umacBase: false,
        consoles: consolesBySite.get(d.id) ?? [],
        circuits: circuitsBySite.get(d.id) ?? 0,
        teams: 0,
      }),
    ),
  ];
  providers.nextChange = teams.nextChange;
  return providers;
}

export const MAX_OPTIONS = 25;

/** What the options of a request depend on: the request's facts and the live capacity. */
type OptionsResult = Awaited<ReturnType<typeof computeOptions>>;

async function computeOptions(request: RequestRow, providers: Provider[], settings: RegulationSettings, now: Date) {
  const escalated = request.state === 'escalated_national';
  const items = rankOptions(
    {
      site: {
        finess: request.finess,
        regionCode: request.region_code,
        lat: request.lat as number,
        lon: request.lon as number,
      },
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
      const state = request.state as RequestState;
      const escalated = state === 'escalated_national';
      const location = {
        regionCode: request.region_code,
        departementCode: request.departement_code,
        establishment: request.finess,
      };
      if (!isAllowed(ctx.user.grants, 'request:read', location)) throw notFound('Request');
      if (!isAllowed(ctx.user.grants, 'request:regulate', escalated ? {} : location)) throw forbidden();
      if (!isLive(state) || (state !== 'regional_regulation' && !escalated)) {
        throw new AppError('conflict', 'Options are computed for requests in regulation', [
          {
            field: 'params.id',
            code: 'not_in_regulation',
            message:
              ctx.locale === 'fr'
                ? 'Les solutions se calculent pour une demande en régulation.'
                : 'Options are computed for requests in regulation.',
          },
        ]);
      }
      if (request.lat === null || request.lon === null) {
        throw new AppError('conflict', 'The requesting establishment has no coordinates', [
          {
            field: 'params.id',
            code: 'no_coordinates',
            message:
              ctx.locale === 'fr'
                ? 'Coordonnées de l’établissement inconnues.'
                : 'The establishment has no coordinates.',
          },
        ]);
      }
      // A day's end retires circuits, a shift's end a team: results belong to one load of the providers.
      // Checked before the key: a new load (new day, shift boundary, change) starts a new generation.
      const live = providersNow();
      const key = `${id}:${request.version}:${generation}`;
      const hit = results.get(key);
      if (hit) return hit;
      const value = await computeOptions(request, await live, settings, ctx.clock.now());
      // Compressed once per version of the request and load of the providers; every screen's refresh reuses it.
      const entry = readyJson(value, 5);
      if (results.size > 5000) results.clear();
      results.set(key, entry);
      return entry;
    },
  };
}
