/** Messages of the fleet area (codes raised by its services), in both interface languages. */
import type { MessageDef } from './define.ts';

export const FLEET_MESSAGES = {
  /** A site (`finess` or `depot`) that no establishment or depot of the register holds. */
  unknown_site: { fr: 'Site inconnu : {site}', en: 'Unknown site: {site}' },
  lent_at_owner: {
    fr: 'Un appareil prêté est chez un autre établissement que son propriétaire : indiquez le site emprunteur.',
    en: 'A lent console stands elsewhere than at its owner: give the borrowing site.',
  },
  /** The detail of a refused registration; the field error is the shared `duplicate`. */
  'fleet.serial_taken': {
    fr: 'Ce numéro de série est déjà enregistré pour ce fabricant.',
    en: 'This serial number is already registered for this manufacturer.',
  },
  not_applicable: {
    fr: 'Un circuit n’a ni type ni taille de canule.',
    en: 'A circuit has no cannula type or size.',
  },
  expired_lot: {
    fr: 'Lot périmé depuis le {expiryDate} : il ne peut pas être déclaré disponible.',
    en: 'Lot expired on {expiryDate}: it cannot be declared available.',
  },
  expiry_mismatch: {
    fr: 'Ce lot est enregistré avec la date de péremption {expiry}.',
    en: 'This lot is recorded with expiry {expiry}.',
  },
  insufficient_stock: {
    fr: {
      one: 'Seulement {count} unité en stock pour ce lot.',
      other: 'Seulement {count} unités en stock pour ce lot.',
    },
    en: { one: 'Only {count} unit in stock for this lot.', other: 'Only {count} units in stock for this lot.' },
  },
} as const satisfies Record<string, MessageDef>;
