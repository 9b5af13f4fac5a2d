/**
 * Demo and benchmark teams: professionals with their qualifications, a centre's ECMO team, mobile
 * units (UMAC) at their bases, an on-call roster around now (day garde on site, night astreinte at
 * home), with a few gaps, and the upkeep due dates of the consoles (a few overdue). Names are
 * generated from common French first and last names; identifiers are well-formed, not real.
 */
import { randomUUID } from 'node:crypto';
import { luhnValid } from '../../domain/identifiers.ts';
import type { MemberRole, Profession, QualificationKind } from '../../domain/teams.ts';
import { addDays, currentIsoWeek, isoWeekMonday, parisDate, parisWallTime } from '../../domain/time.ts';
import { dueAfter } from '../../domain/upkeep.ts';
import type { Queryable } from '../db/client.ts';
import { insertRows } from '../db/sql.ts';
import type { Random } from './factories.ts';

const FIRST = [
  'Camille',
  'Louis',
  'Léa',
  'Hugo',
  'Chloé',
  'Lucas',
  'Manon',
  'Jules',
  'Inès',
  'Gabriel',
  'Sarah',
  'Arthur',
  'Emma',
  'Raphaël',
  'Jade',
  'Nathan',
  'Louise',
  'Théo',
  'Alice',
  'Paul',
  'Zoé',
  'Tom',
  'Anna',
  'Adam',
  'Lina',
  'Noah',
  'Julie',
  'Antoine',
  'Clara',
  'Maxime',
  'Sophie',
  'Thomas',
  'Marion',
  'Nicolas',
  'Pauline',
  'Julien',
];
const LAST = [
  'Martin',
  'Bernard',
  'Thomas',
  'Petit',
  'Robert',
  'Richard',
  'Durand',
  'Dubois',
  'Moreau',
  'Laurent',
  'Simon',
  'Michel',
  'Lefebvre',
  'Leroy',
  'Roux',
  'David',
  'Bertrand',
  'Morel',
  'Fournier',
  'Girard',
  'Bonnet',
  'Dupont',
  'Lambert',
  'Fontaine',
  'Rousseau',
  'Vincent',
  'Muller',
  'Lefèvre',
  'Faure',
  'André',
  'Mercier',
  'Blanc',
  'Guérin',
  'Boyer',
  'Garnier',
  'Chevalier',
  'François',
  'Legrand',
  'Gauthier',
  'Garcia',
  'Perrin',
  'Robin',
  'Clément',
  'Morin',
  'Nicolas',
  'Henry',
];

/** An 11-digit RPPS-like number that passes the Luhn check (not a real person's). */
function rpps(rnd: Random): string {
  const body = `10${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`;
  for (let d = 0; d <= 9; d++) if (luhnValid(`${body}${d}`)) return `${body}${d}`;
  return `${body}0`;
}
const adeli = (rnd: Random, dep: string): string =>
  `${dep.replace(/\D/g, '0').padStart(2, '0').slice(0, 2)}${String(rnd.int(0, 9_999_999)).padStart(7, '0')}`;

interface PersonSeed {
  id: string;
  profession: Profession;
  role: MemberRole;
  finess: string;
  quals: QualificationKind[];
  userId?: string;
  firstName?: string;
  lastName?: string;
}

export interface TeamSite {
  finess: string;
  departement: string;
  name: string;
  city: string | null;
  cardiacSurgery: boolean;
  umacBase: boolean;
}

/** Slots of the roster: 08:00–20:00 on site, 20:00–08:00 on call (30 min), from Monday of this week. */
function slots(now: Date, days: number): { start: Date; end: Date; night: boolean }[] {
  const monday = isoWeekMonday(currentIsoWeek(now));
  const out: { start: Date; end: Date; night: boolean }[] = [];
  for (let d = 0; d < days; d++) {
    const day = addDays(monday, d);
    out.push({ start: parisWallTime(day, '08:00'), end: parisWallTime(day, '20:00'), night: false });
    out.push({ start: parisWallTime(day, '20:00'), end: parisWallTime(addDays(day, 1), '08:00'), night: true });
  }
  return out;
}

