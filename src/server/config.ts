/** Configuration from the environment, with the defaults of a laptop demo. */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { DEFAULT_TRAVEL, type TravelAssumptions } from '../domain/geo.ts';
import {
  type Composition,
  DEFAULT_COMPOSITION,
  MEMBER_ROLES,
  QUALIFICATION_KINDS,
  TEAM_KINDS,
} from '../domain/teams.ts';
import { DEFAULT_INTERVALS, type Intervals } from '../domain/upkeep.ts';
import type { AuditSettings } from './audit/checkpoint.ts';
import { type Clock, clockFromEnv } from './clock.ts';
import type { LoginPolicy } from './modules/auth/auth.service.ts';
import { parseDeviceKey } from './modules/auth/device-cookie.ts';
import { DEFAULT_THROTTLE } from './modules/auth/throttle.ts';

export interface AppConfig {
  /** The one clock of the app (RELAIS_NOW pins its start). */
  clock: Clock;
  port: number;
  host: string;
  /** postgres://… to use a server; absent means embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Load demo data and accounts (always on an empty embedded database). */
  demo: boolean;
  /** Serve the built web app from this directory when it exists. */
  webDir: string;
  bodyLimitBytes: number;
  /** Who may say who the client is in X-Forwarded-*: nobody, the proxies' addresses, or a hop count (TRUST_PROXY). */
  trustProxy: TrustProxy;
  validateResponses: boolean;
  logLevel: string;
  login: LoginPolicy;
  census: CensusSettings;
  regulation: RegulationSettings;
  upkeep: UpkeepSettings;
  /** smtp://user:pass@host:port to send e-mail; without it mail stays in the development outbox. */
  smtpUrl?: string;
  mailFrom: string;
  /** Signed checkpoints of the audit chain kept outside the database (RELAIS_AUDIT_*). */
  audit: AuditSettings;
}

export interface RegulationSettings {
  /** Minutes a request may stay in regional regulation, per urgency, before it is proposed for escalation. */
  overdueMinutes: { immediate: number; hours: number; planned: number | null };
  travel: TravelAssumptions;
  /** Default loan durations in days (the national stock reinforces for a limited time). */
  loanDays: { lend: number; national_stock: number };
  mail: { smtpUrl?: string; mailFrom: string };
  /** The minimum composition of a deployable team, per kind (RELAIS_TEAM_COMPOSITION, JSON). */
  composition: Composition;
}

export interface UpkeepSettings {
  /** Intervals of a console model without its own (row in `upkeep_intervals` or `modelIntervals`), days. */
  defaultIntervals: Intervals;
  /** Intervals per console model (RELAIS_UPKEEP_INTERVALS, JSON); a row in `upkeep_intervals` wins. */
  modelIntervals: Readonly<Record<string, Intervals>>;
  /** Reminders go this many days ahead of a due date. */
  reminderDays: number;
  /** Minutes between two scans for reminders (0: none; tests scan by hand). */
  scanMinutes: number;
  mail: { smtpUrl?: string; mailFrom: string };
}

/**
 * RELAIS_TEAM_COMPOSITION, e.g. {"umac":[{"roles":["surgeon","intensivist"],"qualifications":["ecmo_cannulation"]},
 * {"roles":["perfusionist"],"qualifications":["perfusion_master"]}]}: the kinds it names replace the defaults.
 */
export function parseComposition(raw: string | undefined): Composition {
  if (!raw) return DEFAULT_COMPOSITION;
  const parsed: unknown = JSON.parse(raw);
  const out: Record<string, unknown> = { ...DEFAULT_COMPOSITION };
  if (typeof parsed !== 'object' || parsed === null) throw new Error('RELAIS_TEAM_COMPOSITION: a JSON object');
  for (const [kind, slots] of Object.entries(parsed)) {
    if (!(TEAM_KINDS as readonly string[]).includes(kind))
      throw new Error(`RELAIS_TEAM_COMPOSITION: unknown team kind ${kind}`);
    if (!Array.isArray(slots) || slots.length === 0)
      throw new Error(`RELAIS_TEAM_COMPOSITION.${kind}: a list of slots`);
    for (const slot of slots as { roles?: unknown; qualifications?: unknown }[]) {
      const roles = Array.isArray(slot.roles) ? slot.roles : [];
      const quals = Array.isArray(slot.qualifications) ? slot.qualifications : [];
      if (roles.length === 0 || roles.some((r) => !(MEMBER_ROLES as readonly unknown[]).includes(r)))
        throw new Error(`RELAIS_TEAM_COMPOSITION.${kind}: roles among ${MEMBER_ROLES.join(', ')}`);
      if (quals.some((q) => !(QUALIFICATION_KINDS as readonly unknown[]).includes(q)))
        throw new Error(`RELAIS_TEAM_COMPOSITION.${kind}: qualifications among ${QUALIFICATION_KINDS.join(', ')}`);
    }
    out[kind] = slots;
  }
  return out as Composition;
}

/**
 * RELAIS_UPKEEP_INTERVALS, e.g. {"Cardiohelp":{"maintenanceDays":365,"calibrationDays":180}}: the
 * intervals of each model named, in days (whole, 1 to 3,650). Others take the defaults.
 */
export function parseModelIntervals(raw: string | undefined): Record<string, Intervals> {
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('RELAIS_UPKEEP_INTERVALS: a JSON object of models');
  const days = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 3650;
  const out: Record<string, Intervals> = {};
  for (const [model, value] of Object.entries(parsed)) {
    const v = value as { maintenanceDays?: unknown; calibrationDays?: unknown } | null;
    if (!v || !days(v.maintenanceDays) || !days(v.calibrationDays))
      throw new Error(
        `RELAIS_UPKEEP_INTERVALS.${model}: maintenanceDays and calibrationDays, whole days from 1 to 3650`,
      );
    out[model] = { maintenanceDays: v.maintenanceDays as number, calibrationDays: v.calibrationDays as number };
  }
  return out;
}

