/** Messages of the establishments register (FINESS sites), in both interface languages. */
import type { MessageDef } from './define.ts';

export const ESTABLISHMENTS_MESSAGES = {
  /** The detail of a refused registration; the field error is the shared `duplicate`, saying `finess_exists`. */
  'establishment.finess_taken': {
    fr: 'L’établissement {finess} est déjà enregistré.',
    en: 'Establishment {finess} already exists',
  },
  'establishment.finess_exists': { fr: 'Ce FINESS existe déjà', en: 'This FINESS already exists' },
} as const satisfies Record<string, MessageDef>;
