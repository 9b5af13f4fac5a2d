import { describe, expect, it } from 'vitest';
import { formatAgo, formatDateTime, formatDay, formatNumber, formatTime, formatWeekday } from './format.ts';

const NOW = Date.parse('2026-11-23T08:00:00Z');
const agoBy = (ms: number) => new Date(NOW - ms).toISOString();

describe('format', () => {
  it('says times and dates in Europe/Paris, whatever the browser', () => {
    expect(formatTime('2026-11-23T08:49:00Z', 'fr')).toBe('09:49');
    expect(formatTime(Date.parse('2026-07-01T08:49:00Z'), 'en')).toBe('10:49');
    expect(formatDateTime('2026-11-22T23:30:00Z', 'fr')).toMatch(/^23 nov\. 2026/);
  });

  it('reads a calendar day as that day, and a week header as its weekday', () => {
    expect(formatDay('2026-11-22', 'fr')).toBe('22 nov. 2026');
    expect(formatDay('2026-11-22', 'en')).toBe('22 Nov 2026');
    expect(formatWeekday('2026-11-23', 'fr')).toBe('lun. 23');
  });

  it('says an age in minutes, hours, then days, and "just now" under a minute', () => {
    const relative = (locale: string) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
    expect(formatAgo(agoBy(30_000), NOW, 'fr', 'à l’instant')).toBe('à l’instant');
    expect(formatAgo(agoBy(5 * 60_000), NOW, 'fr', '')).toBe(relative('fr-FR').format(-5, 'minute'));
    expect(formatAgo(agoBy(59 * 60_000), NOW, 'fr', '')).toBe(relative('fr-FR').format(-59, 'minute'));
    expect(formatAgo(agoBy(3 * 3_600_000), NOW, 'en', '')).toBe(relative('en-GB').format(-3, 'hour'));
    expect(formatAgo(agoBy(2 * 86_400_000), NOW, 'fr', '')).toBe(relative('fr-FR').format(-2, 'day'));
  });

  it('groups figures as each language does', () => {
    expect(formatNumber(2563, 'fr').replace(/\s/g, ' ')).toBe('2 563');
    expect(formatNumber(2563, 'en')).toBe('2,563');
  });
});
