/**
 * Census by file (CSV or XLSX): each row goes through the same checks as the form and the API.
 * Modes: `validate` stores nothing; `all` stores the file only if every row is valid; `valid_rows`
 * stores the valid rows and reports the others. Whatever is stored is stored in one transaction.
 */
import type { TImportReport } from '../../../contracts/census.ts';
import { ZSubmitCensusReport } from '../../../contracts/census.ts';
import { type MessageArgs, type MessageCode, message } from '../../../contracts/messages.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { CensusSettings } from '../../config.ts';
import type { TablePool } from '../../files/table-pool.ts';
import { type Cell, matchColumns } from '../../files/tabular.ts';
import { readUpload } from '../../files/uploads.ts';
import { AppError, type FieldError, invalid, issue, renderField, zodFieldErrors } from '../../http/errors.ts';
import { actorOf, type ServiceContext } from '../context.ts';
import { type CheckedReport, checkSubmission, loadSubmissionContext, storeReports } from './census.submit.ts';

export const MAX_IMPORT_ROWS = 2000;

/** Columns of a census file: stable key, French header (templates), accepted aliases. */
export const CENSUS_COLUMNS = [
  { key: 'week', fr: 'semaine', en: 'week', required: true },
  { key: 'finess', fr: 'finess', en: 'finess', required: true },
  { key: 'name', fr: 'etablissement', en: 'establishment', required: false },
  { key: 'consoles_available', fr: 'consoles_disponibles', en: 'consoles_available', required: true },
  { key: 'consoles_in_use', fr: 'consoles_en_service', en: 'consoles_in_use', required: true },
  { key: 'consoles_maintenance', fr: 'consoles_maintenance', en: 'consoles_maintenance', required: true },
  { key: 'consoles_lent', fr: 'consoles_pretees', en: 'consoles_lent', required: true },
  { key: 'consoles_out_of_service', fr: 'consoles_hors_service', en: 'consoles_out_of_service', required: true },
  { key: 'consoles_in_transit', fr: 'consoles_en_transit', en: 'consoles_in_transit', required: true },
  { key: 'circuits', fr: 'circuits', en: 'circuits', required: true },
  { key: 'cannulas', fr: 'canules', en: 'cannulas', required: true },
  { key: 'patients_vv', fr: 'patients_vv', en: 'patients_vv', required: true },
  { key: 'patients_va', fr: 'patients_va', en: 'patients_va', required: true },
  { key: 'teams', fr: 'equipes', en: 'teams', required: true },
  { key: 'comment', fr: 'commentaire', en: 'comment', required: false },
  { key: 'correction_reason', fr: 'motif_correction', en: 'correction_reason', required: false },
] as const;
type ColumnKey = (typeof CENSUS_COLUMNS)[number]['key'];

/** Where a report field is in the file, so that an error names the column the user sees. */
const FIELD_TO_COLUMN: Record<string, ColumnKey> = {
  week: 'week',
  finess: 'finess',
  'consoles.available': 'consoles_available',
  'consoles.inUse': 'consoles_in_use',
  'consoles.maintenance': 'consoles_maintenance',
  'consoles.lent': 'consoles_lent',
  'consoles.outOfService': 'consoles_out_of_service',
  'consoles.inTransit': 'consoles_in_transit',
  consoles: 'consoles_available',
  circuits: 'circuits',
  cannulas: 'cannulas',
  'patients.vv': 'patients_vv',
  'patients.va': 'patients_va',
  patients: 'patients_vv',
  teams: 'teams',
  comment: 'comment',
  correctionReason: 'correction_reason',
};
const columnKeyOf = (field: string): string => FIELD_TO_COLUMN[field] ?? field;

class Rollback extends Error {}

/** A row of the report, its errors typed (the contract's are plain text). */
type ImportRow = Omit<TImportReport['report'][number], 'errors'> & { errors: FieldError[] };

