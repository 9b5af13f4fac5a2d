/** Teams (a centre's ECMO team, mobile UMAC units, transplant teams) and their members; the roster follows the members. */
import type { z } from 'zod';
import { message } from '../../../contracts/messages.ts';
import type { TTeam, ZCreateTeam, ZTeamListQuery, ZUpdateTeamMembers } from '../../../contracts/teams.ts';
import { isAllowed, reachOf } from '../../../domain/policy.ts';
import { type MemberRole, qualificationValidOn } from '../../../domain/teams.ts';
import { parisDate } from '../../../domain/time.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Queryable } from '../../db/client.ts';
import { forbidden, invalid, issue, issueSaying, notFound, staleConflict } from '../../http/errors.ts';
import { actorOf, type ServiceContext } from '../context.ts';
import { allowedAtAny, assertEstablishments, assertFilters } from '../establishments/locations.ts';
import { placesOf, qualificationsOf } from '../professionals/professionals.repository.ts';
import { deleteShiftsFrom, endShiftsAt, retagShifts } from '../roster/roster.repository.ts';
import {
  bumpTeamVersion,
  findTeam,
  findTeams,
  insertTeam,
  lockTeam,
  memberCounts,
  membersOf,
  replaceMembers,
  type TeamRow,
} from './teams.repository.ts';

type Member = { professionalId: string; role: MemberRole };

const teamDto = (t: TeamRow) => ({
  id: t.id,
  name: t.name,
  kind: t.kind,
  base: t.base,
  transport: t.transport,
  active: t.active,
  version: t.version,
});

export async function listTeams(ctx: ServiceContext, q: z.output<typeof ZTeamListQuery>) {
  await assertFilters(ctx, 'team:read', q);
  const all = await findTeams(ctx.db, reachOf(ctx.user.grants, 'team:read'), {
    kinds: q.kind && [q.kind],
    region: q.region,
    finess: q.finess,
  });
  const page = all.slice(q.offset, q.offset + q.limit);
  const counts = await memberCounts(
    ctx.db,
    page.map((t) => t.id),
  );
  return {
    items: page.map((t) => ({ ...teamDto(t), members: counts.get(t.id) ?? 0 })),
    total: all.length,
    limit: q.limit,
    offset: q.offset,
  };
}

/** A team and its members, with their qualifications valid on `on` (a Paris date). */
async function teamWithMembers(db: Queryable, t: TeamRow, on: string): Promise<TTeam> {
  const members = await membersOf(db, [t.id]);
  const quals = await qualificationsOf(db, [...new Set(members.map((m) => m.professionalId))]);
  return {
    ...teamDto(t),
    members: members.map(({ teamId: _, ...m }) => ({
      ...m,
      validQualifications: [
        ...new Set((quals.get(m.professionalId) ?? []).filter((q) => qualificationValidOn(q, on)).map((q) => q.kind)),
      ],
    })),
  };
}

export async function getTeam(ctx: ServiceContext, id: string): Promise<TTeam> {
  const [t] = await findTeams(ctx.db, reachOf(ctx.user.grants, 'team:read'), { team: id });
  if (!t) throw notFound('noun.team');
  return teamWithMembers(ctx.db, t, parisDate(ctx.clock.now()));
}

export async function createTeam(ctx: ServiceContext, body: z.output<typeof ZCreateTeam>): Promise<TTeam> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    await assertEstablishments(ctx, tx, 'team:write', [body.base], 'body.base');
    const team = (await findTeam(tx, await insertTeam(tx, body))) as TeamRow;
    const dto = await teamWithMembers(tx, team, parisDate(actor.at));
    await appendAudit(tx, actor, { action: 'team.create', targetType: 'team', targetId: dto.id, after: dto });
    return dto;
  });
}

/**
 * Sets a team's members: each must exist and work at an establishment where the user may manage
 * teams (a perfusionist composes their own hospital's team, a regional regulator their region's).
 * The roster follows, in the same transaction; the options engine looks again after it.
 */
export async function updateTeamMembers(
  ctx: ServiceContext,
  id: string,
  body: z.output<typeof ZUpdateTeamMembers>,
): Promise<TTeam> {
  const actor = actorOf(ctx);
  const on = parisDate(actor.at);
  const out = await ctx.db.transaction(async (tx) => {
    const team = await lockTeamToEdit(ctx, tx, id, body.version);
    await assertMembersWithinReach(ctx, tx, body.members);
    const before = await teamWithMembers(tx, team, on);
    await replaceMembers(tx, id, body.members);
    const roster = await followMembers(tx, id, before.members, body.members, actor.at);
    await bumpTeamVersion(tx, id, actor.at);
    const after = await teamWithMembers(tx, { ...team, version: team.version + 1 }, on);
    await appendAudit(tx, actor, {
      action: 'team.members',
      targetType: 'team',
      targetId: id,
      before,
      after: { ...after, roster },
    });
    return { after, rosterChanged: roster.removed + roster.ended + roster.retagged > 0 };
  });
  // Who may stand in the team's composition changed: the options engine looks again.
  await ctx.events.publish('roster.changed', { team: id, members: true, shifts: out.rosterChanged });
  return out.after;
}

/** The team locked for update, if the user may see it (else 404) and edit it (else 403), at the version read (else 409). */
async function lockTeamToEdit(ctx: ServiceContext, tx: Queryable, id: string, version: number): Promise<TeamRow> {
  const team = await lockTeam(tx, id);
  if (!team || !isAllowed(ctx.user.grants, 'team:read', team.location)) throw notFound('noun.team');
  if (!isAllowed(ctx.user.grants, 'team:write', team.location)) throw forbidden();
  if (team.version !== version) throw staleConflict('noun.team');
  return team;
}

/** Each member listed once, on record, and working at an establishment where the user may manage teams. */
async function assertMembersWithinReach(ctx: ServiceContext, tx: Queryable, members: readonly Member[]) {
  const ids = members.map((m) => m.professionalId);
  const dup = ids.findIndex((x, i) => ids.indexOf(x) !== i);
  if (dup >= 0)
    throw invalid([issueSaying(`body.members.${dup}.professionalId`, 'duplicate', message('team.member_twice'))]);
  const places = await placesOf(tx, ids);
  const errors = members.flatMap((m, i) => {
    const where = places.get(m.professionalId) ?? [];
    if (where.length === 0) return [issue(`body.members.${i}.professionalId`, 'unknown_professional')];
    return allowedAtAny(ctx, 'team:write', where)
      ? []
      : [issue(`body.members.${i}.professionalId`, 'outside_establishment')];
  });
  if (errors.length) throw invalid(errors);
}

/**
 * The roster follows the members, at the app clock's instant `at`: a member removed leaves the team's
 * shifts still to come (one under way ends at `at`), a member whose role changed keeps their shifts
 * to come in the new role. The past stays as it was.
 */
async function followMembers(
  tx: Queryable,
  teamId: string,
  before: readonly Member[],
  members: readonly Member[],
  at: Date,
): Promise<{ removed: number; ended: number; retagged: number }> {
  const roles = new Map(members.map((m) => [m.professionalId, m.role]));
  const gone = before.filter((m) => !roles.has(m.professionalId)).map((m) => m.professionalId);
  const removed = gone.length ? await deleteShiftsFrom(tx, teamId, gone, at) : 0;
  const ended = gone.length ? await endShiftsAt(tx, teamId, gone, at) : 0;
  let retagged = 0;
  for (const m of before) {
    const role = roles.get(m.professionalId);
    if (role && role !== m.role) retagged += await retagShifts(tx, teamId, m.professionalId, role, at);
  }
  return { removed, ended, retagged };
}
