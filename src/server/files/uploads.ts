/**
 * Uploaded tables for the imports (census, roster, those to come): the upload limit, reading through
 * the worker pool, and the refusal of a file that cannot be read, as codes of the catalogue
 * (contracts/messages/files.ts) rendered in the reader's language by the error handler.
 */
import { type MessageRef, message } from '../../contracts/messages.ts';
import { AppError, type FieldIssue, invalid, issue } from '../http/errors.ts';
import type { ReadTable, TableLimits } from './sheet-reader.mjs';
import { type TablePool, TablesBusy } from './table-pool.ts';
import { UnreadableFile } from './tabular.ts';

export { UPLOAD_LIMIT_BYTES, UPLOAD_TYPES } from './limits.ts';

/** The encodings `sheet-reader.mjs` refuses, by the name it gives them. */
const ENCODINGS = {
  'utf-16le-without-bom': 'files.encoding.utf-16-without-bom',
  'utf-16be-without-bom': 'files.encoding.utf-16-without-bom',
  'invalid-utf-8': 'files.encoding.invalid-utf-8',
  'invalid-utf-16le': 'files.encoding.invalid-utf-16',
  'invalid-utf-16be': 'files.encoding.invalid-utf-16',
  'replacement-characters': 'files.encoding.replacement-characters',
} as const;

const encodingOf = (name: string | number | undefined): MessageRef | string =>
  name !== undefined && name in ENCODINGS ? message(ENCODINGS[name as keyof typeof ENCODINGS]) : String(name ?? '');

/** The field error of a file that cannot be read: `file`, a stable code, the reason as a message. */
export function unreadableFileIssue(error: UnreadableFile): FieldIssue {
  const max = Number(error.params.max);
  const unreadable = (reason: MessageRef): FieldIssue => issue('file', 'unreadable_file', { reason });
  const tooLarge = (reason: MessageRef): FieldIssue => issue('file', 'file_too_large', { reason });
  switch (error.reason) {
    case 'encoding':
      return issue('file', 'unsupported_encoding', { encoding: encodingOf(error.params.encoding) });
    case 'too_many_rows':
      return issue('file', 'too_many_rows', { max });
    case 'not_a_table':
      return unreadable(message('files.not_a_table'));
    case 'csv':
      return unreadable(message('files.csv', { detail: error.message }));
    case 'xlsx':
      return unreadable(message('files.xlsx'));
    case 'no_sheet':
      return unreadable(message('files.no_sheet'));
    case 'too_many_columns':
      return tooLarge(message('files.too_many_columns', { max }));
    case 'too_many_cells':
      return tooLarge(message('files.too_many_cells', { max }));
    case 'cell_too_long':
      return tooLarge(message('files.cell_too_long', { max }));
    case 'too_large':
      return tooLarge(message('files.too_large', { maxMb: Number(error.params.maxMb) }));
    case 'too_complex':
      return tooLarge(message('files.too_complex'));
  }
}

/**
 * Reads an upload through the pool within `limits`: a file that cannot be read is a 400 naming `file`
 * (its reason as the detail too), a full pool a 503 with `Retry-After`.
 */
export async function readUpload(
  tables: TablePool,
  file: { buffer: Buffer; contentType?: string },
  limits: Partial<TableLimits>,
): Promise<ReadTable> {
  try {
    return await tables.read(file.buffer, file.contentType, limits);
  } catch (error) {
    if (error instanceof UnreadableFile) {
      const field = unreadableFileIssue(error);
      throw invalid([field], { code: field.code, ...(field.params ? { params: field.params } : {}) });
    }
    if (error instanceof TablesBusy) {
      throw new AppError('unavailable', message('files.busy'), undefined, {
        'retry-after': String(error.retryAfterSeconds),
      });
    }
    throw error;
  }
}