export async function importCensusFile(
  ctx: ServiceContext,
  settings: CensusSettings,
  file: { buffer: Buffer; contentType?: string; fileName: string | null },
  mode: 'validate' | 'all' | 'valid_rows',
  tables: TablePool,
): Promise<TImportReport> {
  // Read in a worker within the limits; a file over them is refused whole, never cut.
  const table = await readUpload(tables, file, { maxRows: MAX_IMPORT_ROWS });
  const index = matchColumns(
    table.headers,
    Object.fromEntries(CENSUS_COLUMNS.map((c) => [c.key, [c.fr, c.en]])) as Record<ColumnKey, string[]>,
  );
  // Errors name columns as the file does (French or English headers).
  const header = (key: string): string => {
    const at = index.get(key as ColumnKey);
    return (at === undefined ? undefined : table.headers[at]) || key;
  };
  const columnOf = (field: string): string => header(columnKeyOf(field));
  const missing = CENSUS_COLUMNS.filter((c) => c.required && !index.has(c.key));
  if (missing.length)
    throw invalid(missing.map((c) => issue(`file.${c.fr}`, 'import.missing_column', { column: c.fr })));

  const report: Omit<TImportReport, 'report'> & { report: ImportRow[] } = {
    fileName: file.fileName,
    format: table.format,
    mode,
    rows: table.rows.length,
    valid: 0,
    invalid: 0,
    stored: 0,
    report: [],
  };
  try {
    await ctx.db.transaction(async (tx) => {
      const seen = new Map<string, number>();
      // First pass, no database: read and validate each row's shape.
      const parsedRows: { row: ImportRow; input: ReturnType<typeof ZSubmitCensusReport.parse> }[] = [];
      for (const [i, cells] of table.rows.entries()) {
        const rowNumber = i + 2; // line 1 is the header
        const cell = (key: ColumnKey): Cell => {
          const at = index.get(key);
          return at === undefined ? { text: '', unsafe: false } : (cells[at] ?? { text: '', unsafe: false });
        };
        const errors: FieldError[] = [];
        // A row's errors are written into the report, so rendered here in the reader's language.
        const refuse = <C extends MessageCode>(field: string, code: C, ...args: MessageArgs<C>) =>
          errors.push(renderField(issue(field, code, ...args), ctx.locale));
        const number = (key: ColumnKey): number => {
          const c = cell(key);
          if (c.unsafe) refuse(header(key), 'import.formula');
          else if (!/^\d+$/.test(c.text)) refuse(header(key), 'import.not_integer', { value: c.text });
          else return Number(c.text);
          return 0;
        };
        const text = (key: ColumnKey): string | undefined => {
          const c = cell(key);
          if (c.unsafe) refuse(header(key), 'import.formula');
          return c.text === '' ? undefined : c.text;
        };
        const raw = {
          week: text('week') ?? '',
          finess: (text('finess') ?? '').toUpperCase(),
          consoles: {
            available: number('consoles_available'),
            inUse: number('consoles_in_use'),
            maintenance: number('consoles_maintenance'),
            lent: number('consoles_lent'),
            outOfService: number('consoles_out_of_service'),
            inTransit: number('consoles_in_transit'),
          },
          circuits: number('circuits'),
          cannulas: number('cannulas'),
          patients: { vv: number('patients_vv'), va: number('patients_va') },
          teams: number('teams'),
          comment: text('comment') ?? null,
          correctionReason: text('correction_reason'),
        };
        text('name');
        const row: ImportRow = {
          row: rowNumber,
          finess: raw.finess || null,
          week: raw.week || null,
          status: 'invalid',
          version: null,
          errors,
        };
        report.report.push(row);
        if (errors.length) continue;
        const parsed = ZSubmitCensusReport.safeParse(raw);
        if (!parsed.success) {
          errors.push(
            ...zodFieldErrors(parsed.error, '', ctx.locale).map((e) => ({
              ...e,
              field: columnOf(e.field.replace(/^\./, '')),
            })),
          );
          continue;
        }
        const key = `${parsed.data.week}/${parsed.data.finess}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          refuse(header('finess'), 'import.duplicate_row', { finess: parsed.data.finess, row: earlier });
          continue;
        }
        seen.set(key, rowNumber);
        parsedRows.push({ row, input: parsed.data });
      }
      // Second pass: the same checks as a form submission, against data loaded once for the whole file.
      const sub = await loadSubmissionContext(
        tx,
        settings,
        parsedRows.map((p) => p.input),
        ctx.clock.now(),
      );
      const accepted: (CheckedReport & { row: ImportRow; input: (typeof parsedRows)[number]['input'] })[] = [];
      for (const p of parsedRows) {
        const checked = checkSubmission(ctx, sub, p.input, '');
        if (checked.errors.length) {
          p.row.errors.push(...checked.errors.map((e) => renderField({ ...e, field: columnOf(e.field) }, ctx.locale)));
          continue;
        }
        p.row.status = 'valid';
        p.row.version = checked.version;
        accepted.push({ ...checked, row: p.row, input: p.input });
      }
      report.valid = accepted.length;
      report.invalid = report.rows - accepted.length;
      if (mode === 'validate') throw new Rollback();
      if (mode === 'all' && report.invalid > 0) throw new Rollback();
      await storeReports(tx, ctx, accepted, 'file');
      for (const a of accepted) a.row.status = 'stored';
      report.stored = accepted.length;
      await appendAudit(tx, actorOf(ctx), {
        action: 'census.import',
        targetType: 'census_file',
        targetId: file.fileName ?? 'upload',
        after: { format: table.format, mode, rows: report.rows, stored: report.stored, refused: report.invalid },
      });
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if (mode === 'all' && report.invalid > 0) {
    const fields = report.report.flatMap((r) => r.errors.map((e) => ({ ...e, field: `rows.${r.row}.${e.field}` })));
    throw new AppError(
      'validation_failed',
      message('import.rejected', { invalid: report.invalid, rows: report.rows }),
      fields,
    );
  }
  if (report.stored > 0) await ctx.events.publish('census.changed', { import: file.fileName });
  return report;
}
