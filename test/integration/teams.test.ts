import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTeam } from '../../src/contracts/teams.ts';
import { parisDate } from '../../src/domain/time.ts';
import {
  changeMembers,
  clearShifts,
  createProfessional,
  type ProfessionalInput,
  professionalInput,
  requestInRegulation,
} from '../../src/server/seed/api-factories.ts';
import { auditEntries, shiftsOf } from '../support/reads.ts';
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

/** Everything these operations write: a refusal leaves it as it was. */
const TABLES = [
  'professionals',
  'professional_establishments',
  'qualifications',
  'training_hours',
  'activity_counts',
  'team_members',
  'teams',
  'shifts',
  'device_checks',
  'maintenance_records',
  'consoles',
  'audit_log',
] as const;
const everything = () => snapshot(t.db, TABLES);

let adeli = 0;
const newProfessional = (over: Partial<ProfessionalInput> = {}) => ({
  body: professionalInput({
    identifier: { kind: 'adeli', value: `69${String(5_000_000 + adeli++).padStart(7, '0')}` },
    ...over,
  }),
});
const hour = (h: number) => new Date(t.clock.now().getTime() + h * 3_600_000);
const CSV = (content: string | Buffer) => ({ upload: { type: 'text/csv', content } });

/** Someone working at an establishment and not at another (seen by a regulator of their region). */
async function someoneAt(finess: string, notAt?: string): Promise<string> {
  const { items } = await regional.ok('listProfessionals', { query: { finess, limit: 100 } });
  const someone = items.find((p) => !p.establishments.some((e) => e.finess === notAt));
  if (!someone) throw new Error(`nobody at ${finess}`);
  return someone.id;
}

/** The identifier (RPPS, ADELI) of a team's member holding a role, as a roster file names them. */
async function identifierOf(team: TTeam, role: string): Promise<string> {
  const member = team.members.find((m) => m.role === role);
  if (!member) throw new Error(`no ${role} in ${team.name}`);
  return (await perfusionist.ok('getProfessional', { params: { id: member.professionalId }, query: {} })).identifier
    .value;
}

