/** SQL for the demo's loading: whether the database holds anything yet. */
import type { Queryable } from '../db/client.ts';

/** True when there is neither an account nor reference data: a fresh database, which the demo may fill. */
export async function isEmptyDatabase(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM regions) AS n',
  );
  return Number(row?.n ?? 0) === 0;
}