/**
 * Seeds teams and their roster for these sites: an ECMO team per centre, a mobile unit per UMAC
 * base. `gapRate`: the share of slots left short of a perfusionist (shown in red on the roster).
 * `link` makes one professional the given account (the demo perfusionist sees her week).
 */
export async function seedTeams(
  tx: Queryable,
  rnd: Random,
  sites: readonly TeamSite[],
  options: {
    now: Date;
    days?: number;
    gapRate?: number;
    link?: { userId: string; finess: string; firstName: string; lastName: string };
  },
): Promise<{ teams: number; professionals: number; shifts: number }> {
  const now = options.now;
  const days = options.days ?? 28;
  const gapRate = options.gapRate ?? 0.04;
  const today = parisDate(now);
  const people: PersonSeed[] = [];
  const teams: {
    id: string;
    name: string;
    kind: 'ecmo' | 'umac';
    base: string;
    transport: string | null;
    members: PersonSeed[];
  }[] = [];
  const person = (finess: string, profession: Profession, role: MemberRole, quals: QualificationKind[]): PersonSeed => {
    const p = { id: randomUUID(), profession, role, finess, quals };
    people.push(p);
    return p;
  };
  for (const s of sites) {
    const physicians = [
      person(s.finess, 'intensivist', 'intensivist', ['ecmo_cannulation', 'ecmo_vv', 'ecmo_va']),
      person(s.finess, 'intensivist', 'intensivist', ['ecmo_cannulation', 'ecmo_vv']),
      person(
        s.finess,
        s.cardiacSurgery ? 'cardiac_surgeon' : 'anaesthetist',
        s.cardiacSurgery ? 'surgeon' : 'intensivist',
        ['ecmo_cannulation', 'ecpr'],
      ),
    ];
    const runners = [
      person(s.finess, 'perfusionist', 'perfusionist', ['perfusion_master', 'ecmo_vv', 'ecmo_va']),
      person(s.finess, 'perfusionist', 'perfusionist', ['perfusion_master']),
      person(s.finess, 'nurse', 'nurse', ['ecmo_vv', 'ecmo_va', 'aed_attestation']),
    ];
    teams.push({
      id: randomUUID(),
      name: `ECMO ${s.city ?? s.name}`,
      kind: 'ecmo',
      base: s.finess,
      transport: null,
      members: [...physicians, ...runners],
    });
    if (s.umacBase) {
      const mobile = [
        person(
          s.finess,
          s.cardiacSurgery ? 'cardiac_surgeon' : 'intensivist',
          s.cardiacSurgery ? 'surgeon' : 'intensivist',
          ['ecmo_cannulation', 'ecmo_vv', 'ecmo_va'],
        ),
        person(s.finess, 'intensivist', 'intensivist', ['ecmo_cannulation', 'ecmo_vv']),
        person(s.finess, 'perfusionist', 'perfusionist', ['perfusion_master', 'ecmo_vv']),
        person(s.finess, 'perfusionist', 'perfusionist', ['perfusion_master']),
      ];
      teams.push({
        id: randomUUID(),
        name: `UMAC ${s.city ?? s.name}`,
        kind: 'umac',
        base: s.finess,
        transport: rnd.chance(0.25) ? 'helicopter' : 'vehicle',
        members: mobile,
      });
    }
  }
  if (options.link) {
    // The demo perfusionist: the first perfusionist of her hospital's ECMO team.
    const team = teams.find((t) => t.kind === 'ecmo' && t.base === options.link?.finess);
    const p = team?.members.find((m) => m.role === 'perfusionist');
    if (p)
      Object.assign(p, {
        userId: options.link.userId,
        firstName: options.link.firstName,
        lastName: options.link.lastName,
      });
  }
  const depOf = new Map(sites.map((s) => [s.finess, s.departement]));
  await insertRows(
    tx,
    'professionals',
    ['id', 'id_kind', 'id_value', 'first_name', 'last_name', 'profession', 'user_id'],
    people.map((p) => {
      const physician = ['intensivist', 'cardiac_surgeon', 'anaesthetist'].includes(p.profession);
      return [
        p.id,
        physician ? 'rpps' : 'adeli',
        physician ? rpps(rnd) : adeli(rnd, depOf.get(p.finess) ?? '75'),
        p.firstName ?? rnd.pick(FIRST),
        p.lastName ?? rnd.pick(LAST),
        p.profession,
        p.userId ?? null,
      ];
    }),
  );
  await insertRows(
    tx,
    'professional_establishments',
    ['professional_id', 'finess'],
    people.map((p) => [p.id, p.finess]),
  );
  const year = Number(today.slice(0, 4));
  await insertRows(
    tx,
    'qualifications',
    ['professional_id', 'kind', 'issuer', 'issued_on', 'valid_until'],
    people.flatMap((p) =>
      p.quals.map((kind) => {
        const issued = `${rnd.int(2012, year - 1)}-${String(rnd.int(1, 12)).padStart(2, '0')}-15`;
        const issuer =
          kind === 'perfusion_master'
            ? 'Sorbonne Université — master santé, parcours CECAC'
            : kind === 'aed_attestation'
              ? 'CESU'
              : 'Centre hospitalier universitaire';
        // AED attestations and ECPR competence are renewed; one in twelve has lapsed.
        const expires = kind === 'aed_attestation' || kind === 'ecpr';
        const validUntil = expires ? dueAfter(today, rnd.chance(1 / 12) ? -rnd.int(5, 200) : rnd.int(30, 900)) : null;
        return [p.id, kind, issuer, issued, validUntil && validUntil < issued ? issued : validUntil];
      }),
    ),
  );
  await insertRows(
    tx,
    'training_hours',
    ['professional_id', 'year', 'hours'],
    people.flatMap((p) => [year - 2, year - 1].map((y) => [p.id, y, rnd.int(8, 60)])),
  );
  await insertRows(
    tx,
    'activity_counts',
    ['professional_id', 'year', 'cec_runs', 'ecmo_runs'],
    people.filter((p) => p.role === 'perfusionist').map((p) => [p.id, year - 1, rnd.int(40, 220), rnd.int(5, 45)]),
  );
  await insertRows(
    tx,
    'activity_counts',
    ['finess', 'year', 'cec_runs', 'ecmo_runs'],
    sites.flatMap((site) =>
      [year - 2, year - 1].map((y) => [site.finess, y, site.cardiacSurgery ? rnd.int(250, 900) : 0, rnd.int(8, 90)]),
    ),
  );
  await insertRows(
    tx,
    'teams',
    ['id', 'name', 'kind', 'base_finess', 'transport'],
    teams.map((t) => [t.id, t.name, t.kind, t.base, t.transport]),
  );
  await insertRows(
    tx,
    'team_members',
    ['team_id', 'professional_id', 'role'],
    teams.flatMap((t) => t.members.map((m) => [t.id, m.id, m.role])),
  );
  const shifts: unknown[][] = [];
  const roster = slots(now, days);
  for (const t of teams) {
    const physicians = t.members.filter((m) => m.role === 'surgeon' || m.role === 'intensivist');
    const runners = t.members.filter((m) => m.role === 'perfusionist' || m.role === 'nurse');
    roster.forEach((slot, i) => {
      const kind = slot.night ? 'on_call' : 'on_site';
      const delay = slot.night ? 30 : 0;
      const doc = physicians[i % physicians.length] as PersonSeed;
      shifts.push([t.id, doc.id, doc.role, kind, slot.start, slot.end, delay]);
      // A few slots lack their perfusionist: the roster shows them as gaps.
      if (rnd.chance(gapRate)) return;
      const runner = runners[(i + 1) % runners.length] as PersonSeed;
      shifts.push([t.id, runner.id, runner.role, kind, slot.start, slot.end, delay]);
    });
  }
  // One statement per few thousand shifts, columns as arrays: a VALUES list this long is slow to plan.
  for (let i = 0; i < shifts.length; i += 5000) {
    const chunk = shifts.slice(i, i + 5000);
    const column = (k: number) => chunk.map((row) => row[k]);
    await tx.query(
      `INSERT INTO shifts (team_id, professional_id, role, kind, starts_at, ends_at, call_in_minutes)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::int[])`,
      [column(0), column(1), column(2), column(3), column(4), column(5), column(6)],
    );
  }
  return { teams: teams.length, professionals: people.length, shifts: shifts.length };
}

