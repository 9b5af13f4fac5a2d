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
import { insertCampaign } from '../modules/census/census.repository.ts';
import { dueAtOf } from '../modules/census/census.service.ts';
import {
  type ConsoleSeed,
  createRandom,
  insertConsoles,
  insertLots,
  insertReports,
  makeConsole,
  makeLots,
  makeReport,
  type ReportSeed,
  workingStatus,
} from './factories.ts';
import { REFERENCE_DIR, systemActor } from './reference.ts';
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

export async function loadDemoFleet(
  tx: Queryable,
  settings: CensusSettings,
  now: Date,
): Promise<{ centres: number; consoles: number; reports: number }> {
  const [already] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM consoles');
  if ((already?.n ?? 0) > 0) return { centres: 0, consoles: 0, reports: 0 };
  const rnd = createRandom(20201127); // MARS 2020_113 is dated 27/11/2020
  const centres = readEcmoCentres();
  for (const c of centres) {
    await tx.query(
      'UPDATE establishments SET ecmo_centre = true, cardiac_surgery = $2, umac_base = $3 WHERE finess = $1',
      [c.finess, c.cardiacSurgery, c.umacBase],
    );
  }
  for (const d of DEMO_DEPOTS) {
    await tx.query(
      'INSERT INTO depots (id, name, departement_code, city, lat, lon) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
      [d.id, d.name, d.departement, d.city, d.lat, d.lon],
    );
  }
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
  const [perfusionist] = await tx.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [
    DEMO_PERFUSIONIST.email,
  ]);
  const teams = await seedTeams(tx, teamRnd, await teamSites(tx, centres), {
    now,
    link: perfusionist ? { userId: perfusionist.id, ...DEMO_PERFUSIONIST } : undefined,
  });
  // One available console of the demo hospital is overdue for calibration: regulation never offers it.
  // So is one in a centre of three other regions, each centre keeping at least two consoles fit to go.
  const blocked = await tx.query<{ id: string }>(
    `(SELECT id FROM consoles WHERE site_finess = $1 AND status = 'available' ORDER BY serial_number LIMIT 1)
     UNION ALL
     (SELECT DISTINCT ON (d.region_code) c.id FROM consoles c
        JOIN establishments e ON e.finess = c.site_finess JOIN departements d ON d.code = e.departement_code
       WHERE c.status = 'available' AND d.region_code NOT IN ('84', '11')
         AND (SELECT count(*) FROM consoles x WHERE x.site_finess = c.site_finess AND x.status = 'available') >= 3
       ORDER BY d.region_code, c.site_finess, c.serial_number LIMIT 3)`,
    [DEMO_PERFUSIONIST.finess],
  );
  await seedUpkeep(tx, teamRnd, DEFAULT_INTERVALS, { now, overdue: blocked.map((b) => b.id) });

  const current = currentIsoWeek(now);
  const reports: ReportSeed[] = [];
  for (let back = 11; back >= 0; back--) {
    const week = shiftIsoWeek(current, -back);
    const dueAt = dueAtOf(week, settings);
    await insertCampaign(tx, { week, weekStart: isoWeekMonday(week), dueAt });
    for (const c of centres) {
      if (back === 0 && DEMO_UNREPORTED.includes(c.finess)) continue;
      if (!rnd.chance(back === 0 ? 0.65 : 0.93)) continue;
      const late = rnd.chance(0.15);
      const at = new Date(
        dueAt.getTime() + (late ? rnd.int(1, 40) : -rnd.int(1, 46)) * 3_600_000 - rnd.int(0, 59) * 60_000,
      );
      if (at.getTime() > now.getTime()) continue;
      reports.push(makeReport(rnd, week, c.finess, registered.get(c.finess) ?? 0, at));
    }
  }
  await insertReports(tx, reports, 'demo');
  await tx.query(
    `INSERT INTO app_settings (key, value) VALUES ('demo', 'true'::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = $1`,
    [now],
  );
  const summary = { centres: centres.length, consoles: consoles.length, reports: reports.length, ...teams };
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
