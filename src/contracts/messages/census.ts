/** Messages of the weekly census and its imports, in both interface languages. */
import type { MessageDef } from './define.ts';

export const CENSUS_MESSAGES = {
  'census.no_such_week': { fr: 'La semaine {week} n’existe pas.', en: 'Week {week} does not exist.' },
  'census.week_not_started': {
    fr: 'La semaine {week} n’a pas encore commencé.',
    en: 'Week {week} has not started yet.',
  },
  'census.unknown_establishment': { fr: 'Établissement inconnu : {finess}.', en: 'Unknown establishment: {finess}.' },
  'census.out_of_scope': {
    fr: 'L’établissement {finess} est hors de votre périmètre.',
    en: 'Establishment {finess} is outside your scope.',
  },
  'census.not_expected': {
    fr: 'L’établissement {finess} n’est pas déclaré centre ECMO : il ne doit pas de recensement.',
    en: 'Establishment {finess} is not declared an ECMO centre: it owes no census.',
  },
  'census.in_use_exceeds_register': {
    fr: '{reported} consoles déclarées en service alors que le registre en compte {registered} pour cet établissement.',
    en: '{reported} consoles reported in use but the register holds {registered} for this establishment.',
  },
  'census.total_differs_from_register': {
    fr: '{reported} consoles déclarées au total, le registre en compte {registered} : mettez le registre à jour ou corrigez les chiffres.',
    en: '{reported} consoles reported in all, the register holds {registered}: update the register or correct the figures.',
  },
  'census.patients_exceed_consoles': {
    fr: '{patients} patients sous ECMO mais seulement {inUse} console(s) en service.',
    en: '{patients} patients on ECMO but only {inUse} console(s) in use.',
  },
  'census.correction_reason_required': {
    fr: 'Un recensement (version {version}) existe déjà pour cette semaine : indiquez le motif de la correction.',
    en: 'A report (version {version}) already exists for this week: give the reason for the correction.',
  },
  'import.formula': {
    fr: 'Formule ou script refusé dans la cellule : saisissez une valeur.',
    en: 'Formula or script refused in this cell: enter a value.',
  },
  'import.not_integer': {
    fr: 'Nombre entier positif attendu, reçu « {value} ».',
    en: 'Whole non-negative number expected, got “{value}”.',
  },
  'import.duplicate_row': {
    fr: 'Ligne en double : l’établissement {finess} figure déjà ligne {row} pour cette semaine.',
    en: 'Duplicate row: establishment {finess} already appears on row {row} for this week.',
  },
  'import.missing_column': { fr: 'Colonne obligatoire absente : {column}.', en: 'Required column missing: {column}.' },
  // The reminder e-mail to an establishment's contacts: `due` is the due date already written for the reader.
  'census.reminder_subject': {
    fr: 'Relais — recensement ECMO {week} attendu pour {name}',
    en: 'Relais — ECMO census {week} awaited for {name}',
  },
  'census.reminder_body': {
    fr: 'Bonjour {contact},\n\nLe recensement hebdomadaire ECMO de la semaine {week} pour {name} (FINESS {finess}) n’a pas été reçu. Échéance : {due}.\nMerci de le saisir dans Relais (page Recensement).\n\nRelance envoyée par {sender}.',
    en: 'Hello {contact},\n\nThe weekly ECMO census of week {week} for {name} (FINESS {finess}) has not been received. It was due {due}.\nPlease fill it in Relais (Census page).\n\nReminder sent by {sender}.',
  },
  'import.rejected': {
    fr: '{invalid} ligne(s) sur {rows} ne sont pas valides : rien n’a été enregistré.',
    en: '{invalid} of {rows} rows are not valid: nothing was stored.',
  },
} as const satisfies Record<string, MessageDef>;
