/**
 * Factories: plain functions with defaults, shared by the demo seed, the tests and the benchmarks.
 * Random choices come from a seeded generator, so a dataset is the same on every run.
 */
import type { DeviceStatus as ConsoleStatus } from '../../domain/fleet.ts';
import { completeFiness } from '../../domain/identifiers.ts';
import type { Queryable } from '../db/client.ts';
import { insertRows } from '../db/sql.ts';
import { insertCreatedEvents, type NewDevice } from '../modules/fleet/devices.repository.ts';

/** Deterministic pseudo-random numbers (mulberry32). */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number): boolean => next() < p,
  };
}
export type Random = ReturnType<typeof createRandom>;

/** ECMO console models on the French market (manufacturer, model, serial prefix). */
export const CONSOLE_MODELS = [
  { manufacturer: 'Getinge', model: 'Cardiohelp', prefix: 'CH' },
  { manufacturer: 'Getinge', model: 'Rotaflow II', prefix: 'RF' },
  { manufacturer: 'LivaNova', model: 'LifeSPARC', prefix: 'LS' },
  { manufacturer: 'Abbott', model: 'CentriMag', prefix: 'CM' },
  { manufacturer: 'Medtronic', model: 'Bio-Console 560', prefix: 'BC' },
  { manufacturer: 'Eurosets', model: 'ECMOLIFE', prefix: 'EL' },
] as const;

export const CIRCUIT_PRODUCTS = ['HLS Set Advanced 7.0', 'PLS Set Quadrox-i', 'Nautilus ECMO circuit', 'ECMOLIFE kit'];
export const CANNULA_PRODUCTS = {
  venous: 'HLS venous cannula',
  arterial: 'HLS arterial cannula',
  dual_lumen: 'Avalon Elite dual-lumen',
} as const;

/** A console to register in bulk: a new device without its instant (the seed gives one to all). */
export type ConsoleSeed = Omit<NewDevice, 'statusSince'>;

let serialCounter = 0;

export function makeConsole(rnd: Random, overrides: Partial<ConsoleSeed> = {}): ConsoleSeed {
  const m = rnd.pick(CONSOLE_MODELS);
  serialCounter++;
  const serial = `${m.prefix}-${rnd.int(2012, 2024)}-${String(serialCounter).padStart(5, '0')}${rnd.int(10, 99)}`;
  return {
    manufacturer: m.manufacturer,
    model: m.model,
    serialNumber: serial,
    udi: rnd.chance(0.6) ? `(01)0${rnd.int(100000000000, 999999999999)}(21)${serial}` : null,
    ownerFiness: null,
    siteFiness: null,
    siteDepot: null,
    status: 'available',
    ...overrides,
  };
}

/** A status mix for a working ECMO centre: mostly available or in use. */
export function workingStatus(rnd: Random): ConsoleStatus {
  const x = rnd.next();
  if (x < 0.5) return 'available';
  if (x < 0.85) return 'in_use';
  if (x < 0.95) return 'maintenance';
  return 'out_of_service';
}

/** Registers the consoles at `now` (the app's clock), each with its "created" event. */
export async function insertConsoles(db: Queryable, consoles: readonly ConsoleSeed[], now: Date): Promise<void> {
  await insertRows(
    db,
    'consoles',
    [
      'manufacturer',
      'model',
      'serial_number',
      'udi',
      'owner_finess',
      'site_finess',
      'site_depot',
      'status',
      'status_since',
      'created_at',
      'updated_at',
    ],
    consoles.map((c) => [
      c.manufacturer,
      c.model,
      c.serialNumber,
      c.udi,
      c.ownerFiness,
      c.siteFiness,
      c.siteDepot,
      c.status,
      now,
      now,
      now,
    ]),
  );
  await insertCreatedEvents(db, now);
}

export interface LotSeed {
  siteFiness: string | null;
  siteDepot: string | null;
  itemKind: 'circuit' | 'cannula';
  cannulaType: 'venous' | 'arterial' | 'dual_lumen' | null;
  sizeFr: number | null;
  product: string;
  lotNumber: string;
  expiryDate: string;
  quantity: number;
}

