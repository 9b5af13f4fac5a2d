/**
 * The on-call roster: who is on duty in which team, when; whether a team is deployable at a moment
 * (its minimum composition on duty and qualified that day), the gaps of a period, the replacement of
 * a team's shifts over a window, and the CSV import. No person stands on two overlapping shifts.
 */
import type { z } from 'zod';
import type { ZShiftListQuery, ZUpsertShifts } from '../../../contracts/teams.ts';
import { isAllowed } from '../../../domain/policy.ts';
import type { TeamOnCall } from '../../../domain/regulation.ts';
import {
  type Composition,
  checkComposition,
  type MemberRole,
  type OnDuty,
  onDutyAt,
  overlaps,
  type Qualification,
  rosterGaps,
  type ShiftFact,
  type ShiftKind,
  type TeamKind,
} from '../../../domain/teams.ts';
import { parisDate } from '../../../domain/time.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Queryable } from '../../db/client.ts';
import { createParams } from '../../db/sql.ts';
import { AppError, type FieldError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { actorOf, type ServiceContext } from '../context.ts';
import { qualificationsOf, toQualification } from './professionals.service.ts';
import { assertFilters, msg, pushReach, ROLE_WORDS } from './shared.ts';

export interface TeamRow {
  id: string;
  name: string;
  kind: TeamKind;
  base_finess: string;
  base_name: string;
  region_code: string;
  departement_code: string;
  transport: 'vehicle' | 'helicopter' | null;
  active: boolean;
  version: number;
}

export const TEAM_SELECT = `SELECT t.id, t.name, t.kind, t.base_finess, e.name AS base_name, d.region_code, e.departement_code,
  t.transport, t.active, t.version FROM teams t JOIN establishments e ON e.finess = t.base_finess JOIN departements d ON d.code = e.departement_code`;

export const teamLocation = (t: Pick<TeamRow, 'region_code' | 'departement_code' | 'base_finess'>) => ({
  regionCode: t.region_code,
  departementCode: t.departement_code,
  establishment: t.base_finess,
});

export type DutyShift = ShiftFact & { name: string; teamName: string; qualifications: Qualification[] };

/** Shifts overlapping [from, to) of these teams (all teams when omitted), with names and qualifications. */
export async function loadShifts(
  db: Queryable,
  from: Date,
  to: Date,
  teamIds?: readonly string[],
): Promise<DutyShift[]> {
  const rows = await db.query<{
    id: string;
    team_id: string;
    team_name: string;
    professional_id: string;
    name: string;
    role: MemberRole;
    kind: ShiftKind;
    starts_at: Date;
    ends_at: Date;
    call_in_minutes: number;
  }>(
    `SELECT s.id, s.team_id, t.name AS team_name, s.professional_id, p.first_name || ' ' || p.last_name AS name, s.role, s.kind,
       s.starts_at, s.ends_at, s.call_in_minutes
     FROM shifts s JOIN teams t ON t.id = s.team_id JOIN professionals p ON p.id = s.professional_id
     WHERE s.starts_at < $2 AND s.ends_at > $1 AND ($3::uuid[] IS NULL OR s.team_id = ANY($3::uuid[]))
     ORDER BY s.starts_at, t.name, s.role, p.last_name`,
    [from, to, teamIds ?? null],
  );
  const quals = await qualificationsOf(db, [...new Set(rows.map((r) => r.professional_id))]);
  return rows.map((r) => ({
    id: r.id,
    teamId: r.team_id,
    teamName: r.team_name,
    professionalId: r.professional_id,
    name: r.name,
    role: r.role,
    kind: r.kind,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    callInMinutes: r.kind === 'on_site' ? 0 : r.call_in_minutes,
    qualifications: (quals.get(r.professional_id) ?? []).map(toQualification),
  }));
}

const toOnDuty = (s: DutyShift): OnDuty => ({
  professionalId: s.professionalId,
  name: s.name,
  role: s.role,
  kind: s.kind,
  callInMinutes: s.callInMinutes,
  qualifications: s.qualifications,
});

/** Each team's composition check at `at`, from the shifts on duty then. */
export function availabilityOf(
  teams: readonly TeamRow[],
  shifts: readonly DutyShift[],
  composition: Composition,
  at: Date,
) {
  const day = parisDate(at);
  const byTeam = new Map<string, DutyShift[]>();
  for (const s of onDutyAt(shifts, at)) {
    const list = byTeam.get(s.teamId) ?? [];
    list.push(s);
    byTeam.set(s.teamId, list);
  }
  return teams.map((t) => {
    const duty = byTeam.get(t.id) ?? [];
    const slots = composition[t.kind];
    const check = t.active
      ? checkComposition(slots, duty.map(toOnDuty), day)
      : { complete: false, filled: slots.map(() => null), readyInMinutes: null };
    return {
      team: t,
      duty,
      deployable: check.complete,
      readyInMinutes: check.readyInMinutes,
      missing: check.filled.flatMap((p, i) => (p ? [] : [[...(slots[i]?.roles ?? [])]])),
    };
  });
}

/**
 * Deployable teams by base establishment at `at`, readiest first: what the options engine proposes
 * (a centre's ECMO teams for a transfer, its mobile units for a dispatch), with the earliest moment
 * one of them stops being so (a shift ends or starts), so that a cache knows when to look again.
 */
export async function deployableByBase(
  db: Queryable,
  composition: Composition,
  at: Date,
  only?: string,
): Promise<{ byBase: Map<string, { ecmo: TeamOnCall[]; umac: TeamOnCall[] }>; nextChange: Date | null }> {
  const teams = await db.query<TeamRow>(
    `${TEAM_SELECT} WHERE t.active AND t.kind IN ('ecmo', 'umac') AND ($1::text IS NULL OR t.base_finess = $1)`,
    [only ?? null],
  );
  const shifts = await loadShifts(db, at, new Date(at.getTime() + 1), only ? teams.map((t) => t.id) : undefined);
  const [next] = await db.query<{ at: Date | null }>(
    `SELECT least((SELECT min(starts_at) FROM shifts WHERE starts_at > $1), (SELECT min(ends_at) FROM shifts WHERE ends_at > $1)) AS at`,
    [at],
  );
  const byBase = new Map<string, { ecmo: TeamOnCall[]; umac: TeamOnCall[] }>();
  for (const a of availabilityOf(teams, shifts, composition, at)) {
    if (!a.deployable) continue;
    const entry = byBase.get(a.team.base_finess) ?? { ecmo: [], umac: [] };
    const kind = a.team.kind === 'umac' ? 'umac' : 'ecmo';
    entry[kind].push({ id: a.team.id, name: a.team.name, readyInMinutes: a.readyInMinutes ?? 0 });
    byBase.set(a.team.base_finess, entry);
  }
  for (const entry of byBase.values()) {
    for (const list of [entry.ecmo, entry.umac])
      list.sort((x, y) => x.readyInMinutes - y.readyInMinutes || (x.name < y.name ? -1 : 1));
  }
  return { byBase, nextChange: next?.at ? new Date(next.at) : null };
}

/** Teams within the user's reach for reading, narrowed by the query's filters. */
export async function teamsInReach(
  ctx: ServiceContext,
  filter: { team?: string; finess?: string; region?: string; kind?: TeamKind; ids?: readonly string[] },
): Promise<TeamRow[]> {
  const p = createParams();
  const where: string[] = [];
  pushReach(ctx, 'team:read', where, p, 't.base_finess');
  if (filter.team) where.push(`t.id = ${p.add(filter.team)}`);
  if (filter.finess) where.push(`t.base_finess = ${p.add(filter.finess)}`);
  if (filter.region) where.push(`d.region_code = ${p.add(filter.region)}`);
  if (filter.kind) where.push(`t.kind = ${p.add(filter.kind)}`);
  if (filter.ids) where.push(`t.id = ANY(${p.add(filter.ids)}::uuid[])`);
  return ctx.db.query<TeamRow>(
    `${TEAM_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.kind, e.name, t.name`,
    p.values,
  );
}

const shiftDto = (s: DutyShift) => ({
  id: s.id,
  teamId: s.teamId,
  teamName: s.teamName,
  professionalId: s.professionalId,
  name: s.name,
  role: s.role,
  kind: s.kind,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
  callInMinutes: s.callInMinutes,
});

const MAX_WINDOW_DAYS = 62;

function checkWindow(ctx: ServiceContext, from: Date, to: Date, prefix: string): void {
  if (to.getTime() <= from.getTime()) {
    throw invalid([
      {
        field: `${prefix}.to`,
        code: 'before_from',
        message: msg(ctx, 'La fin précède le début.', 'The end is before the start.'),
      },
    ]);
  }
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
    throw invalid([
      {
        field: `${prefix}.to`,
        code: 'window_too_long',
        message: msg(ctx, `Au plus ${MAX_WINDOW_DAYS} jours.`, `At most ${MAX_WINDOW_DAYS} days.`),
      },
    ]);
  }
}

