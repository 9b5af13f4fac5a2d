/**
 * The one catalogue of message codes, each with its French and English text (see messages/define.ts for
 * the form). Services raise codes with parameters; the error handler, the exports and the server-written
 * texts render them in the reader's language. Each area keeps its codes in its own file under messages/.
 */
import { ACCESS_MESSAGES } from './messages/access.ts';
import { BOARDS_MESSAGES } from './messages/boards.ts';
import { CENSUS_MESSAGES } from './messages/census.ts';
import { COMMON_MESSAGES } from './messages/common.ts';
import { type Locale, type MessageDef, type MessageRef, type ParamsOf, renderDef } from './messages/define.ts';
import { ESTABLISHMENTS_MESSAGES } from './messages/establishments.ts';
import { FILES_MESSAGES } from './messages/files.ts';
import { FLEET_MESSAGES } from './messages/fleet.ts';
import { REGULATION_MESSAGES } from './messages/regulation.ts';
import { TEAMS_MESSAGES } from './messages/teams.ts';
import { UPKEEP_MESSAGES } from './messages/upkeep.ts';

export type { Locale, MessageRef } from './messages/define.ts';

/** Messages of the rules that zod does not know (shared with the web's form validation). */
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
  'team.transport_required': {
    en: 'A mobile unit says how it travels.',
    fr: 'Une unité mobile indique comment elle se déplace.',
  },
  'team.transport_forbidden': {
    en: 'Only mobile units have a transport.',
    fr: 'Seules les unités mobiles ont un moyen de transport.',
  },
} as const satisfies Record<string, MessageDef>;

export type RuleMessageKey = keyof typeof RULE_MESSAGES;

/** The areas' catalogues, by area (a code belongs to one area: the catalogue test checks it). */
export const MESSAGE_AREAS = {
  common: COMMON_MESSAGES,
  rules: RULE_MESSAGES,
  access: ACCESS_MESSAGES,
  boards: BOARDS_MESSAGES,
  census: CENSUS_MESSAGES,
  establishments: ESTABLISHMENTS_MESSAGES,
  files: FILES_MESSAGES,
  fleet: FLEET_MESSAGES,
  regulation: REGULATION_MESSAGES,
  teams: TEAMS_MESSAGES,
  upkeep: UPKEEP_MESSAGES,
} as const;

export const MESSAGES = {
  ...COMMON_MESSAGES,
  ...RULE_MESSAGES,
  ...ACCESS_MESSAGES,
  ...BOARDS_MESSAGES,
  ...CENSUS_MESSAGES,
  ...ESTABLISHMENTS_MESSAGES,
  ...FILES_MESSAGES,
  ...FLEET_MESSAGES,
  ...REGULATION_MESSAGES,
  ...TEAMS_MESSAGES,
  ...UPKEEP_MESSAGES,
} as const satisfies Record<string, MessageDef>;

/** Every code of the catalogue: a typo fails the type check. */
export type MessageCode = keyof typeof MESSAGES;
/** The parameters a code needs. */
export type MessageParams<C extends MessageCode> = ParamsOf<(typeof MESSAGES)[C]>;
/** The arguments after the code: none when the text has no parameter. */
export type MessageArgs<C extends MessageCode> = [keyof MessageParams<C>] extends [never] ? [] : [MessageParams<C>];

/** A message to render later in the reader's language: `message('loan_closed')`, `message('stale_version', { what })`. */
export function message<C extends MessageCode>(code: C, ...args: MessageArgs<C>): MessageRef {
  return args[0] ? { code, params: args[0] as MessageRef['params'] } : { code };
}

/** A noun of the catalogue, as a parameter. */
export const noun = (code: Extract<MessageCode, `noun.${string}`>): MessageRef => ({ code });

/** The text of a message in a language. An unknown code (from stored data) renders as the code itself. */
export function renderMessage(ref: MessageRef, locale: Locale): string {
  const def = (MESSAGES as Record<string, MessageDef>)[ref.code];
  return def ? renderDef(def, locale, ref.params, renderMessage) : ref.code;
}

/** Shorthand: the text of a code with its parameters. */
export function text<C extends MessageCode>(locale: Locale, code: C, ...args: MessageArgs<C>): string {
  return renderMessage(message(code, ...args), locale);
}

export function ruleMessage(key: RuleMessageKey, locale: Locale): string {
  return RULE_MESSAGES[key][locale];
}
