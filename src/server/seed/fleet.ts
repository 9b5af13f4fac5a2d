/**
 * Demo fleet: the 61 ECMO centres of reference-data/ecmo-centres-demo.csv (ECMOSARS sites and main
 * CHU/CHR sites — an illustrative choice), consoles and consumables per centre, three national-stock
 * depots, and twelve weeks of census. Console counts are illustrative: no national count is published.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { currentIsoWeek, isoWeekMonday, parisDate, shiftIsoWeek } from '../../domain/time.ts';
import { DEFAULT_INTERVALS } from '../../domain/upkeep.ts';
import { appendAudit } from '../audit/audit.ts';
import type { CensusSettings } from '../config.ts';
import type { Queryable } from '../db/client.ts';
import { markDemo } from '../modules/boards/boards.repository.ts';
import { insertCampaign } from '../modules/census/census.repository.ts';
import { dueAtOf } from '../modules/census/census.service.ts';
import { setCapabilities } from '../modules/establishments/establishments.repository.ts';
import { countDevices } from '../modules/fleet/devices.repository.ts';
import { insertDepots } from '../modules/fleet/sites.repository.ts';
import { findUserByEmail } from '../modules/users/users.repository.ts';
import {
  type ConsoleSeed,
  createRandom,
  insertConsoles,
  insertLots,
  insertReports,
  makeConsole,
  makeLots,
  makeReport,
  type Random,
  type ReportSeed,
  workingStatus,
} from './factories.ts';
import { REFERENCE_DIR, systemActor } from './reference.ts';
import { consolesToHoldBack } from './seed.repository.ts';
import { seedTeams, seedUpkeep, teamSites } from './teams.ts';

export interface EcmoCentre {
  finess: string;
  cardiacSurgery: boolean;
  umacBase: boolean;
}

export function readEcmoCentres(): EcmoCentre[] {
  const rows: Record<string, string>[] = parse(readFileSync(`${REFERENCE_DIR}ecmo-centres-demo.csv`, 'utf8'), {
    columns: true,
  });
  return rows.map((r) => ({
    finess: r.finess ?? '',
    cardiacSurgery: r.cardiac_surgery === 'true',
    umacBase: r.umac_base === 'true',
  }));
}

/** The demo perfusionist's professional record: she works at the demo hospital, on its ECMO team. */
export const DEMO_PERFUSIONIST = {
  email: 'perfusionist@demo.relais.fr',
  firstName: 'Morgane',
  lastName: 'Perfusion',
  finess: '690784186',
};

/** Illustrative national-stock depots, one per defence zone hub. */
export const DEMO_DEPOTS = [
  {
    id: 'SNS-IDF',
    name: 'Stock national — dépôt Île-de-France',
    departement: '94',
    city: 'Rungis',
    lat: 48.7469,
    lon: 2.3497,
  },
  {
    id: 'SNS-LYON',
    name: 'Stock national — dépôt Lyon',
    departement: '69',
    city: 'Saint-Priest',
    lat: 45.6959,
    lon: 4.9441,
  },
  {
    id: 'SNS-MARSEILLE',
    name: 'Stock national — dépôt Marseille',
    departement: '13',
    city: 'Vitrolles',
    lat: 43.46,
    lon: 5.2486,
  },
];

/** Loaded with the demo: the Lyon hospital's clinician fills this week's census in the demo journey. */
export const DEMO_UNREPORTED = ['690784186'];

/**
 * Opens the campaigns of these weeks and files the reports of the sites, each consistent with its
 * register count, submitted when `submittedAt` says (null: no report). Returns how many were filed.
 */
export async function seedCensusHistory(
  tx: Queryable,
  settings: CensusSettings,
  rnd: Random,
  weeks: readonly string[],
  fleet: { sites: readonly string[]; registered: ReadonlyMap<string, number> },
  reports: { source: string; submittedAt: (week: string, dueAt: Date, finess: string) => Date | null },
): Promise<number> {
  const seeds: ReportSeed[] = [];
  for (const week of weeks) {
    const dueAt = dueAtOf(week, settings);
    await insertCampaign(tx, { week, weekStart: isoWeekMonday(week), dueAt });
    for (const finess of fleet.sites) {
      const at = reports.submittedAt(week, dueAt, finess);
      if (at) seeds.push(makeReport(rnd, week, finess, fleet.registered.get(finess) ?? 0, at));
    }
  }
  await insertReports(tx, seeds, reports.source);
  return seeds.length;
}