export async function listShifts(ctx: ServiceContext, composition: Composition, q: z.output<typeof ZShiftListQuery>) {
  const from = new Date(q.from);
  const to = new Date(q.to);
  checkWindow(ctx, from, to, 'query');
  await assertFilters(ctx, 'team:read', q);
  let teams = await teamsInReach(ctx, { team: q.team, finess: q.finess, region: q.region });
  let shifts = await loadShifts(
    ctx.db,
    from,
    to,
    teams.map((t) => t.id),
  );
  if (q.mine === 'true') {
    const [me] = await ctx.db.query<{ id: string }>('SELECT id FROM professionals WHERE user_id = $1', [ctx.user.id]);
    shifts = shifts.filter((s) => s.professionalId === me?.id);
    const mine = new Set(shifts.map((s) => s.teamId));
    teams = teams.filter((t) => mine.has(t.id));
  }
  const gaps = teams.flatMap((t) =>
    rosterGaps(
      t.id,
      composition[t.kind],
      shifts.filter((s) => s.teamId === t.id),
      from,
      to,
      parisDate,
    ).map((g) => ({
      teamId: g.teamId,
      startsAt: g.startsAt.toISOString(),
      endsAt: g.endsAt.toISOString(),
      missing: g.missing.map((i) => [...(composition[t.kind][i]?.roles ?? [])]),
    })),
  );
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    teams: teams.map((t) => ({ id: t.id, name: t.name, kind: t.kind, baseName: t.base_name })),
    shifts: shifts.map(shiftDto),
    gaps: q.mine === 'true' ? [] : gaps,
  };
}

