/**
 * The on-call roster: who is on duty in which team, when; whether a team is deployable at a moment
 * (its minimum composition on duty and qualified that day), the gaps of a period, the replacement of
 * a team's shifts over a window. No person stands on two overlapping shifts (`checkShifts`, also
 * used by the CSV import).
 */
import type { z } from 'zod';
import { message } from '../../../contracts/messages.ts';
import type { ZShiftListQuery, ZUpsertShifts } from '../../../contracts/teams.ts';
import { isAllowed, reachOf } from '../../../domain/policy.ts';
import type { TeamOnCall } from '../../../domain/regulation.ts';
import {
  type Composition,
  checkComposition,
  firstOutside,
  MAX_WINDOW_DAYS,
  onDutyAt,
  type Qualification,
  type RosterShift,
  rosterGaps,
  type ShiftProblem,
  shiftProblems,
  spanOf,
  type TeamKind,
  windowProblem,
} from '../../../domain/teams.ts';
import { parisDate } from '../../../domain/time.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Queryable } from '../../db/client.ts';
import { AppError, type FieldIssue, forbidden, invalid, issue, notFound } from '../../http/errors.ts';
import { actorOf, type ServiceContext } from '../context.ts';
import { assertFilters } from '../establishments/locations.ts';
import { professionalOfUser, qualificationsOf } from '../professionals/professionals.repository.ts';
import { findTeams, membershipsOf, shareLockTeams, type TeamRow } from '../teams/teams.repository.ts';
import {
  deleteShiftsStarting,
  insertShifts,
  lockPeople,
  nextShiftBoundary,
  type ShiftRow,
  shiftsBetween,
  shiftsOfPeople,
} from './roster.repository.ts';

type DutyShift = ShiftRow & { qualifications: Qualification[] };

/** Shifts overlapping [from, to) of these teams (all when omitted), with their people's qualifications. */
async function dutyShifts(db: Queryable, from: Date, to: Date, teamIds?: readonly string[]): Promise<DutyShift[]> {
  const shifts = await shiftsBetween(db, from, to, teamIds);
  const quals = await qualificationsOf(db, [...new Set(shifts.map((s) => s.professionalId))]);
  return shifts.map((s) => ({ ...s, qualifications: quals.get(s.professionalId) ?? [] }));
}

