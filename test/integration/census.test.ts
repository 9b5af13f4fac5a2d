import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFiness } from '../../src/domain/identifiers.ts';
import { currentIsoWeek, shiftIsoWeek } from '../../src/domain/time.ts';
import { type Agent, createTestApp, DEMO, TEST_NOW, type TestApp } from '../support/test-app.ts';

const LYON = '690784186'; // no report this week in the demo
const PITIE = '750100125';
const week = currentIsoWeek(TEST_NOW);
let t: TestApp;
let clinician: Agent;
let regional: Agent;

beforeAll(async () => {
  t = await createTestApp();
  clinician = await t.login(DEMO.clinician);
  regional = await t.login(DEMO.regional);
});
afterAll(() => t?.close());

async function registered(finess: string): Promise<number> {
  const [row] = await t.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM consoles WHERE owner_finess = $1 OR site_finess = $1',
    [finess],
  );
  return row?.n ?? 0;
}

async function report(finess: string, extra: Record<string, unknown> = {}) {
  const n = await registered(finess);
  return {
    week,
    finess,
    consoles: { available: n - 2, inUse: 2, maintenance: 0, lent: 0, outOfService: 0, inTransit: 0 },
    circuits: 6,
    cannulas: 12,
    patients: { vv: 1, va: 1 },
    teams: 2,
    comment: 'Deux patients, une équipe d’astreinte renforcée',
    ...extra,
  };
}

