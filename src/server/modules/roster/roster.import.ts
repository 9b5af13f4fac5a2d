/**
 * Roster import from CSV: one row per person on duty — team (its id or exact name), identifier
 * (RPPS, ADELI or INAMI number), role, kind (garde/on_site or astreinte/on_call), start and end
 * (Paris time, "2026-11-23 08:00" or ISO 8601), call-in delay in minutes. Checked row by row with the
 * rules of the API (`checkShifts`); stored all together or not at all.
 */
import type { z } from 'zod';
import { message } from '../../../contracts/messages.ts';
import type { ZImportMode, ZRosterImportReport } from '../../../contracts/teams.ts';
import { isAllowed, reachOf } from '../../../domain/policy.ts';
import { MEMBER_ROLES, type MemberRole, type ShiftKind } from '../../../domain/teams.ts';
import { parisWallTime } from '../../../domain/time.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { TablePool } from '../../files/table-pool.ts';
import { type Cell, matchColumns, normalizeHeader } from '../../files/tabular.ts';
import { readUpload } from '../../files/uploads.ts';
import { AppError, type FieldIssue, invalid, issue, renderField } from '../../http/errors.ts';
import { actorOf, type ServiceContext } from '../context.ts';
import { professionalsByIdValue } from '../professionals/professionals.repository.ts';
import { findTeams, type TeamRow } from '../teams/teams.repository.ts';
import { insertShifts } from './roster.repository.ts';
import { checkShifts, type ShiftToStore } from './roster.service.ts';

type Report = z.infer<typeof ZRosterImportReport>;
type ImportMode = z.infer<typeof ZImportMode>;
const MAX_ROWS = 5000;

const COLUMNS = {
  team: ['team', 'equipe', 'équipe'],
  identifier: ['identifier', 'identifiant', 'rpps', 'adeli', 'inami'],
  role: ['role', 'rôle'],
  kind: ['kind', 'type'],
  start: ['start', 'debut', 'début'],
  end: ['end', 'fin'],
  callIn: ['call_in_minutes', 'delai_minutes', 'délai_minutes', 'delai', 'délai'],
} as const;
type Column = keyof typeof COLUMNS;
/** A column as errors name it: its French header. */
const columnName = (c: Column): string => COLUMNS[c][1] ?? c;
/** The column of a shift's field, for the errors of `checkShifts`. */
const SHIFT_COLUMN: Record<string, Column> = {
  professionalId: 'identifier',
  role: 'role',
  startsAt: 'start',
  endsAt: 'end',
};

const ROLE_WORDS: Record<string, MemberRole> = {
  perfusionist: 'perfusionist',
  perfusionniste: 'perfusionist',
  surgeon: 'surgeon',
  chirurgien: 'surgeon',
  intensivist: 'intensivist',
  reanimateur: 'intensivist',
  nurse: 'nurse',
  infirmier: 'nurse',
  infirmiere: 'nurse',
};
const KIND_WORDS: Record<string, ShiftKind> = {
  on_site: 'on_site',
  garde: 'on_site',
  on_call: 'on_call',
  astreinte: 'on_call',
};

/** "2026-11-23 08:00" (Paris) or an ISO 8601 instant. */
export function parseWhen(text: string): Date | null {
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/.exec(text.trim());
  if (local) return parisWallTime(local[1] as string, `${local[2]}:${local[3]}`);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text.trim()))
    return new Date(text.trim());
  return null;
}

/** What rows are read against: the teams within reach by id and name, the people by identifier (null: two carry it). */
interface Lookups {
  teamByKey: Map<string, TeamRow>;
  personById: Map<string, string | null>;
}

/** One row as a shift to store, or the errors of its cells (fields are column names). */
function readRow(
  ctx: ServiceContext,
  cell: (c: Column) => string,
  row: readonly Cell[],
  n: number,
  l: Lookups,
): { shift: ShiftToStore & { row: number } } | { errors: FieldIssue[] } {
  if (row.some((c) => c.unsafe)) return { errors: [issue('file', 'unsafe_cell')] };
  const errors: FieldIssue[] = [];
  const team = l.teamByKey.get(cell('team')) ?? l.teamByKey.get(cell('team').toLowerCase());
  if (!team) errors.push(issue(columnName('team'), 'unknown_team'));
  else if (!isAllowed(ctx.user.grants, 'roster:write', team.location))
    errors.push(issue(columnName('team'), 'forbidden'));
  const person = l.personById.get(cell('identifier').trim());
  if (person === null) errors.push(issue(columnName('identifier'), 'ambiguous_professional'));
  else if (!person) errors.push(issue(columnName('identifier'), 'unknown_professional'));
  const role = ROLE_WORDS[normalizeHeader(cell('role'))];
  if (!role) errors.push(issue(columnName('role'), 'role', { roles: MEMBER_ROLES.join(', ') }));
  const kind = KIND_WORDS[normalizeHeader(cell('kind'))];
  if (!kind) errors.push(issue(columnName('kind'), 'kind'));
  const startsAt = parseWhen(cell('start'));
  const endsAt = parseWhen(cell('end'));
  if (!startsAt) errors.push(issue(columnName('start'), 'datetime'));
  if (!endsAt) errors.push(issue(columnName('end'), 'datetime'));
  const rawDelay = cell('callIn');
  const delay = rawDelay === '' ? (kind === 'on_call' ? 30 : 0) : Number(rawDelay);
  if (!Number.isInteger(delay) || delay < 0 || delay > 240) errors.push(issue(columnName('callIn'), 'call_in'));
  if (errors.length || !team || !person || !role || !kind || !startsAt || !endsAt) return { errors };
  const shift: ShiftToStore & { row: number } = {
    row: n,
    teamId: team.id,
    professionalId: person,
    role,
    kind,
    startsAt,
    endsAt,
    callInMinutes: kind === 'on_site' ? 0 : delay,
    field: String(n),
  };
  return { shift };
}

