/** Configuration from the environment, with the defaults of a laptop demo. */
import { resolve } from 'node:path';
import { DEFAULT_TRAVEL, type TravelAssumptions } from '../domain/geo.ts';
import type { LoginPolicy } from './modules/auth/auth.service.ts';

export interface AppConfig {
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
  trustProxy: boolean;
  validateResponses: boolean;
  logLevel: string;
  login: LoginPolicy;
  census: CensusSettings;
  regulation: RegulationSettings;
  /** smtp://user:pass@host:port to send e-mail; without it mail stays in the development outbox. */
  smtpUrl?: string;
  mailFrom: string;
}

export interface RegulationSettings {
  /** Minutes a request may stay in regional regulation, per urgency, before it is proposed for escalation. */
  overdueMinutes: { immediate: number; hours: number; planned: number | null };
  travel: TravelAssumptions;
  /** Default loan durations in days (the national stock reinforces for a limited time). */
  loanDays: { lend: number; national_stock: number };
  mail: { smtpUrl?: string; mailFrom: string };
}

export interface CensusSettings {
  /** ISO weekday of the due date (1 = Monday … 7 = Sunday). */
  dueWeekday: number;
  /** Paris wall-clock time of the due date, HH:MM. */
  dueTime: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): AppConfig {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.RELAIS_DATA_DIR?.startsWith('memory://')
      ? env.RELAIS_DATA_DIR
      : resolve(env.RELAIS_DATA_DIR ?? './data'),
    demo: argv.includes('--demo'),
    webDir: resolve(env.RELAIS_WEB_DIR ?? './dist/web'),
    bodyLimitBytes: Number(env.RELAIS_BODY_LIMIT ?? 1_048_576),
    trustProxy: env.TRUST_PROXY === 'true',
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
    },
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Relais <no-reply@relais.local>',
    login: {
      sessionTtlMs: Number(env.RELAIS_SESSION_HOURS ?? 12) * 3_600_000,
      maxFailuresPerEmail: 5,
      maxFailuresPerIp: 50,
      windowMs: 15 * 60_000,
    },
  };
}
