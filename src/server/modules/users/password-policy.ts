/**
 * Password strength (NIST SP 800-63B §3.1.1.2, ANSSI): beyond the 10-character minimum of the contract, a
 * password must not be common, nor derived from the account (e-mail, name) or the application, as estimated
 * by zxcvbn-ts with the common, French and English dictionaries. A score of 3 (about 10^8 guesses) is
 * required. The demo accounts' password is refused by name: it is published in the README.
 */
import { type TranslationKeys, ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as fr from '@zxcvbn-ts/language-fr';
import { type Locale, RULE_MESSAGES } from '../../../contracts/messages.ts';
import type { FieldError } from '../../http/errors.ts';

export const MIN_SCORE = 3;
const DEMO_PASSWORD = 'relais-demo';
const APP_WORDS = ['relais', 'relais-demo', 'demo', 'ecmo', 'umac'];

// The dictionaries take a quarter of a second to load: once, on the first password checked.
let estimator: ZxcvbnFactory | null = null;
const strength = (): ZxcvbnFactory => {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary },
    graphs: common.adjacencyGraphs,
  });
  return estimator;
};

const TRANSLATIONS: Record<Locale, TranslationKeys> = { fr: fr.translations, en: en.translations };

/** What the account says about its holder: e-mail, its parts, the name and its words. */
export function userInputs(account: { email: string; displayName: string }): string[] {
  const email = account.email.toLowerCase();
  const [local = '', domain = ''] = email.split('@');
  const name = account.displayName.toLowerCase();
  const words = [...local.split(/[^\p{L}\p{N}]+/u), ...domain.split('.'), ...name.split(/[^\p{L}\p{N}]+/u)];
  return [email, local, domain, name, name.replace(/[^\p{L}\p{N}]+/gu, ''), ...words, ...APP_WORDS].filter(
    (w) => w.length >= 2,
  );
}

const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

/** Null when the password is strong enough; else the field error, its reason in the reader's language. */
export function checkPasswordStrength(
  password: string,
  account: { email: string; displayName: string },
  locale: Locale,
  field = 'body.password',
): FieldError | null {
  const base = RULE_MESSAGES['password.weak'][locale];
  if (password.trim().toLowerCase() === DEMO_PASSWORD) {
    return { field, code: 'password.weak', message: `${base} ${RULE_MESSAGES['password.demo'][locale]}` };
  }
  const result = strength().check(password.slice(0, 100), userInputs(account));
  if (result.score >= MIN_SCORE) return null;
  const t = TRANSLATIONS[locale];
  const { warning, suggestions } = result.feedback;
  const reasons = [
    warning ? t.warnings[warning as keyof TranslationKeys['warnings']] : null,
    ...suggestions.map((s) => t.suggestions[s as keyof TranslationKeys['suggestions']]),
  ].filter((r): r is string => Boolean(r));
  if (reasons.length === 0) reasons.push(t.suggestions.useWords);
  return { field, code: 'password.weak', message: [base, ...reasons.map(sentence)].join(' ') };
}