export function makeLots(rnd: Random, site: { finess?: string; depot?: string }, today: string, scale = 1): LotSeed[] {
  const base = { siteFiness: site.finess ?? null, siteDepot: site.depot ?? null };
  const day = (offset: number) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().slice(0, 10);
  };
  const lot = () => `L${rnd.int(10, 99)}${String.fromCharCode(65 + rnd.int(0, 25))}${rnd.int(1000, 9999)}`;
  // Random draws in the order the fields are written (the seeded data depends on it).
  const circuit = (expiry: [number, number], quantity: [number, number]): LotSeed => ({
    ...base,
    itemKind: 'circuit',
    cannulaType: null,
    sizeFr: null,
    product: rnd.pick(CIRCUIT_PRODUCTS),
    lotNumber: lot(),
    expiryDate: day(rnd.int(...expiry)),
    quantity: rnd.int(...quantity) * scale,
  });
  const cannula = (cannulaType: 'venous' | 'arterial', sizes: number[]): LotSeed => ({
    ...base,
    itemKind: 'cannula',
    cannulaType,
    sizeFr: rnd.pick(sizes),
    product: CANNULA_PRODUCTS[cannulaType],
    lotNumber: lot(),
    expiryDate: day(rnd.int(90, 900)),
    quantity: rnd.int(2, 10) * scale,
  });
  const lots: LotSeed[] = [
    circuit([60, 700], [2, 8]),
    circuit([10, 120], [1, 4]),
    cannula('venous', [21, 23, 25]),
    cannula('arterial', [15, 17, 19]),
  ];
  // Now and then an expired lot still on the shelf: it must never count as available.
  if (rnd.chance(0.25)) {
    lots.push({
      ...base,
      itemKind: 'cannula',
      cannulaType: 'dual_lumen',
      sizeFr: rnd.pick([27, 31]),
      product: CANNULA_PRODUCTS.dual_lumen,
      lotNumber: lot(),
      expiryDate: day(-rnd.int(1, 60)),
      quantity: rnd.int(1, 3),
    });
  }
  return lots;
}

export async function insertLots(db: Queryable, lots: readonly LotSeed[], now: Date): Promise<void> {
  await insertRows(
    db,
    'stock_lots',
    [
      'site_finess',
      'site_depot',
      'item_kind',
      'cannula_type',
      'size_fr',
      'product',
      'lot_number',
      'expiry_date',
      'quantity',
      'updated_at',
    ],
    lots.map((l) => [
      l.siteFiness,
      l.siteDepot,
      l.itemKind,
      l.cannulaType,
      l.sizeFr,
      l.product,
      l.lotNumber,
      l.expiryDate,
      l.quantity,
      now,
    ]),
  );
}

export interface ReportSeed {
  week: string;
  finess: string;
  counts: Record<ConsoleStatus, number>;
  circuits: number;
  cannulas: number;
  patientsVv: number;
  patientsVa: number;
  teams: number;
  submittedAt: Date;
}

/** A report consistent with a register of `registered` consoles (patients never exceed consoles in use). */
export function makeReport(
  rnd: Random,
  week: string,
  finess: string,
  registered: number,
  submittedAt: Date,
): ReportSeed {
  const counts: Record<ConsoleStatus, number> = {
    available: 0,
    in_use: 0,
    maintenance: 0,
    lent: 0,
    out_of_service: 0,
    in_transit: 0,
  };
  for (let i = 0; i < registered; i++) counts[workingStatus(rnd)]++;
  const patients = rnd.int(0, counts.in_use);
  const vv = rnd.int(0, patients);
  return {
    week,
    finess,
    counts,
    circuits: rnd.int(1, 12),
    cannulas: rnd.int(2, 20),
    patientsVv: vv,
    patientsVa: patients - vv,
    teams: rnd.int(1, 3),
    submittedAt,
  };
}

export async function insertReports(db: Queryable, reports: readonly ReportSeed[], by = 'seed'): Promise<void> {
  await insertRows(
    db,
    'census_reports',
    [
      'week',
      'finess',
      'version',
      'is_current',
      'source',
      'consoles_available',
      'consoles_in_use',
      'consoles_maintenance',
      'consoles_lent',
      'consoles_out_of_service',
      'consoles_in_transit',
      'circuits',
      'cannulas',
      'patients_vv',
      'patients_va',
      'teams',
      'submitted_at',
      'submitted_by_label',
    ],
    reports.map((r) => [
      r.week,
      r.finess,
      1,
      true,
      'form',
      r.counts.available,
      r.counts.in_use,
      r.counts.maintenance,
      r.counts.lent,
      r.counts.out_of_service,
      r.counts.in_transit,
      r.circuits,
      r.cannulas,
      r.patientsVv,
      r.patientsVa,
      r.teams,
      r.submittedAt,
      by,
    ]),
    250,
  );
}

/** Synthetic establishments with valid FINESS numbers in real départements (scale tests and benchmarks). */
export function makeEstablishments(rnd: Random, count: number, departements: readonly string[], taken: Set<string>) {
  const out: { finess: string; name: string; departementCode: string; lat: number; lon: number }[] = [];
  while (out.length < count) {
    const dep = rnd.pick(departements);
    if (dep.length !== 2) continue;
    const finess = completeFiness(`${dep}${String(rnd.int(0, 9_999_999)).padStart(7, '0')}`.slice(0, 8));
    if (taken.has(finess)) continue;
    taken.add(finess);
    out.push({
      finess,
      name: `ETABLISSEMENT SYNTHETIQUE ${out.length + 1}`,
      departementCode: dep,
      lat: 43 + rnd.next() * 6,
      lon: -1 + rnd.next() * 8,
    });
  }
  return out;
}
