/**
 * National and regional boards. Figures are computed from the live register, stock and census in a
 * few grouped queries, then kept as serialized JSON until a change (fleet.changed / census.changed,
 * from this instance or any other) or a short expiry: a wall screen polling every few seconds costs
 * one cache lookup, not a database round trip.
 */

import type { TConsoleCounts, TNationalBoard, TRegionalBoard } from '../../../contracts/boards.ts';
import { censusStatus, completeness, noConsoles, tensionOf } from '../../../domain/census.ts';
import type { DeviceStatus } from '../../../domain/fleet.ts';
import { currentIsoWeek, instantOrNull, parisDate, parseIsoWeek, shiftIsoWeek } from '../../../domain/time.ts';
import type { Clock } from '../../clock.ts';
import type { CensusSettings } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { EventBus } from '../../events/bus.ts';
import { invalid, issue, notFound } from '../../http/errors.ts';
import { type ReadyJson, readyJson } from '../../http/ready-bytes.ts';
import type { AuthUser } from '../../http/session.ts';
import { dueAtOf, ensureCampaign } from '../census/census.service.ts';
import { assertAllowed } from '../context.ts';
import * as repo from './boards.repository.ts';

const CACHE_MS = 30_000;

const emptyCounts = (): TConsoleCounts => ({ ...noConsoles(), total: 0 });
const STATUS_KEY: Record<DeviceStatus, Exclude<keyof TConsoleCounts, 'total'>> = {
  available: 'available',
  in_use: 'inUse',
  maintenance: 'maintenance',
  lent: 'lent',
  out_of_service: 'outOfService',
  in_transit: 'inTransit',
};
const addCounts = (a: TConsoleCounts, b: TConsoleCounts): TConsoleCounts => ({
  available: a.available + b.available,
  inUse: a.inUse + b.inUse,
  maintenance: a.maintenance + b.maintenance,
  lent: a.lent + b.lent,
  outOfService: a.outOfService + b.outOfService,
  inTransit: a.inTransit + b.inTransit,
  total: a.total + b.total,
});
const latest = (...ds: (string | null)[]): string | null =>
  ds
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1) ?? null;

type EstablishmentFigures = TRegionalBoard['establishments'][number] & { regionCode: string };

interface Snapshot {
  week: string;
  dueAt: Date;
  generatedAt: string;
  demo: boolean;
  establishments: EstablishmentFigures[];
  depots: TRegionalBoard['depots'];
  regions: { code: string; name: string; icuBeds: number }[];
  trend: repo.TrendRow[];
  trendWeeks: string[];
  closed: boolean;
}

