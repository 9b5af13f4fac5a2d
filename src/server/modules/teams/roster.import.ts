/**
 * Roster import from CSV: one row per person on duty — team (its id or exact name), identifier
 * (RPPS, ADELI or INAMI number), role, kind (garde/on_site or astreinte/on_call), start and end
 * (Paris time, "2026-11-23 08:00" or ISO 8601), call-in delay in minutes. Checked row by row with the
 * rules of the API; stored all together or not at all.
 */
import type { z } from 'zod';
import type { ZRosterImportReport } from '../../../contracts/teams.ts';
import { isAllowed } from '../../../domain/policy.ts';
import { MEMBER_ROLES, type MemberRole, type ShiftKind } from '../../../domain/teams.ts';
import { parisWallTime } from '../../../domain/time.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { TablePool } from '../../files/table-pool.ts';
import { matchColumns, normalizeHeader } from '../../files/tabular.ts';
import { readUpload } from '../../files/uploads.ts';
import { AppError, invalid } from '../../http/errors.ts';
import { actorOf, type ServiceContext } from '../context.ts';
import { checkShifts, insertShifts, type ShiftToStore, teamLocation, teamsInReach } from './roster.service.ts';
import { msg } from './shared.ts';

type Report = z.infer<typeof ZRosterImportReport>;
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

