import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '../../src/domain/time.ts';
import { type Agent, createTestApp, DEMO, type TestApp } from '../support/test-app.ts';
import { windows1252 } from '../support/text-files.ts';

const LYON = '690784186';
const GRENOBLE = '380000067';
const CSV = { 'content-type': 'text/csv' };
let t: TestApp;
let perfusionist: Agent;
let regional: Agent;

beforeAll(async () => {
  t = await createTestApp();
  perfusionist = await t.login(DEMO.perfusionist);
  regional = await t.login(DEMO.regional);
});
afterAll(() => t?.close());

/** Row counts and version sums of everything these operations write: a refusal leaves them as they were. */
async function everything() {
  const [row] = await t.db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM professionals)::int AS professionals, (SELECT coalesce(sum(version), 0) FROM professionals)::int AS pv,
       (SELECT count(*) FROM qualifications)::int AS qualifications, (SELECT count(*) FROM team_members)::int AS members,
       (SELECT count(*) FROM teams)::int AS teams, (SELECT count(*) FROM shifts)::int AS shifts,
       (SELECT count(*) FROM device_checks)::int AS checks, (SELECT count(*) FROM maintenance_records)::int AS records,
       (SELECT coalesce(sum(version), 0) FROM consoles)::int AS consoles, (SELECT count(*) FROM audit_log)::int AS audit`,
  );
  return row;
}

let adeli = 0;
const newProfessional = (over: Record<string, unknown> = {}) => ({
  identifier: { kind: 'adeli', value: `69${String(5_000_000 + adeli++).padStart(7, '0')}` },
  firstName: 'Nina',
  lastName: 'Canule',
  profession: 'perfusionist',
  establishments: [LYON],
  ...over,
});
const hour = (h: number) => new Date(t.clock.now().getTime() + h * 3_600_000).toISOString();

describe('professionals and qualifications', () => {
  it('registers a professional, warns on an INAMI check digit, and checks a qualification on a given day', async () => {
    const created = await perfusionist.request('POST', '/api/professionals', newProfessional());
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({ identifier: { kind: 'adeli' }, establishments: [{ finess: LYON }], warnings: [] });

    const inami = await regional.request(
      'POST',
      '/api/professionals',
      newProfessional({ identifier: { kind: 'inami', value: '12345678901' }, lastName: 'Bruxelles' }),
    );
    expect(inami.statusCode).toBe(201);
    expect(inami.json().warnings[0]).toMatchObject({ field: 'body.identifier.value', code: 'inami.check_digit' });

    const qualified = await perfusionist.request('POST', `/api/professionals/${p.id}/qualifications`, {
      kind: 'aed_attestation',
      issuer: 'CESU 69',
      issuedOn: '2024-03-01',
      validUntil: '2026-03-01',
    });
    expect(qualified.statusCode).toBe(201);
    const on = async (day: string) =>
      (await perfusionist.request('GET', `/api/professionals/${p.id}?on=${day}`)).json().qualifications[0].valid;
    expect(await on('2025-06-01')).toBe(true);
    expect(await on('2026-03-02')).toBe(false);

    const year = Number(parisDate(t.clock.now()).slice(0, 4));
    const updated = await perfusionist.request('PATCH', `/api/professionals/${p.id}`, {
      version: qualified.json().version,
      trainingHours: [{ year, hours: 21.5 }],
      activity: [{ year, cecRuns: 120, ecmoRuns: 14 }],
    });
    expect(updated.json()).toMatchObject({
      trainingHours: [{ year, hours: 21.5 }],
      activity: [{ year, cecRuns: 120, ecmoRuns: 14 }],
    });
    const stale = await perfusionist.request('PATCH', `/api/professionals/${p.id}`, { version: 1, firstName: 'X' });
    expect(stale.statusCode).toBe(409);
  });

  it('refuses an identifier of the wrong form, a future issue date and an establishment outside scope, storing nothing', async () => {
    const before = await everything();
    const wrong = await perfusionist.request(
      'POST',
      '/api/professionals',
      newProfessional({ identifier: { kind: 'rpps', value: '1234' } }),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'body.identifier.value' });
    const elsewhere = await perfusionist.request(
      'POST',
      '/api/professionals',
      newProfessional({ establishments: [GRENOBLE] }),
    );
    expect(elsewhere.statusCode).toBe(403);
    const [someone] = await t.db.query<{ id: string }>(
      'SELECT professional_id AS id FROM professional_establishments WHERE finess = $1 LIMIT 1',
      [LYON],
    );
    const future = await perfusionist.request('POST', `/api/professionals/${someone?.id}/qualifications`, {
      kind: 'ecmo_vv',
      issuer: 'CHU',
      issuedOn: '2099-01-01',
    });
    expect(future.json().errors[0]).toMatchObject({ field: 'body.issuedOn', code: 'in_future' });
    expect(await everything()).toEqual(before);
  });
  it('lets nobody take away an establishment outside their reach, changing nothing', async () => {
    const both = await regional.request(
      'POST',
      '/api/professionals',
      newProfessional({ lastName: 'Deux-Sites', establishments: [LYON, GRENOBLE] }),
    );
    expect(both.statusCode).toBe(201);
    const before = await everything();
    const res = await perfusionist.request('PATCH', `/api/professionals/${both.json().id}`, {
      version: both.json().version,
      establishments: [LYON],
    });
    expect(res.statusCode).toBe(403);
    expect(await everything()).toEqual(before);
    const regionWide = await regional.request('PATCH', `/api/professionals/${both.json().id}`, {
      version: both.json().version,
      establishments: [LYON],
    });
    expect(regionWide.json().establishments).toEqual([{ finess: LYON, name: expect.any(String) }]);
  });
});

describe('activity per centre', () => {
  it('records a centre’s runs for a year, and refuses another hospital’s, changing nothing', async () => {
    const year = Number(parisDate(t.clock.now()).slice(0, 4));
    const recorded = await perfusionist.request('PUT', `/api/activity/centres/${LYON}`, {
      year,
      cecRuns: 612,
      ecmoRuns: 74,
    });
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json().items[0]).toMatchObject({ finess: LYON, year, cecRuns: 612, ecmoRuns: 74 });
    expect(recorded.json().items.length).toBeGreaterThan(1);
    const before = await everything();
    const elsewhere = await perfusionist.request('PUT', `/api/activity/centres/${GRENOBLE}`, {
      year,
      cecRuns: 1,
      ecmoRuns: 1,
    });
    expect(elsewhere.statusCode).toBe(403);
    const negative = await perfusionist.request('PUT', `/api/activity/centres/${LYON}`, {
      year,
      cecRuns: -1,
      ecmoRuns: 0,
    });
    expect(negative.json().errors[0]).toMatchObject({ field: 'body.cecRuns' });
    expect(await everything()).toEqual(before);
  });
});

describe('teams and the on-call roster', () => {
  async function lyonTeam(kind = 'ecmo') {
    const list = (await perfusionist.request('GET', `/api/teams?finess=${LYON}&kind=${kind}`)).json();
    return (await perfusionist.request('GET', `/api/teams/${list.items[0].id}`)).json();
  }

  it('refuses a member working outside the user’s establishment and a mobile unit without transport, changing nothing', async () => {
    const team = await lyonTeam();
    const [outsider] = await t.db.query<{ id: string }>(
      'SELECT professional_id AS id FROM professional_establishments WHERE finess = $1 LIMIT 1',
      [GRENOBLE],
    );
    const before = await everything();
    const res = await perfusionist.request('PUT', `/api/teams/${team.id}/members`, {
      version: team.version,
      members: [
        ...team.members.map((m: { professionalId: string; role: string }) => ({
          professionalId: m.professionalId,
          role: m.role,
        })),
        { professionalId: outsider?.id, role: 'nurse' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({
      field: `body.members.${team.members.length}.professionalId`,
      code: 'outside_establishment',
    });
    const umac = await perfusionist.request('POST', '/api/teams', {
      name: 'UMAC sans véhicule',
      kind: 'umac',
      base: LYON,
    });
    expect(umac.json().errors[0]).toMatchObject({ field: 'body.transport' });
    expect(await everything()).toEqual(before);
  });

  it('says which teams are deployable now, and why not when the composition is missing', async () => {
    const team = await lyonTeam('umac');
    const doctor = team.members.find((m: { role: string }) => m.role === 'surgeon' || m.role === 'intensivist');
    const runner = team.members.find((m: { role: string }) => m.role === 'perfusionist');
    const from = hour(-1);
    const to = hour(2);
    // Clear the current slots, then put only the doctor on site: not deployable, a perfusionist missing.
    await t.db.query(
      "DELETE FROM shifts WHERE team_id = $1 AND ends_at > $2::timestamptz - interval '1 day' AND starts_at < $2::timestamptz + interval '1 day'",
      [team.id, t.clock.now()],
    );
    const half = await perfusionist.request('PUT', `/api/teams/${team.id}/shifts`, {
      from,
      to,
      shifts: [
        { professionalId: doctor.professionalId, role: doctor.role, kind: 'on_site', startsAt: from, endsAt: to },
      ],
    });
    expect(half.statusCode).toBe(200);
    expect(half.json().gaps[0]).toMatchObject({ teamId: team.id, missing: [['perfusionist']] });
    const notYet = (await regional.request('GET', `/api/teams/availability?region=84&kind=umac`)).json();
    expect(notYet.items.find((x: { id: string }) => x.id === team.id)).toMatchObject({
      deployable: false,
      missing: [['perfusionist']],
    });
    const full = await perfusionist.request('PUT', `/api/teams/${team.id}/shifts`, {
      from,
      to,
      shifts: [
        { professionalId: doctor.professionalId, role: doctor.role, kind: 'on_site', startsAt: from, endsAt: to },
        {
          professionalId: runner.professionalId,
          role: 'perfusionist',
          kind: 'on_call',
          startsAt: from,
          endsAt: to,
          callInMinutes: 20,
        },
      ],
    });
    expect(full.json().gaps).toEqual([]);
    const now = (await regional.request('GET', `/api/teams/availability?region=84&kind=umac`)).json();
    expect(now.items.find((x: { id: string }) => x.id === team.id)).toMatchObject({
      deployable: true,
      readyInMinutes: 20,
    });
  });

  it('refuses a shift ending before it starts and a person on duty in two teams at once, storing nothing', async () => {
    const ecmo = await lyonTeam('ecmo');
    const umac = await lyonTeam('umac');
    const person = ecmo.members[0];
    const from = '2099-02-01T00:00:00Z';
    const to = '2099-02-02T00:00:00Z';
    await t.db.query('INSERT INTO team_members (team_id, professional_id, role) VALUES ($1, $2, $3)', [
      umac.id,
      person.professionalId,
      person.role,
    ]);
    const shift = (startsAt: string, endsAt: string) => ({
      professionalId: person.professionalId,
      role: person.role,
      kind: 'on_site',
      startsAt,
      endsAt,
    });
    const first = await perfusionist.request('PUT', `/api/teams/${ecmo.id}/shifts`, {
      from,
      to,
      shifts: [shift('2099-02-01T08:00:00Z', '2099-02-01T20:00:00Z')],
    });
    expect(first.statusCode).toBe(200);
    const before = await everything();
    const backwards = await perfusionist.request('PUT', `/api/teams/${umac.id}/shifts`, {
      from,
      to,
      shifts: [shift('2099-02-01T20:00:00Z', '2099-02-01T08:00:00Z')],
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0]).toMatchObject({ field: 'body.shifts.0.endsAt', code: 'ends_before_start' });
    const twice = await perfusionist.request('PUT', `/api/teams/${umac.id}/shifts`, {
      from,
      to,
      shifts: [shift('2099-02-01T12:00:00Z', '2099-02-01T22:00:00Z')],
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().errors[0]).toMatchObject({ field: 'body.shifts.0.startsAt', code: 'overlapping_shift' });
    expect(await everything()).toEqual(before);
  });

  it('imports a roster from CSV: validation reports each row, a bad file stores nothing, a good one all of it', async () => {
    const team = await lyonTeam('ecmo');
    const [member] = await t.db.query<{ id_value: string }>(
      'SELECT p.id_value FROM team_members m JOIN professionals p ON p.id = m.professional_id WHERE m.team_id = $1 AND m.role = $2 LIMIT 1',
      [team.id, 'nurse'],
    );
    const good = `${team.name};${member?.id_value};infirmière;astreinte;2099-03-02 20:00;2099-03-03 08:00;25`;
    const file = (rows: string[]) => `equipe;identifiant;role;type;debut;fin;delai_minutes\n${rows.join('\n')}\n`;
    const before = await everything();
    const mixed = await perfusionist.request(
      'POST',
      '/api/roster/imports?mode=all',
      file([good, `${team.name};00000000000;perfusionniste;garde;2099-03-02 08:00;2099-03-02 07:00;`]),
      CSV,
    );
    // All or nothing, as the census import: a file with an invalid row is a 400 naming its rows' columns.
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().errors.map((e: { field: string }) => e.field)).toContain('rows.3.identifiant');
    expect(mixed.json().errors.map((e: { field: string }) => e.field)).not.toContain('rows.2.equipe');
    expect(await everything()).toEqual(before);
    const checked = await perfusionist.request(
      'POST',
      '/api/roster/imports?mode=validate',
      file([good, `${team.name};00000000000;perfusionniste;garde;2099-03-02 08:00;2099-03-02 07:00;`]),
      CSV,
    );
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toMatchObject({ rows: 2, valid: 1, invalid: 1, stored: 0 });
    expect(checked.json().report[1].errors.map((e: { field: string }) => e.field)).toContain('identifiant');
    const stored = await perfusionist.request('POST', '/api/roster/imports?mode=all', file([good]), CSV);
    expect(stored.json()).toMatchObject({ stored: 1 });
    const week = (
      await perfusionist.request('GET', `/api/shifts?team=${team.id}&from=2099-03-02T00:00:00Z&to=2099-03-04T00:00:00Z`)
    ).json();
    expect(week.shifts).toHaveLength(1);
    expect(week.shifts[0]).toMatchObject({ kind: 'on_call', callInMinutes: 25 });
  });

  it('imports a roster saved by French Excel (Windows-1252, accented headers and words), refusing formula cells', async () => {
    const team = await lyonTeam('ecmo');
    const [member] = await t.db.query<{ id_value: string }>(
      'SELECT p.id_value FROM team_members m JOIN professionals p ON p.id = m.professional_id WHERE m.team_id = $1 AND m.role = $2 LIMIT 1',
      [team.id, 'nurse'],
    );
    const header = 'Équipe;Identifiant;Rôle;Type;Début;Fin;Délai (minutes)';
    const good = `${team.name};${member?.id_value};Infirmière;Astreinte;2099-04-06 20:00;2099-04-07 08:00;20`;
    const before = await everything();
    const formula = await perfusionist.request(
      'POST',
      '/api/roster/imports?mode=validate',
      windows1252(`${header}\r\n${good.replace('Astreinte', "-2+3+cmd|' /C calc'!A0")}\r\n`),
      CSV,
    );
    expect(formula.json().report[0].errors).toEqual([expect.objectContaining({ code: 'unsafe_cell' })]);
    const res = await perfusionist.request(
      'POST',
      '/api/roster/imports?mode=all',
      windows1252(`${header}\r\n${good}\r\n`),
      CSV,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 1, invalid: 0, stored: 1 });
    expect((await everything())?.shifts).toBe((before?.shifts ?? 0) + 1);
  });

  it('shows the signed-in perfusionist her own week of shifts', async () => {
    const from = new Date(t.clock.now().getTime() - 3 * 86_400_000).toISOString();
    const to = new Date(t.clock.now().getTime() + 4 * 86_400_000).toISOString();
    const mine = (await perfusionist.request('GET', `/api/shifts?from=${from}&to=${to}&mine=true`)).json();
    expect(mine.shifts.length).toBeGreaterThan(0);
    expect(new Set(mine.shifts.map((s: { name: string }) => s.name))).toEqual(new Set(['Morgane Perfusion']));
  });
  it('keeps shifts to a member’s role in the team, and takes a removed member off the roster to come', async () => {
    const doc = (
      await perfusionist.request('POST', '/api/professionals', newProfessional({ profession: 'intensivist' }))
    ).json();
    const runner = (await perfusionist.request('POST', '/api/professionals', newProfessional())).json();
    for (const [p, kind] of [
      [doc, 'ecmo_cannulation'],
      [runner, 'perfusion_master'],
    ] as const) {
      const q = await perfusionist.request('POST', `/api/professionals/${p.id}/qualifications`, {
        kind,
        issuer: 'Hospices Civils de Lyon',
        issuedOn: '2021-09-01',
      });
      expect(q.statusCode).toBe(201);
    }
    const team = (
      await perfusionist.request('POST', '/api/teams', { name: 'ECMO Pradel bis', kind: 'ecmo', base: LYON })
    ).json();
    const staffed = await perfusionist.request('PUT', `/api/teams/${team.id}/members`, {
      version: team.version,
      members: [
        { professionalId: doc.id, role: 'intensivist' },
        { professionalId: runner.id, role: 'perfusionist' },
      ],
    });
    expect(staffed.statusCode).toBe(200);
    const window = { from: '2099-05-01T00:00:00Z', to: '2099-05-02T00:00:00Z' };
    const shift = (professionalId: string, role: string) => ({
      professionalId,
      role,
      kind: 'on_site',
      startsAt: '2099-05-01T06:00:00Z',
      endsAt: '2099-05-01T18:00:00Z',
    });
    const before = await everything();
    const wrongRole = await perfusionist.request('PUT', `/api/teams/${team.id}/shifts`, {
      ...window,
      shifts: [shift(doc.id, 'intensivist'), shift(runner.id, 'nurse')],
    });
    expect(wrongRole.statusCode).toBe(400);
    expect(wrongRole.json().errors).toEqual([
      expect.objectContaining({ field: 'body.shifts.1.role', code: 'role_mismatch' }),
    ]);
    expect(await everything()).toEqual(before);
    const stored = await perfusionist.request('PUT', `/api/teams/${team.id}/shifts`, {
      ...window,
      shifts: [shift(doc.id, 'intensivist'), shift(runner.id, 'perfusionist')],
    });
    expect(stored.json().gaps.filter((g: { startsAt: string }) => g.startsAt === '2099-05-01T06:00:00.000Z')).toEqual(
      [],
    );
    const at = async () =>
      (await perfusionist.request('GET', `/api/teams/availability?finess=${LYON}&kind=ecmo&at=2099-05-01T10:00:00Z`))
        .json()
        .items.find((x: { id: string }) => x.id === team.id);
    expect(await at()).toMatchObject({ deployable: true, readyInMinutes: 0 });

    const removed = await perfusionist.request('PUT', `/api/teams/${team.id}/members`, {
      version: staffed.json().version,
      members: [{ professionalId: doc.id, role: 'intensivist' }],
    });
    expect(removed.statusCode).toBe(200);
    expect(await at()).toMatchObject({ deployable: false, missing: [['perfusionist', 'nurse']] });
    const left = await t.db.query('SELECT 1 FROM shifts WHERE team_id = $1 AND professional_id = $2', [
      team.id,
      runner.id,
    ]);
    expect(left).toHaveLength(0);
    const [audit] = await t.db.query<{ after: { roster: Record<string, number> } }>(
      "SELECT after FROM audit_log WHERE action = 'team.members' AND target_id = $1 ORDER BY seq DESC LIMIT 1",
      [team.id],
    );
    expect(audit?.after.roster).toEqual({ removed: 1, ended: 0, retagged: 0 });
  });

  it('reports a CSV row whose role is not the person’s role in the team under the role column', async () => {
    const team = await lyonTeam('ecmo');
    const [nurse] = await t.db.query<{ id_value: string }>(
      'SELECT p.id_value FROM team_members m JOIN professionals p ON p.id = m.professional_id WHERE m.team_id = $1 AND m.role = $2 LIMIT 1',
      [team.id, 'nurse'],
    );
    const before = await everything();
    const res = await perfusionist.request(
      'POST',
      '/api/roster/imports?mode=all',
      `equipe;identifiant;role;type;debut;fin\n${team.name};${nurse?.id_value};chirurgien;garde;2099-06-01 08:00;2099-06-01 20:00\n`,
      CSV,
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'rows.2.rôle', code: 'role_mismatch' })]);
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
    const filed = (
      await clinician.request('POST', '/api/requests', {
        caseCode: 'TEAM-26-0002',
        finess: LYON,
        ageBand: '40-59',
        indication: 'VA',
        urgency: 'hours',
        siteCanHost: false,
        contact: { name: 'Dr Claude Réanimation', phone: '04 72 11 89 00' },
      })
    ).json();
    await regional.request('POST', `/api/requests/${filed.id}/status`, { version: 1, state: 'regional_regulation' });
    const transfers = async () =>
      (
        (await regional.request('GET', `/api/requests/${filed.id}/options`)).json().items as {
          kind: string;
          team: { id: string } | null;
          key: string;
        }[]
      ).filter((o) => o.kind === 'transfer');
    const [first] = await transfers();
    expect(first?.team).not.toBeNull();
    const teamId = first?.team?.id as string;
    const [runner] = await t.db.query<{ id: string; role: string }>(
      `SELECT s.professional_id AS id, s.role FROM shifts s WHERE s.team_id = $1 AND s.role IN ('perfusionist', 'nurse')
         AND s.starts_at <= $2 AND s.ends_at > $2`,
      [teamId, t.clock.now()],
    );
    expect(runner).toBeDefined();
    // The runner's qualifications lapse unseen (straight in the database), then any roster change shows it.
    await t.db.query('DELETE FROM qualifications WHERE professional_id = $1', [runner?.id]);
    await admin.request('PUT', `/api/teams/${teamId}/shifts`, {
      from: '2099-04-01T00:00:00Z',
      to: '2099-04-02T00:00:00Z',
      shifts: [],
    });
    expect((await transfers()).find((o) => o.key === first?.key)).toBeUndefined();
    // A qualification recorded through the API is seen at once.
    const qualified = await admin.request('POST', `/api/professionals/${runner?.id}/qualifications`, {
      kind: runner?.role === 'nurse' ? 'ecmo_va' : 'perfusion_master',
      issuer: 'Centre hospitalier universitaire',
      issuedOn: '2020-01-15',
    });
    expect(qualified.statusCode).toBe(201);
    expect((await transfers()).find((o) => o.key === first?.key)?.team?.id).toBe(teamId);
    // The runner leaves the team: their shift under way ends now, and the transfer goes.
    const team = (await admin.request('GET', `/api/teams/${teamId}`)).json();
    const updated = await admin.request('PUT', `/api/teams/${teamId}/members`, {
      version: team.version,
      members: team.members
        .filter((m: { professionalId: string }) => m.professionalId !== runner?.id)
        .map((m: { professionalId: string; role: string }) => ({ professionalId: m.professionalId, role: m.role })),
    });
    expect(updated.statusCode).toBe(200);
    expect((await transfers()).find((o) => o.key === first?.key)).toBeUndefined();
    const ongoing = await t.db.query(
      'SELECT 1 FROM shifts WHERE team_id = $1 AND professional_id = $2 AND ends_at > $3',
      [teamId, runner?.id, t.clock.now()],
    );
    expect(ongoing).toHaveLength(0);
    // The team's page sends its window back as it reads it: the shift of the member who left stands as it was.
    const from = new Date(t.clock.now().getTime() - 13 * 3_600_000).toISOString();
    const to = new Date(t.clock.now().getTime() + 12 * 3_600_000).toISOString();
    const read = (await admin.request('GET', `/api/shifts?team=${teamId}&from=${from}&to=${to}`)).json();
    const sent = read.shifts
      .filter((x: { startsAt: string }) => x.startsAt >= from)
      .map(({ id: _, teamId: __, teamName: ___, name: ____, ...x }: Record<string, unknown>) => x);
    expect(sent.some((x: { professionalId: string }) => x.professionalId === runner?.id)).toBe(true);
    const resent = await admin.request('PUT', `/api/teams/${teamId}/shifts`, { from, to, shifts: sent });
    expect(resent.statusCode).toBe(200);
    // Not so a new shift for them.
    const added = await admin.request('PUT', `/api/teams/${teamId}/shifts`, {
      from,
      to,
      shifts: [
        ...sent,
        {
          professionalId: runner?.id,
          role: runner?.role,
          kind: 'on_call',
          startsAt: new Date(t.clock.now().getTime() + 11 * 3_600_000).toISOString(),
          endsAt: new Date(t.clock.now().getTime() + 20 * 3_600_000).toISOString(),
          callInMinutes: 30,
        },
      ],
    });
    expect(added.json().errors).toEqual([expect.objectContaining({ code: 'not_member' })]);
  });

  it('names the deployable team of a transfer, and offers no transfer once its roster is empty', async () => {
    const clinician = await t.login(DEMO.clinician);
    const filed = (
      await clinician.request('POST', '/api/requests', {
        caseCode: 'TEAM-26-0001',
        finess: LYON,
        ageBand: '40-59',
        indication: 'VV',
        urgency: 'immediate',
        siteCanHost: false,
        contact: { name: 'Dr Claude Réanimation', phone: '04 72 11 89 00' },
      })
    ).json();
    await regional.request('POST', `/api/requests/${filed.id}/status`, { version: 1, state: 'regional_regulation' });
    const options = (await regional.request('GET', `/api/requests/${filed.id}/options`)).json().items;
    const transfer = options.find((o: { kind: string }) => o.kind === 'transfer');
    expect(transfer.team).toMatchObject({ name: expect.stringContaining('ECMO') });
    expect(transfer.reasons.map((r: { code: string }) => r.code)).toContain('team_named');
    // The provider's ECMO team loses everyone on duty now: its transfer is no longer proposed.
    const from = new Date(t.clock.now().getTime() - 12 * 3_600_000).toISOString();
    const to = new Date(t.clock.now().getTime() + 12 * 3_600_000).toISOString();
    await t.db.query('DELETE FROM shifts WHERE team_id = $1 AND starts_at < $3 AND ends_at > $2', [
      transfer.team.id,
      from,
      to,
    ]);
    // Any roster change (here an empty window far ahead) tells every instance to look again.
    await regional.request('PUT', `/api/teams/${transfer.team.id}/shifts`, {
      from: '2099-04-01T00:00:00Z',
      to: '2099-04-02T00:00:00Z',
      shifts: [],
    });
    const after = (await regional.request('GET', `/api/requests/${filed.id}/options`)).json().items;
    expect(after.find((o: { key: string }) => o.key === transfer.key)).toBeUndefined();
  });
});
