/**
 * Equipment upkeep: the pre-use checklist a perfusionist signs, and when a console falls due for
 * maintenance or calibration. Pure.
 */
import { type Qualification, type QualificationKind, qualificationValidOn } from './teams.ts';

export const CHECK_ITEMS = ['integrity', 'alarms', 'battery', 'flowSensor', 'gasBlender', 'heaterCooler'] as const;
export type CheckItem = (typeof CHECK_ITEMS)[number];

export const MAINTENANCE_KINDS = ['maintenance', 'calibration'] as const;
export type MaintenanceKind = (typeof MAINTENANCE_KINDS)[number];

export interface Intervals {
  maintenanceDays: number;
  calibrationDays: number;
}

/** Intervals of a model without its own: yearly maintenance, calibration every six months. */
export const DEFAULT_INTERVALS: Intervals = { maintenanceDays: 365, calibrationDays: 180 };

/**
 * The intervals of a console model: its own row in the database (data, corrected without a
 * release) first, then the configured intervals for that model, then the configured defaults.
 */
export function intervalsOf(
  model: string,
  stored: Intervals | null,
  config: { modelIntervals: Readonly<Record<string, Intervals>>; defaultIntervals: Intervals },
): Intervals {
  if (stored) return stored;
  return Object.hasOwn(config.modelIntervals, model)
    ? (config.modelIntervals[model] as Intervals)
    : config.defaultIntervals;
}

/** Qualifications that let someone sign a pre-use check: a perfusionist's, or an ECMO competence. */
export const SIGNING_QUALIFICATIONS: readonly QualificationKind[] = [
  'perfusion_master',
  'be_agrement',
  'ecmo_vv',
  'ecmo_va',
];

/** Whether these qualifications let their holder sign a pre-use check on `day`. */
export const maySignCheck = (qualifications: readonly Qualification[], day: string): boolean =>
  qualifications.some((q) => SIGNING_QUALIFICATIONS.includes(q.kind) && qualificationValidOn(q, day));

/** A check passes when every item of the list is ticked as working. */
export const checkPasses = (items: Record<CheckItem, boolean>): boolean => CHECK_ITEMS.every((k) => items[k]);

/** The day after `days` days (YYYY-MM-DD arithmetic in UTC: calendar days, no time zone involved). */
export function dueAfter(performedOn: string, days: number): string {
  const d = new Date(`${performedOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const UPKEEP_STATES = ['ok', 'due_soon', 'overdue', 'unknown'] as const;
export type UpkeepState = (typeof UPKEEP_STATES)[number];

/** A due date against today: overdue once past, due soon within `soonDays`, unknown without a record. */
export function upkeepState(due: string | null, today: string, soonDays: number): UpkeepState {
  if (due === null) return 'unknown';
  if (due < today) return 'overdue';
  return due <= dueAfter(today, soonDays) ? 'due_soon' : 'ok';
}

/** A console is fit to be offered when neither maintenance nor calibration is overdue and no check is pending. */
export const fitToGo = (
  c: { maintenanceDue: string | null; calibrationDue: string | null; checkRequired: boolean },
  today: string,
) =>
  !c.checkRequired &&
  (c.maintenanceDue === null || c.maintenanceDue >= today) &&
  (c.calibrationDue === null || c.calibrationDue >= today);
