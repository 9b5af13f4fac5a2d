/** Messages of the boards area (codes raised by its services, words of its exports), in both interface languages. */
import type { MessageDef } from './define.ts';

export const BOARDS_MESSAGES = {
  // An establishment's census status, as the board exports write it (one word, capitalized for a cell).
  'board.census.on_time': { fr: 'À l’heure', en: 'On time' },
  'board.census.late': { fr: 'En retard', en: 'Late' },
  'board.census.missing': { fr: 'Manquant', en: 'Missing' },
  'board.census.pending': { fr: 'En attente', en: 'Pending' },

  // Headers of the board spreadsheets (CSV, XLSX).
  'board.column.consoles_available': { fr: 'Consoles disponibles', en: 'Consoles available' },
  'board.column.consoles_in_use': { fr: 'Consoles en service', en: 'Consoles in use' },
  'board.column.consoles_in_maintenance': { fr: 'Consoles en maintenance', en: 'Consoles in maintenance' },
  'board.column.consoles_lent': { fr: 'Consoles prêtées', en: 'Consoles lent' },
  'board.column.consoles_out_of_service': { fr: 'Consoles hors service', en: 'Consoles out of service' },
  'board.column.consoles_in_transit': { fr: 'Consoles en transit', en: 'Consoles in transit' },
  'board.column.consoles_updated': { fr: 'Mise à jour des consoles', en: 'Consoles updated' },
  'board.column.census_updated': { fr: 'Mise à jour du recensement', en: 'Census updated' },
  'board.column.region_code': { fr: 'Code région', en: 'Region code' },
  'board.column.region': { fr: 'Région', en: 'Region' },
  'board.column.tension': { fr: 'Tension', en: 'Tension' },
  'board.column.consoles_in_all': { fr: 'Consoles au total', en: 'Consoles in all' },
  'board.column.circuits': { fr: 'Circuits', en: 'Circuits' },
  'board.column.cannulas': { fr: 'Canules', en: 'Cannulas' },
  'board.column.vv_patients': { fr: 'Patients VV', en: 'VV patients' },
  'board.column.va_patients': { fr: 'Patients VA', en: 'VA patients' },
  'board.column.icu_beds_sae_2018': { fr: 'Lits de réanimation (SAE 2018)', en: 'ICU beds (SAE 2018)' },
  'board.column.available_per_100_icu_beds': {
    fr: 'Disponibles pour 100 lits de réanimation',
    en: 'Available per 100 ICU beds',
  },
  'board.column.census_reports_expected': { fr: 'Recensements attendus', en: 'Census reports expected' },
  'board.column.census_reports_received': { fr: 'Recensements reçus', en: 'Census reports received' },
  'board.column.on_time': { fr: 'À l’heure', en: 'On time' },
  'board.column.late': { fr: 'En retard', en: 'Late' },
  'board.column.missing': { fr: 'Manquants', en: 'Missing' },
  'board.column.finess': { fr: 'FINESS', en: 'FINESS' },
  'board.column.establishment': { fr: 'Établissement', en: 'Establishment' },
  'board.column.city': { fr: 'Commune', en: 'City' },
  'board.column.ecmo_centre': { fr: 'Centre ECMO', en: 'ECMO centre' },
  'board.column.umac_base': { fr: 'Base UMAC', en: 'UMAC base' },
  'board.column.expired_units': { fr: 'Unités périmées', en: 'Expired units' },
  'board.column.teams': { fr: 'Équipes', en: 'Teams' },
  'board.column.census': { fr: 'Recensement', en: 'Census' },
  'board.column.census_week': { fr: 'Semaine du recensement', en: 'Census week' },
  'board.column.stale_figures': { fr: 'Données anciennes', en: 'Stale figures' },

  // Names of the exported files (then the region, the week and the extension).
  'board.file.national': { fr: 'tableau-national', en: 'national-board' },
  'board.file.regional': { fr: 'tableau-region', en: 'regional-board' },

  // Words of the board PDFs; the figures come as parameters already written for the reader.
  'board.pdf.demo': {
    fr: 'Démonstration : centres ECMO et nombres de consoles illustratifs ; lits de réanimation DREES (SAE 2018).',
    en: 'Demonstration: ECMO centres and console counts are illustrative; ICU beds from DREES (SAE 2018).',
  },
  'board.pdf.key_figures': { fr: 'Chiffres clés', en: 'Key figures' },
  'board.pdf.available': {
    fr: 'Consoles disponibles : {available} sur {total}',
    en: 'Consoles available: {available} out of {total}',
  },
  'board.pdf.in_use': {
    fr: 'En service : {inUse} · prêtées : {lent} · maintenance : {maintenance} · hors service : {out}',
    en: 'In use: {inUse} · lent: {lent} · maintenance: {maintenance} · out of service: {out}',
  },
  'board.pdf.patients': { fr: 'Patients sous ECMO : VV {vv} · VA {va}', en: 'Patients on ECMO: VV {vv} · VA {va}' },
  'board.pdf.census': {
    fr: 'Recensement reçu : {received} sur {expected} ({late} en retard, {missing} manquant(s))',
    en: 'Census received: {received} out of {expected} ({late} late, {missing} missing)',
  },
  'board.pdf.consoles': { fr: 'Disp.', en: 'Avail.' },
  'board.pdf.in_use_short': { fr: 'En service', en: 'In use' },
  'board.pdf.total': { fr: 'Total', en: 'Total' },
  'board.pdf.updated': { fr: 'Mise à jour des consoles', en: 'Consoles updated' },
  'board.pdf.received': { fr: 'Reçus / attendus', en: 'Received / expected' },
  'board.pdf.establishment': { fr: 'Établissement', en: 'Establishment' },
  'board.pdf.city': { fr: 'Commune', en: 'City' },
} as const satisfies Record<string, MessageDef>;