export async function importRoster(
  ctx: ServiceContext,
  file: { buffer: Buffer; contentType?: string; fileName: string | null },
  mode: 'validate' | 'all',
  tables: TablePool,
): Promise<Report> {
  // Read in a worker within the limits; a file over them is refused whole, never cut.
  const table = await readUpload(tables, file, { maxRows: MAX_ROWS }, ctx.locale);
  const index = matchColumns(table.headers, COLUMNS);
  const missing = (['team', 'identifier', 'role', 'kind', 'start', 'end'] as const).filter((c) => !index.has(c));
  if (missing.length) {
    throw invalid(
      missing.map((c) => ({
        field: `file.${COLUMNS[c][1] ?? c}`,
        code: 'missing_column',
        message: msg(ctx, `Colonne manquante : ${COLUMNS[c][1] ?? c}`, `Missing column: ${c}`),
      })),
    );
  }
  const teams = await teamsInReach(ctx, {});
  const teamByKey = new Map<string, (typeof teams)[number]>();
  for (const t of teams) {
    teamByKey.set(t.id, t);
    teamByKey.set(t.name.trim().toLowerCase(), t);
  }

  const report: Report = {
    fileName: file.fileName,
    mode,
    rows: table.rows.length,
    valid: 0,
    invalid: 0,
    stored: 0,
    report: [],
  };
  const cell = (row: (typeof table.rows)[number], c: Column): string => {
    const at = index.get(c);
    return at === undefined ? '' : (row[at]?.text ?? '');
  };
  // The people the file names, by identifier (an RPPS and an INAMI number may coincide: then ambiguous).
  const people = await ctx.db.query<{ id: string; id_value: string }>(
    'SELECT id, id_value FROM professionals WHERE id_value = ANY($1::text[])',
    [[...new Set(table.rows.map((row) => cell(row, 'identifier').trim()))]],
  );
  const personById = new Map<string, string | null>();
  for (const p of people) personById.set(p.id_value, personById.has(p.id_value) ? null : p.id);
  const rowErrors = new Map<number, { field: string; code: string; message: string }[]>();
  const shifts: (ShiftToStore & { row: number })[] = [];
  table.rows.forEach((row, i) => {
    const n = i + 2; // the header is row 1
    const errors: { field: string; code: string; message: string }[] = [];
    if (row.some((c) => c.unsafe)) {
      errors.push({
        field: 'file',
        code: 'unsafe_cell',
        message: msg(ctx, 'Cellule refusée : formule ou script.', 'Cell refused: formula or script.'),
      });
      rowErrors.set(n, errors);
      return;
    }
    const err = (c: Column, code: string, fr: string, en: string) =>
      errors.push({ field: COLUMNS[c][1] ?? c, code, message: msg(ctx, fr, en) });
    const team = teamByKey.get(cell(row, 'team')) ?? teamByKey.get(cell(row, 'team').toLowerCase());
    if (!team)
      err(
        'team',
        'unknown_team',
        'Équipe inconnue ou hors de votre périmètre.',
        'Unknown team, or outside your scope.',
      );
    else if (!isAllowed(ctx.user.grants, 'roster:write', teamLocation(team)))
      err(
        'team',
        'forbidden',
        'Vous ne gérez pas le tableau de cette équipe.',
        'You do not manage this team’s roster.',
      );
    const person = personById.get(cell(row, 'identifier').trim());
    if (person === null)
      err(
        'identifier',
        'ambiguous_professional',
        'Deux professionnels portent ce numéro (RPPS et INAMI) : saisissez cette garde dans Relais.',
        'Two professionals carry this number (RPPS and INAMI): enter this shift in Relais.',
      );
    else if (!person)
      err(
        'identifier',
        'unknown_professional',
        'Identifiant inconnu (RPPS, ADELI ou INAMI).',
        'Unknown identifier (RPPS, ADELI or INAMI).',
      );
    const role = ROLE_WORDS[normalizeHeader(cell(row, 'role'))];
    if (!role)
      err('role', 'role', `Rôle parmi : ${MEMBER_ROLES.join(', ')}.`, `Role among: ${MEMBER_ROLES.join(', ')}.`);
    const kind = KIND_WORDS[normalizeHeader(cell(row, 'kind'))];
    if (!kind) err('kind', 'kind', 'Type : garde ou astreinte.', 'Kind: on_site or on_call.');
    const start = parseWhen(cell(row, 'start'));
    const end = parseWhen(cell(row, 'end'));
    if (!start) err('start', 'datetime', 'Date et heure : AAAA-MM-JJ HH:MM.', 'Date and time: YYYY-MM-DD HH:MM.');
    if (!end) err('end', 'datetime', 'Date et heure : AAAA-MM-JJ HH:MM.', 'Date and time: YYYY-MM-DD HH:MM.');
    const rawDelay = cell(row, 'callIn');
    const delay = rawDelay === '' ? (kind === 'on_call' ? 30 : 0) : Number(rawDelay);
    if (!Number.isInteger(delay) || delay < 0 || delay > 240)
      err('callIn', 'call_in', 'Délai en minutes, de 0 à 240.', 'Delay in minutes, 0 to 240.');
    if (errors.length) {
      rowErrors.set(n, errors);
      return;
    }
    shifts.push({
      row: n,
      teamId: (team as (typeof teams)[number]).id,
      professionalId: person as string,
      role: role as MemberRole,
      kind: kind as ShiftKind,
      startsAt: start as Date,
      endsAt: end as Date,
      callInMinutes: kind === 'on_site' ? 0 : delay,
      field: String(n),
    });
  });
  await ctx.db
    .transaction(async (tx) => {
      for (const e of await checkShifts(ctx, tx, shifts)) {
        const row = Number(e.field.split('.')[0]);
        const list = rowErrors.get(row) ?? [];
        const key = e.field.split('.')[1] ?? '';
        list.push({ ...e, field: COLUMNS[SHIFT_COLUMN[key] ?? 'team'][1] });
        rowErrors.set(row, list);
      }
      const good = shifts.filter((s) => !rowErrors.has(s.row));
      if (mode === 'all' && rowErrors.size === 0 && good.length > 0) {
        await insertShifts(ctx, tx, good);
        report.stored = good.length;
        await appendAudit(tx, actorOf(ctx), {
          action: 'roster.import',
          targetType: 'roster',
          targetId: file.fileName ?? 'upload',
          after: { rows: table.rows.length, stored: good.length, teams: [...new Set(good.map((s) => s.teamId))] },
        });
      }
      // Validation only, or an invalid file: nothing stays.
      if (report.stored === 0) throw new RollbackSignal();
    })
    .catch((e) => {
      if (!(e instanceof RollbackSignal)) throw e;
    });
  for (let i = 0; i < table.rows.length; i++) {
    const n = i + 2;
    const errors = rowErrors.get(n) ?? [];
    report.report.push({ row: n, status: errors.length ? 'invalid' : report.stored ? 'stored' : 'valid', errors });
  }
  report.invalid = rowErrors.size;
  report.valid = table.rows.length - rowErrors.size;
  // All or nothing, as the census import: a refused file is a 400 naming each row's columns.
  if (mode === 'all' && report.invalid > 0) {
    throw new AppError(
      'validation_failed',
      msg(
        ctx,
        `${report.invalid} ligne(s) sur ${report.rows} ne sont pas valides : rien n’a été enregistré.`,
        `${report.invalid} of ${report.rows} rows are not valid: nothing was stored.`,
      ),
      report.report.flatMap((r) => r.errors.map((e) => ({ ...e, field: `rows.${r.row}.${e.field}` }))),
    );
  }
  if (report.stored) await ctx.events.publish('roster.changed', { import: true });
  return report;
}

class RollbackSignal extends Error {}
