/** Messages of the boards area (codes raised by its services, words of its exports), in both interface languages. */
import type { MessageDef } from './define.ts';

export const BOARDS_MESSAGES = {
  // An establishment's census status, as the board exports write it (one word, capitalized for a cell).
  'board.census.on_time': { fr: 'À l’heure', en: 'On time' },
  'board.census.late': { fr: 'En retard', en: 'Late' },
  'board.census.missing': { fr: 'Manquant', en: 'Missing' },
  'board.census.pending': { fr: 'En attente', en: 'Pending' },
} as const satisfies Record<string, MessageDef>;
