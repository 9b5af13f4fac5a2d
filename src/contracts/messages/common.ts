/** Messages every module shares: the generic problem details, the nouns that name things in them. */
import type { MessageDef } from './define.ts';

export const COMMON_MESSAGES = {
  // Problem details.
  'problem.invalid': { fr: 'Certains champs ne sont pas valides.', en: 'Some fields are not valid' },
  'problem.sign_in_first': { fr: 'Connectez-vous d’abord.', en: 'Sign in first' },
  'problem.forbidden': {
    fr: 'Vos rôles ne permettent pas cette action sur ce périmètre.',
    en: 'Your roles do not allow this action on this scope',
  },
  'problem.forbidden_action': {
    fr: 'Vos rôles ne permettent pas cette action.',
    en: 'Your roles do not allow this action',
  },
  'problem.csrf': {
    fr: 'Jeton CSRF absent ou erroné : rechargez la page.',
    en: 'Send the x-csrf-token header given by getCurrentUser',
  },
  'problem.cross_site_sign_in': {
    fr: 'La connexion depuis un autre site est refusée.',
    en: 'Sign-in from another site is refused',
  },
  'problem.invalid_credentials': { fr: 'Adresse ou mot de passe incorrect.', en: 'Wrong e-mail or password' },
  'problem.too_many_sign_ins': {
    fr: 'Trop d’échecs de connexion : patientez quelques minutes.',
    en: 'Too many failed sign-ins: wait a few minutes and try again',
  },
  'problem.internal': {
    fr: 'Une erreur inattendue est survenue ; elle a été journalisée.',
    en: 'An unexpected error occurred; it has been logged',
  },
  'problem.body_too_large': {
    fr: 'La requête dépasse la taille autorisée ({size} Mo au plus).',
    en: 'The request body exceeds the size limit ({size} MB at most).',
  },
  'problem.json_expected': { fr: 'Type de contenu non pris en charge.', en: 'Send application/json' },
  'problem.json_invalid': { fr: 'Le corps de la requête n’est pas du JSON valide.', en: 'The body is not valid JSON' },
  'problem.json_empty': { fr: 'Le corps JSON est vide.', en: 'The JSON body is empty' },
  'problem.no_route': { fr: 'Adresse inconnue.', en: 'No such route' },
  'problem.bad_address': { fr: 'L’adresse demandée n’est pas valide.', en: 'The address is not valid' },
  'problem.address_too_long': { fr: 'L’adresse demandée est trop longue.', en: 'The address is too long' },
  'problem.headers_too_large': {
    fr: 'Les en-têtes de la requête dépassent la taille autorisée (cookies trop nombreux ?).',
    en: 'The request headers exceed the size limit (too many cookies?).',
  },
  'problem.request_timeout': { fr: 'La requête n’est pas arrivée à temps.', en: 'The request did not arrive in time.' },
  'problem.malformed': { fr: 'La requête HTTP est mal formée.', en: 'The HTTP request is malformed.' },
  /** A fault in the code itself (a contract drift seen in tests), told to the developer as it is. */
  'problem.internal_fault': { fr: '{fault}', en: '{fault}' },
  'problem.database_down': { fr: 'La base de données ne répond pas.', en: 'The database does not answer' },
  /** `what` is a noun of the catalogue (`noun.*`), or a name. */
  'problem.not_found': { fr: 'Introuvable : {what}.', en: '{what} not found' },
  'problem.not_found_named': { fr: 'Introuvable : {what} {name}.', en: '{what} {name} not found' },

  // Nouns, as parameters of the messages above (no article: they read in both positions).
  'noun.console': { fr: 'Console', en: 'Console' },
  'noun.establishment': { fr: 'Établissement', en: 'Establishment' },
  'noun.loan': { fr: 'Prêt', en: 'Loan' },
  'noun.request': { fr: 'Demande', en: 'Request' },
  'noun.notification': { fr: 'Notification', en: 'Notification' },
  'noun.professional': { fr: 'Professionnel', en: 'Professional' },
  'noun.site': { fr: 'Site', en: 'Site' },
  'noun.team': { fr: 'Équipe', en: 'Team' },
  'noun.region': { fr: 'Région', en: 'Region' },
  'noun.census_campaign': { fr: 'Campagne de recensement', en: 'Census campaign' },
  'noun.user': { fr: 'Utilisateur', en: 'User' },
  'noun.stock': { fr: 'Stock', en: 'Stock' },

  // Field rules every form shares.
  stale_version: {
    fr: '{what} : modifié entre-temps, rechargez.',
    en: '{what} changed meanwhile: reload.',
  },
  unknown_field: { fr: 'Champ inconnu : {keys}', en: 'Unknown field: {keys}' },
  no_change: { fr: 'Rien à modifier.', en: 'Nothing to change.' },
  /** A FINESS number given in a form or a filter that no establishment of the register holds. */
  unknown_establishment: { fr: 'Établissement inconnu : {finess}', en: 'Unknown establishment: {finess}' },
  /** A professional named by id (a team member, a check's signer) or identifier that is not on record. */
  unknown_professional: { fr: 'Professionnel inconnu.', en: 'Unknown professional.' },
  /** A date of something done (an issue, an intervention) after today. */
  in_future: { fr: 'Cette date ne peut pas être dans le futur.', en: 'This date cannot be in the future.' },
  /** A value already held elsewhere, or given twice in one request. */
  duplicate: { fr: 'Cette valeur est déjà présente.', en: 'This value is already present.' },
  required: { fr: 'Ce champ est obligatoire.', en: 'This field is required.' },
  nul_character: {
    fr: 'Ce texte contient un caractère nul (NUL, U+0000), qui n’est pas accepté.',
    en: 'This text holds a NUL character (U+0000), which is not accepted.',
  },
} as const satisfies Record<string, MessageDef>;
