/** Professionals, their qualifications, and the activity recorded per centre. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '../../src/domain/time.ts';
import { professionalRequest, someoneWorkingAt, TEAM_TABLES } from '../support/teams.ts';
import { type Agent, createTestApp, DEMO, expectStatus, snapshot, type TestApp } from '../support/test-app.ts';

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
const someoneAt = (finess: string, notAt?: string) => someoneWorkingAt(regional, finess, notAt);

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
