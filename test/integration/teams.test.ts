import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '../../src/domain/time.ts';
import { loadProviders } from '../../src/server/modules/regulation/options.service.ts';
import { remindUpkeep } from '../../src/server/modules/teams/upkeep.service.ts';
import { type Agent, createTestApp, DEMO, type TestApp, testConfig } from '../support/test-app.ts';

const LYON = '690784186';
const GRENOBLE = '380000067';
const CSV = { 'content-type': 'text/csv' };
let t: TestApp;
let perfusionist: Agent;
let regional: Agent;
let national: Agent;

beforeAll(async () => {
  t = await createTestApp();
  perfusionist = await t.login(DEMO.perfusionist);
  regional = await t.login(DEMO.regional);
  national = await t.login(DEMO.national);
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
const hour = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

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

    const year = Number(parisDate(new Date()).slice(0, 4));
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
});

describe('activity per centre', () => {
  it('records a centre’s runs for a year, and refuses another hospital’s, changing nothing', async () => {
    const year = Number(parisDate(new Date()).slice(0, 4));
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
      "DELETE FROM shifts WHERE team_id = $1 AND ends_at > now() - interval '1 day' AND starts_at < now() + interval '1 day'",
      [team.id],
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
    expect(mixed.statusCode).toBe(200);
    expect(mixed.json()).toMatchObject({ rows: 2, valid: 1, invalid: 1, stored: 0 });
    expect(mixed.json().report[1].errors.map((e: { field: string }) => e.field)).toContain('identifiant');
    expect(await everything()).toEqual(before);
    const stored = await perfusionist.request('POST', '/api/roster/imports?mode=all', file([good]), CSV);
    expect(stored.json()).toMatchObject({ stored: 1 });
    const week = (
      await perfusionist.request('GET', `/api/shifts?team=${team.id}&from=2099-03-02T00:00:00Z&to=2099-03-04T00:00:00Z`)
    ).json();
    expect(week.shifts).toHaveLength(1);
    expect(week.shifts[0]).toMatchObject({ kind: 'on_call', callInMinutes: 25 });
  });

  it('shows the signed-in perfusionist her own week of shifts', async () => {
    const from = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const to = new Date(Date.now() + 4 * 86_400_000).toISOString();
    const mine = (await perfusionist.request('GET', `/api/shifts?from=${from}&to=${to}&mine=true`)).json();
    expect(mine.shifts.length).toBeGreaterThan(0);
    expect(new Set(mine.shifts.map((s: { name: string }) => s.name))).toEqual(new Set(['Morgane Perfusion']));
  });
});

describe('equipment upkeep', () => {
  async function blockedConsole() {
    const due = (await perfusionist.request('GET', `/api/maintenance/due?finess=${LYON}`)).json();
    return due.items.find(
      (c: { calibration: string; status: string }) => c.calibration === 'overdue' && c.status === 'available',
    );
  }

  it('never offers a console overdue for calibration, until its calibration is recorded', async () => {
    const overdue = await blockedConsole();
    expect(overdue).toMatchObject({ blocked: true, calibration: 'overdue' });
    const settings = testConfig().regulation;
    const offered = async () =>
      (await loadProviders(t.db, parisDate(new Date()), { composition: settings.composition, at: new Date() }, LYON))
        .flatMap((p) => p.consoles)
        .map((c) => c.id);
    expect(await offered()).not.toContain(overdue.consoleId);
    const before = await everything();
    const future = await perfusionist.request('POST', `/api/devices/${overdue.consoleId}/maintenance`, {
      kind: 'calibration',
      performedOn: '2099-01-01',
      performedBy: 'Service biomédical',
    });
    expect(future.json().errors[0]).toMatchObject({ field: 'body.performedOn', code: 'in_future' });
    expect(await everything()).toEqual(before);
    const done = await perfusionist.request('POST', `/api/devices/${overdue.consoleId}/maintenance`, {
      kind: 'calibration',
      performedOn: parisDate(new Date()),
      performedBy: 'Getinge service',
    });
    expect(done.statusCode).toBe(201);
    expect(done.json()).toMatchObject({ calibration: 'ok', blocked: false });
    expect(await offered()).toContain(overdue.consoleId);
  });

  it('refuses a check signed by someone without the qualification; a failed check holds the console back', async () => {
    const [c] = await t.db.query<{ id: string }>(
      "SELECT id FROM consoles WHERE site_finess = $1 AND status = 'available' AND NOT check_required ORDER BY serial_number DESC LIMIT 1",
      [LYON],
    );
    const [doctor] = await t.db.query<{ id: string }>(
      `SELECT p.id FROM professionals p JOIN professional_establishments pe ON pe.professional_id = p.id
       WHERE pe.finess = $1 AND p.profession = 'cardiac_surgeon' LIMIT 1`,
      [LYON],
    );
    const [me] = await t.db.query<{ id: string }>(
      "SELECT p.id FROM professionals p JOIN users u ON u.id = p.user_id WHERE u.email = 'perfusionist@demo.relais.fr'",
    );
    const items = {
      integrity: true,
      alarms: true,
      battery: true,
      flowSensor: true,
      gasBlender: true,
      heaterCooler: true,
    };
    const before = await everything();
    const unqualified = await perfusionist.request('POST', `/api/devices/${c?.id}/checks`, {
      signedBy: doctor?.id,
      items,
    });
    expect(unqualified.statusCode).toBe(400);
    expect(unqualified.json().errors[0]).toMatchObject({ field: 'body.signedBy', code: 'not_qualified' });
    expect(await everything()).toEqual(before);
    const failed = await perfusionist.request('POST', `/api/devices/${c?.id}/checks`, {
      signedBy: me?.id,
      items: { ...items, battery: false },
      notes: 'Batterie à 40 % après charge',
    });
    expect(failed.json()).toMatchObject({ checkRequired: true, blocked: true, lastCheck: { passed: false } });
    const passed = await perfusionist.request('POST', `/api/devices/${c?.id}/checks`, { signedBy: me?.id, items });
    expect(passed.json()).toMatchObject({
      checkRequired: false,
      blocked: false,
      lastCheck: { passed: true, signedBy: { name: 'Morgane Perfusion' } },
    });
    expect(
      (await national.request('POST', `/api/devices/${c?.id}/checks`, { signedBy: me?.id, items })).statusCode,
    ).toBe(403);
  });

  it('reminds the owning hospital’s perfusionists of a due date once', async () => {
    const settings = { ...testConfig().upkeep, reminderDays: 400 };
    const first = await remindUpkeep(t.db, settings);
    expect(first).toBeGreaterThan(0);
    expect(await remindUpkeep(t.db, settings)).toBe(0);
    const mails = await t.db.query<{ to_address: string }>(
      "SELECT DISTINCT to_address FROM mail_outbox WHERE subject LIKE '%console%échéance%' OR subject LIKE '%à faire avant%'",
    );
    expect(mails.map((m) => m.to_address)).toContain(DEMO.perfusionist);
  });
});

describe('regulation with the roster', () => {
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
    const from = new Date(Date.now() - 12 * 3_600_000).toISOString();
    const to = new Date(Date.now() + 12 * 3_600_000).toISOString();
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