async function computeSnapshot(
  db: Database,
  settings: CensusSettings,
  week: string,
  weeks: number,
  now: Date,
): Promise<Snapshot> {
  const campaign = await db.transaction((tx) => ensureCampaign(tx, week, settings, now));
  const dueAt = campaign ? new Date(campaign.dueAt) : dueAtOf(week, settings);
  const trendWeeks = Array.from({ length: weeks }, (_, i) => shiftIsoWeek(week, i - weeks + 1));
  const [sites, consoles, stock, reports, trend, regions, depots, demo] = await Promise.all([
    repo.boardSites(db),
    repo.consoleCounts(db),
    repo.stockCounts(db, parisDate(now)),
    repo.latestReports(db, week),
    repo.trendRows(db, trendWeeks),
    repo.regionsWithBeds(db),
    repo.depotsWithRegion(db),
    repo.isDemo(db),
  ]);
  const countsBySite = new Map<string, { counts: TConsoleCounts; last: string | null }>();
  for (const c of consoles) {
    const entry = countsBySite.get(c.site) ?? { counts: emptyCounts(), last: null };
    entry.counts[STATUS_KEY[c.status]] += c.n;
    entry.counts.total += c.n;
    entry.last = latest(entry.last, instantOrNull(c.last));
    countsBySite.set(c.site, entry);
  }
  const stockBySite = new Map(stock.map((s) => [s.site, s]));
  const reportBySite = new Map(reports.map((r) => [r.finess, r]));
  const establishments = sites.map((s): EstablishmentFigures => {
    const c = countsBySite.get(s.finess);
    const st = stockBySite.get(s.finess);
    const r = reportBySite.get(s.finess);
    const status = censusStatus(r?.first_at ? new Date(r.first_at) : null, dueAt, now);
    const counts = c?.counts ?? emptyCounts();
    return {
      finess: s.finess,
      name: s.name,
      city: s.city,
      departementCode: s.departement_code,
      regionCode: s.region_code,
      ecmoCentre: s.ecmo_centre,
      umacBase: s.umac_base,
      cardiacSurgery: s.cardiac_surgery,
      consoles: counts,
      circuits: st?.circuits ?? 0,
      cannulas: st?.cannulas ?? 0,
      expiredUnits: st?.expired ?? 0,
      patients: r ? { vv: r.patients_vv, va: r.patients_va } : null,
      teams: r ? r.teams : null,
      census: s.ecmo_centre
        ? { status, week: r?.week ?? null, version: r?.version ?? null, submittedAt: instantOrNull(r?.submitted_at) }
        : { status, week: null, version: null, submittedAt: null },
      tension: tensionOf(counts),
      lastUpdated: {
        consoles: c?.last ?? null,
        stock: instantOrNull(st?.last),
        census: instantOrNull(r?.submitted_at),
      },
      stale: s.ecmo_centre && (!r || r.week < week),
    };
  });
  const depotFigures = depots.map((d) => ({
    id: d.id,
    name: d.name,
    regionCode: d.region_code,
    consoles: countsBySite.get(d.id)?.counts ?? emptyCounts(),
    circuits: stockBySite.get(d.id)?.circuits ?? 0,
  }));
  return {
    week,
    dueAt,
    generatedAt: now.toISOString(),
    demo,
    establishments,
    depots: depotFigures,
    regions: regions.map((r) => ({ code: r.code, name: r.name, icuBeds: r.icu_beds })),
    trend,
    trendWeeks,
    closed: now.getTime() > dueAt.getTime(),
  };
}

function regionFigures(snap: Snapshot, region: { code: string; name: string; icuBeds: number }) {
  const list = snap.establishments.filter((e) => e.regionCode === region.code);
  const consoles = list.reduce((a, e) => addCounts(a, e.consoles), emptyCounts());
  const expected = list.filter((e) => e.ecmoCentre);
  const received = expected.filter((e) => e.census.status === 'on_time' || e.census.status === 'late').length;
  const onTime = expected.filter((e) => e.census.status === 'on_time').length;
  return {
    code: region.code,
    name: region.name,
    consoles,
    circuits: list.reduce((a, e) => a + e.circuits, 0),
    cannulas: list.reduce((a, e) => a + e.cannulas, 0),
    patients: {
      vv: list.reduce((a, e) => a + (e.patients?.vv ?? 0), 0),
      va: list.reduce((a, e) => a + (e.patients?.va ?? 0), 0),
    },
    teams: list.reduce((a, e) => a + (e.teams ?? 0), 0),
    icuBeds: region.icuBeds,
    availablePer100IcuBeds: region.icuBeds ? Math.round((consoles.available / region.icuBeds) * 1000) / 10 : null,
    tension: tensionOf(consoles),
    completeness: completeness(expected.length, received, onTime, snap.closed),
    lastUpdated: {
      consoles: latest(...list.map((e) => e.lastUpdated.consoles)),
      stock: latest(...list.map((e) => e.lastUpdated.stock)),
      census: latest(...list.map((e) => e.lastUpdated.census)),
    },
    stale: list.some((e) => e.stale),
  };
}

