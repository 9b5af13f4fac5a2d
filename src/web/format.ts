/** Formatting in the interface language; dates always in Europe/Paris. */
import type { TFunction } from 'i18next';
import type { TGrant } from '../contracts/auth.ts';

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatNumber(value: number, language: string): string {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR');
    numberFormats.set(language, format);
  }
  return format.format(value);
}

export function formatDateTime(iso: string, language: string): string {
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Paris',
    });
    dateFormats.set(language, format);
  }
  return format.format(new Date(iso));
}

export function formatDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'medium',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));
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
