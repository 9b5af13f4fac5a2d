/** Teams (a centre's ECMO team, mobile UMAC units, transplant teams) and their members. */
import type { z } from 'zod';
import type { TTeam, ZCreateTeam, ZTeamListQuery, ZUpdateTeamMembers } from '../../../contracts/teams.ts';
import { isAllowed } from '../../../domain/policy.ts';
import { qualificationValidOn } from '../../../domain/teams.ts';
import { parisDate } from '../../../domain/time.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Queryable } from '../../db/client.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { actorOf, type ServiceContext } from '../context.ts';
import { qualificationsOf, toQualification } from './professionals.service.ts';
import { TEAM_SELECT, type TeamRow, teamLocation, teamsInReach } from './roster.service.ts';
import { assertEstablishments, assertFilters, locationsOf, msg, staleVersion, today } from './shared.ts';

async function membersOf(db: Queryable, teamIds: readonly string[], on: string) {
  const rows = await db.query<{
    team_id: string;
    professional_id: string;
    name: string;
    profession: TTeam['members'][number]['profession'];
    role: TTeam['members'][number]['role'];
  }>(
    `SELECT m.team_id, m.professional_id, p.first_name || ' ' || p.last_name AS name, p.profession, m.role
     FROM team_members m JOIN professionals p ON p.id = m.professional_id WHERE m.team_id = ANY($1::uuid[])
     ORDER BY m.role, p.last_name, p.first_name`,
    [teamIds],
  );
  const quals = await qualificationsOf(db, [...new Set(rows.map((r) => r.professional_id))]);
  return rows.map((r) => ({
    teamId: r.team_id,
    professionalId: r.professional_id,
    name: r.name,
    profession: r.profession,
    role: r.role,
    validQualifications: [
      ...new Set(
        (quals.get(r.professional_id) ?? [])
          .filter((q) => qualificationValidOn(toQualification(q), on))
          .map((q) => q.kind),
      ),
    ],
  }));
}

const teamDto = (t: TeamRow) => ({
  id: t.id,
  name: t.name,
  kind: t.kind,
  base: { finess: t.base_finess, name: t.base_name, regionCode: t.region_code },
  transport: t.transport,
  active: t.active,
  version: t.version,
});

export async function listTeams(ctx: ServiceContext, q: z.output<typeof ZTeamListQuery>) {
  await assertFilters(ctx, 'team:read', q);
  const all = await teamsInReach(ctx, { kind: q.kind, region: q.region, finess: q.finess });
  const page = all.slice(q.offset, q.offset + q.limit);
  const counts = await ctx.db.query<{ team_id: string; n: number }>(
    'SELECT team_id, count(*)::int AS n FROM team_members WHERE team_id = ANY($1::uuid[]) GROUP BY team_id',
    [page.map((t) => t.id)],
  );
  const byTeam = new Map(counts.map((c) => [c.team_id, c.n]));
  return {
    items: page.map((t) => ({ ...teamDto(t), members: byTeam.get(t.id) ?? 0 })),
    total: all.length,
    limit: q.limit,
    offset: q.offset,
  };
}

/** A team and its members, with their qualifications valid on `on` (a Paris date). */
async function teamWithMembers(db: Queryable, t: TeamRow, on: string): Promise<TTeam> {
  const members = await membersOf(db, [t.id], on);
  return { ...teamDto(t), members: members.map(({ teamId: _, ...m }) => m) };
}

export async function getTeam(ctx: ServiceContext, id: string): Promise<TTeam> {
  const [t] = await teamsInReach(ctx, { team: id });
  if (!t) throw notFound('Team');
  return teamWithMembers(ctx.db, t, today(ctx.clock));
}

export async function createTeam(ctx: ServiceContext, body: z.output<typeof ZCreateTeam>): Promise<TTeam> {
  return ctx.db.transaction(async (tx) => {
    await assertEstablishments(ctx, tx, 'team:write', [body.base], 'body.base');
    const [row] = await tx.query<{ id: string }>(
      'INSERT INTO teams (name, kind, base_finess, transport) VALUES ($1, $2, $3, $4) RETURNING id',
      [body.name, body.kind, body.base, body.transport],
    );
    const [t] = await tx.query<TeamRow>(`${TEAM_SELECT} WHERE t.id = $1`, [row?.id]);
    const actor = actorOf(ctx);
    const dto = await teamWithMembers(tx, t as TeamRow, parisDate(actor.at));
    await appendAudit(tx, actor, { action: 'team.create', targetType: 'team', targetId: dto.id, after: dto });
    return dto;
  });
}

/**
 * Sets a team's members: each must exist and work at an establishment where the user may manage
 * teams (a perfusionist composes their own hospital's team, a regional regulator their region's).
 * The roster follows (`followMembers`), in the same transaction.
 */
