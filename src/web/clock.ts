/**
 * The web app's one clock: the server's, not the browser's. The server says its time in every
 * `getCurrentUser` / `login` answer (`serverTime`; RELAIS_NOW may pin it for the demo and end-to-end
 * runs); the offset from the browser's clock is kept here, and every page reads "now" from `now()`.
 */
import { currentIsoWeek, type IsoWeek, parisDate } from '../domain/time.ts';

let offsetMs = 0;

/**
 * Learns the server's time from an answer received at `receivedAt` (browser milliseconds). The
 * answer left the server between sending and receiving: half a round trip is within a few ms.
 */
export function followServerTime(serverTime: string, receivedAt: number = Date.now()): void {
  const server = Date.parse(serverTime);
  if (Number.isNaN(server)) return;
  offsetMs = server - receivedAt;
}

/** Milliseconds since the epoch on the server's clock. */
export const now = (): number => Date.now() + offsetMs;

/** A moment the browser measured (react-query's `dataUpdatedAt`), on the server's clock. */
export const onServerClock = (browserMs: number): number => browserMs + offsetMs;

/** The server's "now" as a Date. */
export const nowDate = (): Date => new Date(now());

/** Today in Paris (`YYYY-MM-DD`), on the server's clock. */
export const parisToday = (): string => parisDate(nowDate());

/** The current ISO week in Paris, on the server's clock. */
export const currentWeek = (): IsoWeek => currentIsoWeek(nowDate());

/** The current year in Paris, on the server's clock. */
export const currentYear = (): number => Number(parisToday().slice(0, 4));