describe('professionals and qualifications', () => {
  it('registers a professional, warns on an INAMI check digit, and checks a qualification on a given day', async () => {
    const created = await perfusionist.call('createProfessional', newProfessional());
    expectStatus(created, 201);
    const p = created.body;
    expect(p).toMatchObject({ identifier: { kind: 'adeli' }, establishments: [{ finess: LYON }], warnings: [] });

    const inami = await regional.call(
      'createProfessional',
      newProfessional({ identifier: { kind: 'inami', value: '12345678901' }, lastName: 'Bruxelles' }),
    );
    expectStatus(inami, 201);
    expect(inami.body.warnings[0]).toMatchObject({ field: 'body.identifier.value', code: 'inami.check_digit' });

    const qualified = await perfusionist.call('addQualification', {
      params: { id: p.id },
      body: { kind: 'aed_attestation', issuer: 'CESU 69', issuedOn: '2024-03-01', validUntil: '2026-03-01' },
    });
    expectStatus(qualified, 201);
    const on = async (day: string) =>
      (await perfusionist.ok('getProfessional', { params: { id: p.id }, query: { on: day } })).qualifications[0]?.valid;
    expect(await on('2025-06-01')).toBe(true);
    expect(await on('2026-03-02')).toBe(false);

    const year = Number(parisDate(t.clock.now()).slice(0, 4));
    const updated = await perfusionist.call('updateProfessional', {
      params: { id: p.id },
      body: {
        version: qualified.body.version,
        trainingHours: [{ year, hours: 21.5 }],
        activity: [{ year, cecRuns: 120, ecmoRuns: 14 }],
      },
    });
    expect(updated.body).toMatchObject({
      trainingHours: [{ year, hours: 21.5 }],
      activity: [{ year, cecRuns: 120, ecmoRuns: 14 }],
    });
    const stale = await perfusionist.call('updateProfessional', {
      params: { id: p.id },
      body: { version: 1, firstName: 'X' },
    });
    expect(stale.status).toBe(409);
  });

  it('refuses an identifier of the wrong form, a future issue date and an establishment outside scope, storing nothing', async () => {
    const someone = await someoneAt(LYON);
    const before = await everything();
    const wrong = await perfusionist.call(
      'createProfessional',
      newProfessional({ identifier: { kind: 'rpps', value: '1234' } }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.problem?.errors?.[0]).toMatchObject({ field: 'body.identifier.value' });
    const elsewhere = await perfusionist.call('createProfessional', newProfessional({ establishments: [GRENOBLE] }));
    expect(elsewhere.status).toBe(403);
    const future = await perfusionist.call('addQualification', {
      params: { id: someone },
      body: { kind: 'ecmo_vv', issuer: 'CHU', issuedOn: '2099-01-01' },
    });
    expect(future.problem?.errors?.[0]).toMatchObject({ field: 'body.issuedOn', code: 'in_future' });
    expect(await everything()).toEqual(before);
  });
  it('lets nobody take away an establishment outside their reach, changing nothing', async () => {
    const both = await regional.call(
      'createProfessional',
      newProfessional({ lastName: 'Deux-Sites', establishments: [LYON, GRENOBLE] }),
    );
    expectStatus(both, 201);
    const change = { params: { id: both.body.id }, body: { version: both.body.version, establishments: [LYON] } };
    const before = await everything();
    const res = await perfusionist.call('updateProfessional', change);
    expect(res.status).toBe(403);
    expect(await everything()).toEqual(before);
    const regionWide = await regional.ok('updateProfessional', change);
    expect(regionWide.establishments).toEqual([{ finess: LYON, name: expect.any(String) }]);
  });
});

describe('activity per centre', () => {
  it('records a centre’s runs for a year, and refuses another hospital’s, changing nothing', async () => {
    const year = Number(parisDate(t.clock.now()).slice(0, 4));
    const record = (finess: string, cecRuns: number, ecmoRuns: number) =>
      perfusionist.call('recordCentreActivity', { params: { finess }, body: { year, cecRuns, ecmoRuns } });
    const recorded = await record(LYON, 612, 74);
    expectStatus(recorded, 200);
    expect(recorded.body.items[0]).toMatchObject({ finess: LYON, year, cecRuns: 612, ecmoRuns: 74 });
    expect(recorded.body.items.length).toBeGreaterThan(1);
    const before = await everything();
    const elsewhere = await record(GRENOBLE, 1, 1);
    expect(elsewhere.status).toBe(403);
    const negative = await record(LYON, -1, 0);
    expect(negative.problem?.errors?.[0]).toMatchObject({ field: 'body.cecRuns' });
    expect(await everything()).toEqual(before);
  });
});

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

describe('regulation with the roster', () => {
  it('looks again when a qualification or a team’s members change: the transfer follows its runner', async () => {
    // A minute into the shifts: at a boundary (08:00, 20:00) the runner's shift has only just begun, and a
    // member who leaves then has it taken off the roster rather than ended, leaving none to send back.
    t.clock.advance(60_000);
    const admin = await t.login(DEMO.admin);
    const clinician = await t.login(DEMO.clinician);
    const filed = await requestInRegulation(clinician, regional, {
      caseCode: 'TEAM-26-0002',
      indication: 'VA',
      siteCanHost: false,
    });
    const transfers = async () =>
      (await regional.ok('listRequestOptions', { params: { id: filed.id } })).items.filter(
        (o) => o.kind === 'transfer',
      );
    const [first] = await transfers();
    expect(first?.team).not.toBeNull();
    const teamId = first?.team?.id as string;
    const now = t.clock.now().toISOString();
    const runner = (
      await admin.ok('listShifts', {
        query: { team: teamId, from: now, to: new Date(t.clock.now().getTime() + 1).toISOString() },
      })
    ).shifts.find((s) => (s.role === 'perfusionist' || s.role === 'nurse') && s.startsAt <= now && s.endsAt > now);
    expect(runner).toBeDefined();
    if (!runner) return;
    // The runner's qualifications lapse unseen (straight in the database: no operation takes one away
    // without telling the roster), then any roster change shows it.
    await t.db.query('DELETE FROM qualifications WHERE professional_id = $1', [runner.professionalId]);
    await clearShifts(admin, teamId, new Date('2099-04-01T00:00:00Z'), new Date('2099-04-02T00:00:00Z'));
    expect((await transfers()).find((o) => o.key === first?.key)).toBeUndefined();
    // A qualification recorded through the API is seen at once.
    const qualified = await admin.call('addQualification', {
      params: { id: runner.professionalId },
      body: {
        kind: runner.role === 'nurse' ? 'ecmo_va' : 'perfusion_master',
        issuer: 'Centre hospitalier universitaire',
        issuedOn: '2020-01-15',
      },
    });
    expect(qualified.status).toBe(201);
    expect((await transfers()).find((o) => o.key === first?.key)?.team?.id).toBe(teamId);
    // The runner leaves the team: their shift under way ends now, and the transfer goes.
    const team = await admin.ok('getTeam', { params: { id: teamId } });
    const updated = await admin.call('updateTeamMembers', {
      params: { id: teamId },
      body: {
        version: team.version,
        members: team.members
          .filter((m) => m.professionalId !== runner.professionalId)
          .map((m) => ({ professionalId: m.professionalId, role: m.role })),
      },
    });
    expect(updated.status).toBe(200);
    expect((await transfers()).find((o) => o.key === first?.key)).toBeUndefined();
    expect(await shiftsOf(t.db, teamId, runner.professionalId, t.clock.now())).toHaveLength(0);
    // The team's page sends its window back as it reads it: the shift of the member who left stands as it was.
    const from = new Date(t.clock.now().getTime() - 13 * 3_600_000).toISOString();
    const to = new Date(t.clock.now().getTime() + 12 * 3_600_000).toISOString();
    const read = await admin.ok('listShifts', { query: { team: teamId, from, to } });
    const sent = read.shifts
      .filter((x) => x.startsAt >= from)
      .map(({ id: _, teamId: __, teamName: ___, name: ____, ...x }) => x);
    expect(sent.some((x) => x.professionalId === runner.professionalId)).toBe(true);
    const resent = await admin.call('upsertShifts', { params: { id: teamId }, body: { from, to, shifts: sent } });
    expect(resent.status).toBe(200);
    // Not so a new shift for them.
    const added = await admin.call('upsertShifts', {
      params: { id: teamId },
      body: {
        from,
        to,
        shifts: [
          ...sent,
          {
            professionalId: runner.professionalId,
            role: runner.role,
            kind: 'on_call',
            startsAt: new Date(t.clock.now().getTime() + 11 * 3_600_000).toISOString(),
            endsAt: new Date(t.clock.now().getTime() + 20 * 3_600_000).toISOString(),
            callInMinutes: 30,
          },
        ],
      },
    });
    expect(added.problem?.errors).toEqual([expect.objectContaining({ code: 'not_member' })]);
  });

  it('names the deployable team of a transfer, and offers no transfer once its roster is empty', async () => {
    const clinician = await t.login(DEMO.clinician);
    const filed = await requestInRegulation(clinician, regional, {
      caseCode: 'TEAM-26-0001',
      urgency: 'immediate',
      siteCanHost: false,
    });
    const options = async () => (await regional.ok('listRequestOptions', { params: { id: filed.id } })).items;
    const transfer = (await options()).find((o) => o.kind === 'transfer');
    expect(transfer?.team).toMatchObject({ name: expect.stringContaining('ECMO') });
    expect(transfer?.reasons.map((r) => r.code)).toContain('team_named');
    if (!transfer?.team) return;
    // The provider's ECMO team loses everyone on duty now (each shift starts less than a day before it
    // ends): its transfer is no longer proposed.
    await clearShifts(regional, transfer.team.id, hour(-36), hour(12));
    // Any roster change (here an empty window far ahead) tells every instance to look again.
    await clearShifts(regional, transfer.team.id, new Date('2099-04-01T00:00:00Z'), new Date('2099-04-02T00:00:00Z'));
    expect((await options()).find((o) => o.key === transfer.key)).toBeUndefined();
  });
});
