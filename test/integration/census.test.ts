import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFiness } from '../../src/domain/identifiers.ts';
import { currentIsoWeek, shiftIsoWeek } from '../../src/domain/time.ts';
import { type CensusReportInput, censusReportInput } from '../../src/server/seed/api-factories.ts';
import { auditCount, currentReports, registeredConsoles } from '../support/reads.ts';
import {
  type Agent,
  createTestApp,
  DEMO,
  expectStatus,
  snapshot,
  TEST_NOW,
  type TestApp,
} from '../support/test-app.ts';

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

/** A report of this week that agrees with the establishment's register. */
async function report(finess: string, extra: Partial<CensusReportInput> = {}) {
  return { body: censusReportInput(week, finess, await registeredConsoles(t.db, finess), extra) };
}
const submit = async (agent: Agent, finess: string, extra: Partial<CensusReportInput> = {}) =>
  agent.call('submitCensusReport', await report(finess, extra));

/** What a census submission writes: a refusal leaves it as it was. */
const censusState = () => snapshot(t.db, ['census_reports', 'audit_log']);

describe('submitting the weekly census', () => {
  it('takes a hospital user’s report for her establishment, and the campaign and boards show it at once', async () => {
    const res = await submit(clinician, LYON);
    expectStatus(res, 201);
    const stored = res.body;
    expect(stored).toMatchObject({
      week,
      finess: LYON,
      version: 1,
      current: true,
      source: 'api',
      patients: { vv: 1, va: 1 },
      submittedBy: DEMO.clinician,
    });
    const campaign = await regional.ok('getCensusCampaign', { params: { week }, query: { finess: LYON } });
    expect(campaign.establishments[0]?.status).toBe(stored.onTime ? 'on_time' : 'late');
    const board = await regional.ok('getRegionalBoard', { params: { region: '84' }, query: {} });
    const lyon = board.establishments.find((e) => e.finess === LYON);
    expect(lyon).toMatchObject({ patients: { vv: 1, va: 1 }, teams: 2, stale: false, census: { week, version: 1 } });
  });

  it('records that a report was typed in the web app rather than sent by another system', async () => {
    const perfusionist = await t.login(DEMO.perfusionist);
    const res = await perfusionist.call('submitCensusReport', await report(LYON, { correctionReason: 'saisie web' }), {
      headers: { 'x-relais-client': 'web' },
    });
    expect(res.body).toMatchObject({ source: 'form', version: 2 });
  });

  it('asks for a reason to correct, then keeps both versions, only the newest current', async () => {
    const before = await censusState();
    const again = await submit(clinician, LYON, { teams: 3 });
    expect(again.status).toBe(409);
    expect(again.problem?.errors?.[0]).toMatchObject({
      field: 'body.correctionReason',
      code: 'census.correction_reason_required',
    });
    expect(await censusState()).toEqual(before);
    const corrected = await submit(clinician, LYON, { teams: 3, correctionReason: 'une équipe de plus' });
    expect(corrected.body).toMatchObject({ version: 3, teams: 3, correctionReason: 'une équipe de plus' });
    const history = (await clinician.ok('listCensusReports', { query: { finess: LYON } })).items;
    const thisWeek = history.filter((r) => r.week === week);
    expect(thisWeek.map((r) => [r.version, r.current])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    expect(await auditCount(t.db, 'census.correct')).toBe(2);
  });

  it('numbers concurrent corrections without gaps or duplicates, one current version', async () => {
    const body = await report(LYON, { correctionReason: 'concurrent edit' });
    const results = await Promise.all(Array.from({ length: 6 }, () => clinician.call('submitCensusReport', body)));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    const versions = results.map((r) => (r.status === 201 ? r.body.version : 0)).sort((a, b) => a - b);
    expect(versions).toEqual([4, 5, 6, 7, 8, 9]);
    expect(await currentReports(t.db, week, LYON)).toBe(1);
  });

  it('refuses figures that disagree with the console register, naming the field and both numbers', async () => {
    const before = await censusState();
    const n = await registeredConsoles(t.db, LYON);
    const reason = { correctionReason: 'test' };
    const total = await submit(clinician, LYON, {
      ...reason,
      consoles: { available: n + 3, inUse: 0, maintenance: 0, lent: 0, outOfService: 0, inTransit: 0 },
      patients: { vv: 0, va: 0 },
    });
    expect(total.status).toBe(400);
    expect(total.problem?.errors?.[0]).toMatchObject({
      field: 'body.consoles',
      code: 'census.total_differs_from_register',
    });
    expect(total.problem?.errors?.[0]?.message).toContain(String(n));
    const inUse = await submit(clinician, LYON, {
      ...reason,
      consoles: { available: 0, inUse: n + 1, maintenance: 0, lent: 0, outOfService: 0, inTransit: 0 },
    });
    expect(inUse.problem?.errors?.[0]).toMatchObject({
      field: 'body.consoles.inUse',
      code: 'census.in_use_exceeds_register',
    });
    const patients = await submit(clinician, LYON, { ...reason, patients: { vv: 2, va: 1 } });
    expect(patients.problem?.errors?.[0]).toMatchObject({
      field: 'body.patients',
      code: 'census.patients_exceed_consoles',
    });
    const negative = await submit(clinician, LYON, { ...reason, circuits: -1 });
    expect(negative.problem?.errors?.[0]).toMatchObject({ field: 'body.circuits', code: 'too_small' });
    expect(await censusState()).toEqual(before);
  });

  it('refuses a week that does not exist or has not begun, an unknown or non-ECMO establishment, and another hospital', async () => {
    const admin = await t.login(DEMO.admin);
    const before = await censusState();
    const noWeek = await submit(clinician, LYON, { week: '2026-W54' });
    expect(noWeek.problem?.errors?.[0]).toMatchObject({ field: 'body.week', code: 'census.no_such_week' });
    const future = await submit(clinician, LYON, { week: shiftIsoWeek(week, 2) });
    expect(future.problem?.errors?.[0]).toMatchObject({ field: 'body.week', code: 'census.week_not_started' });
    const zero = {
      consoles: { available: 0, inUse: 0, maintenance: 0, lent: 0, outOfService: 0, inTransit: 0 },
      patients: { vv: 0, va: 0 },
    };
    const unknown = await submit(admin, LYON, { ...zero, finess: completeFiness('69099991') });
    expect(unknown.problem?.errors?.[0]).toMatchObject({
      field: 'body.finess',
      code: 'census.unknown_establishment',
    });
    const notEcmo = await submit(admin, LYON, { ...zero, finess: '690000880' });
    expect(notEcmo.problem?.errors?.[0]).toMatchObject({ field: 'body.finess', code: 'census.not_expected' });
    const elsewhere = await submit(clinician, PITIE);
    expect(elsewhere.status).toBe(403);
    expect(await censusState()).toEqual(before);
  });
});

describe('completeness, timeliness and reminders', () => {
  it('counts expected, received, on time, late and missing per region and week', async () => {
    const { current, items } = await regional.ok('listCensusCampaigns', { query: { weeks: 4 } });
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
    const detail = await idf.ok('getCensusCampaign', { params: { week }, query: { region: '11' } });
    const missing = detail.establishments.filter((e) => e.status === 'missing' || e.status === 'pending');
    expect(missing.length).toBeGreaterThan(0);
    // A contact of a missing hospital, so that the reminder has someone to reach.
    const admin = await t.login(DEMO.admin);
    await admin.ok('createUser', {
      body: {
        email: 'reanimation@pitie.example.fr',
        displayName: 'Réa Pitié',
        password: 'long-enough-secret',
        grants: missing.map((m) => ({ role: 'clinician', scopeKind: 'establishment', scopeCode: m.finess })),
      },
    });
    const res = await idf.call('remindCensus', { params: { week }, body: { region: '11' } });
    expect(res.body).toEqual({ establishments: missing.length, recipients: missing.length });
    const outbox = (await admin.ok('listOutbox', { query: {} })).items;
    expect(outbox[0]).toMatchObject({
      to: 'reanimation@pitie.example.fr',
      status: 'outbox',
      subject: expect.stringContaining(week),
    });
    const after = await idf.ok('getCensusCampaign', {
      params: { week },
      query: { region: '11', status: missing[0]?.status },
    });
    expect(after.establishments.every((e) => e.lastReminderAt !== null)).toBe(true);
  });

  it('does not let a regional regulator remind another region', async () => {
    const before = await censusState();
    expect((await regional.call('remindCensus', { params: { week }, body: { region: '11' } })).status).toBe(403);
    expect(await censusState()).toEqual(before);
  });
});
