/**
 * Demo and benchmark teams: professionals with their qualifications, a centre's ECMO team, mobile
 * units (UMAC) at their bases, an on-call roster around now (day garde on site, night astreinte at
 * home), with a few gaps, and the upkeep due dates of the consoles (a few overdue). Names are
 * generated from common French first and last names; identifiers are well-formed, not real.
 */
import { randomUUID } from 'node:crypto';
import { luhnValid } from '../../domain/identifiers.ts';
import type { MemberRole, Profession, QualificationKind, TeamKind, Transport } from '../../domain/teams.ts';
import { addDays, currentIsoWeek, isoWeekMonday, parisDate, parisWallTime } from '../../domain/time.ts';
import { dueAfter, type MaintenanceKind } from '../../domain/upkeep.ts';
import type { Queryable } from '../db/client.ts';
import { establishmentNames } from '../modules/establishments/locations.repository.ts';
import { allConsoleIds, insertUpkeepHistory } from '../modules/fleet/upkeep.repository.ts';
import { insertProfessionalsBulk, type SeedProfessionals } from '../modules/professionals/professionals.repository.ts';
import { insertShiftsBulk, type NewShift } from '../modules/roster/roster.repository.ts';
import { insertTeamsBulk } from '../modules/teams/teams.repository.ts';
import type { Random } from './factories.ts';

// Common French first and last names.
const FIRST = (
  'Camille Louis Léa Hugo Chloé Lucas Manon Jules Inès Gabriel Sarah Arthur Emma Raphaël Jade Nathan Louise Théo ' +
  'Alice Paul Zoé Tom Anna Adam Lina Noah Julie Antoine Clara Maxime Sophie Thomas Marion Nicolas Pauline Julien'
).split(' ');
const LAST = (
  'Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefebvre Leroy Roux ' +
  'David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller Lefèvre Faure André ' +
  'Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier Garcia Perrin Robin Clément Morin Nicolas Henry'
).split(' ');

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

interface TeamSeed {
  id: string;
  name: string;
  kind: TeamKind;
  base: string;
  transport: Transport | null;
  members: PersonSeed[];
}
type Link = { userId: string; finess: string; firstName: string; lastName: string };

/** The teams of these sites and their people: an ECMO team per centre, a mobile unit per UMAC base. */
function composeTeams(rnd: Random, sites: readonly TeamSite[]): { people: PersonSeed[]; teams: TeamSeed[] } {
  const people: PersonSeed[] = [];
  const teams: TeamSeed[] = [];
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
  return { people, teams };
}

/** The demo perfusionist: the first perfusionist of her hospital's ECMO team is the given account. */
function linkAccount(teams: readonly TeamSeed[], link: Link): void {
  const team = teams.find((t) => t.kind === 'ecmo' && t.base === link.finess);
  const p = team?.members.find((m) => m.role === 'perfusionist');
  if (p) Object.assign(p, { userId: link.userId, firstName: link.firstName, lastName: link.lastName });
}

/** The people's identifiers, names, qualifications, training hours and runs, and their centres' runs. */
function professionalsOf(
  rnd: Random,
  people: readonly PersonSeed[],
  sites: readonly TeamSite[],
  today: string,
): SeedProfessionals {
  const depOf = new Map(sites.map((s) => [s.finess, s.departement]));
  const year = Number(today.slice(0, 4));
  return {
    professionals: people.map((p) => {
      const physician = ['intensivist', 'cardiac_surgeon', 'anaesthetist'].includes(p.profession);
      return {
        id: p.id,
        idKind: physician ? 'rpps' : 'adeli',
        idValue: physician ? rpps(rnd) : adeli(rnd, depOf.get(p.finess) ?? '75'),
        firstName: p.firstName ?? rnd.pick(FIRST),
        lastName: p.lastName ?? rnd.pick(LAST),
        profession: p.profession,
        email: null,
        phone: null,
        userId: p.userId ?? null,
      };
    }),
    establishments: people.map((p) => ({ professionalId: p.id, finess: p.finess })),
    qualifications: people.flatMap((p) => p.quals.map((kind) => qualification(rnd, p.id, kind, today, year))),
    trainingHours: people.flatMap((p) =>
      [year - 2, year - 1].map((y) => ({ professionalId: p.id, year: y, hours: rnd.int(8, 60) })),
    ),
    activity: people
      .filter((p) => p.role === 'perfusionist')
      .map((p) => ({ professionalId: p.id, year: year - 1, cecRuns: rnd.int(40, 220), ecmoRuns: rnd.int(5, 45) })),
    centreActivity: sites.flatMap((site) =>
      [year - 2, year - 1].map((y) => ({
        finess: site.finess,
        year: y,
        cecRuns: site.cardiacSurgery ? rnd.int(250, 900) : 0,
        ecmoRuns: rnd.int(8, 90),
      })),
    ),
  };
}

