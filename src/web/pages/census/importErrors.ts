/** How an import's refusals are said: each error names the column of the file it is about. */
import type { TFunction } from 'i18next';

/** The file's column of each field the server names (its keys are those of the template's columns). */
const COLUMNS: Record<string, string> = {
  week: 'semaine',
  finess: 'finess',
  name: 'etablissement',
  consoles_available: 'consoles_disponibles',
  consoles_in_use: 'consoles_en_service',
  consoles_maintenance: 'consoles_maintenance',
  consoles_lent: 'consoles_pretees',
  consoles_out_of_service: 'consoles_hors_service',
  consoles_in_transit: 'consoles_en_transit',
  consoles: 'consoles_disponibles',
  circuits: 'circuits',
  cannulas: 'canules',
  patients_vv: 'patients_vv',
  patients_va: 'patients_va',
  patients: 'patients_vv',
  teams: 'equipes',
  comment: 'commentaire',
  correction_reason: 'motif_correction',
  correctionReason: 'motif_correction',
};

export type RowError = { field: string; code: string; message: string };

/** "Colonne « canules » : …", or the file-level message for errors about the file itself. */
export function describeError(e: RowError, t: TFunction): string {
  if (e.field === 'file') {
    if (e.code === 'unreadable_file') return t('census.import.errors.unreadable', { detail: e.message });
    // Encoding and limits: the server's message says which encodings it reads, or the limit crossed.
    return e.message;
  }
  // Errors about the file's columns (file.semaine…) name their column already.
  if (e.field.startsWith('file.')) return e.message;
  const column = COLUMNS[e.field] ?? e.field;
  return t('census.import.errors.column', { column, message: e.message });
}
