/** SQL for the on-call roster: shifts of people in teams. */
import type { MemberRole, RosterShift } from '../../../domain/teams.ts';
import type { Queryable } from '../../db/client.ts';

export interface ShiftRow extends RosterShift {
  id: string;
  teamName: string;
  /** The person's name, first then last. */
  name: string;
  callInMinutes: number;
}

/** Shifts overlapping [from, to) of these teams (all teams when omitted), by start, team, role and name. */
export async function shiftsBetween(
  db: Queryable,
  from: Date,
  to: Date,
  teamIds?: readonly string[],
): Promise<ShiftRow[]> {
  const rows = await db.query<ShiftRow>(
    `SELECT s.id, s.team_id AS "teamId", t.name AS "teamName", s.professional_id AS "professionalId",
       p.first_name || ' ' || p.last_name AS name, s.role, s.kind, s.starts_at AS "startsAt", s.ends_at AS "endsAt",
       s.call_in_minutes AS "callInMinutes"
     FROM shifts s JOIN teams t ON t.id = s.team_id JOIN professionals p ON p.id = s.professional_id
     WHERE s.starts_at < $2 AND s.ends_at > $1 AND ($3::uuid[] IS NULL OR s.team_id = ANY($3::uuid[]))
     ORDER BY s.starts_at, t.name, s.role, p.last_name`,
    [from, to, teamIds ?? null],
  );
  return rows.map((r) => ({
    ...r,
    startsAt: new Date(r.startsAt),
    endsAt: new Date(r.endsAt),
    callInMinutes: r.kind === 'on_site' ? 0 : r.callInMinutes,
  }));
}

/** The first instant after `at` when a shift starts or ends (null: none to come). */
export async function nextShiftBoundary(db: Queryable, at: Date): Promise<Date | null> {
  const [row] = await db.query<{ at: Date | null }>(
    `SELECT least((SELECT min(starts_at) FROM shifts WHERE starts_at > $1), (SELECT min(ends_at) FROM shifts WHERE ends_at > $1)) AS at`,
    [at],
  );
  return row?.at ? new Date(row.at) : null;
}

/**
 * Takes each person's roster lock for the transaction, in a fixed order (no deadlock between two
 * writers): the shifts of these people are checked and written by one writer at a time.
 */
export async function lockPeople(db: Queryable, people: readonly string[]): Promise<void> {
  for (const id of [...people].sort()) {
    await db.query("SELECT pg_advisory_xact_lock(hashtext('shift:' || $1))", [id]);
  }
}

/** The stored shifts of these people meeting [from, to], with their team's name. */
export async function shiftsOfPeople(
  db: Queryable,
  people: readonly string[],
  span: { from: Date; to: Date },
): Promise<(RosterShift & { teamName: string })[]> {
  const rows = await db.query<RosterShift & { teamName: string }>(
    `SELECT s.team_id AS "teamId", t.name AS "teamName", s.professional_id AS "professionalId", s.role, s.kind,
       s.starts_at AS "startsAt", s.ends_at AS "endsAt"
     FROM shifts s JOIN teams t ON t.id = s.team_id
     WHERE s.professional_id = ANY($1::uuid[]) AND s.ends_at > $2 AND s.starts_at < $3`,
    [people, span.from, span.to],
  );
  return rows.map((r) => ({ ...r, startsAt: new Date(r.startsAt), endsAt: new Date(r.endsAt) }));
}

export interface NewShift extends RosterShift {
  callInMinutes: number;
}

export async function insertShifts(db: Queryable, shifts: readonly NewShift[], createdBy: string): Promise<void> {
  for (const s of shifts) {
    await db.query(
      `INSERT INTO shifts (team_id, professional_id, role, kind, starts_at, ends_at, call_in_minutes, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        s.teamId,
        s.professionalId,
        s.role,
        s.kind,
        s.startsAt,
        s.endsAt,
        // On site means there: no call-in delay.
        s.kind === 'on_site' ? 0 : s.callInMinutes,
        createdBy,
      ],
    );
  }
}

/** Deletes the team's shifts starting in [from, to); returns how many. */
export async function deleteShiftsStarting(db: Queryable, teamId: string, from: Date, to: Date): Promise<number> {
  const rows = await db.query(
    'DELETE FROM shifts WHERE team_id = $1 AND starts_at >= $2 AND starts_at < $3 RETURNING id',
    [teamId, from, to],
  );
  return rows.length;
}

/** Deletes these people's shifts in the team starting at `at` or later; returns how many. */
export async function deleteShiftsFrom(
  db: Queryable,
  teamId: string,
  people: readonly string[],
  at: Date,
): Promise<number> {
  const rows = await db.query(
    'DELETE FROM shifts WHERE team_id = $1 AND professional_id = ANY($2::uuid[]) AND starts_at >= $3 RETURNING id',
    [teamId, people, at],
  );
  return rows.length;
}

/** Ends at `at` these people's shifts in the team under way then; returns how many. */
export async function endShiftsAt(db: Queryable, teamId: string, people: readonly string[], at: Date): Promise<number> {
  const rows = await db.query(
    `UPDATE shifts SET ends_at = $3 WHERE team_id = $1 AND professional_id = ANY($2::uuid[])
     AND starts_at < $3 AND ends_at > $3 RETURNING id`,
    [teamId, people, at],
  );
  return rows.length;
}

/** Gives the person's shifts in the team not ended by `at` this role; returns how many. */
export async function retagShifts(
  db: Queryable,
  teamId: string,
  professionalId: string,
  role: MemberRole,
  at: Date,
): Promise<number> {
  const rows = await db.query(
    'UPDATE shifts SET role = $3 WHERE team_id = $1 AND professional_id = $2 AND ends_at > $4 RETURNING id',
    [teamId, professionalId, role, at],
  );
  return rows.length;
}

/** Many shifts at once (seeds and benchmarks): one statement per few thousand, columns as arrays (a long VALUES list is slow to plan). */
export async function insertShiftsBulk(db: Queryable, shifts: readonly NewShift[]): Promise<void> {
  for (let i = 0; i < shifts.length; i += 5000) {
    const chunk = shifts.slice(i, i + 5000);
    await db.query(
      `INSERT INTO shifts (team_id, professional_id, role, kind, starts_at, ends_at, call_in_minutes)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::int[])`,
      [
        chunk.map((s) => s.teamId),
        chunk.map((s) => s.professionalId),
        chunk.map((s) => s.role),
        chunk.map((s) => s.kind),
        chunk.map((s) => s.startsAt),
        chunk.map((s) => s.endsAt),
        chunk.map((s) => s.callInMinutes),
      ],
    );
  }
}
