/** Messages of the rules that zod does not know, in both interface languages. Keys are stable codes. */
export const RULE_MESSAGES = {
  'finess.format': {
    en: 'A FINESS number has 9 characters: the département (2 digits, or 2A/2B for Corsica) then 7 digits.',
    fr: 'Un numéro FINESS compte 9 caractères : le département (2 chiffres, ou 2A/2B pour la Corse) puis 7 chiffres.',
  },
  'finess.check_digit': {
    en: 'This FINESS number fails its check digit (Luhn key): check for a typing error.',
    fr: 'La clé de contrôle de ce numéro FINESS est fausse : vérifiez la saisie.',
  },
  'finess.departement': {
    en: 'The département this FINESS number starts with is not one Relais knows.',
    fr: 'Le département par lequel commence ce numéro FINESS n’est pas connu de Relais.',
  },
  'rpps.format': {
    en: 'An RPPS number has 11 digits.',
    fr: 'Un numéro RPPS compte 11 chiffres.',
  },
  'rpps.check_digit': {
    en: 'This RPPS number fails its check digit; it was kept, please verify it.',
    fr: 'La clé de contrôle de ce numéro RPPS est fausse ; il a été enregistré, vérifiez-le.',
  },
  'adeli.format': {
    en: 'An ADELI number has 9 digits.',
    fr: 'Un numéro ADELI compte 9 chiffres.',
  },
  'inami.format': {
    en: 'An INAMI number has 11 digits, the first (the profession) not 0.',
    fr: 'Un numéro INAMI compte 11 chiffres, le premier (la profession) différent de 0.',
  },
  'inami.check_digit': {
    en: 'This INAMI number fails its check digits (mod 97 and mod 89); it was kept, please verify it.',
    fr: 'Les chiffres de contrôle de ce numéro INAMI sont faux (mod 97 et mod 89) ; il a été enregistré, vérifiez-le.',
  },
  'password.length': {
    en: 'A password has at least 10 characters.',
    fr: 'Un mot de passe compte au moins 10 caractères.',
  },
  'password.weak': {
    en: 'This password is too easy to guess.',
    fr: 'Ce mot de passe est trop facile à deviner.',
  },
  'password.demo': {
    en: 'It is the password of the demo accounts, published for everyone.',
    fr: 'C’est le mot de passe des comptes de démonstration, publié pour tous.',
  },
  'grant.scope': {
    en: 'This role cannot be granted on this kind of scope.',
    fr: 'Ce rôle ne peut pas être attribué sur ce type de périmètre.',
  },
} as const;

export type RuleMessageKey = keyof typeof RULE_MESSAGES;
export type Locale = 'fr' | 'en';

export function ruleMessage(key: RuleMessageKey, locale: Locale): string {
  return RULE_MESSAGES[key][locale];
}
