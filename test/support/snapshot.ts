/**
 * What a refused request must leave as it was: the whole content of the tables it could have written,
 * read in primary-key order so that two readings of unchanged tables are equal. Each suite names its
 * tables; a difference names the table and its row count.
 */
import type { Queryable } from '../../src/server/db/client.ts';

export interface TableState {
  rows: number;
  /** md5 of every row's text in primary-key order: any insert, update or delete changes it. */
  digest: string;
}

/** What account and reference operations write: a refused one leaves these as they were. */
export const ACCOUNT_TABLES = ['users', 'user_roles', 'establishments', 'sessions', 'audit_log'] as const;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function checked(table: string): string {
  if (!IDENTIFIER.test(table)) throw new Error(`snapshot: not a table name: ${table}`);
  return table;
}

/** The primary-key columns of a table, in key order; none for a table without one. */
async function primaryKey(db: Queryable, table: string): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = $1::regclass AND i.indisprimary
     ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [table],
  );
  return rows.map((r) => r.name);
}

/** The state of each table, keyed by its name. */
export async function snapshot<T extends string>(db: Queryable, tables: readonly T[]): Promise<Record<T, TableState>> {
  const out = {} as Record<T, TableState>;
  for (const table of tables) {
    const key = await primaryKey(db, checked(table));
    // Without a primary key, the row's own text orders it: still the same order for the same rows.
    const order = key.length ? key.map((c) => `snap."${c}"`).join(', ') : 'snap::text';
    const [row] = await db.query<TableState>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(snap::text, '|' ORDER BY ${order}), '')) AS digest
       FROM ${table} snap`,
    );
    out[table] = row ?? { rows: -1, digest: '' };
  }
  return out;
}

/** Row counts of tables (for tests that expect a number of rows more, not an unchanged content). */
export async function rowCounts<T extends string>(db: Queryable, tables: readonly T[]): Promise<Record<T, number>> {
  const out = {} as Record<T, number>;
  for (const table of tables) {
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${checked(table)}`);
    out[table] = row?.n ?? -1;
  }
  return out;
}
