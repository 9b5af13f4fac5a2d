/**
 * Uploaded tables for the imports (census, roster, those to come): the upload limit, reading through
 * the worker pool, and the messages of a file that cannot be read, as codes with localized text.
 */
import type { Locale } from '../../contracts/messages.ts';
import { AppError, type FieldError, invalid } from '../http/errors.ts';
import type { ReadTable, TableErrorReason, TableLimits } from './sheet-reader.mjs';
import { type TablePool, TablesBusy } from './table-pool.ts';
import { UnreadableFile } from './tabular.ts';

export { UPLOAD_LIMIT_BYTES, UPLOAD_TYPES } from './limits.ts';

const ENCODINGS: Record<string, Record<Locale, string>> = {
  'utf-16le-without-bom': { fr: 'UTF-16 sans marque d’ordre (BOM)', en: 'UTF-16 without byte order mark (BOM)' },
  'utf-16be-without-bom': { fr: 'UTF-16 sans marque d’ordre (BOM)', en: 'UTF-16 without byte order mark (BOM)' },
  'invalid-utf-8': { fr: 'UTF-8 annoncé mais invalide', en: 'marked UTF-8 but invalid' },
  'invalid-utf-16le': { fr: 'UTF-16 annoncé mais invalide', en: 'marked UTF-16 but invalid' },
  'invalid-utf-16be': { fr: 'UTF-16 annoncé mais invalide', en: 'marked UTF-16 but invalid' },
  'replacement-characters': {
    fr: 'caractères déjà remplacés par « � » lors d’une conversion',
    en: 'characters already replaced by “�” in an earlier conversion',
  },
};

const MESSAGES: Record<TableErrorReason | 'busy', Record<Locale, string>> = {
  not_a_table: {
    fr: 'Le fichier n’est ni un CSV ni un classeur XLSX.',
    en: 'The file is neither CSV text nor an XLSX workbook.',
  },
  encoding: {
    fr: 'Encodage du fichier non pris en charge ({encoding}). Relais lit l’UTF-8 (avec ou sans BOM), l’UTF-16 avec BOM et le Windows-1252 : enregistrez le fichier en « CSV UTF-8 » depuis votre tableur.',
    en: 'The file’s encoding is not supported ({encoding}). Relais reads UTF-8 (with or without BOM), UTF-16 with BOM and Windows-1252: save the file as “CSV UTF-8” from your spreadsheet.',
  },
  csv: { fr: 'Le CSV est illisible : {detail}', en: 'The CSV cannot be read: {detail}' },
  xlsx: { fr: 'Le classeur XLSX est illisible.', en: 'The XLSX workbook cannot be read.' },
  no_sheet: { fr: 'Le classeur ne contient aucune feuille.', en: 'The workbook has no sheet.' },
  too_many_rows: {
    fr: 'Au plus {max} lignes par fichier, en-tête non comprise : découpez le fichier.',
    en: 'At most {max} rows per file, header not counted: split the file.',
  },
  too_many_columns: { fr: 'Au plus {max} colonnes par fichier.', en: 'At most {max} columns per file.' },
  too_many_cells: { fr: 'Au plus {max} cellules remplies par fichier.', en: 'At most {max} filled cells per file.' },
  cell_too_long: { fr: 'Au plus {max} caractères par cellule.', en: 'At most {max} characters in a cell.' },
  too_large: {
    fr: 'Le classeur est trop volumineux une fois décompressé ({maxMb} Mo au plus).',
    en: 'The workbook is too large once unpacked ({maxMb} MB at most).',
  },
  too_complex: {
    fr: 'Le fichier est trop complexe pour être lu dans les limites du serveur.',
    en: 'The file is too complex to be read within the server’s limits.',
  },
  busy: {
    fr: 'Trop de fichiers sont en cours de lecture : réessayez dans quelques secondes.',
    en: 'Too many files are being read: try again in a few seconds.',
  },
};

const CODES: Record<TableErrorReason, string> = {
  not_a_table: 'unreadable_file',
  csv: 'unreadable_file',
  xlsx: 'unreadable_file',
  no_sheet: 'unreadable_file',
  encoding: 'unsupported_encoding',
  too_many_rows: 'too_many_rows',
  too_many_columns: 'file_too_large',
  too_many_cells: 'file_too_large',
  cell_too_long: 'file_too_large',
  too_large: 'file_too_large',
  too_complex: 'file_too_large',
};

function render(key: TableErrorReason | 'busy', locale: Locale, params: Record<string, string | number>): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (typeof v === 'number') return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB').format(v);
    if (k === 'encoding' && typeof v === 'string') return ENCODINGS[v]?.[locale] ?? v;
    return String(v ?? '');
  });
}

/** The field error of a file that cannot be read: `file`, a stable code, the reason in the reader's language. */
export function unreadableFileError(error: UnreadableFile, locale: Locale): FieldError {
  return {
    field: 'file',
    code: CODES[error.reason] ?? 'unreadable_file',
    message: render(error.reason, locale, { detail: error.message, ...error.params }),
  };
}

/**
 * Reads an upload through the pool within `limits`: a file that cannot be read is a 400 naming `file`,
 * a full pool a 503 with `Retry-After`.
 */
export async function readUpload(
  tables: TablePool,
  file: { buffer: Buffer; contentType?: string },
  limits: Partial<TableLimits>,
  locale: Locale,
): Promise<ReadTable> {
  try {
    return await tables.read(file.buffer, file.contentType, limits);
  } catch (error) {
    if (error instanceof UnreadableFile) {
      const field = unreadableFileError(error, locale);
      throw invalid([field], field.message);
    }
    if (error instanceof TablesBusy) {
      throw new AppError('unavailable', render('busy', locale, {}), undefined, {
        'retry-after': String(error.retryAfterSeconds),
      });
    }
    throw error;
  }
}
