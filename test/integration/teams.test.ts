import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTeam } from '../../src/contracts/teams.ts';
import { changeMembers, clearShifts, createProfessional } from '../../src/server/seed/api-factories.ts';
import { auditEntries, shiftsOf } from '../support/reads.ts';
import { professionalRequest, someoneWorkingAt, TEAM_TABLES } from '../support/teams.ts';
import { type Agent, createTestApp, DEMO, expectStatus, snapshot, type TestApp } from '../support/test-app.ts';
import { windows1252 } from '../support/text-files.ts';

const LYON = '690784186';
const GRENOBLE = '380000067';
let t: TestApp;
let perfusionist: Agent;
let regional: Agent;

beforeAll(async () => {
  t = await createTestApp();
  perfusionist = await t.login(DEMO.perfusionist);
  regional = await t.login(DEMO.regional);
});
afterAll(() => t?.close());

const everything = () => snapshot(t.db, TEAM_TABLES);
const newProfessional = professionalRequest;
const hour = (h: number) => new Date(t.clock.now().getTime() + h * 3_600_000);
const CSV = (content: string | Buffer) => ({ upload: { type: 'text/csv', content } });

const someoneAt = (finess: string, notAt?: string) => someoneWorkingAt(regional, finess, notAt);

/** The identifier (RPPS, ADELI) of a team's member holding a role, as a roster file names them. */
async function identifierOf(team: TTeam, role: string): Promise<string> {
  const member = team.members.find((m) => m.role === role);
  if (!member) throw new Error(`no ${role} in ${team.name}`);
  return (await perfusionist.ok('getProfessional', { params: { id: member.professionalId }, query: {} })).identifier
    .value;
}

