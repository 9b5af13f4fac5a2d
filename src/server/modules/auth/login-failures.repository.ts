/** SQL for sign-in tries: failures, and tries under way (the throttle's counts; rules in throttle.ts and auth.service.ts). */
import type { Queryable } from '../../db/client.ts';

/** Serializes the tries on one account until the transaction ends, so that concurrent guesses are all counted. */
export async function lockAccountTries(tx: Queryable, email: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('login:' || $1))", [email]);
}

/** Tries not settled yet, made after `since`, on this account, from this address or from this device. */
export async function countTriesUnderWay(
  tx: Queryable,
  by: { email: string; ip: string; device: string | null },
  since: Date,
): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM login_failures
     WHERE NOT settled AND at > $4 AND (email = $1 OR ip = $2 OR device = $3)`,
    [by.email, by.ip, by.device, since],
  );
  return row?.n ?? 0;
}

export async function forgetTriesBefore(tx: Queryable, before: Date): Promise<void> {
  await tx.query('DELETE FROM login_failures WHERE at < $1', [before]);
}

/** When this device's tries failed since `since`, oldest first. */
export async function deviceFailureTimes(tx: Queryable, device: string, since: Date): Promise<Date[]> {
  const rows = await tx.query<{ at: Date }>('SELECT at FROM login_failures WHERE device = $1 AND at > $2 ORDER BY at', [
    device,
    since,
  ]);
  return rows.map((r) => new Date(r.at));
}

/** When the account's tries from unknown devices failed since `since`. */
export async function accountFailureTimes(tx: Queryable, email: string, since: Date): Promise<Date[]> {
  const rows = await tx.query<{ at: Date }>(
    'SELECT at FROM login_failures WHERE email = $1 AND device IS NULL AND at > $2',
    [email, since],
  );
  return rows.map((r) => new Date(r.at));
}

/** Failures from unknown devices at this address since `since`, each account counting `perAccount` at most. */
export async function addressFailures(
  tx: Queryable,
  ip: string,
  since: Date,
  perAccount: number,
): Promise<{ n: number; oldest: Date | null }> {
  const [row] = await tx.query<{ n: number; oldest: Date | null }>(
    `SELECT coalesce(sum(least(n, $3)), 0)::int AS n, min(oldest) AS oldest FROM (
       SELECT count(*) AS n, min(at) AS oldest FROM login_failures
       WHERE ip = $1 AND device IS NULL AND at > $2 GROUP BY email) per_account`,
    [ip, since, perAccount],
  );
  return { n: row?.n ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}

/** Records a try as a failure under way (not settled); returns its id. */
export async function insertTry(
  tx: Queryable,
  t: { at: Date; email: string; ip: string; device: string | null },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO login_failures (at, email, ip, device, settled) VALUES ($1, $2, $3, $4, false) RETURNING id',
    [t.at, t.email, t.ip, t.device],
  );
  return String(row?.id);
}

/** The try failed: it now counts as a settled failure. */
export async function settleTry(tx: Queryable, id: string): Promise<void> {
  await tx.query('UPDATE login_failures SET settled = true WHERE id = $1', [id]);
}

/** The try succeeded: it counts no more. */
export async function removeTry(tx: Queryable, id: string): Promise<void> {
  await tx.query('DELETE FROM login_failures WHERE id = $1', [id]);
}
