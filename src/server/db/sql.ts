/** Small helpers to build parameterized SQL without string-pasting values. */
import type { Reach } from '../../domain/policy.ts';

export interface Params {
  readonly values: unknown[];
  /** Adds a value and returns the `$n` that refers to it. */
  add(value: unknown): string;
}

export function createParams(): Params {
  const values: unknown[] = [];
  return {
    values,
    add(value) {
      values.push(value);
      return `$${values.length}`;
    },
  };
}

/**
 * The SQL condition restricting rows to a reach, given the columns that locate a row.
 * `establishments` lists columns holding FINESS numbers (e.g. a site and an owner); null means no restriction.
 */
export function reachCondition(
  reach: Reach,
  columns: { regions: string[]; departements: string[]; establishments: string[] },
  p: Params,
): string | null {
  if (reach.everywhere) return null;
  const parts: string[] = [];
  if (reach.regions.length) {
    const ph = p.add(reach.regions);
    for (const c of columns.regions) parts.push(`${c} = ANY(${ph}::text[])`);
  }
  if (reach.departements.length) {
    const ph = p.add(reach.departements);
    for (const c of columns.departements) parts.push(`${c} = ANY(${ph}::text[])`);
  }
  if (reach.establishments.length) {
    const ph = p.add(reach.establishments);
    for (const c of columns.establishments) parts.push(`${c} = ANY(${ph}::text[])`);
  }
  return parts.length ? `(${parts.join(' OR ')})` : 'false';
}

/** Multi-row INSERT in batches (seeds and factories); the caller owns the transaction. */
export async function insertRows(
  db: { query(sql: string, params?: readonly unknown[]): Promise<unknown[]> },
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  batchSize = 500,
): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) {
    const chunk = rows.slice(i, i + batchSize);
    const params: unknown[] = [];
    const values = chunk.map((row) => `(${row.map((v) => `$${params.push(v)}`).join(', ')})`);
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
  }
}
