/** i18next set-up: French by default, English on demand; the choice is kept in localStorage. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setLanguageSource } from '../api/client.ts';
import { en } from './en.ts';
import { type Dictionary, fr } from './fr.ts';

export type Language = 'fr' | 'en';
export const LANGUAGES: readonly Language[] = ['fr', 'en'];
const STORAGE_KEY = 'relais.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Dictionary };
  }
}

function readStored(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'fr' || value === 'en' ? value : null;
  } catch {
    return null;
  }
}

/** Whether the user chose a language on this browser (else their account's locale may apply). */
export const hasStoredLanguage = (): boolean => readStored() !== null;

export const currentLanguage = (): Language => (i18next.language === 'en' ? 'en' : 'fr');

function applyToDocument(language: string): void {
  document.documentElement.lang = language;
}

export function initI18n(): typeof i18next {
  const lng = readStored() ?? 'fr';
  i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'fr',
    supportedLngs: LANGUAGES as Language[],
    resources: { fr: { translation: fr }, en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  applyToDocument(lng);
  i18next.on('languageChanged', applyToDocument);
  setLanguageSource(currentLanguage);
  return i18next;
}

/** Switches the interface language; `remember` keeps the choice for the next visits. */
export function changeLanguage(language: Language, remember = true): void {
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Private browsing may refuse storage: the switch still applies to this page.
    }
  }
  void i18next.changeLanguage(language);
}
