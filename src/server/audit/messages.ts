/** Texts of the audit checkpoints written for people, in both languages; parameters in braces. */
import type { Locale } from '../../contracts/messages.ts';

const MESSAGES = {
  'audit.checkpoint.subject': {
    fr: 'Relais — point de contrôle du journal d’audit n° {sequence}',
    en: 'Relais — audit journal checkpoint #{sequence}',
  },
  'audit.checkpoint.body': {
    fr: 'Le {at}, la dernière entrée du journal d’audit de Relais était la n° {sequence}.\n\nConservez ce message hors de Relais : il prouve que le journal n’a pas été coupé depuis. Pour vérifier, enregistrez la ligne ci-dessous dans un fichier et lancez « npm run relais -- audit:verify --checkpoint <fichier> » (la clé RELAIS_AUDIT_KEY vérifie la signature).\n\n{checkpoint}\n',
    en: 'On {at}, the newest entry of the Relais audit journal was #{sequence}.\n\nKeep this message outside Relais: it proves that the journal was not cut since. To check, save the line below in a file and run `npm run relais -- audit:verify --checkpoint <file>` (the key RELAIS_AUDIT_KEY checks the signature).\n\n{checkpoint}\n',
  },
} as const;

export type AuditMessageKey = keyof typeof MESSAGES;

export function auditMessage(
  key: AuditMessageKey,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
