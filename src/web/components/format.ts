/**
 * Formatting in the interface language (numbers, dates, times, ages, phones, grants); dates and
 * times always in Europe/Paris. The one home of these: pages never build an Intl format themselves.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TGrant } from '../../contracts/auth.ts';

const localeOf = (language: string): string => (language === 'en' ? 'en-GB' : 'fr-FR');

/**
 * One Intl format per language and kind, built on first use: building one costs far more than
 * using it, and a board formats hundreds of figures on each refresh.
 */
function cached<F>(make: (locale: string) => F): (language: string) => F {
  const formats = new Map<string, F>();
  return (language) => {
    let format = formats.get(language);
    if (!format) {
      format = make(localeOf(language));
      formats.set(language, format);
    }
    return format;
  };
}

const paris = { timeZone: 'Europe/Paris' } as const;
const numberFormat = cached((locale) => new Intl.NumberFormat(locale));
const dateTimeFormat = cached(
  (locale) => new Intl.DateTimeFormat(locale, { ...paris, dateStyle: 'medium', timeStyle: 'short' }),
);
const dateFormat = cached((locale) => new Intl.DateTimeFormat(locale, { ...paris, dateStyle: 'medium' }));
const timeFormat = cached(
  (locale) => new Intl.DateTimeFormat(locale, { ...paris, hour: '2-digit', minute: '2-digit' }),
);
// A calendar day has no time zone to apply: read at noon UTC, it is the same day everywhere.
const dayFormat = cached(
  (locale) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
);
const weekdayFormat = cached(
  (locale) => new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', timeZone: 'UTC' }),
);
const relativeFormat = cached((locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }));

export const formatNumber = (value: number, language: string): string => numberFormat(language).format(value);

export const formatDateTime = (iso: string, language: string): string => dateTimeFormat(language).format(new Date(iso));

export const formatDate = (iso: string, language: string): string => dateFormat(language).format(new Date(iso));

/** "09:49", in Europe/Paris. */
export const formatTime = (value: number | string, language: string): string =>
  timeFormat(language).format(new Date(value));

/** A calendar day (`YYYY-MM-DD`) in a week's header: "lun. 23". */
export const formatWeekday = (day: string, language: string): string =>
  weekdayFormat(language).format(new Date(`${day}T12:00:00Z`));

/** A calendar day (`YYYY-MM-DD`): "22 nov. 2026". */
export const formatDay = (day: string, language: string): string =>
  dayFormat(language).format(new Date(`${day}T12:00:00Z`));

/** "il y a 5 min", "il y a 2 j", `justNow` under a minute. */
export function formatAgo(iso: string, now: number, language: string, justNow: string): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 60) return justNow;
  const format = relativeFormat(language);
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}

/** The figure in the interface language. */
export function useNumber(): (v: number) => string {
  const { i18n } = useTranslation();
  return (v) => formatNumber(v, i18n.language);
}

/** "3,9" / "3.9"; null → "—". */
export function useDecimal(): (v: number | null) => string {
  const { t, i18n } = useTranslation();
  return (v) =>
    v === null
      ? t('common.none')
      : v.toLocaleString(localeOf(i18n.language), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** "Régulateur régional — Auvergne-Rhône-Alpes", "Administrateur — National". */
export function grantLabel(grant: Pick<TGrant, 'role' | 'scopeKind' | 'scopeCode' | 'scopeLabel'>, t: TFunction) {
  const role = t(`roles.${grant.role}`);
  const scope =
    grant.scopeKind === 'nation' ? t('scopeKinds.nation') : (grant.scopeLabel ?? grant.scopeCode ?? t('common.none'));
  return { role, scope };
}

/** French numbers read in pairs ("04 72 11 80 17"); anything else is shown as entered. */
export function formatPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  return /^0\d{9}$/.test(digits) ? (digits.match(/\d{2}/g)?.join(' ') ?? phone) : phone;
}