export interface ShiftToStore {
  teamId: string;
  professionalId: string;
  role: MemberRole;
  kind: ShiftKind;
  startsAt: Date;
  endsAt: Date;
  callInMinutes: number;
  /** Where an error on this shift is reported (`body.shifts.3`, `row 12`). */
  field: string;
}

/**
 * Checks shifts before they are stored, in the caller's transaction: each ends after it starts, its
 * person is a member of its team in the role the shift gives, and nobody is on two overlapping
 * shifts (among these, nor with those already stored outside `replacing`). Locks the people
 * concerned first, then their teams' rows (shared), so that concurrent writers cannot both pass the
 * check and members cannot change meanwhile. Returns the errors; nothing is written.
 */
export async function checkShifts(
  ctx: ServiceContext,
  tx: Queryable,
  shifts: readonly ShiftToStore[],
  replacing?: { teamId: string; from: Date; to: Date },
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const people = [...new Set(shifts.map((s) => s.professionalId))].sort();
  for (const id of people) await tx.query("SELECT pg_advisory_xact_lock(hashtext('shift:' || $1))", [id]);
  // The teams' members may not change under us (updateTeamMembers locks the team row for update).
  const teamIds = [...new Set([...shifts.map((s) => s.teamId), ...(replacing ? [replacing.teamId] : [])])].sort();
  if (teamIds.length) {
    await tx.query('SELECT id FROM teams WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE', [teamIds]);
  }
  const members = await tx.query<{ team_id: string; professional_id: string; role: MemberRole }>(
    'SELECT team_id, professional_id, role FROM team_members WHERE professional_id = ANY($1::uuid[])',
    [people],
  );
  const roleOf = new Map(members.map((m) => [`${m.team_id}:${m.professional_id}`, m.role]));
  // Only the stored shifts that could meet these: those overlapping the span they cover.
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const s of shifts) {
    first = Math.min(first, s.startsAt.getTime(), s.endsAt.getTime());
    last = Math.max(last, s.startsAt.getTime(), s.endsAt.getTime());
  }
  const span = Number.isFinite(first)
    ? { from: new Date(first), to: new Date(last) }
    : { from: new Date(0), to: new Date(0) };
  const stored = await tx.query<{
    professional_id: string;
    team_name: string;
    starts_at: Date;
    ends_at: Date;
    team_id: string;
    role: MemberRole;
    kind: ShiftKind;
  }>(
    `SELECT s.professional_id, t.name AS team_name, s.starts_at, s.ends_at, s.team_id, s.role, s.kind FROM shifts s
       JOIN teams t ON t.id = s.team_id
     WHERE s.professional_id = ANY($1::uuid[]) AND s.ends_at > $2 AND s.starts_at < $3`,
    [people, span.from, span.to],
  );
  const replaced = (s: (typeof stored)[number]) =>
    replacing !== undefined &&
    s.team_id === replacing.teamId &&
    new Date(s.starts_at).getTime() >= replacing.from.getTime() &&
    new Date(s.starts_at).getTime() < replacing.to.getTime();
  const kept = stored.filter((s) => !replaced(s));
  // A shift sent back as it was stands as it was, even if its person has left the team since.
  const keyOf = (s: {
    teamId: string;
    professionalId: string;
    role: string;
    kind: string;
    startsAt: Date;
    endsAt: Date;
  }) => `${s.teamId}:${s.professionalId}:${s.role}:${s.kind}:${s.startsAt.getTime()}:${s.endsAt.getTime()}`;
  const unchanged = new Set(
    stored.filter(replaced).map((s) =>
      keyOf({
        teamId: s.team_id,
        professionalId: s.professional_id,
        role: s.role,
        kind: s.kind,
        startsAt: new Date(s.starts_at),
        endsAt: new Date(s.ends_at),
      }),
    ),
  );
  shifts.forEach((s, i) => {
    if (s.endsAt.getTime() <= s.startsAt.getTime()) {
      errors.push({
        field: `${s.field}.endsAt`,
        code: 'ends_before_start',
        message: msg(ctx, 'La garde finit avant de commencer.', 'The shift ends before it starts.'),
      });
      return;
    }
    const memberRole = unchanged.has(keyOf(s)) ? s.role : roleOf.get(`${s.teamId}:${s.professionalId}`);
    if (!memberRole) {
      errors.push({
        field: `${s.field}.professionalId`,
        code: 'not_member',
        message: msg(ctx, 'Cette personne n’est pas membre de l’équipe.', 'This person is not a member of the team.'),
      });
      return;
    }
    if (memberRole !== s.role) {
      errors.push({
        field: `${s.field}.role`,
        code: 'role_mismatch',
        message: msg(
          ctx,
          `Dans cette équipe, cette personne est ${ROLE_WORDS[memberRole].fr}.`,
          `In this team, this person is a ${ROLE_WORDS[memberRole].en}.`,
        ),
      });
      return;
    }
    const clash =
      kept.find(
        (k) =>
          k.professional_id === s.professionalId &&
          overlaps(s, { startsAt: new Date(k.starts_at), endsAt: new Date(k.ends_at) }),
      ) ?? null;
    const inner = shifts.findIndex((o, j) => j < i && o.professionalId === s.professionalId && overlaps(s, o));
    if (clash || inner >= 0) {
      const where = clash
        ? clash.team_name
        : msg(ctx, 'une autre garde envoyée avec celle-ci', 'another shift sent with this one');
      errors.push({
        field: `${s.field}.startsAt`,
        code: 'overlapping_shift',
        message: msg(
          ctx,
          `Cette personne est déjà de garde ou d’astreinte sur ce créneau (${where}).`,
          `This person is already on duty over this span (${where}).`,
        ),
      });
    }
  });
  return errors;
}