async function censusState() {
  const [row] = await t.db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM census_reports)::int AS reports, (SELECT count(*) FILTER (WHERE is_current) FROM census_reports)::int AS current,
       (SELECT count(*) FROM audit_log)::int AS audit`,
  );
  return row;
}

describe('submitting the weekly census', () => {
  it('takes a hospital user’s report for her establishment, and the campaign and boards show it at once', async () => {
    const res = await clinician.request('POST', '/api/census/reports', await report(LYON));
    expect(res.statusCode).toBe(201);
    const stored = res.json();
    expect(stored).toMatchObject({
      week,
      finess: LYON,
      version: 1,
      current: true,
      source: 'api',
      patients: { vv: 1, va: 1 },
      submittedBy: DEMO.clinician,
    });
    const campaign = (await regional.request('GET', `/api/census/campaigns/${week}?finess=${LYON}`)).json();
    expect(campaign.establishments[0].status).toBe(stored.onTime ? 'on_time' : 'late');
    const board = (await regional.request('GET', '/api/boards/regions/84')).json();
    const lyon = board.establishments.find((e: { finess: string }) => e.finess === LYON);
    expect(lyon).toMatchObject({ patients: { vv: 1, va: 1 }, teams: 2, stale: false, census: { week, version: 1 } });
  });

  it('records that a report was typed in the web app rather than sent by another system', async () => {
    const perfusionist = await t.login(DEMO.perfusionist);
    const res = await perfusionist.request(
      'POST',
      '/api/census/reports',
      await report(LYON, { correctionReason: 'saisie web' }),
      {
        'x-relais-client': 'web',
      },
    );
    expect(res.json()).toMatchObject({ source: 'form', version: 2 });
  });

  it('asks for a reason to correct, then keeps both versions, only the newest current', async () => {
    const before = await censusState();
    const again = await clinician.request('POST', '/api/census/reports', await report(LYON, { teams: 3 }));
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0]).toMatchObject({
      field: 'body.correctionReason',
      code: 'census.correction_reason_required',
    });
    expect(await censusState()).toEqual(before);
    const corrected = await clinician.request(
      'POST',
      '/api/census/reports',
      await report(LYON, { teams: 3, correctionReason: 'une équipe de plus' }),
    );
    expect(corrected.json()).toMatchObject({ version: 3, teams: 3, correctionReason: 'une équipe de plus' });
    const history = (await clinician.request('GET', `/api/census/reports?finess=${LYON}`)).json().items;
    const thisWeek = history.filter((r: { week: string }) => r.week === week);
    expect(thisWeek.map((r: { version: number; current: boolean }) => [r.version, r.current])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    const [audit] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'census.correct'",
    );
    expect(audit?.n).toBe(2);
  });

  it('numbers concurrent corrections without gaps or duplicates, one current version', async () => {
    const body = await report(LYON, { correctionReason: 'concurrent edit' });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => clinician.request('POST', '/api/census/reports', body)),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    const versions = results.map((r) => r.json().version).sort((a: number, b: number) => a - b);
    expect(versions).toEqual([4, 5, 6, 7, 8, 9]);
    const [row] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM census_reports WHERE week = $1 AND finess = $2 AND is_current',
      [week, LYON],
    );
    expect(row?.n).toBe(1);
  });

  it('refuses figures that disagree with the console register, naming the field and both numbers', async () => {
    const before = await censusState();
    const n = await registered(LYON);
    const reason = { correctionReason: 'test' };
    const total = await clinician.request(
      'POST',
      '/api/census/reports',
      await report(LYON, {
        ...reason,
        consoles: { available: n + 3, inUse: 0, maintenance: 0, lent: 0, outOfService: 0, inTransit: 0 },
        patients: { vv: 0, va: 0 },
      }),
    );
    expect(total.statusCode).toBe(400);
    expect(total.json().errors[0]).toMatchObject({
      field: 'body.consoles',
      code: 'census.total_differs_from_register',
    });
    expect(total.json().errors[0].message).toContain(String(n));
    const inUse = await clinician.request(
      'POST',
      '/api/census/reports',
      await report(LYON, {
        ...reason,
        consoles: { available: 0, inUse: n + 1, maintenance: 0, lent: 0, outOfService: 0, inTransit: 0 },
      }),
    );
    expect(inUse.json().errors[0]).toMatchObject({
      field: 'body.consoles.inUse',
      code: 'census.in_use_exceeds_register',
    });
    const patients = await clinician.request(
      'POST',
      '/api/census/reports',
      await report(LYON, { ...reason, patients: { vv: 2, va: 1 } }),
    );
    expect(patients.json().errors[0]).toMatchObject({
      field: 'body.patients',
      code: 'census.patients_exceed_consoles',
    });
    const negative = await clinician.request(
      'POST',
      '/api/census/reports',
      await report(LYON, { ...reason, circuits: -1 }),
    );
    expect(negative.json().errors[0]).toMatchObject({ field: 'body.circuits', code: 'too_small' });
    expect(await censusState()).toEqual(before);
  });

  it('refuses a week that does not exist or has not begun, an unknown or non-ECMO establishment, and another hospital', async () => {
    const admin = await t.login(DEMO.admin);
    const before = await censusState();
    const noWeek = await clinician.request('POST', '/api/census/reports', await report(LYON, { week: '2026-W54' }));
    expect(noWeek.json().errors[0]).toMatchObject({ field: 'body.week', code: 'census.no_such_week' });
    const future = await clinician.request(
      'POST',
      '/api/census/reports',
      await report(LYON, { week: shiftIsoWeek(week, 2) }),
    );
    expect(future.json().errors[0]).toMatchObject({ field: 'body.week', code: 'census.week_not_started' });
    const zero = {
      consoles: { available: 0, inUse: 0, maintenance: 0, lent: 0, outOfService: 0, inTransit: 0 },
      patients: { vv: 0, va: 0 },
    };
    const unknown = await admin.request('POST', '/api/census/reports', {
      ...(await report(LYON)),
      ...zero,
      finess: completeFiness('69099991'),
    });
    expect(unknown.json().errors[0]).toMatchObject({ field: 'body.finess', code: 'census.unknown_establishment' });
    const notEcmo = await admin.request('POST', '/api/census/reports', {
      ...(await report(LYON)),
      ...zero,
      finess: '690000880',
    });
    expect(notEcmo.json().errors[0]).toMatchObject({ field: 'body.finess', code: 'census.not_expected' });
    const elsewhere = await clinician.request('POST', '/api/census/reports', await report(PITIE));
    expect(elsewhere.statusCode).toBe(403);
    expect(await censusState()).toEqual(before);
  });
});

describe('completeness, timeliness and reminders', () => {
  it('counts expected, received, on time, late and missing per region and week', async () => {
    const { current, items } = (await regional.request('GET', '/api/census/campaigns?weeks=4')).json();
    expect(current).toBe(week);
    expect(items).toHaveLength(4);
    for (const c of items) {
      expect(c.completeness.expected).toBe(8);
      expect(c.completeness.onTime + c.completeness.late).toBe(c.completeness.received);
      if (c.phase === 'closed') expect(c.completeness.missing).toBe(c.completeness.expected - c.completeness.received);
    }
  });

  it('lists who is missing and e-mails their hospital contacts on request, recording the reminder', async () => {
    const idf = await t.login(DEMO.regionalIdf);
    const detail = (await idf.request('GET', `/api/census/campaigns/${week}?region=11`)).json();
    const missing = detail.establishments.filter(
      (e: { status: string }) => e.status === 'missing' || e.status === 'pending',
    );
    expect(missing.length).toBeGreaterThan(0);
    // A contact of a missing hospital, so that the reminder has someone to reach.
    const admin = await t.login(DEMO.admin);
    await admin.request('POST', '/api/users', {
      email: 'reanimation@pitie.example.fr',
      displayName: 'Réa Pitié',
      password: 'long-enough-secret',
      grants: missing.map((m: { finess: string }) => ({
        role: 'clinician',
        scopeKind: 'establishment',
        scopeCode: m.finess,
      })),
    });
    const res = await idf.request('POST', `/api/census/campaigns/${week}/reminders`, { region: '11' });
    expect(res.json()).toEqual({ establishments: missing.length, recipients: missing.length });
    const outbox = (await admin.request('GET', '/api/outbox')).json().items;
    expect(outbox[0]).toMatchObject({
      to: 'reanimation@pitie.example.fr',
      status: 'outbox',
      subject: expect.stringContaining(week),
    });
    const after = (
      await idf.request('GET', `/api/census/campaigns/${week}?region=11&status=${missing[0].status}`)
    ).json();
    expect(after.establishments.every((e: { lastReminderAt: string | null }) => e.lastReminderAt !== null)).toBe(true);
  });

  it('does not let a regional regulator remind another region', async () => {
    const before = await censusState();
    expect(
      (await regional.request('POST', `/api/census/campaigns/${week}/reminders`, { region: '11' })).statusCode,
    ).toBe(403);
    expect(await censusState()).toEqual(before);
  });
});