export type TrustProxy = false | number | string[];

/**
 * Fastify's own hop count trusts nobody (it cannot tell the peer is a proxy): a count becomes a
 * function that trusts the socket's peer and the addresses the next proxies appended, `hops` in all.
 */
export function fastifyTrustProxy(tp: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof tp !== 'number') return tp;
  return (_address, hop) => hop < tp;
}

/**
 * TRUST_PROXY: `false` (default: X-Forwarded-* ignored), the number of proxies in front (`1`), or the
 * proxies' addresses and CIDR ranges, comma-separated (`127.0.0.1,10.0.0.0/8`; also `loopback`,
 * `linklocal`, `uniquelocal`). `true` is refused: it would let any client choose its address.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (value === 'true')
    throw new Error(
      'TRUST_PROXY=true would let any client choose its address with X-Forwarded-For: give the proxy addresses (e.g. 127.0.0.1 or 10.0.0.0/8) or the number of proxies in front (e.g. 1)',
    );
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 10) throw new Error(`TRUST_PROXY: a hop count from 1 to 10, not ${value}`);
    return hops;
  }
  const entries = value.split(',').map((e) => e.trim());
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    const named = ['loopback', 'linklocal', 'uniquelocal'].includes(entry);
    if (!named && (family === 0 || !prefixOk || extra !== undefined))
      throw new Error(`TRUST_PROXY: ${entry || '(empty)'} is not an address, a CIDR range nor a hop count`);
  }
  return entries;
}

export interface CensusSettings {
  /** ISO weekday of the due date (1 = Monday … 7 = Sunday). */
  dueWeekday: number;
  /** Paris wall-clock time of the due date, HH:MM. */
  dueTime: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): AppConfig {
  return {
    clock: clockFromEnv(env.RELAIS_NOW),
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.RELAIS_DATA_DIR?.startsWith('memory://')
      ? env.RELAIS_DATA_DIR
      : resolve(env.RELAIS_DATA_DIR ?? './data'),
    demo: argv.includes('--demo'),
    webDir: resolve(env.RELAIS_WEB_DIR ?? './dist/web'),
    bodyLimitBytes: Number(env.RELAIS_BODY_LIMIT ?? 1_048_576),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    validateResponses: env.NODE_ENV === 'test',
    logLevel: env.LOG_LEVEL ?? 'info',
    census: {
      dueWeekday: Number(env.RELAIS_CENSUS_DUE_WEEKDAY ?? 3),
      dueTime: env.RELAIS_CENSUS_DUE_TIME ?? '12:00',
    },
    regulation: {
      overdueMinutes: {
        immediate: Number(env.RELAIS_OVERDUE_IMMEDIATE_MIN ?? 30),
        hours: Number(env.RELAIS_OVERDUE_HOURS_MIN ?? 240),
        planned: env.RELAIS_OVERDUE_PLANNED_MIN ? Number(env.RELAIS_OVERDUE_PLANNED_MIN) : null,
      },
      travel: { ...DEFAULT_TRAVEL, airSpeedKmh: env.RELAIS_AIR_SPEED_KMH ? Number(env.RELAIS_AIR_SPEED_KMH) : null },
      loanDays: {
        lend: Number(env.RELAIS_LOAN_DAYS ?? 14),
        national_stock: Number(env.RELAIS_NATIONAL_STOCK_DAYS ?? 21),
      },
      mail: { smtpUrl: env.SMTP_URL || undefined, mailFrom: env.MAIL_FROM ?? 'Relais <no-reply@relais.local>' },
      composition: parseComposition(env.RELAIS_TEAM_COMPOSITION),
    },
    upkeep: {
      defaultIntervals: {
        maintenanceDays: Number(env.RELAIS_MAINTENANCE_DAYS ?? DEFAULT_INTERVALS.maintenanceDays),
        calibrationDays: Number(env.RELAIS_CALIBRATION_DAYS ?? DEFAULT_INTERVALS.calibrationDays),
      },
      modelIntervals: parseModelIntervals(env.RELAIS_UPKEEP_INTERVALS),
      reminderDays: Number(env.RELAIS_UPKEEP_REMINDER_DAYS ?? 14),
      scanMinutes: Number(env.RELAIS_UPKEEP_SCAN_MINUTES ?? (env.NODE_ENV === 'test' ? 0 : 60)),
      mail: { smtpUrl: env.SMTP_URL || undefined, mailFrom: env.MAIL_FROM ?? 'Relais <no-reply@relais.local>' },
    },
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Relais <no-reply@relais.local>',
    audit: {
      key: env.RELAIS_AUDIT_KEY || undefined,
      checkpointDir: env.RELAIS_AUDIT_CHECKPOINT_DIR ? resolve(env.RELAIS_AUDIT_CHECKPOINT_DIR) : undefined,
      checkpointMail: env.RELAIS_AUDIT_CHECKPOINT_MAIL || undefined,
      everyMs: Number(env.RELAIS_AUDIT_CHECKPOINT_MINUTES ?? 60) * 60_000,
      mail: { smtpUrl: env.SMTP_URL || undefined, mailFrom: env.MAIL_FROM ?? 'Relais <no-reply@relais.local>' },
    },
    login: {
      sessionTtlMs: Number(env.RELAIS_SESSION_HOURS ?? 12) * 3_600_000,
      ...DEFAULT_THROTTLE,
      deviceKey: parseDeviceKey(env.RELAIS_DEVICE_KEY),
    },
  };
}
