/**
 * Messages of the access area: accounts, their grants, sign-in and the audit journal's checkpoints,
 * in both interface languages. Codes without a dot are field errors' wire codes (the web reads them).
 */
import type { MessageDef } from './define.ts';

export const ACCESS_MESSAGES = {
  'access.email_in_use': { fr: 'Adresse déjà utilisée', en: 'E-mail already in use' },
  'access.email_taken': {
    fr: 'Un compte existe déjà avec cette adresse.',
    en: 'An account with this e-mail already exists',
  },
  /** A grant's scope code that names no region, département or establishment. */
  unknown_scope: { fr: 'Périmètre inconnu : {code}', en: 'Unknown scope: {code}' },
  /** An e-mail that names no account (command line `user:grant`). */
  unknown_user: { fr: 'Aucun compte {email}', en: 'No account {email}' },

  // The checkpoint mail: `sequence` is the entry's number as text (not grouped), `at` a date already written out.
  'audit.checkpoint.subject': {
    fr: 'Relais — point de contrôle du journal d’audit n° {sequence}',
    en: 'Relais — audit journal checkpoint #{sequence}',
  },
  'audit.checkpoint.body': {
    fr: 'Le {at}, la dernière entrée du journal d’audit de Relais était la n° {sequence}.\n\nConservez ce message hors de Relais : il prouve que le journal n’a pas été coupé depuis. Pour vérifier, enregistrez la ligne ci-dessous dans un fichier et lancez « npm run relais -- audit:verify --checkpoint <fichier> » (la clé RELAIS_AUDIT_KEY vérifie la signature).\n\n{checkpoint}\n',
    en: 'On {at}, the newest entry of the Relais audit journal was #{sequence}.\n\nKeep this message outside Relais: it proves that the journal was not cut since. To check, save the line below in a file and run `npm run relais -- audit:verify --checkpoint <file>` (the key RELAIS_AUDIT_KEY checks the signature).\n\n{checkpoint}\n',
  },
} as const satisfies Record<string, MessageDef>;