function trendOf(snap: Snapshot, regionCodes: Set<string>) {
  const expected = snap.establishments.filter((e) => e.ecmoCentre && regionCodes.has(e.regionCode)).length;
  return snap.trendWeeks.map((week) => {
    const rows = snap.trend.filter((t) => t.week === week && regionCodes.has(t.region_code));
    return {
      week,
      consolesAvailable: rows.reduce((a, r) => a + r.consoles_available, 0),
      consolesInUse: rows.reduce((a, r) => a + r.consoles_in_use, 0),
      patientsVv: rows.reduce((a, r) => a + r.patients_vv, 0),
      patientsVa: rows.reduce((a, r) => a + r.patients_va, 0),
      received: rows.reduce((a, r) => a + r.received, 0),
      expected,
    };
  });
}

export function nationalBoard(snap: Snapshot): TNationalBoard {
  const regions = snap.regions.map((r) => regionFigures(snap, r));
  const allRegions = new Set(snap.regions.map((r) => r.code));
  const totalsFromAll = {
    consoles: regions.reduce((a, r) => addCounts(a, r.consoles), emptyCounts()),
    circuits: regions.reduce((a, r) => a + r.circuits, 0),
    cannulas: regions.reduce((a, r) => a + r.cannulas, 0),
    patients: {
      vv: regions.reduce((a, r) => a + r.patients.vv, 0),
      va: regions.reduce((a, r) => a + r.patients.va, 0),
    },
    teams: regions.reduce((a, r) => a + r.teams, 0),
  };
  const expected = regions.reduce((a, r) => a + r.completeness.expected, 0);
  const received = regions.reduce((a, r) => a + r.completeness.received, 0);
  const onTime = regions.reduce((a, r) => a + r.completeness.onTime, 0);
  const icuBeds = snap.regions.reduce((a, r) => a + r.icuBeds, 0);
  const stockConsoles = snap.depots.reduce((a, d) => addCounts(a, d.consoles), emptyCounts());
  return {
    generatedAt: snap.generatedAt,
    week: snap.week,
    dueAt: snap.dueAt.toISOString(),
    totals: {
      ...totalsFromAll,
      icuBeds,
      availablePer100IcuBeds: icuBeds ? Math.round((totalsFromAll.consoles.available / icuBeds) * 1000) / 10 : null,
      tension: tensionOf(totalsFromAll.consoles),
      completeness: completeness(expected, received, onTime, snap.closed),
      lastUpdated: {
        consoles: latest(...regions.map((r) => r.lastUpdated.consoles)),
        stock: latest(...regions.map((r) => r.lastUpdated.stock)),
        census: latest(...regions.map((r) => r.lastUpdated.census)),
      },
      stale: regions.some((r) => r.stale),
    },
    regions,
    nationalStock: {
      consoles: stockConsoles,
      circuits: snap.depots.reduce((a, d) => a + d.circuits, 0),
      depots: snap.depots,
    },
    trend: trendOf(snap, allRegions),
    demoNotice: snap.demo,
  };
}

export function regionalBoard(snap: Snapshot, code: string): TRegionalBoard | undefined {
  const region = snap.regions.find((r) => r.code === code);
  if (!region) return undefined;
  return {
    generatedAt: snap.generatedAt,
    week: snap.week,
    dueAt: snap.dueAt.toISOString(),
    region: regionFigures(snap, region),
    establishments: snap.establishments.filter((e) => e.regionCode === code).map(({ regionCode: _, ...e }) => e),
    depots: snap.depots.filter((d) => d.regionCode === code),
    trend: trendOf(snap, new Set([code])),
    demoNotice: snap.demo,
  };
}

/** A board ready to send: its JSON bytes, compressed once for clients that accept it, and an entity tag. */
export type CachedBoard<B> = ReadyJson<B>;

export interface BoardCache {
  national(week: string | undefined, weeks: number): Promise<CachedBoard<TNationalBoard>>;
  regional(code: string, week: string | undefined, weeks: number): Promise<CachedBoard<TRegionalBoard> | undefined>;
  clear(): void;
}

