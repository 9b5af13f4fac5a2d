/**
 * Messages of the files area: uploaded tables that cannot be read or cross a limit, and the words the
 * exported files write, in both interface languages. The wire codes of a refused file (field `file`) are
 * `unreadable_file`, `unsupported_encoding`, `too_many_rows` and `file_too_large`; the two that cover
 * several reasons carry the reason, a `files.*` message, as their parameter.
 */
import type { MessageDef } from './define.ts';

export const FILES_MESSAGES = {
  // Wire codes of a file refused (the web and the tests read them).
  unreadable_file: { fr: '{reason}', en: '{reason}' },
  file_too_large: { fr: '{reason}', en: '{reason}' },
  /** `encoding` is one of `files.encoding.*`. */
  unsupported_encoding: {
    fr: 'Encodage du fichier non pris en charge ({encoding}). Relais lit l’UTF-8 (avec ou sans BOM), l’UTF-16 avec BOM et le Windows-1252 : enregistrez le fichier en « CSV UTF-8 » depuis votre tableur.',
    en: 'The file’s encoding is not supported ({encoding}). Relais reads UTF-8 (with or without BOM), UTF-16 with BOM and Windows-1252: save the file as “CSV UTF-8” from your spreadsheet.',
  },
  too_many_rows: {
    fr: 'Au plus {max} lignes par fichier, en-tête non comprise : découpez le fichier.',
    en: 'At most {max} rows per file, header not counted: split the file.',
  },

  // Reasons of `unreadable_file`.
  'files.not_a_table': {
    fr: 'Le fichier n’est ni un CSV ni un classeur XLSX.',
    en: 'The file is neither CSV text nor an XLSX workbook.',
  },
  /** `detail` is the CSV parser's own words (English). */
  'files.csv': { fr: 'Le CSV est illisible : {detail}', en: 'The CSV cannot be read: {detail}' },
  'files.xlsx': { fr: 'Le classeur XLSX est illisible.', en: 'The XLSX workbook cannot be read.' },
  'files.no_sheet': { fr: 'Le classeur ne contient aucune feuille.', en: 'The workbook has no sheet.' },
  // Reasons of `file_too_large`.
  'files.too_many_columns': { fr: 'Au plus {max} colonnes par fichier.', en: 'At most {max} columns per file.' },
  'files.too_many_cells': {
    fr: 'Au plus {max} cellules remplies par fichier.',
    en: 'At most {max} filled cells per file.',
  },
  'files.cell_too_long': { fr: 'Au plus {max} caractères par cellule.', en: 'At most {max} characters in a cell.' },
  'files.too_large': {
    fr: 'Le classeur est trop volumineux une fois décompressé ({maxMb} Mo au plus).',
    en: 'The workbook is too large once unpacked ({maxMb} MB at most).',
  },
  'files.too_complex': {
    fr: 'Le fichier est trop complexe pour être lu dans les limites du serveur.',
    en: 'The file is too complex to be read within the server’s limits.',
  },
  // The encodings refused, as the parameter of `unsupported_encoding`.
  'files.encoding.utf-16-without-bom': {
    fr: 'UTF-16 sans marque d’ordre (BOM)',
    en: 'UTF-16 without byte order mark (BOM)',
  },
  'files.encoding.invalid-utf-8': { fr: 'UTF-8 annoncé mais invalide', en: 'marked UTF-8 but invalid' },
  'files.encoding.invalid-utf-16': { fr: 'UTF-16 annoncé mais invalide', en: 'marked UTF-16 but invalid' },
  'files.encoding.replacement-characters': {
    fr: 'caractères déjà remplacés par « � » lors d’une conversion',
    en: 'characters already replaced by “�” in an earlier conversion',
  },
  /** Every reading thread is busy and the queue full (a 503 with Retry-After). */
  'files.busy': {
    fr: 'Trop de fichiers sont en cours de lecture : réessayez dans quelques secondes.',
    en: 'Too many files are being read: try again in a few seconds.',
  },

  // Words of the exported files.
  'files.yes': { fr: 'oui', en: 'yes' },
  'files.no': { fr: 'non', en: 'no' },
  /** After the header of a column of instants: "Prêtée le (heure de Paris)". */
  'files.paris_time': { fr: 'heure de Paris', en: 'Paris time' },
} as const satisfies Record<string, MessageDef>;