export async function updateTeamMembers(
  ctx: ServiceContext,
  id: string,
  body: z.output<typeof ZUpdateTeamMembers>,
): Promise<TTeam> {
  const out = await ctx.db.transaction(async (tx) => {
    const [t] = await tx.query<TeamRow>(`${TEAM_SELECT} WHERE t.id = $1 FOR UPDATE OF t`, [id]);
    if (!t || !isAllowed(ctx.user.grants, 'team:read', teamLocation(t))) throw notFound('Team');
    if (!isAllowed(ctx.user.grants, 'team:write', teamLocation(t))) throw forbidden();
    if (t.version !== body.version)
      throw new AppError('conflict', 'The team changed meanwhile', [
        staleVersion(ctx, { fr: 'L’équipe', en: 'The team' }),
      ]);
    const ids = body.members.map((m) => m.professionalId);
    const dup = ids.findIndex((x, i) => ids.indexOf(x) !== i);
    if (dup >= 0) {
      throw invalid([
        {
          field: `body.members.${dup}.professionalId`,
          code: 'duplicate',
          message: msg(ctx, 'Membre en double.', 'Member listed twice.'),
        },
      ]);
    }
    const places = await tx.query<{ professional_id: string; finess: string }>(
      'SELECT professional_id, finess FROM professional_establishments WHERE professional_id = ANY($1::uuid[])',
      [ids],
    );
    const locations = await locationsOf(tx, [...new Set(places.map((p) => p.finess))]);
    const errors = body.members.flatMap((m, i) => {
      const where = places.filter((p) => p.professional_id === m.professionalId);
      if (where.length === 0) {
        return [
          {
            field: `body.members.${i}.professionalId`,
            code: 'unknown_professional',
            message: msg(ctx, 'Professionnel inconnu.', 'Unknown professional.'),
          },
        ];
      }
      const mine = where.some((p) => {
        const l = locations.get(p.finess);
        return l !== undefined && isAllowed(ctx.user.grants, 'team:write', l);
      });
      return mine
        ? []
        : [
            {
              field: `body.members.${i}.professionalId`,
              code: 'outside_establishment',
              message: msg(
                ctx,
                'Ce professionnel ne travaille dans aucun établissement de votre périmètre.',
                'This professional works in no establishment within your scope.',
              ),
            },
          ];
    });
    if (errors.length) throw invalid(errors);
    const actor = actorOf(ctx);
    const on = parisDate(actor.at);
    const before = await teamWithMembers(tx, t, on);
    await tx.query('DELETE FROM team_members WHERE team_id = $1', [id]);
    for (const m of body.members) {
      await tx.query('INSERT INTO team_members (team_id, professional_id, role) VALUES ($1, $2, $3)', [
        id,
        m.professionalId,
        m.role,
      ]);
    }
    const roster = await followMembers(tx, id, before.members, body.members, actor.at);
    await tx.query('UPDATE teams SET version = version + 1, updated_at = $2 WHERE id = $1', [id, actor.at]);
    const after = await teamWithMembers(tx, { ...t, version: t.version + 1 }, on);
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

/**
 * The roster follows the members: a member removed leaves the team's shifts still to come (those
 * under way end now), a member whose role changed keeps their shifts to come in the new role. The
 * past stays as it was.
 */
async function followMembers(
  tx: Queryable,
  teamId: string,
  before: readonly { professionalId: string; role: string }[],
  members: readonly { professionalId: string; role: string }[],
  at: Date,
): Promise<{ removed: number; ended: number; retagged: number }> {
  const roles = new Map(members.map((m) => [m.professionalId, m.role]));
  const gone = before.filter((m) => !roles.has(m.professionalId)).map((m) => m.professionalId);
  const moved = before.filter((m) => roles.has(m.professionalId) && roles.get(m.professionalId) !== m.role);
  let removed = 0;
  let ended = 0;
  let retagged = 0;
  if (gone.length) {
    removed = (
      await tx.query(
        'DELETE FROM shifts WHERE team_id = $1 AND professional_id = ANY($2::uuid[]) AND starts_at >= $3 RETURNING id',
        [teamId, gone, at],
      )
    ).length;
    ended = (
      await tx.query(
        `UPDATE shifts SET ends_at = $3 WHERE team_id = $1 AND professional_id = ANY($2::uuid[])
         AND starts_at < $3 AND ends_at > $3 RETURNING id`,
        [teamId, gone, at],
      )
    ).length;
  }
  for (const m of moved) {
    retagged += (
      await tx.query(
        'UPDATE shifts SET role = $3 WHERE team_id = $1 AND professional_id = $2 AND ends_at > $4 RETURNING id',
        [teamId, m.professionalId, roles.get(m.professionalId), at],
      )
    ).length;
  }
  return { removed, ended, retagged };
}
