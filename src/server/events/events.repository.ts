/** SQL for the events channel between instances: NOTIFY (LISTEN is the database layer's `listen`). */
import type { Queryable } from '../db/client.ts';

/** Sends `payload` to every session listening on `channel`, this one's included. */
export async function notify(db: Queryable, channel: string, payload: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [channel, payload]);
}
