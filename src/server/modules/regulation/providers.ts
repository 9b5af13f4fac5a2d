/**
 * The providers the options engine (domain/regulation.ts) ranks, read from the live register: ECMO
 * centres and UMAC bases with their consoles fit to go (available, not overdue for maintenance or
 * calibration, no check pending), non-expired circuits and the teams the on-call roster makes
 * deployable at `at`, and the national-stock depots.
 */
import type { Provider } from '../../../domain/regulation.ts';
import type { Composition } from '../../../domain/teams.ts';
import type { Queryable } from '../../db/client.ts';
import { deployableByBase } from '../roster/roster.service.ts';
import { countCircuits, listDepots, listFitConsoles, listProviderSites } from './providers.repository.ts';

/** `nextChange` is the next moment a shift starts or ends: the deployable teams may differ then. */
export type Providers = Provider[] & { nextChange?: Date | null };

/**
 * `only` narrows to one site (an establishment's FINESS or a depot's id): a decision re-checks its
 * option against that provider alone, inside its transaction. A transaction holds one connection,
 * so its queries run one after another; otherwise they run side by side on the pool.
 */
export async function loadProviders(
  db: Queryable,
  today: string,
  roster: { composition: Composition; at: Date },
  only?: string,
): Promise<Providers> {
  const site = only ?? null;
  let previous: Promise<unknown> = Promise.resolve();
  const read = <T>(query: () => Promise<T>): Promise<T> => {
    if (!only) return query();
    const next = previous.then(query);
    previous = next;
    return next;
  };
  const [sites, depots, consoles, circuits, teams] = await Promise.all([
    read(() => listProviderSites(db, site)),
    read(() => listDepots(db, site)),
    read(() => listFitConsoles(db, site, today)),
    read(() => countCircuits(db, site, today)),
    read(() => deployableByBase(db, roster.composition, roster.at, only)),
  ]);
  const consolesBySite = new Map<string, Provider['consoles'][number][]>();
  for (const c of consoles) {
    const list = consolesBySite.get(c.site) ?? [];
    list.push({ id: c.id, serialNumber: c.serial_number, model: c.model, available: true });
    consolesBySite.set(c.site, list);
  }
  const circuitsBySite = new Map(circuits.map((c) => [c.site, c.n]));
  const none = { ecmo: [], umac: [] };
  const providers: Providers = [
    ...sites.map((s): Provider => {
      const onCall = teams.byBase.get(s.id) ?? none;
      return {
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
        teams: onCall.ecmo.length,
        ecmoTeams: onCall.ecmo,
        umacTeams: onCall.umac,
      };
    }),
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
