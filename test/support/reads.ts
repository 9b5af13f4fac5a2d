/**
 * Typed reads of what the API does not show, for tests that assert on stored state: the audit journal,
 * console rows, census versions, the outbox. Setup goes through the operations (`api-factories.ts`);
 * these only look.
 */
import type { Queryable } from '../../src/server/db/client.ts';

export interface AuditRow {
  seq: string;
  action: string;
  target_type: string;
  target_id: string | null;
  actor_label: string;
  ip: string | null;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Audit entries of an action (about one target when given), oldest first. */
export function auditEntries(db: Queryable, action: string | readonly string[], targetId?: string) {
  const actions = typeof action === 'string' ? [action] : [...action];
  return db.query<AuditRow>(
    `SELECT seq::text AS seq, action, target_type, target_id, actor_label, ip, reason, before, after FROM audit_log
     WHERE action = ANY($1::text[]) AND ($2::text IS NULL OR target_id = $2) ORDER BY seq`,
    [actions, targetId ?? null],
  );
}

export const auditCount = async (db: Queryable, action: string, targetId?: string): Promise<number> =>
  (await auditEntries(db, action, targetId)).length;

export interface ConsoleRow {
  id: string;
  model: string;
  status: string;
  site_finess: string | null;
  check_required: boolean;
}

/** Console rows by id (those that exist), in no particular order. */
export function consoleRows(db: Queryable, ids: readonly string[]) {
  return db.query<ConsoleRow>(
    'SELECT id, model, status, site_finess, check_required FROM consoles WHERE id = ANY($1::uuid[])',
    [ids],
  );
}

/** A console's status and site, as stored. */
export async function consoleAt(db: Queryable, id: string): Promise<{ status: string; site_finess: string | null }> {
  const [row] = await consoleRows(db, [id]);
  return { status: String(row?.status), site_finess: row?.site_finess ?? null };
}

/** Consoles an establishment has on its register: owned, or standing there. */
export async function registeredConsoles(db: Queryable, finess: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM consoles WHERE owner_finess = $1 OR site_finess = $1',
    [finess],
  );
  return row?.n ?? 0;
}

/** Counts a decision moves: consoles available, loans, consumable units on the shelves, requests decided. */
export async function fleetCounts(db: Queryable) {
  const [row] = await db.query<{ available: number; loans: number; units: number; decided: number }>(
    `SELECT (SELECT count(*) FROM consoles WHERE status = 'available')::int AS available, (SELECT count(*) FROM loans)::int AS loans,
       (SELECT coalesce(sum(quantity), 0) FROM stock_lots)::int AS units, (SELECT count(*) FROM ecmo_requests WHERE state = 'decided')::int AS decided`,
  );
  return row;
}

/** Consoles available standing at an establishment. */
export async function availableAt(db: Queryable, finess: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM consoles WHERE site_finess = $1 AND status = 'available'",
    [finess],
  );
  return row?.n ?? 0;
}

/** Requests whose decision took a console (whatever their state since). */
export async function requestsDecidedWith(db: Queryable, consoleId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM ecmo_requests WHERE decided_option->>'consoleId' = $1",
    [consoleId],
  );
  return row?.n ?? 0;
}

/** A person's shifts in a team (those still running after `endingAfter` when given). */
export function shiftsOf(db: Queryable, teamId: string, professionalId: string, endingAfter?: Date) {
  return db.query<{ id: string; starts_at: Date; ends_at: Date }>(
    `SELECT id, starts_at, ends_at FROM shifts WHERE team_id = $1 AND professional_id = $2
       AND ($3::timestamptz IS NULL OR ends_at > $3) ORDER BY starts_at`,
    [teamId, professionalId, endingAfter ?? null],
  );
}

/** Movements recorded on the lots of a number (any site). */
export async function stockMovements(db: Queryable, lotNumber: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM stock_movements m JOIN stock_lots l ON l.id = m.lot_id WHERE l.lot_number = $1',
    [lotNumber],
  );
  return row?.n ?? 0;
}

/** Current census versions of an establishment's week (one at most, says the index). */
export async function currentReports(db: Queryable, week: string, finess: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM census_reports WHERE week = $1 AND finess = $2 AND is_current',
    [week, finess],
  );
  return row?.n ?? 0;
}

/** Addresses the outbox has written to, for subjects matching any (or all) of the LIKE patterns. */
export async function outboxTo(
  db: Queryable,
  subjects: readonly string[],
  match: 'any' | 'all' = 'any',
): Promise<string[]> {
  const rows = await db.query<{ to_address: string }>(
    `SELECT DISTINCT to_address FROM mail_outbox WHERE subject LIKE ${match === 'all' ? 'ALL' : 'ANY'}($1::text[])`,
    [subjects],
  );
  return rows.map((r) => r.to_address);
}

/** The mails written to an address, oldest first. */
export function mailsTo(db: Queryable, address: string) {
  return db.query<{ subject: string; body: string; status: string }>(
    'SELECT subject, body, status FROM mail_outbox WHERE to_address = $1 ORDER BY id',
    [address],
  );
}

/** The lots of a number with their quantity and how many movements each recorded. */
export function lotsNumbered(db: Queryable, lotNumber: string) {
  return db.query<{ quantity: number; moves: number }>(
    `SELECT l.quantity, (SELECT count(*)::int FROM stock_movements m WHERE m.lot_id = l.id) AS moves
     FROM stock_lots l WHERE l.lot_number = $1`,
    [lotNumber],
  );
}

/** Census reports whose comment holds U+FFFD (text decoded wrongly somewhere): there must be none. */
export function reportsWithReplacementCharacter(db: Queryable) {
  return db.query<{ id: string }>(
    "SELECT id FROM census_reports WHERE position(U&'\\FFFD' IN coalesce(comment, '')) > 0",
  );
}

/** Failed sign-ins counted against an account since a moment. */
export async function loginFailuresSince(db: Queryable, email: string, since: Date): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM login_failures WHERE email = $1 AND at >= $2',
    [email, since],
  );
  return row?.n ?? 0;
}

/** Accounts of an e-mail address (none, or one). */
export function usersWithEmail(db: Queryable, email: string) {
  return db.query<{ id: string; password_hash: string }>('SELECT id, password_hash FROM users WHERE email = $1', [
    email,
  ]);
}

/** Sessions stored under a token hash (the token itself must never be one). */
export function sessionsWithHash(db: Queryable, tokenHash: string) {
  return db.query<{ user_id: string }>('SELECT user_id FROM sessions WHERE token_hash = $1', [tokenHash]);
}

/** Establishments that own consoles, by FINESS number, the first `limit` of them. */
export async function consoleOwners(db: Queryable, limit: number): Promise<string[]> {
  const rows = await db.query<{ finess: string }>(
    'SELECT finess FROM establishments WHERE finess IN (SELECT owner_finess FROM consoles) ORDER BY finess LIMIT $1',
    [limit],
  );
  return rows.map((r) => r.finess);
}

const NAME = /^[a-z_][a-z0-9_]*$/;
/** The first values of a column in its order, as text: real identifiers for a fuzzer to aim at. */
export async function sampleOf(
  db: Queryable,
  table: string,
  column: string,
  limit: number,
  order: 'asc' | 'desc' = 'asc',
): Promise<string[]> {
  if (!NAME.test(table) || !NAME.test(column)) throw new Error(`sampleOf: not a name: ${table}.${column}`);
  const rows = await db.query<{ v: string }>(
    `SELECT ${column}::text AS v FROM ${table} ORDER BY ${column} ${order === 'desc' ? 'DESC' : 'ASC'} LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.v);
}