/** Boards of one kind by key. A change empties them at once; `generation` tells a build started before it. */
function boardEntries<B>(clock: Clock, generation: () => number) {
  const boards = new Map<string, { at: number; value: CachedBoard<B> }>();
  const refreshing = new Set<string>();
  // Best compression: paid once per change, saved on every poll of every wall screen.
  const encode = (value: B): CachedBoard<B> => readyJson(value, 11);
  /**
   * Without change, an entry past its age is still served while a fresh one is built in the background
   * (time alone only moves due dates and "pending" to "missing").
   */
  const get = async (key: string, build: () => Promise<B | undefined>): Promise<CachedBoard<B> | undefined> => {
    const hit = boards.get(key);
    const rebuild = async (): Promise<CachedBoard<B> | undefined> => {
      const started = generation();
      const value = await build();
      if (!value) return undefined;
      const entry = encode(value);
      if (generation() === started) boards.set(key, { at: clock.now().getTime(), value: entry });
      return entry;
    };
    if (hit && clock.now().getTime() - hit.at < CACHE_MS) return hit.value;
    if (hit) {
      if (!refreshing.has(key)) {
        refreshing.add(key);
        void rebuild()
          .catch(() => {})
          .finally(() => refreshing.delete(key));
      }
      return hit.value;
    }
    return rebuild();
  };
  return { get, clear: () => boards.clear() };
}

export function createBoardCache(db: Database, settings: CensusSettings, events: EventBus, clock: Clock): BoardCache {
  const snapshots = new Map<string, { at: number; value: Promise<Snapshot> }>();
  let generation = 0;
  const national = boardEntries<TNationalBoard>(clock, () => generation);
  const regional = boardEntries<TRegionalBoard>(clock, () => generation);
  const clear = (): void => {
    generation++;
    snapshots.clear();
    national.clear();
    regional.clear();
  };
  events.subscribe((e) => {
    if (e.topic === 'fleet.changed' || e.topic === 'census.changed') clear();
  });
  const resolveWeek = (week: string | undefined): string => {
    const current = currentIsoWeek(clock.now());
    if (week === undefined || week === current) return current;
    if (!parseIsoWeek(week) || week > current) throw invalid([issue('query.week', 'census.no_such_week', { week })]);
    return week;
  };
  const snapshot = (week: string, weeks: number): Promise<Snapshot> => {
    const key = `${week}:${weeks}`;
    const hit = snapshots.get(key);
    const now = clock.now();
    if (hit && now.getTime() - hit.at < CACHE_MS) return hit.value;
    const value = computeSnapshot(db, settings, week, weeks, now);
    const started = generation;
    snapshots.set(key, { at: now.getTime(), value });
    // A failed or superseded computation is not kept.
    value.catch(() => snapshots.delete(key));
    void value.then(() => {
      if (generation !== started) snapshots.delete(key);
    });
    return value;
  };
  return {
    clear,
    async national(week, weeks) {
      const w = resolveWeek(week);
      const board = await national.get(`n:${w}:${weeks}`, async () => nationalBoard(await snapshot(w, weeks)));
      if (!board) throw new Error('the national board is always built');
      return board;
    },
    async regional(code, week, weeks) {
      const w = resolveWeek(week);
      return regional.get(`r:${code}:${w}:${weeks}`, async () => regionalBoard(await snapshot(w, weeks), code));
    },
  };
}

/** A region's board for a reader: the region must be within the reader's reach, and exist. */
export async function regionalBoardFor(
  cache: BoardCache,
  user: AuthUser,
  region: string,
  query: { week?: string; weeks: number },
): Promise<CachedBoard<TRegionalBoard>> {
  assertAllowed(user, 'board:regional', { regionCode: region });
  const board = await cache.regional(region, query.week, query.weeks);
  if (!board) throw notFound('noun.region', region);
  return board;
}