/** Each team's shifts over the slots: a physician and a runner each, a few runners missing. */
function rosterOf(rnd: Random, teams: readonly TeamSeed[], roster: ReturnType<typeof slots>, gapRate: number) {
  const shifts: NewShift[] = [];
  for (const t of teams) {
    const physicians = t.members.filter((m) => m.role === 'surgeon' || m.role === 'intensivist');
    const runners = t.members.filter((m) => m.role === 'perfusionist' || m.role === 'nurse');
    roster.forEach((slot, i) => {
      const kind = slot.night ? 'on_call' : 'on_site';
      const duty = {
        teamId: t.id,
        kind,
        startsAt: slot.start,
        endsAt: slot.end,
        callInMinutes: slot.night ? 30 : 0,
      } as const;
      const doc = physicians[i % physicians.length] as PersonSeed;
      shifts.push({ ...duty, professionalId: doc.id, role: doc.role });
      // A few slots lack their perfusionist: the roster shows them as gaps.
      if (rnd.chance(gapRate)) return;
      const runner = runners[(i + 1) % runners.length] as PersonSeed;
      shifts.push({ ...duty, professionalId: runner.id, role: runner.role });
    });
  }
  return shifts;
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
  options: { now: Date; days?: number; gapRate?: number; link?: Link },
): Promise<{ teams: number; professionals: number; shifts: number }> {
  // The draws of `rnd` keep their order (transports, identifiers and names, qualifications, hours,
  // runs, then gaps): the same seed gives the same people and roster.
  const { people, teams } = composeTeams(rnd, sites);
  if (options.link) linkAccount(teams, options.link);
  await insertProfessionalsBulk(tx, professionalsOf(rnd, people, sites, parisDate(options.now)));
  await insertTeamsBulk(tx, teams);
  const shifts = rosterOf(rnd, teams, slots(options.now, options.days ?? 28), options.gapRate ?? 0.04);
  await insertShiftsBulk(tx, shifts);
  return { teams: teams.length, professionals: people.length, shifts: shifts.length };
}

/** A qualification of `kind` issued some year before; AED attestations and ECPR competence expire. */
function qualification(rnd: Random, professionalId: string, kind: QualificationKind, today: string, year: number) {
  const issuedOn = `${rnd.int(2012, year - 1)}-${String(rnd.int(1, 12)).padStart(2, '0')}-15`;
  const issuer =
    kind === 'perfusion_master'
      ? 'Sorbonne Université — master santé, parcours CECAC'
      : kind === 'aed_attestation'
        ? 'CESU'
        : 'Centre hospitalier universitaire';
  // They are renewed; one in twelve has lapsed.
  const expires = kind === 'aed_attestation' || kind === 'ecpr';
  const validUntil = expires ? dueAfter(today, rnd.chance(1 / 12) ? -rnd.int(5, 200) : rnd.int(30, 900)) : null;
  return {
    professionalId,
    kind,
    issuer,
    issuedOn,
    validUntil: validUntil && validUntil < issuedOn ? issuedOn : validUntil,
  };
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
  const consoles = await allConsoleIds(tx);
  const forced = new Set(options.overdue ?? []);
  const records: {
    consoleId: string;
    kind: MaintenanceKind;
    performedOn: string;
    performedBy: string;
    nextDue: string;
  }[] = [];
  const dues: { consoleId: string; maintenanceDue: string; calibrationDue: string }[] = [];
  for (const consoleId of consoles) {
    const calibrationLeft = forced.has(consoleId) ? -rnd.int(3, 20) : rnd.int(2, intervals.calibrationDays);
    const maintenanceLeft = rnd.int(10, intervals.maintenanceDays);
    const calibrationDue = dueAfter(today, calibrationLeft);
    const maintenanceDue = dueAfter(today, maintenanceLeft);
    records.push({
      consoleId,
      kind: 'calibration',
      performedOn: dueAfter(calibrationDue, -intervals.calibrationDays),
      performedBy: 'Service technique du fabricant',
      nextDue: calibrationDue,
    });
    records.push({
      consoleId,
      kind: 'maintenance',
      performedOn: dueAfter(maintenanceDue, -intervals.maintenanceDays),
      performedBy: 'Service biomédical',
      nextDue: maintenanceDue,
    });
    dues.push({ consoleId, maintenanceDue, calibrationDue });
  }
  await insertUpkeepHistory(tx, records, dues);
  return consoles.length;
}

/** The name, city and département of these centres, for their teams. */
export async function teamSites(
  tx: Queryable,
  centres: readonly { finess: string; cardiacSurgery: boolean; umacBase: boolean }[],
): Promise<TeamSite[]> {
  const rows = await establishmentNames(
    tx,
    centres.map((c) => c.finess),
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
        departement: e.departementCode,
        name: e.name,
        city: label,
        cardiacSurgery: c.cardiacSurgery,
        umacBase: c.umacBase,
      },
    ];
  });
}
