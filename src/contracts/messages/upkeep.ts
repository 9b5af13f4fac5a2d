/** Messages of console upkeep (pre-use checks, maintenance, reminders), in both interface languages. */
import type { MessageDef } from './define.ts';

export const UPKEEP_MESSAGES = {
  not_qualified: {
    fr: 'Le signataire n’a pas de qualification valide pour ce contrôle (master perfusion, agrément, compétence ECMO).',
    en: 'The signer holds no valid qualification for this check (perfusion master, agrément, ECMO competence).',
  },
  not_on_site: {
    fr: 'Le signataire ne travaille ni là où se trouve la console ni chez son propriétaire.',
    en: 'The signer works neither where the console stands nor at its owner.',
  },
  'upkeep.kind.maintenance': { fr: 'maintenance', en: 'maintenance' },
  'upkeep.kind.calibration': { fr: 'étalonnage', en: 'calibration' },
  /** The reminder e-mail ahead of a due date; `what` is an `upkeep.kind.*` message, `due` a YYYY-MM-DD day. */
  'upkeep.reminder_subject': {
    fr: 'Relais — {what} de la console {serial} à faire avant le {due}',
    en: 'Relais — {what} of console {serial} due by {due}',
  },
  'upkeep.reminder_body': {
    fr: "La console {model} n° {serial} arrive à échéance de {what} le {due}. Passée cette date, elle n'est plus proposée par la régulation.\n\nEnregistrez l'intervention dans Relais (fiche de la console).",
    en: 'Console {model} no. {serial} falls due for {what} on {due}. After that day, regulation no longer offers it.\n\nRecord the intervention in Relais (the console’s page).',
  },
} as const satisfies Record<string, MessageDef>;
