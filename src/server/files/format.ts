/**
 * How exported files (CSV, XLSX, PDF) write values for their reader: numbers with the reader's decimal
 * separator, instants in Paris time, yes/no in the reader's language.
 */
import { type Locale, text } from '../../contracts/messages.ts';
import { parisParts } from '../../domain/time.ts';

/** An instant from a Date or ISO text; null when absent or not an instant. */
export function toInstant(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const at = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(at.getTime()) ? null : at;
}

/** `2026-12-01 14:05`: the Paris wall time of an instant, to the minute. */
export function parisMinute(at: Date): string {
  const p = parisParts(at);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `01/12/2026 14:05` (French) or `01/12/2026, 14:05` (English): for documents people read. */
export function parisDateTime(at: Date, locale: Locale): string {
  const p = parisParts(at);
  return `${p.day}/${p.month}/${p.year}${locale === 'en' ? ',' : ''} ${p.hour}:${p.minute}`;
}

/** `01/12/2026` from `2026-12-01`. */
export function readableDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * The Paris wall time as a Date whose UTC fields show it: a spreadsheet date cell has no time zone, and
 * exceljs writes a Date's UTC fields.
 */
export function parisWallDate(at: Date): Date {
  const p = parisParts(at);
  return new Date(Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second));
}

/** `3,9` in French, `3.9` in English; no grouping, so that a spreadsheet reads it back as a number. */
export function plainNumber(value: number, locale: Locale): string {
  const text = String(value);
  return locale === 'fr' ? text.replace('.', ',') : text;
}

/** `1 234,5` in French, `1,234.5` in English: for documents people read (PDF). */
export function readableNumber(value: number, locale: Locale, fractionDigits = 1): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: fractionDigits }).format(
    value,
  );
}

/** `oui`/`non`, `yes`/`no`. */
export const yesNo = (value: boolean, locale: Locale): string => text(locale, value ? 'files.yes' : 'files.no');

/** What a header says of a column of instants. */
export const parisTime = (locale: Locale): string => text(locale, 'files.paris_time');