export async function insertShifts(ctx: ServiceContext, tx: Queryable, shifts: readonly ShiftToStore[]): Promise<void> {
  for (const s of shifts) {
    await tx.query(
      `INSERT INTO shifts (team_id, professional_id, role, kind, starts_at, ends_at, call_in_minutes, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        s.teamId,
        s.professionalId,
        s.role,
        s.kind,
        s.startsAt,
        s.endsAt,
        s.kind === 'on_site' ? 0 : s.callInMinutes,
        ctx.user.id,
      ],
    );
  }
}

export async function upsertShifts(
  ctx: ServiceContext,
  composition: Composition,
  teamId: string,
  body: z.output<typeof ZUpsertShifts>,
) {
  const from = new Date(body.from);
  const to = new Date(body.to);
  checkWindow(ctx, from, to, 'body');
  const [team] = await teamsInReach(ctx, { team: teamId });
  if (!team) throw notFound('Team');
  if (!isAllowed(ctx.user.grants, 'roster:write', teamLocation(team))) throw forbidden();
  const shifts: ShiftToStore[] = body.shifts.map((s, i) => ({
    teamId,
    professionalId: s.professionalId,
    role: s.role,
    kind: s.kind,
    startsAt: new Date(s.startsAt),
    endsAt: new Date(s.endsAt),
    callInMinutes: s.callInMinutes,
    field: `body.shifts.${i}`,
  }));
  const outside = shifts.findIndex(
    (s) => s.startsAt.getTime() < from.getTime() || s.startsAt.getTime() >= to.getTime(),
  );
  if (outside >= 0) {
    throw invalid([
      {
        field: `body.shifts.${outside}.startsAt`,
        code: 'outside_window',
        message: msg(
          ctx,
          'La garde commence hors de la période remplacée.',
          'The shift starts outside the window replaced.',
        ),
      },
    ]);
  }
  await ctx.db.transaction(async (tx) => {
    const errors = await checkShifts(ctx, tx, shifts, { teamId, from, to });
    if (errors.length) {
      const overlap = errors.some((e) => e.code === 'overlapping_shift');
      throw new AppError(
        overlap ? 'conflict' : 'validation_failed',
        overlap ? 'Overlapping shifts' : 'Some shifts are not valid',
        errors,
      );
    }
    const removed = await tx.query(
      'DELETE FROM shifts WHERE team_id = $1 AND starts_at >= $2 AND starts_at < $3 RETURNING id',
      [teamId, from, to],
    );
    await insertShifts(ctx, tx, shifts);
    await appendAudit(tx, actorOf(ctx), {
      action: 'roster.replace',
      targetType: 'team',
      targetId: teamId,
      before: { from: body.from, to: body.to, shifts: removed.length },
      after: { shifts: shifts.length },
    });
  });
  await ctx.events.publish('roster.changed', { team: teamId });
  return listShifts(ctx, composition, { from: body.from, to: body.to, team: teamId });
}

/** Which teams within reach are deployable at a moment (now by default), who is on duty, what is missing. */
export async function getTeamAvailability(
  ctx: ServiceContext,
  composition: Composition,
  q: { region?: string; finess?: string; kind?: TeamKind; at?: string },
) {
  await assertFilters(ctx, 'team:read', q);
  const at = q.at ? new Date(q.at) : ctx.clock.now();
  const teams = await teamsInReach(ctx, { region: q.region, finess: q.finess, kind: q.kind });
  const shifts = await loadShifts(
    ctx.db,
    at,
    new Date(at.getTime() + 1),
    teams.map((t) => t.id),
  );
  const items = availabilityOf(teams, shifts, composition, at).map((a) => ({
    id: a.team.id,
    name: a.team.name,
    kind: a.team.kind,
    base: { finess: a.team.base_finess, name: a.team.base_name, regionCode: a.team.region_code },
    transport: a.team.transport,
    deployable: a.deployable,
    readyInMinutes: a.readyInMinutes,
    onDuty: a.duty.map((s) => ({
      professionalId: s.professionalId,
      name: s.name,
      role: s.role,
      kind: s.kind,
      callInMinutes: s.callInMinutes,
      until: s.endsAt.toISOString(),
    })),
    missing: a.missing,
  }));
  // Deployable first, the readiest first; then the others.
  items.sort(
    (x, y) =>
      Number(y.deployable) - Number(x.deployable) ||
      (x.readyInMinutes ?? 0) - (y.readyInMinutes ?? 0) ||
      (x.name < y.name ? -1 : x.name > y.name ? 1 : 0),
  );
  return { at: at.toISOString(), items };
}
