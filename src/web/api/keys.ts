/**
 * Every query key of the app, one factory per area. Pages call these rather than writing keys, so that
 * a query and what invalidates it cannot drift apart (census once invalidated ['boards'] while the
 * boards were cached under ['board', …]). Each noun's `all` is the prefix of all its keys: TanStack
 * Query invalidates by prefix, so invalidating `all` refreshes every query of that noun. The live
 * stream (../live.tsx) maps the server's topics to these prefixes.
 *
 * The key shapes are the cache's identity: changing one only changes which queries share a cache entry.
 */
import type { z } from 'zod';
import type { ZLoanListQuery, ZReportQuery, ZRequestListQuery } from '../../contracts/regulation.ts';
import type { ZAvailabilityQuery, ZShiftListQuery } from '../../contracts/teams.ts';
import type { ZMaintenanceDueQuery } from '../../contracts/upkeep.ts';

/** A list page's filters, as the page holds them (part of the key: each filter set is its own entry). */
type Filters = Readonly<Record<string, unknown>>;

/** The signed-in user and reference data shared by several areas. */
export const sessionKeys = {
  me: ['me'] as const,
};

export const referenceKeys = {
  regions: ['regions'] as const,
  /** The outlines of the regions, for the map. */
  regionShapes: ['geo', 'regions'] as const,
};

/** Administration: establishments and users. */
export const adminKeys = {
  establishments: {
    all: ['establishments'] as const,
    list: (filters: Filters) => ['establishments', filters] as const,
  },
  establishment: {
    all: ['establishment'] as const,
    one: (finess: string) => ['establishment', finess] as const,
  },
  users: {
    all: ['users'] as const,
    list: (filters: Filters) => ['users', filters] as const,
  },
};

/** The weekly census; every census key starts with 'census', so `all` refreshes them all. */
export const censusKeys = {
  all: ['census'] as const,
  campaigns: (region?: string) => ['census', 'campaigns', region ?? ''] as const,
  campaign: (week: string, finess?: string) => ['census', 'campaign', week, finess ?? ''] as const,
  history: (finess: string) => ['census', 'history', finess] as const,
  /** The e-mails the census sent (reminders, reports). */
  outbox: {
    all: ['outbox'] as const,
    list: (limit: number) => ['outbox', limit] as const,
  },
};

/** The national and regional boards: what a census, a console or a stock change moves. */
export const boardKeys = {
  all: ['board'] as const,
  national: () => ['board', 'national'] as const,
  region: (region: string) => ['board', 'region', region] as const,
};

/** The fleet: consoles, consumables, depots and the consoles' upkeep. */
export const fleetKeys = {
  devices: {
    all: ['devices'] as const,
    list: (filters: Filters) => ['devices', filters] as const,
  },
  device: {
    all: ['device'] as const,
    one: (id: string) => ['device', id] as const,
    history: (id: string) => ['device', id, 'history'] as const,
  },
  stock: {
    all: ['stock'] as const,
    list: (filters: Filters) => ['stock', filters] as const,
  },
  depots: ['depots'] as const,
  upkeep: {
    all: ['upkeep'] as const,
    due: {
      all: ['upkeep', 'due'] as const,
      list: (query: z.input<typeof ZMaintenanceDueQuery>) => ['upkeep', 'due', query] as const,
    },
    device: (id: string) => ['upkeep', 'device', id] as const,
  },
};

/** Teams: shifts, availability, teams, professionals and the centres' activity. */
export const teamKeys = {
  shifts: {
    all: ['shifts'] as const,
    list: (query: z.input<typeof ZShiftListQuery>) => ['shifts', query] as const,
  },
  availability: {
    all: ['availability'] as const,
    list: (query: z.input<typeof ZAvailabilityQuery>) => ['availability', query] as const,
  },
  team: {
    all: ['team'] as const,
    one: (id: string) => ['team', id] as const,
  },
  professionals: {
    all: ['professionals'] as const,
    list: (filters: Filters) => ['professionals', filters] as const,
  },
  professional: {
    all: ['professional'] as const,
    /** Every date a professional was read on (the page can show another day). */
    one: (id: string) => ['professional', id] as const,
    on: (id: string, day: string) => ['professional', id, day] as const,
  },
  activity: (finess: string) => ['activity', finess] as const,
};

/** Regulation: requests, their solutions, alerts, loans and the report. */
export const regulationKeys = {
  requests: {
    all: ['requests'] as const,
    list: (query: z.input<typeof ZRequestListQuery>) => ['requests', query] as const,
  },
  request: {
    all: ['request'] as const,
    one: (id: string) => ['request', id] as const,
  },
  options: {
    all: ['options'] as const,
    of: (requestId: string) => ['options', requestId] as const,
  },
  notifications: ['notifications'] as const,
  loans: {
    all: ['loans'] as const,
    list: (query: z.input<typeof ZLoanListQuery>) => ['loans', query] as const,
  },
  loan: {
    all: ['loan'] as const,
    one: (id: string) => ['loan', id] as const,
  },
  report: {
    all: ['report'] as const,
    of: (query: z.input<typeof ZReportQuery>) => ['report', query] as const,
  },
};