/**
 * Upkeep due dates of every console from its last interventions: in order, some due within a
 * fortnight; the `overdue` consoles given are overdue for calibration (regulation leaves them out).
 */
export async function seedUpkeep(
  tx: Queryable,
  rnd: Random,
  intervals: { maintenanceDays: number; calibrationDays: number },
  options: { now: Date; overdue?: readonly string[] },
): Promise<number> {
  const today = parisDate(options.now);
  const consoles = await tx.query<{ id: string }>('SELECT id FROM consoles ORDER BY serial_number');
  const forced = new Set(options.overdue ?? []);
  const records: unknown[][] = [];
  const dues: [string, string, string][] = [];
  for (const c of consoles) {
    const calibrationLeft = forced.has(c.id) ? -rnd.int(3, 20) : rnd.int(2, intervals.calibrationDays);
    const maintenanceLeft = rnd.int(10, intervals.maintenanceDays);
    const calibrationDue = dueAfter(today, calibrationLeft);
    const maintenanceDue = dueAfter(today, maintenanceLeft);
    records.push([
      c.id,
      'calibration',
      dueAfter(calibrationDue, -intervals.calibrationDays),
      'Service technique du fabricant',
      calibrationDue,
    ]);
    records.push([
      c.id,
      'maintenance',
      dueAfter(maintenanceDue, -intervals.maintenanceDays),
      'Service biomédical',
      maintenanceDue,
    ]);
    dues.push([c.id, maintenanceDue, calibrationDue]);
  }
  await insertRows(
    tx,
    'maintenance_records',
    ['console_id', 'kind', 'performed_on', 'performed_by', 'next_due'],
    records,
  );
  for (let i = 0; i < dues.length; i += 500) {
    const chunk = dues.slice(i, i + 500);
    await tx.query(
      `UPDATE consoles c SET maintenance_due = v.m::date, calibration_due = v.k::date
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, m, k) WHERE c.id = v.id`,
      [chunk.map((d) => d[0]), chunk.map((d) => d[1]), chunk.map((d) => d[2])],
    );
  }
  return consoles.length;
}

/** The name, city and département of these centres, for their teams. */
export async function teamSites(
  tx: Queryable,
  centres: readonly { finess: string; cardiacSurgery: boolean; umacBase: boolean }[],
): Promise<TeamSite[]> {
  const rows = await tx.query<{ finess: string; name: string; city: string | null; departement_code: string }>(
    'SELECT finess, name, city, departement_code FROM establishments WHERE finess = ANY($1::text[])',
    [centres.map((c) => c.finess)],
  );
  const byFiness = new Map(rows.map((r) => [r.finess, r]));
  return centres.flatMap((c) => {
    const e = byFiness.get(c.finess);
    if (!e) return [];
    // "Hopital Louis Pradel (Bron)": the site's own name, before the group's, in title case.
    const title = (x: string) =>
      x.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
    const site = title((e.name.split(' - ')[0] ?? e.name).trim());
    const label = e.city ? `${site} (${title(e.city)})` : site;
    return [
      {
        finess: c.finess,
        departement: e.departement_code,
        name: e.name,
        city: label,
        cardiacSurgery: c.cardiacSurgery,
        umacBase: c.umacBase,
      },
    ];
  });
}
