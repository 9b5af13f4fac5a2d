/** SQL for sign-in sessions (rows keyed by the hash of their cookie's token). */
import type { Locale } from '../../../contracts/messages.ts';
import type { Queryable } from '../../db/client.ts';

export interface SessionRow {
  userId: string;
  email: string;
  displayName: string;
  locale: Locale;
  csrfToken: string;
  expiresAt: Date;
}

export async function insertSession(
  tx: Queryable,
  s: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date; ip: string },
): Promise<void> {
  await tx.query('INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, ip) VALUES ($1, $2, $3, $4, $5)', [
    s.tokenHash,
    s.userId,
    s.csrfToken,
    s.expiresAt,
    s.ip,
  ]);
}

/** The session of this token hash, when it is still open at `now` and its account active. */
export async function findLiveSession(db: Queryable, tokenHash: string, now: Date): Promise<SessionRow | undefined> {
  const [row] = await db.query<SessionRow>(
    `SELECT s.user_id AS "userId", u.email, u.display_name AS "displayName", u.locale, s.csrf_token AS "csrfToken",
       s.expires_at AS "expiresAt"
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active`,
    [tokenHash, now],
  );
  return row;
}

export async function deleteSession(tx: Queryable, tokenHash: string): Promise<void> {
  await tx.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}
