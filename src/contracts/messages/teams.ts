/**
 * Messages of the teams area (professionals, teams, the on-call roster and its import), in both
 * interface languages. Codes are those the API has always sent on field errors (tests and the web read
 * them); the shared ones (unknown_professional, in_future, duplicate…) are in common.ts.
 */
import type { MessageDef } from './define.ts';

export const TEAMS_MESSAGES = {
  /** Says what the shared `duplicate` code means in a team's member list. */
  'team.member_twice': { fr: 'Membre en double.', en: 'Member listed twice.' },
  // Professionals.
  identifier_taken: {
    fr: 'Un professionnel porte déjà cet identifiant.',
    en: 'A professional already has this identifier.',
  },
  'professional.identifier_taken': {
    fr: 'Un professionnel porte déjà cet identifiant : {id}.',
    en: 'A professional already has this identifier: {id}.',
  },
  before_issue: { fr: 'La fin de validité précède la délivrance.', en: 'Validity ends before the issue date.' },

  // Teams and members.
  outside_establishment: {
    fr: 'Ce professionnel ne travaille dans aucun établissement de votre périmètre.',
    en: 'This professional works in no establishment within your scope.',
  },
  'member_role.perfusionist': { fr: 'perfusionniste', en: 'perfusionist' },
  'member_role.surgeon': { fr: 'chirurgien', en: 'surgeon' },
  'member_role.intensivist': { fr: 'réanimateur', en: 'intensivist' },
  'member_role.nurse': { fr: 'infirmier', en: 'nurse' },

  // The roster: windows and shifts.
  before_from: { fr: 'La fin précède le début.', en: 'The end is before the start.' },
  window_too_long: { fr: 'Au plus {days} jours.', en: 'At most {days} days.' },
  outside_window: {
    fr: 'La garde commence hors de la période remplacée.',
    en: 'The shift starts outside the window replaced.',
  },
  ends_before_start: { fr: 'La garde finit avant de commencer.', en: 'The shift ends before it starts.' },
  not_member: {
    fr: 'Cette personne n’est pas membre de l’équipe.',
    en: 'This person is not a member of the team.',
  },
  /** `role` is a `member_role.*` message. */
  role_mismatch: {
    fr: 'Dans cette équipe, cette personne est {role}.',
    en: 'In this team, this person is a {role}.',
  },
  /** `where`: the team of the shift met, or `roster.sent_together`. */
  overlapping_shift: {
    fr: 'Cette personne est déjà de garde ou d’astreinte sur ce créneau ({where}).',
    en: 'This person is already on duty over this span ({where}).',
  },
  'roster.sent_together': { fr: 'une autre garde envoyée avec celle-ci', en: 'another shift sent with this one' },
  'roster.overlapping_shifts': { fr: 'Des gardes se chevauchent.', en: 'Overlapping shifts' },
  'roster.invalid_shifts': { fr: 'Certaines gardes ne sont pas valides.', en: 'Some shifts are not valid' },

  // The roster's CSV import, cell by cell (the file as a whole: import.rejected in census.ts).
  missing_column: { fr: 'Colonne manquante : {column}', en: 'Missing column: {column}' },
  unsafe_cell: { fr: 'Cellule refusée : formule ou script.', en: 'Cell refused: formula or script.' },
  unknown_team: { fr: 'Équipe inconnue ou hors de votre périmètre.', en: 'Unknown team, or outside your scope.' },
  /** A row for a team whose roster the user does not manage. */
  forbidden: { fr: 'Vous ne gérez pas le tableau de cette équipe.', en: 'You do not manage this team’s roster.' },
  ambiguous_professional: {
    fr: 'Deux professionnels portent ce numéro (RPPS et INAMI) : saisissez cette garde dans Relais.',
    en: 'Two professionals carry this number (RPPS and INAMI): enter this shift in Relais.',
  },
  role: { fr: 'Rôle parmi : {roles}.', en: 'Role among: {roles}.' },
  kind: { fr: 'Type : garde ou astreinte.', en: 'Kind: on_site or on_call.' },
  datetime: { fr: 'Date et heure : AAAA-MM-JJ HH:MM.', en: 'Date and time: YYYY-MM-DD HH:MM.' },
  call_in: { fr: 'Délai en minutes, de 0 à 240.', en: 'Delay in minutes, 0 to 240.' },
} as const satisfies Record<string, MessageDef>;