/** Each team's composition check at `at`, from the shifts on duty then. */
function availabilityOf(teams: readonly TeamRow[], shifts: readonly DutyShift[], composition: Composition, at: Date) {
  const day = parisDate(at);
  const byTeam = new Map<string, DutyShift[]>();
  for (const s of onDutyAt(shifts, at)) byTeam.set(s.teamId, [...(byTeam.get(s.teamId) ?? []), s]);
  return teams.map((team) => {
    const duty = byTeam.get(team.id) ?? [];
    const slots = composition[team.kind];
    const check = team.active
      ? checkComposition(slots, duty, day)
      : { complete: false, filled: slots.map(() => null), readyInMinutes: null };
    return {
      team,
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
  const teams = await findTeams(db, { everywhere: true }, { active: true, kinds: ['ecmo', 'umac'], finess: only });
  const shifts = await dutyShifts(db, at, new Date(at.getTime() + 1), only ? teams.map((t) => t.id) : undefined);
  const nextChange = await nextShiftBoundary(db, at);
  const byBase = new Map<string, { ecmo: TeamOnCall[]; umac: TeamOnCall[] }>();
  for (const a of availabilityOf(teams, shifts, composition, at)) {
    if (!a.deployable) continue;
    const entry = byBase.get(a.team.base.finess) ?? { ecmo: [], umac: [] };
    entry[a.team.kind === 'umac' ? 'umac' : 'ecmo'].push({
      id: a.team.id,
      name: a.team.name,
      readyInMinutes: a.readyInMinutes ?? 0,
    });
    byBase.set(a.team.base.finess, entry);
  }
  for (const entry of byBase.values()) {
    for (const list of [entry.ecmo, entry.umac])
      list.sort((x, y) => x.readyInMinutes - y.readyInMinutes || (x.name < y.name ? -1 : 1));
  }
  return { byBase, nextChange };
}

const shiftDto = (s: ShiftRow) => ({
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

/** A window [from, to) ends after it starts and spans `MAX_WINDOW_DAYS` at most (400 on `prefix.to`). */
function assertWindow(from: Date, to: Date, prefix: 'query' | 'body'): void {
  const problem = windowProblem(from, to);
  if (problem === 'before_from') throw invalid([issue(`${prefix}.to`, 'before_from')]);
  if (problem === 'window_too_long')
    throw invalid([issue(`${prefix}.to`, 'window_too_long', { days: MAX_WINDOW_DAYS })]);
}

export async function listShifts(ctx: ServiceContext, composition: Composition, q: z.output<typeof ZShiftListQuery>) {
  const from = new Date(q.from);
  const to = new Date(q.to);
  assertWindow(from, to, 'query');
  await assertFilters(ctx, 'team:read', q);
  let teams = await findTeams(ctx.db, reachOf(ctx.user.grants, 'team:read'), {
    team: q.team,
    finess: q.finess,
    region: q.region,
  });
  let shifts = await dutyShifts(
    ctx.db,
    from,
    to,
    teams.map((t) => t.id),
  );
  if (q.mine === 'true') {
    const me = await professionalOfUser(ctx.db, ctx.user.id);
    shifts = shifts.filter((s) => s.professionalId === me);
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
    teams: teams.map((t) => ({ id: t.id, name: t.name, kind: t.kind, baseName: t.base.name })),
    shifts: shifts.map(shiftDto),
    gaps: q.mine === 'true' ? [] : gaps,
  };
}

export interface ShiftToStore extends RosterShift {
  callInMinutes: number;
  /** Where an error on this shift is reported (`body.shifts.3`, `12` for a file's row). */
  field: string;
}

/** A problem of the domain's roster rules as a field error under the shift's `field`. */
function shiftIssue(field: string, p: ShiftProblem): FieldIssue {
  const at = `${field}.${p.field}`;
  switch (p.code) {
    case 'role_mismatch':
      return issue(at, 'role_mismatch', { role: message(`member_role.${p.memberRole}`) });
    case 'overlapping_shift':
      return issue(at, 'overlapping_shift', { where: p.teamName ?? message('roster.sent_together') });
    default:
      return issue(at, p.code);
  }
}

/**
 * Checks shifts before they are stored, in the caller's transaction, with the domain's rules
 * (`shiftProblems`). Locks the people concerned first, then their teams' rows (shared: members
 * change under an update lock), so that concurrent writers cannot both pass the check and members
 * cannot change meanwhile; then loads what the rules need. Returns the errors; nothing is written.
 */
export async function checkShifts(
  tx: Queryable,
  shifts: readonly ShiftToStore[],
  replacing?: { teamId: string; from: Date; to: Date },
): Promise<FieldIssue[]> {
  const people = [...new Set(shifts.map((s) => s.professionalId))];
  await lockPeople(tx, people);
  await shareLockTeams(tx, [...shifts.map((s) => s.teamId), ...(replacing ? [replacing.teamId] : [])]);
  const members = await membershipsOf(tx, people);
  const stored = await shiftsOfPeople(tx, people, spanOf(shifts));
  return shiftProblems(shifts, { members, stored, replacing }).map((p) => shiftIssue(shifts[p.index]?.field ?? '', p));
}

/** Replaces the team's shifts starting in [from, to) with those given, once they pass `checkShifts`. */
export async function upsertShifts(
  ctx: ServiceContext,
  composition: Composition,
  teamId: string,
  body: z.output<typeof ZUpsertShifts>,
) {
  const from = new Date(body.from);
  const to = new Date(body.to);
  assertWindow(from, to, 'body');
  const [team] = await findTeams(ctx.db, reachOf(ctx.user.grants, 'team:read'), { team: teamId });
  if (!team) throw notFound('noun.team');
  if (!isAllowed(ctx.user.grants, 'roster:write', team.location)) throw forbidden();
  const shifts: ShiftToStore[] = body.shifts.map((s, i) => ({
    ...s,
    teamId,
    startsAt: new Date(s.startsAt),
    endsAt: new Date(s.endsAt),
    field: `body.shifts.${i}`,
  }));
  const outside = firstOutside(shifts, from, to);
  if (outside >= 0) throw invalid([issue(`body.shifts.${outside}.startsAt`, 'outside_window')]);
  await ctx.db.transaction(async (tx) => {
    const errors = await checkShifts(tx, shifts, { teamId, from, to });
    if (errors.length) {
      const overlap = errors.some((e) => e.code === 'overlapping_shift');
      throw overlap
        ? new AppError('conflict', message('roster.overlapping_shifts'), errors)
        : invalid(errors, message('roster.invalid_shifts'));
    }
    const removed = await deleteShiftsStarting(tx, teamId, from, to);
    await insertShifts(tx, shifts, ctx.user.id);
    await appendAudit(tx, actorOf(ctx), {
      action: 'roster.replace',
      targetType: 'team',
      targetId: teamId,
      before: { from: body.from, to: body.to, shifts: removed },
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
  const teams = await findTeams(ctx.db, reachOf(ctx.user.grants, 'team:read'), {
    region: q.region,
    finess: q.finess,
    kinds: q.kind && [q.kind],
  });
  const shifts = await dutyShifts(
    ctx.db,
    at,
    new Date(at.getTime() + 1),
    teams.map((t) => t.id),
  );
  const items = availabilityOf(teams, shifts, composition, at).map((a) => ({
    id: a.team.id,
    name: a.team.name,
    kind: a.team.kind,
    base: a.team.base,
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