export async function loadDemoFleet(
  tx: Queryable,
  settings: CensusSettings,
  now: Date,
): Promise<{ centres: number; consoles: number; reports: number }> {
  if ((await countDevices(tx)) > 0) return { centres: 0, consoles: 0, reports: 0 };
  const rnd = createRandom(20201127); // MARS 2020_113 is dated 27/11/2020
  const centres = readEcmoCentres();
  for (const c of centres)
    await setCapabilities(tx, [c.finess], { ecmoCentre: true, cardiacSurgery: c.cardiacSurgery, umacBase: c.umacBase });
  await insertDepots(tx, DEMO_DEPOTS);
  const consoles: ConsoleSeed[] = [];
  const registered = new Map<string, number>();
  for (const c of centres) {
    const n = (c.cardiacSurgery ? rnd.int(3, 6) : rnd.int(2, 3)) + (c.umacBase ? 2 : 0);
    registered.set(c.finess, n);
    for (let i = 0; i < n; i++)
      consoles.push(makeConsole(rnd, { ownerFiness: c.finess, siteFiness: c.finess, status: workingStatus(rnd) }));
  }
  for (const d of DEMO_DEPOTS) {
    for (let i = 0; i < 6; i++)
      consoles.push(makeConsole(rnd, { siteDepot: d.id, status: i === 5 ? 'maintenance' : 'available' }));
  }
  await insertConsoles(tx, consoles, now);
  const today = parisDate(now);
  await insertLots(
    tx,
    [
      ...centres.flatMap((c) => makeLots(rnd, { finess: c.finess }, today)),
      ...DEMO_DEPOTS.flatMap((d) => makeLots(rnd, { depot: d.id }, today, 5)),
    ],
    now,
  );

  // Teams, roster and upkeep draw from their own sequence: the fleet and census above stay as they were.
  const teamRnd = createRandom(2020);
  const perfusionist = await findUserByEmail(tx, DEMO_PERFUSIONIST.email);
  const teams = await seedTeams(tx, teamRnd, await teamSites(tx, centres), {
    now,
    link: perfusionist ? { userId: perfusionist.id, ...DEMO_PERFUSIONIST } : undefined,
  });
  // One available console of the demo hospital is overdue for calibration: regulation never offers it.
  // So is one in a centre of three other regions, each centre keeping at least two consoles fit to go.
  const overdue = await consolesToHoldBack(tx, DEMO_PERFUSIONIST.finess);
  await seedUpkeep(tx, teamRnd, DEFAULT_INTERVALS, { now, overdue });

  const current = currentIsoWeek(now);
  const weeks = Array.from({ length: 12 }, (_, i) => shiftIsoWeek(current, i - 11));
  const reports = await seedCensusHistory(
    tx,
    settings,
    rnd,
    weeks,
    { sites: centres.map((c) => c.finess), registered },
    {
      source: 'demo',
      submittedAt: (week, dueAt, finess) => {
        const thisWeek = week === current;
        if (thisWeek && DEMO_UNREPORTED.includes(finess)) return null;
        if (!rnd.chance(thisWeek ? 0.65 : 0.93)) return null;
        const late = rnd.chance(0.15);
        const at = new Date(
          dueAt.getTime() + (late ? rnd.int(1, 40) : -rnd.int(1, 46)) * 3_600_000 - rnd.int(0, 59) * 60_000,
        );
        return at.getTime() > now.getTime() ? null : at;
      },
    },
  );
  await markDemo(tx, now);
  const summary = { centres: centres.length, consoles: consoles.length, reports, ...teams };
  await appendAudit(tx, systemActor(now), {
    action: 'seed.demo_fleet',
    targetType: 'reference',
    targetId: 'demo-fleet',
    after: summary,
    reason:
      'Illustrative demo data: ECMO centres chosen from ECMOSARS sites and main CHU/CHR sites; console counts invented',
  });
  return summary;
}
