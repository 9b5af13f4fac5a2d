/**
 * A national-scale dataset from the factories, for benchmarks and scale tests: the real FINESS
 * establishments topped up with synthetic ones, ECMO-capable sites, consoles spread over them and
 * the depots, and weeks of census history consistent with the register.
 */

import { ESTABLISHMENT_CATEGORIES } from '../../domain/establishments.ts';
import { currentIsoWeek, parisDate, shiftIsoWeek } from '../../domain/time.ts';
import { DEFAULT_INTERVALS } from '../../domain/upkeep.ts';
import type { CensusSettings } from '../config.ts';
import type { Database } from '../db/client.ts';
import {
  insertEstablishments,
  listFiness,
  setCapabilities,
} from '../modules/establishments/establishments.repository.ts';
import { insertDepots } from '../modules/fleet/sites.repository.ts';
import { departementCodes } from '../modules/regions/regions.repository.ts';
import {
  type ConsoleSeed,
  createRandom,
  insertConsoles,
  insertLots,
  makeConsole,
  makeEstablishments,
  makeLots,
  workingStatus,
} from './factories.ts';
import { DEMO_DEPOTS, seedCensusHistory } from './fleet.ts';
import { seedTeams, seedUpkeep, teamSites } from './teams.ts';

export interface DatasetSize {
  establishments: number;
  consoles: number;
  ecmoSites: number;
  /** Weeks of census history before the current week (which is left for the benchmark to fill). */
  weeks: number;
}

export const NATIONAL_SCALE: DatasetSize = { establishments: 3500, consoles: 2000, ecmoSites: 400, weeks: 52 };

/** Expects reference data loaded and no fleet; returns the ECMO sites and their console counts. Dates follow `now`. */
export async function generateNationalDataset(
  db: Database,
  settings: CensusSettings,
  size: DatasetSize,
  now: Date,
  seed = 42,
) {
  const rnd = createRandom(seed);
  return db.transaction(async (tx) => {
    const existing = await listFiness(tx);
    const deps = await departementCodes(tx);
    const extra = makeEstablishments(rnd, Math.max(0, size.establishments - existing.length), deps, new Set(existing));
    const category = '355' as const;
    await insertEstablishments(
      tx,
      extra.map((e) => ({
        ...e,
        categoryCode: category,
        categoryLabel: ESTABLISHMENT_CATEGORIES[category],
        sector: null,
        street: null,
        postcode: null,
        city: null,
        phone: null,
      })),
    );
    const all = [...existing, ...extra.map((e) => e.finess)].sort();
    const sites = all.filter((_, i) => i % Math.floor(all.length / size.ecmoSites) === 0).slice(0, size.ecmoSites);
    await setCapabilities(tx, sites, { ecmoCentre: true, cardiacSurgery: true });
    await setCapabilities(
      tx,
      sites.filter((_, i) => i % 8 === 0),
      { umacBase: true },
    );
    await insertDepots(tx, DEMO_DEPOTS);
    const inDepots = Math.round(size.consoles * 0.03);
    const consoles: ConsoleSeed[] = [];
    const registered = new Map<string, number>();
    for (let i = 0; i < size.consoles - inDepots; i++) {
      const site = sites[i % sites.length] as string;
      registered.set(site, (registered.get(site) ?? 0) + 1);
      consoles.push(makeConsole(rnd, { ownerFiness: site, siteFiness: site, status: workingStatus(rnd) }));
    }
    for (let i = 0; i < inDepots; i++)
      consoles.push(makeConsole(rnd, { siteDepot: DEMO_DEPOTS[i % DEMO_DEPOTS.length]?.id ?? null }));
    await insertConsoles(tx, consoles, now);
    await insertLots(
      tx,
      sites.flatMap((s) => makeLots(rnd, { finess: s }, parisDate(now))),
      now,
    );
    // 150 teams on call: the 50 UMAC bases (an ECMO team and a mobile unit each) and 50 more centres.
    const umac = new Set(sites.filter((_, i) => i % 8 === 0));
    const staffed = [...umac, ...sites.filter((s) => !umac.has(s)).slice(0, 50)];
    await seedTeams(
      tx,
      rnd,
      await teamSites(
        tx,
        staffed.map((finess) => ({ finess, cardiacSurgery: true, umacBase: umac.has(finess) })),
      ),
      { now, days: 14 },
    );
    await seedUpkeep(tx, rnd, DEFAULT_INTERVALS, { now });
    const current = currentIsoWeek(now);
    const weeks = Array.from({ length: size.weeks }, (_, i) => shiftIsoWeek(current, i - size.weeks));
    const reports = await seedCensusHistory(
      tx,
      settings,
      rnd,
      weeks,
      { sites, registered },
      {
        source: 'dataset',
        submittedAt: (_week, dueAt) =>
          rnd.chance(0.95) ? new Date(dueAt.getTime() - rnd.int(1, 40) * 3_600_000) : null,
      },
    );
    return { sites, registered, establishments: all.length, consoles: consoles.length, reports };
  });
}
