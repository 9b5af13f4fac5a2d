/** Calendar rules of Relais: ISO weeks, and wall-clock times in Europe/Paris. Pure functions. */

export const PARIS = 'Europe/Paris';

/** An instant as the API writes it (ISO 8601, UTC); rows may hold a Date or the text a driver returned. */
export const instant = (d: Date | string): string => new Date(d).toISOString();
/** The same for an instant that may be absent. */
export const instantOrNull = (d: Date | string | null | undefined): string | null => (d ? instant(d) : null);

/** `2026-W47` form of an ISO week. */
export type IsoWeek = string;

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

/** Monday (UTC calendar date) of ISO week 1 of a year: the week holding 4 January. */
function isoWeekOneMonday(year: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const dow = (jan4.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(Date.UTC(year, 0, 4 - dow));
}

/** Number of ISO weeks in a year (52 or 53). */
export function isoWeeksInYear(year: number): number {
  const next = isoWeekOneMonday(year + 1).getTime();
  return Math.round((next - isoWeekOneMonday(year).getTime()) / (7 * 86_400_000));
}

/** Parses `YYYY-Www`; undefined when the week does not exist (e.g. 2026-W54, 2025-W53). */
export function parseIsoWeek(week: string): { year: number; week: number } | undefined {
  const m = ISO_WEEK.exec(week);
  if (!m) return undefined;
  const year = Number(m[1]);
  const w = Number(m[2]);
  if (w < 1 || w > isoWeeksInYear(year)) return undefined;
  return { year, week: w };
}

/** The ISO week holding a calendar date given as `YYYY-MM-DD`. */
export function isoWeekOfDate(date: string): IsoWeek {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d));
  const dow = (t.getUTCDay() + 6) % 7;
  const thursday = new Date(t.getTime() + (3 - dow) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - isoWeekOneMonday(year).getTime()) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday of an ISO week as `YYYY-MM-DD`. */
export function isoWeekMonday(week: IsoWeek): string {
  const parsed = parseIsoWeek(week);
  if (!parsed) throw new RangeError(`no such ISO week: ${week}`);
  const monday = new Date(isoWeekOneMonday(parsed.year).getTime() + (parsed.week - 1) * 7 * 86_400_000);
  return monday.toISOString().slice(0, 10);
}

/** Adds days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The ISO week `n` weeks after (or before, when negative) another. */
export function shiftIsoWeek(week: IsoWeek, n: number): IsoWeek {
  return isoWeekOfDate(addDays(isoWeekMonday(week), 7 * n));
}

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The Paris wall clock's fields at an instant, two digits each (four for the year), hours 00–23. */
export function parisParts(at: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const parts = Object.fromEntries(partsFormatter.formatToParts(at).map((x) => [x.type, x.value]));
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;
}

/** The calendar date (`YYYY-MM-DD`) in Paris at an instant. */
export function parisDate(at: Date): string {
  const p = parisParts(at);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Offset of Paris from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function parisOffsetMinutes(at: Date): number {
  const p = Object.fromEntries(partsFormatter.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/** The instant at which Paris clocks show `date` `HH:MM` (daylight saving handled). */
export function parisWallTime(date: string, time: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes settle the offset even on the days the clocks change.
  let at = new Date(naive - parisOffsetMinutes(new Date(naive)) * 60_000);
  at = new Date(naive - parisOffsetMinutes(at) * 60_000);
  return at;
}

let lastWeek: { minute: number; week: IsoWeek } | null = null;

/** The ISO week in Paris at an instant (remembered for the minute: boards ask on every request). */
export function currentIsoWeek(at: Date): IsoWeek {
  const minute = Math.floor(at.getTime() / 60_000);
  if (lastWeek?.minute === minute) return lastWeek.week;
  const week = isoWeekOfDate(parisDate(at));
  lastWeek = { minute, week };
  return week;
}
