/** Messages of the establishments register (FINESS sites), in both interface languages. */
import type { MessageDef } from './define.ts';

export const ESTABLISHMENTS_MESSAGES = {
  /** The detail of a refused registration; the field error is the shared `duplicate`. */
  'establishment.finess_taken': {
    fr: 'L’établissement {finess} est déjà enregistré.',
    en: 'Establishment {finess} already exists',
  },
} as const satisfies Record<string, MessageDef>;
