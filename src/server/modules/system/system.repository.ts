/** SQL for the system's own checks: whether the database answers. */
import type { Queryable } from '../../db/client.ts';

/** Throws when the database does not answer. */
export async function ping(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}