/** Thrown to roll back a validation, or an invalid file: nothing stays. */
class RollbackSignal extends Error {}

/**
 * Checks the shifts read against the roster's rules (their errors go to their rows, under the column
 * of the field) and, for a valid file in mode `all`, stores them all; returns how many were stored.
 */
async function checkAndStore(
  ctx: ServiceContext,
  shifts: readonly (ShiftToStore & { row: number })[],
  rowErrors: Map<number, FieldIssue[]>,
  store: { mode: ImportMode; fileName: string | null; rows: number },
): Promise<number> {
  let stored = 0;
  await ctx.db
    .transaction(async (tx) => {
      for (const e of await checkShifts(tx, shifts)) {
        const [row, key = ''] = e.field.split('.');
        const list = rowErrors.get(Number(row)) ?? [];
        list.push({ ...e, field: columnName(SHIFT_COLUMN[key] ?? 'team') });
        rowErrors.set(Number(row), list);
      }
      const good = shifts.filter((s) => !rowErrors.has(s.row));
      if (store.mode === 'all' && rowErrors.size === 0 && good.length > 0) {
        await insertShifts(tx, good, ctx.user.id);
        stored = good.length;
        await appendAudit(tx, actorOf(ctx), {
          action: 'roster.import',
          targetType: 'roster',
          targetId: store.fileName ?? 'upload',
          after: { rows: store.rows, stored, teams: [...new Set(good.map((s) => s.teamId))] },
        });
      }
      if (stored === 0) throw new RollbackSignal();
    })
    .catch((e) => {
      if (!(e instanceof RollbackSignal)) throw e;
    });
  return stored;
}

export async function importRoster(
  ctx: ServiceContext,
  file: { buffer: Buffer; contentType?: string; fileName: string | null },
  mode: ImportMode,
  tables: TablePool,
): Promise<Report> {
  // Read in a worker within the limits; a file over them is refused whole, never cut.
  const table = await readUpload(tables, file, { maxRows: MAX_ROWS });
  const index = matchColumns(table.headers, COLUMNS);
  const missing = (['team', 'identifier', 'role', 'kind', 'start', 'end'] as const).filter((c) => !index.has(c));
  if (missing.length) {
    throw invalid(missing.map((c) => issue(`file.${columnName(c)}`, 'missing_column', { column: columnName(c) })));
  }
  const cellOf = (row: readonly Cell[]) => (c: Column) => {
    const at = index.get(c);
    return at === undefined ? '' : (row[at]?.text ?? '');
  };
  const lookups: Lookups = { teamByKey: new Map(), personById: new Map() };
  for (const t of await findTeams(ctx.db, reachOf(ctx.user.grants, 'team:read'), {})) {
    lookups.teamByKey.set(t.id, t);
    lookups.teamByKey.set(t.name.trim().toLowerCase(), t);
  }
  // Only the people the file names (an RPPS and an INAMI number may coincide: then ambiguous).
  const identifiers = [...new Set(table.rows.map((row) => cellOf(row)('identifier').trim()))];
  for (const p of await professionalsByIdValue(ctx.db, identifiers)) {
    lookups.personById.set(p.idValue, lookups.personById.has(p.idValue) ? null : p.id);
  }
  const rowErrors = new Map<number, FieldIssue[]>();
  const shifts: (ShiftToStore & { row: number })[] = [];
  table.rows.forEach((row, i) => {
    const n = i + 2; // the header is row 1
    const read = readRow(ctx, cellOf(row), row, n, lookups);
    if ('shift' in read) shifts.push(read.shift);
    else rowErrors.set(n, read.errors);
  });
  const stored = await checkAndStore(ctx, shifts, rowErrors, {
    mode,
    fileName: file.fileName,
    rows: table.rows.length,
  });
  const report: Report = {
    fileName: file.fileName,
    mode,
    rows: table.rows.length,
    valid: table.rows.length - rowErrors.size,
    invalid: rowErrors.size,
    stored,
    report: table.rows.map((_, i) => {
      const errors = (rowErrors.get(i + 2) ?? []).map((e) => renderField(e, ctx.locale));
      return { row: i + 2, status: errors.length ? 'invalid' : stored ? 'stored' : 'valid', errors };
    }),
  };
  // All or nothing, as the census import: a refused file is a 400 naming each row's columns.
  if (mode === 'all' && report.invalid > 0) {
    throw new AppError(
      'validation_failed',
      message('import.rejected', { invalid: report.invalid, rows: report.rows }),
      report.report.flatMap((r) =>
        (rowErrors.get(r.row) ?? []).map((e) => ({ ...e, field: `rows.${r.row}.${e.field}` })),
      ),
    );
  }
  if (stored) await ctx.events.publish('roster.changed', { import: true });
  return report;
}
