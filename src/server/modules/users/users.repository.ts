/** SQL for accounts and their role grants. No rules here: services decide. */
import type { Locale } from '../../../contracts/messages.ts';
import type { Reach } from '../../../domain/policy.ts';
import type { Grant, Role, ScopeKind } from '../../../domain/roles.ts';
import type { Queryable } from '../../db/client.ts';
import { createParams } from '../../db/sql.ts';

export interface GrantRow extends Grant {
  scopeLabel: string | null;
}

const GRANT_COLUMNS = `ur.role, ur.scope_kind AS "scopeKind", ur.scope_code AS "scopeCode",
  ur.region_code AS "regionCode", ur.departement_code AS "departementCode",
  COALESCE(r.name, d.name, e.name) AS "scopeLabel"`;
const GRANT_JOINS = `LEFT JOIN regions r ON ur.scope_kind = 'region' AND r.code = ur.scope_code
  LEFT JOIN departements d ON ur.scope_kind = 'departement' AND d.code = ur.scope_code
  LEFT JOIN establishments e ON ur.scope_kind = 'establishment' AND e.finess = ur.scope_code`;

export async function loadGrants(db: Queryable, userId: string): Promise<GrantRow[]> {
  return db.query<GrantRow>(
    `SELECT ${GRANT_COLUMNS} FROM user_roles ur ${GRANT_JOINS} WHERE ur.user_id = $1 ORDER BY ur.role, ur.scope_code`,
    [userId],
  );
}

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  rpps: string | null;
  active: boolean;
  createdAt: Date;
  passwordHash: string;
}

const USER_COLUMNS = `u.id, u.email, u.display_name AS "displayName", u.locale, u.rpps, u.active,
  u.created_at AS "createdAt", u.password_hash AS "passwordHash"`;

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const [row] = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.email = $1`, [email]);
  return row;
}

/** The language of the account with this e-mail (any case), when there is one. */
export async function findLocaleByEmail(db: Queryable, email: string): Promise<Locale | undefined> {
  const [row] = await db.query<{ locale: Locale }>('SELECT locale FROM users WHERE email = lower($1)', [email]);
  return row?.locale;
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const [row] = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
  return row;
}

export async function insertUser(
  db: Queryable,
  u: { email: string; displayName: string; passwordHash: string; locale: Locale; rpps: string | null; createdAt: Date },
): Promise<UserRow> {
  const [row] = await db.query<UserRow>(
    `INSERT INTO users (email, display_name, password_hash, locale, rpps, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING id, email, display_name AS "displayName", locale, rpps, active, created_at AS "createdAt", password_hash AS "passwordHash"`,
    [u.email, u.displayName, u.passwordHash, u.locale, u.rpps, u.createdAt],
  );
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Where a scope code lies, or undefined when it does not exist. */
export async function locateScope(
  db: Queryable,
  kind: ScopeKind,
  code: string | null,
): Promise<{ regionCode: string | null; departementCode: string | null } | undefined> {
  switch (kind) {
    case 'nation':
      return { regionCode: null, departementCode: null };
    case 'region': {
      const [r] = await db.query<{ code: string }>('SELECT code FROM regions WHERE code = $1', [code]);
      return r ? { regionCode: r.code, departementCode: null } : undefined;
    }
    case 'departement': {
      const [d] = await db.query<{ code: string; region_code: string }>(
        'SELECT code, region_code FROM departements WHERE code = $1',
        [code],
      );
      return d ? { regionCode: d.region_code, departementCode: d.code } : undefined;
    }
    case 'establishment': {
      const [e] = await db.query<{ region_code: string; departement_code: string }>(
        `SELECT d.region_code, e.departement_code FROM establishments e
         JOIN departements d ON d.code = e.departement_code WHERE e.finess = $1`,
        [code],
      );
      return e ? { regionCode: e.region_code, departementCode: e.departement_code } : undefined;
    }
  }
}

export async function insertGrant(
  db: Queryable,
  userId: string,
  g: {
    role: Role;
    scopeKind: ScopeKind;
    scopeCode: string | null;
    regionCode: string | null;
    departementCode: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO user_roles (user_id, role, scope_kind, scope_code, region_code, departement_code)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [userId, g.role, g.scopeKind, g.scopeCode, g.regionCode, g.departementCode],
  );
}

export interface UserListFilter {
  q?: string;
  region?: string;
  limit: number;
  offset: number;
}

/** Users within reach: those holding at least one grant inside the reach (everyone for the nation). */
export async function listUsers(
  db: Queryable,
  reach: Reach,
  f: UserListFilter,
): Promise<{ rows: (UserRow & { grants: GrantRow[] })[]; total: number }> {
  const where: string[] = [];
  const p = createParams();
  if (!reach.everywhere) {
    where.push(`EXISTS (SELECT 1 FROM user_roles x WHERE x.user_id = u.id AND (
      x.region_code = ANY(${p.add(reach.regions)}::text[]) OR x.departement_code = ANY(${p.add(reach.departements)}::text[])
      OR (x.scope_kind = 'establishment' AND x.scope_code = ANY(${p.add(reach.establishments)}::text[]))))`);
  }
  if (f.region)
    where.push(`EXISTS (SELECT 1 FROM user_roles y WHERE y.user_id = u.id AND y.region_code = ${p.add(f.region)})`);
  if (f.q) {
    const like = p.add(`%${f.q}%`);
    where.push(`(u.email ILIKE ${like} OR u.display_name ILIKE ${like})`);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // The count reads the filter's parameters only: those of the page are added after it.
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users u ${clause}`, [...p.values]);
  const rows = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users u ${clause} ORDER BY u.email LIMIT ${p.add(f.limit)} OFFSET ${p.add(f.offset)}`,
    p.values,
  );
  const ids = rows.map((r) => r.id);
  const grants = ids.length
    ? await db.query<GrantRow & { userId: string }>(
        `SELECT ur.user_id AS "userId", ${GRANT_COLUMNS} FROM user_roles ur ${GRANT_JOINS}
         WHERE ur.user_id = ANY($1::uuid[]) ORDER BY ur.role, ur.scope_code`,
        [ids],
      )
    : [];
  return {
    rows: rows.map((r) => ({ ...r, grants: grants.filter((g) => g.userId === r.id).map(({ userId: _, ...g }) => g) })),
    total: count?.n ?? 0,
  };
}