describe('teams and the on-call roster', () => {
  async function lyonTeam(kind: 'ecmo' | 'umac' = 'ecmo') {
    const list = await perfusionist.ok('listTeams', { query: { finess: LYON, kind } });
    return perfusionist.ok('getTeam', { params: { id: String(list.items[0]?.id) } });
  }
  const members = (team: TTeam) => team.members.map((m) => ({ professionalId: m.professionalId, role: m.role }));

  it('refuses a member working outside the user’s establishment and a mobile unit without transport, changing nothing', async () => {
    const team = await lyonTeam();
    const outsider = await someoneAt(GRENOBLE, LYON);
    const before = await everything();
    const res = await perfusionist.call('updateTeamMembers', {
      params: { id: team.id },
      body: { version: team.version, members: [...members(team), { professionalId: outsider, role: 'nurse' }] },
    });
    expect(res.status).toBe(400);
    expect(res.problem?.errors?.[0]).toMatchObject({
      field: `body.members.${team.members.length}.professionalId`,
      code: 'outside_establishment',
    });
    const umac = await perfusionist.call('createTeam', {
      body: { name: 'UMAC sans véhicule', kind: 'umac', base: LYON },
    });
    expect(umac.problem?.errors?.[0]).toMatchObject({ field: 'body.transport' });
    expect(await everything()).toEqual(before);
  });

  it('says which teams are deployable now, and why not when the composition is missing', async () => {
    const team = await lyonTeam('umac');
    const doctor = team.members.find((m) => m.role === 'surgeon' || m.role === 'intensivist');
    const runner = team.members.find((m) => m.role === 'perfusionist');
    if (!doctor || !runner) throw new Error('the demo mobile unit has a doctor and a perfusionist');
    const from = hour(-1).toISOString();
    const to = hour(2).toISOString();
    // Clear the shifts around now (each starts less than a day before it ends), then put only the doctor on
    // site: not deployable, a perfusionist missing.
    await clearShifts(perfusionist, team.id, hour(-48), hour(24));
    const onSite = {
      professionalId: doctor.professionalId,
      role: doctor.role,
      kind: 'on_site',
      startsAt: from,
      endsAt: to,
    } as const;
    const half = await perfusionist.call('upsertShifts', {
      params: { id: team.id },
      body: { from, to, shifts: [onSite] },
    });
    expectStatus(half, 200);
    expect(half.body.gaps[0]).toMatchObject({ teamId: team.id, missing: [['perfusionist']] });
    const availability = async () =>
      (await regional.ok('getTeamAvailability', { query: { region: '84', kind: 'umac' } })).items.find(
        (x) => x.id === team.id,
      );
    expect(await availability()).toMatchObject({ deployable: false, missing: [['perfusionist']] });
    const full = await perfusionist.ok('upsertShifts', {
      params: { id: team.id },
      body: {
        from,
        to,
        shifts: [
          onSite,
          {
            professionalId: runner.professionalId,
            role: 'perfusionist',
            kind: 'on_call',
            startsAt: from,
            endsAt: to,
            callInMinutes: 20,
          },
        ],
      },
    });
    expect(full.gaps).toEqual([]);
    expect(await availability()).toMatchObject({ deployable: true, readyInMinutes: 20 });
  });

  it('refuses a shift ending before it starts and a person on duty in two teams at once, storing nothing', async () => {
    const ecmo = await lyonTeam('ecmo');
    const umac = await lyonTeam('umac');
    const person = ecmo.members[0];
    if (!person) throw new Error('the demo ECMO team has members');
    const from = '2099-02-01T00:00:00Z';
    const to = '2099-02-02T00:00:00Z';
    await changeMembers(perfusionist, umac.id, (m) => [
      ...m,
      { professionalId: person.professionalId, role: person.role },
    ]);
    const shifts = (teamId: string, startsAt: string, endsAt: string) => ({
      params: { id: teamId },
      body: {
        from,
        to,
        shifts: [
          { professionalId: person.professionalId, role: person.role, kind: 'on_site' as const, startsAt, endsAt },
        ],
      },
    });
    const first = await perfusionist.call(
      'upsertShifts',
      shifts(ecmo.id, '2099-02-01T08:00:00Z', '2099-02-01T20:00:00Z'),
    );
    expect(first.status).toBe(200);
    const before = await everything();
    const backwards = await perfusionist.call(
      'upsertShifts',
      shifts(umac.id, '2099-02-01T20:00:00Z', '2099-02-01T08:00:00Z'),
    );
    expect(backwards.status).toBe(400);
    expect(backwards.problem?.errors?.[0]).toMatchObject({
      field: 'body.shifts.0.endsAt',
      code: 'ends_before_start',
    });
    const twice = await perfusionist.call(
      'upsertShifts',
      shifts(umac.id, '2099-02-01T12:00:00Z', '2099-02-01T22:00:00Z'),
    );
    expect(twice.status).toBe(409);
    expect(twice.problem?.errors?.[0]).toMatchObject({ field: 'body.shifts.0.startsAt', code: 'overlapping_shift' });
    expect(await everything()).toEqual(before);
  });

  it('imports a roster from CSV: validation reports each row, a bad file stores nothing, a good one all of it', async () => {
    const team = await lyonTeam('ecmo');
    const nurse = await identifierOf(team, 'nurse');
    const good = `${team.name};${nurse};infirmière;astreinte;2099-03-02 20:00;2099-03-03 08:00;25`;
    const file = (rows: string[]) => `equipe;identifiant;role;type;debut;fin;delai_minutes\n${rows.join('\n')}\n`;
    const bad = `${team.name};00000000000;perfusionniste;garde;2099-03-02 08:00;2099-03-02 07:00;`;
    const before = await everything();
    const mixed = await perfusionist.call('importRoster', { query: { mode: 'all' } }, CSV(file([good, bad])));
    // All or nothing, as the census import: a file with an invalid row is a 400 naming its rows' columns.
    expect(mixed.status).toBe(400);
    const fields = mixed.problem?.errors?.map((e) => e.field);
    expect(fields).toContain('rows.3.identifiant');
    expect(fields).not.toContain('rows.2.equipe');
    expect(await everything()).toEqual(before);
    const checked = await perfusionist.call('importRoster', { query: { mode: 'validate' } }, CSV(file([good, bad])));
    expectStatus(checked, 200);
    expect(checked.body).toMatchObject({ rows: 2, valid: 1, invalid: 1, stored: 0 });
    expect(checked.body.report[1]?.errors.map((e) => e.field)).toContain('identifiant');
    const stored = await perfusionist.ok('importRoster', { query: { mode: 'all' } }, CSV(file([good])));
    expect(stored).toMatchObject({ stored: 1 });
    const week = await perfusionist.ok('listShifts', {
      query: { team: team.id, from: '2099-03-02T00:00:00Z', to: '2099-03-04T00:00:00Z' },
    });
    expect(week.shifts).toHaveLength(1);
    expect(week.shifts[0]).toMatchObject({ kind: 'on_call', callInMinutes: 25 });
  });

  it('imports a roster saved by French Excel (Windows-1252, accented headers and words), refusing formula cells', async () => {
    const team = await lyonTeam('ecmo');
    const nurse = await identifierOf(team, 'nurse');
    const header = 'Équipe;Identifiant;Rôle;Type;Début;Fin;Délai (minutes)';
    const good = `${team.name};${nurse};Infirmière;Astreinte;2099-04-06 20:00;2099-04-07 08:00;20`;
    const before = await everything();
    const formula = await perfusionist.ok(
      'importRoster',
      { query: { mode: 'validate' } },
      CSV(windows1252(`${header}\r\n${good.replace('Astreinte', "-2+3+cmd|' /C calc'!A0")}\r\n`)),
    );
    expect(formula.report[0]?.errors).toEqual([expect.objectContaining({ code: 'unsafe_cell' })]);
    const res = await perfusionist.call(
      'importRoster',
      { query: { mode: 'all' } },
      CSV(windows1252(`${header}\r\n${good}\r\n`)),
    );
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ rows: 1, invalid: 0, stored: 1 });
    expect((await everything()).shifts.rows).toBe(before.shifts.rows + 1);
  });

  it('shows the signed-in perfusionist her own week of shifts', async () => {
    const from = new Date(t.clock.now().getTime() - 3 * 86_400_000).toISOString();
    const to = new Date(t.clock.now().getTime() + 4 * 86_400_000).toISOString();
    const mine = await perfusionist.ok('listShifts', { query: { from, to, mine: 'true' } });
    expect(mine.shifts.length).toBeGreaterThan(0);
    expect(new Set(mine.shifts.map((s) => s.name))).toEqual(new Set(['Morgane Perfusion']));
  });
  it('keeps shifts to a member’s role in the team, and takes a removed member off the roster to come', async () => {
    const doc = await createProfessional(perfusionist, newProfessional({ profession: 'intensivist' }).body, [
      'ecmo_cannulation',
    ]);
    const runner = await createProfessional(perfusionist, newProfessional().body, ['perfusion_master']);
    const team = await perfusionist.ok('createTeam', { body: { name: 'ECMO Pradel bis', kind: 'ecmo', base: LYON } });
    const staffed = await perfusionist.call('updateTeamMembers', {
      params: { id: team.id },
      body: {
        version: team.version,
        members: [
          { professionalId: doc.id, role: 'intensivist' },
          { professionalId: runner.id, role: 'perfusionist' },
        ],
      },
    });
    expectStatus(staffed, 200);
    const window = { from: '2099-05-01T00:00:00Z', to: '2099-05-02T00:00:00Z' };
    const shift = (professionalId: string, role: 'intensivist' | 'nurse' | 'perfusionist') =>
      ({
        professionalId,
        role,
        kind: 'on_site',
        startsAt: '2099-05-01T06:00:00Z',
        endsAt: '2099-05-01T18:00:00Z',
      }) as const;
    const before = await everything();
    const wrongRole = await perfusionist.call('upsertShifts', {
      params: { id: team.id },
      body: { ...window, shifts: [shift(doc.id, 'intensivist'), shift(runner.id, 'nurse')] },
    });
    expect(wrongRole.status).toBe(400);
    expect(wrongRole.problem?.errors).toEqual([
      expect.objectContaining({ field: 'body.shifts.1.role', code: 'role_mismatch' }),
    ]);
    expect(await everything()).toEqual(before);
    const stored = await perfusionist.ok('upsertShifts', {
      params: { id: team.id },
      body: { ...window, shifts: [shift(doc.id, 'intensivist'), shift(runner.id, 'perfusionist')] },
    });
    expect(stored.gaps.filter((g) => g.startsAt === '2099-05-01T06:00:00.000Z')).toEqual([]);
    const at = async () =>
      (
        await perfusionist.ok('getTeamAvailability', {
          query: { finess: LYON, kind: 'ecmo', at: '2099-05-01T10:00:00Z' },
        })
      ).items.find((x) => x.id === team.id);
    expect(await at()).toMatchObject({ deployable: true, readyInMinutes: 0 });

    const removed = await perfusionist.call('updateTeamMembers', {
      params: { id: team.id },
      body: { version: staffed.body.version, members: [{ professionalId: doc.id, role: 'intensivist' }] },
    });
    expect(removed.status).toBe(200);
    expect(await at()).toMatchObject({ deployable: false, missing: [['perfusionist', 'nurse']] });
    expect(await shiftsOf(t.db, team.id, runner.id)).toHaveLength(0);
    const audit = (await auditEntries(t.db, 'team.members', team.id)).at(-1);
    expect(audit?.after?.roster).toEqual({ removed: 1, ended: 0, retagged: 0 });
  });

  it('reports a CSV row whose role is not the person’s role in the team under the role column', async () => {
    const team = await lyonTeam('ecmo');
    const nurse = await identifierOf(team, 'nurse');
    const before = await everything();
    const res = await perfusionist.call(
      'importRoster',
      { query: { mode: 'all' } },
      CSV(
        `equipe;identifiant;role;type;debut;fin\n${team.name};${nurse};chirurgien;garde;2099-06-01 08:00;2099-06-01 20:00\n`,
      ),
    );
    expect(res.status).toBe(400);
    expect(res.problem?.errors).toEqual([expect.objectContaining({ field: 'rows.2.rôle', code: 'role_mismatch' })]);
    expect(await everything()).toEqual(before);
  });
});
