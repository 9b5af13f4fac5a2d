/** SQL for teams (a centre's ECMO team, mobile units, transplant teams) and their members. */
import type { Reach } from '../../../domain/policy.ts';
import type { Location } from '../../../domain/roles.ts';
import type { MemberRole, Profession, TeamKind, Transport } from '../../../domain/teams.ts';
import type { Queryable } from '../../db/client.ts';
import { createParams, insertRows } from '../../db/sql.ts';
import { establishmentReach } from '../establishments/locations.repository.ts';

export interface TeamRow {
  id: string;
  name: string;
  kind: TeamKind;
  base: { finess: string; name: string; regionCode: string };
  /** Where the team stands, for scope checks: its base establishment. */
  location: Location;
  transport: Transport | null;
  active: boolean;
  version: number;
}

const SELECT = `SELECT t.id, t.name, t.kind, t.base_finess, e.name AS base_name, d.region_code, e.departement_code,
  t.transport, t.active, t.version FROM teams t JOIN establishments e ON e.finess = t.base_finess JOIN departements d ON d.code = e.departement_code`;

interface Selected {
  id: string;
  name: string;
  kind: TeamKind;
  base_finess: string;
  base_name: string;
  region_code: string;
  departement_code: string;
  transport: Transport | null;
  active: boolean;
  version: number;
}

const toRow = (t: Selected): TeamRow => ({
  id: t.id,
  name: t.name,
  kind: t.kind,
  base: { finess: t.base_finess, name: t.base_name, regionCode: t.region_code },
  location: { regionCode: t.region_code, departementCode: t.departement_code, establishment: t.base_finess },
  transport: t.transport,
  active: t.active,
  version: t.version,
});

export interface TeamFilter {
  team?: string;
  ids?: readonly string[];
  finess?: string;
  region?: string;
  kinds?: readonly TeamKind[];
  /** Only active teams. */
  active?: boolean;
}

/** Teams based within the reach, narrowed by the filter, by kind, base and name. */
export async function findTeams(db: Queryable, reach: Reach, f: TeamFilter): Promise<TeamRow[]> {
  const p = createParams();
  const where: string[] = [];
  const scoped = establishmentReach(reach, 't.base_finess', p);
  if (scoped) where.push(scoped);
  if (f.team) where.push(`t.id = ${p.add(f.team)}`);
  if (f.ids) where.push(`t.id = ANY(${p.add(f.ids)}::uuid[])`);
  if (f.finess) where.push(`t.base_finess = ${p.add(f.finess)}`);
  if (f.region) where.push(`d.region_code = ${p.add(f.region)}`);
  if (f.kinds) where.push(`t.kind = ANY(${p.add(f.kinds)}::text[])`);
  if (f.active) where.push('t.active');
  const rows = await db.query<Selected>(
    `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.kind, e.name, t.name`,
    p.values,
  );
  return rows.map(toRow);
}

export async function findTeam(db: Queryable, id: string): Promise<TeamRow | undefined> {
  const [row] = await db.query<Selected>(`${SELECT} WHERE t.id = $1`, [id]);
  return row && toRow(row);
}

/** The team, its row locked for update: its members change under this lock only. */
export async function lockTeam(db: Queryable, id: string): Promise<TeamRow | undefined> {
  const [row] = await db.query<Selected>(`${SELECT} WHERE t.id = $1 FOR UPDATE OF t`, [id]);
  return row && toRow(row);
}

/** Locks these teams' rows shared, in a fixed order: their members cannot change until the transaction ends. */
export async function shareLockTeams(db: Queryable, ids: readonly string[]): Promise<void> {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length) await db.query('SELECT id FROM teams WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE', [sorted]);
}

export async function insertTeam(
  db: Queryable,
  t: { name: string; kind: TeamKind; base: string; transport: Transport | null },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    'INSERT INTO teams (name, kind, base_finess, transport) VALUES ($1, $2, $3, $4) RETURNING id',
    [t.name, t.kind, t.base, t.transport],
  );
  return (row as { id: string }).id;
}

/** Counts a version of the team, at the app clock's instant. */
export async function bumpTeamVersion(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('UPDATE teams SET version = version + 1, updated_at = $2 WHERE id = $1', [id, at]);
}

export interface MemberRow {
  teamId: string;
  professionalId: string;
  name: string;
  profession: Profession;
  role: MemberRole;
}

/** The members of these teams, by role and name. */
export async function membersOf(db: Queryable, teamIds: readonly string[]): Promise<MemberRow[]> {
  return db.query<MemberRow>(
    `SELECT m.team_id AS "teamId", m.professional_id AS "professionalId", p.first_name || ' ' || p.last_name AS name,
       p.profession, m.role
     FROM team_members m JOIN professionals p ON p.id = m.professional_id WHERE m.team_id = ANY($1::uuid[])
     ORDER BY m.role, p.last_name, p.first_name`,
    [teamIds],
  );
}

/** The teams these people belong to, in which role. */
export async function membershipsOf(
  db: Queryable,
  people: readonly string[],
): Promise<{ teamId: string; professionalId: string; role: MemberRole }[]> {
  return db.query(
    'SELECT team_id AS "teamId", professional_id AS "professionalId", role FROM team_members WHERE professional_id = ANY($1::uuid[])',
    [people],
  );
}

export async function memberCounts(db: Queryable, teamIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ teamId: string; n: number }>(
    'SELECT team_id AS "teamId", count(*)::int AS n FROM team_members WHERE team_id = ANY($1::uuid[]) GROUP BY team_id',
    [teamIds],
  );
  return new Map(rows.map((c) => [c.teamId, c.n]));
}

export async function replaceMembers(
  db: Queryable,
  teamId: string,
  members: readonly { professionalId: string; role: MemberRole }[],
): Promise<void> {
  await db.query('DELETE FROM team_members WHERE team_id = $1', [teamId]);
  for (const m of members) {
    await db.query('INSERT INTO team_members (team_id, professional_id, role) VALUES ($1, $2, $3)', [
      teamId,
      m.professionalId,
      m.role,
    ]);
  }
}

/** Teams with their members, written at once (seeds and benchmarks; the caller owns the transaction). */
export async function insertTeamsBulk(
  db: Queryable,
  teams: readonly {
    id: string;
    name: string;
    kind: TeamKind;
    base: string;
    transport: Transport | null;
    members: readonly { id: string; role: MemberRole }[];
  }[],
): Promise<void> {
  await insertRows(
    db,
    'teams',
    ['id', 'name', 'kind', 'base_finess', 'transport'],
    teams.map((t) => [t.id, t.name, t.kind, t.base, t.transport]),
  );
  await insertRows(
    db,
    'team_members',
    ['team_id', 'professional_id', 'role'],
    teams.flatMap((t) => t.members.map((m) => [t.id, m.id, m.role])),
  );
}
