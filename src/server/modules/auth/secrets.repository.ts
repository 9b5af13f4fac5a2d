/** SQL for the server's secrets (`server_secrets`): keys generated once and shared by every instance. */
import type { Queryable } from '../../db/client.ts';

/**
 * The secret stored under `name`; when there is none yet, `candidate` is stored and returned. Concurrent
 * first starts agree: the first insert wins and every instance reads it back.
 */
export async function storedSecret(db: Queryable, name: string, candidate: Buffer, now: Date): Promise<Buffer> {
  await db.query(
    `INSERT INTO server_secrets (name, secret, created_at) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO NOTHING`,
    [name, candidate, now],
  );
  const [row] = await db.query<{ secret: Uint8Array }>('SELECT secret FROM server_secrets WHERE name = $1', [name]);
  if (!row) throw new Error(`server secret ${name} missing`);
  return Buffer.from(row.secret);
}
