/** Messages of the regulation area (codes raised by its services), in both interface languages. */
import type { MessageDef } from './define.ts';

export const REGULATION_MESSAGES = {
  // Filing a request.
  'case_code.format': {
    fr: 'Un code de cas compte 4 à 24 lettres, chiffres ou tirets, dont au moins deux chiffres.',
    en: 'A case code has 4 to 24 letters, digits or dashes, at least two of them digits.',
  },
  'case_code.looks_like_name': {
    fr: 'Ce code ressemble à un nom : utilisez un code pseudonyme (ex. LYON-2026-0042).',
    en: 'This code looks like a name: use a pseudonymous code (e.g. LYON-2026-0042).',
  },
  'case_code.looks_like_birth_date': {
    fr: 'Ce code contient une date de naissance : utilisez un code pseudonyme.',
    en: 'This code contains a date of birth: use a pseudonymous code.',
  },
  'case_code.looks_like_social_security_number': {
    fr: 'Ce code ressemble à un numéro de sécurité sociale : utilisez un code pseudonyme.',
    en: 'This code looks like a social security number: use a pseudonymous code.',
  },
  live_request_exists: {
    fr: 'Une demande en cours existe déjà pour ce cas : {id}',
    en: 'A live request already exists for this case: {id}',
  },

  // The workflow.
  illegal_transition: { fr: 'Transition impossible : {from} → {to}.', en: 'Transition not allowed: {from} → {to}.' },
  outcome_required: { fr: 'Issue attendue parmi : {outcomes}.', en: 'Outcome expected among: {outcomes}.' },
  not_in_regulation: {
    fr: 'Les solutions se calculent pour une demande en régulation.',
    en: 'Options are computed for requests in regulation.',
  },
  no_coordinates: {
    fr: 'Coordonnées de l’établissement inconnues.',
    en: 'The establishment has no coordinates.',
  },

  // Deciding: the field error says to choose again, the detail says why the option went.
  option_unavailable: {
    fr: 'Cette solution n’est plus disponible : la liste a été recalculée, choisissez à nouveau.',
    en: 'This option is no longer available: the list was recomputed, choose again.',
  },
  'decision.unknown_console': { fr: 'Console inconnue.', en: 'Unknown console' },
  'decision.console_taken': {
    fr: 'La console n’est plus disponible.',
    en: 'The console is no longer available',
  },
  'decision.option_withdrawn': {
    fr: 'La solution {option} n’est plus proposée.',
    en: 'Option {option} is no longer offered',
  },
  'decision.no_circuit': { fr: 'Le fournisseur n’a plus de circuit.', en: 'The provider has no circuit left' },

  // Loans.
  loan_closed: { fr: 'Ce prêt est clos.', en: 'This loan is closed.' },
  due_in_past: { fr: 'La date de retour doit être dans le futur.', en: 'The due date must be in the future.' },
  not_lent: { fr: 'Consoles absentes de ce prêt : {consoles}', en: 'Consoles not in this loan: {consoles}' },

  // The report.
  period_reversed: {
    fr: 'La fin de la période précède son début.',
    en: 'The end of the period comes before its start.',
  },

  // Alerts to regulators, written in French into the notification and its e-mails (the regulation room
  // will render them per reader).
  'notification.request_filed': {
    fr: 'Nouvelle demande ECMO {caseCode} ({indication}, {urgency}) : {establishment}',
    en: 'New ECMO request {caseCode} ({indication}, {urgency}): {establishment}',
  },
  'notification.request_escalated': {
    fr: 'Demande {caseCode} escaladée au national (région {region}) : {reason}',
    en: 'Request {caseCode} escalated to the nation (region {region}): {reason}',
  },
  'notification.request_overdue': {
    fr: 'Demande {caseCode} (région {region}) sans solution au-delà du délai : escalade proposée',
    en: 'Request {caseCode} (region {region}) without a solution past the limit: escalation proposed',
  },
  'notification.mail_subject': { fr: 'Relais — {message}', en: 'Relais — {message}' },
  'notification.mail_body': {
    fr: '{message}\n\nOuvrez Relais pour traiter et acquitter cette alerte.',
    en: '{message}\n\nOpen Relais to handle and acknowledge this alert.',
  },
} as const satisfies Record<string, MessageDef>;
