import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFiness } from '../../src/domain/identifiers.ts';
import { type RequestInput, requestInput, requestInRegulation } from '../../src/server/seed/api-factories.ts';
import { auditCount, consoleRows } from '../support/reads.ts';
import { type Agent, createTestApp, DEMO, expectStatus, snapshot, type TestApp } from '../support/test-app.ts';

const LYON = '690784186';
let t: TestApp;
let clinician: Agent;
let regional: Agent;
let national: Agent;

beforeAll(async () => {
  t = await createTestApp();
  clinician = await t.login(DEMO.clinician);
  regional = await t.login(DEMO.regional);
  national = await t.login(DEMO.national);
});
afterAll(() => t?.close());

let n = 0;
const body = (over: Partial<RequestInput> = {}) => ({
  body: requestInput({
    caseCode: `LYON-2026-${String(++n).padStart(4, '0')}`,
    finess: LYON,
    urgency: 'immediate',
    clinical: { pao2Fio2: 62, lactate: 2.4 },
    ...over,
  }),
});

/** What filing and regulating write: a refusal leaves it as it was. */
const state = () => snapshot(t.db, ['ecmo_requests', 'request_events']);

describe('filing a request', () => {
  it('files a pseudonymous request from the clinician’s hospital, with its timeline and audit', async () => {
    const res = await clinician.call('createEcmoRequest', body());
    expectStatus(res, 201);
    const request = res.body;
    expect(request).toMatchObject({
      state: 'filed',
      version: 1,
      establishment: { finess: LYON, regionCode: '84' },
      overdue: false,
    });
    expect(request.timeline).toEqual([
      expect.objectContaining({ kind: 'filed', toState: 'filed', actor: DEMO.clinician }),
    ]);
    expect(await auditCount(t.db, 'request.file', request.id)).toBe(1);
  });

  it('refuses a case code that names the patient, holds a birth date or a social security number', async () => {
    const before = await state();
    for (const [caseCode, code] of [
      ['Jean Dupont', 'case_code.looks_like_name'],
      ['P-12/03/1961', 'case_code.looks_like_birth_date'],
      ['1610375112005', 'case_code.looks_like_social_security_number'],
    ]) {
      const res = await clinician.call('createEcmoRequest', body({ caseCode }));
      expect(res.status, caseCode).toBe(400);
      expect(res.problem?.errors?.[0]).toMatchObject({ field: 'body.caseCode', code });
    }
    expect(await state()).toEqual(before);
  });

  it('keeps one live request per case and points to it', async () => {
    const first = await clinician.ok('createEcmoRequest', body({ caseCode: 'LYON-2026-9001' }));
    const before = await state();
    const second = await clinician.call('createEcmoRequest', body({ caseCode: 'LYON-2026-9001' }));
    expect(second.status).toBe(409);
    expect(second.problem?.errors?.[0]?.message).toContain(first.id);
    expect(await state()).toEqual(before);
  });

  it('refuses an unknown establishment and another hospital', async () => {
    const before = await state();
    const unknown = await national.call('createEcmoRequest', body({ finess: completeFiness('69099992') }));
    expect(unknown.problem?.errors?.[0]).toMatchObject({ field: 'body.finess', code: 'unknown_establishment' });
    expect((await clinician.call('createEcmoRequest', body({ finess: '750100125' }))).status).toBe(403);
    expect(await state()).toEqual(before);
  });
});

describe('the workflow', () => {
  it('takes a request into regulation, ranks options from live capacity with reasons, then escalates to national with the stock', async () => {
    const filed = await clinician.ok('createEcmoRequest', body());
    const id = { id: filed.id };
    const taken = await regional.call('updateEcmoRequestStatus', {
      params: id,
      body: { version: 1, state: 'regional_regulation' },
    });
    expect(taken.body).toMatchObject({ state: 'regional_regulation', version: 2 });
    const regionalOptions = await regional.ok('listRequestOptions', { params: id });
    expect(regionalOptions.items.length).toBeGreaterThan(0);
    expect(regionalOptions.items.every((o) => o.provider.regionCode === '84')).toBe(true);
    expect(regionalOptions.items.map((o) => o.kind)).not.toContain('national_stock');
    expect(regionalOptions.items[0]?.reasons.map((r) => r.code)).toContain('left_after');
    expect(regionalOptions.assumptions).toMatchObject({ roadFactor: 1.3, roadSpeedKmh: 80 });
    const ids = regionalOptions.items.map((o) => o.consoleId);
    const available = (await consoleRows(t.db, ids)).filter((c) => c.status === 'available');
    expect(available).toHaveLength(new Set(ids).size);

    const escalated = await regional.call('escalateEcmoRequest', {
      params: id,
      body: { version: 2, reason: 'Aucune console disponible en région' },
    });
    expect(escalated.body).toMatchObject({
      state: 'escalated_national',
      escalationReason: 'Aucune console disponible en région',
    });
    // Escalated: the nation's to regulate, with every region and the national stock.
    expect((await regional.call('listRequestOptions', { params: id })).status).toBe(403);
    const nationalOptions = await national.ok('listRequestOptions', { params: id });
    expect(nationalOptions.items.map((o) => o.kind)).toContain('national_stock');
    const timeline = (await national.ok('getEcmoRequest', { params: id })).timeline;
    expect(timeline.map((e) => e.kind)).toEqual(['filed', 'take_in_charge', 'escalate']);
  });

  it('refuses an illegal transition and a stale version, changing nothing', async () => {
    const filed = await clinician.ok('createEcmoRequest', body());
    const params = { id: filed.id };
    const before = await state();
    const illegal = await regional.call('updateEcmoRequestStatus', {
      params,
      body: { version: 1, state: 'executing' },
    });
    expect(illegal.status).toBe(409);
    expect(illegal.problem?.errors?.[0]?.code).toBe('illegal_transition');
    const stale = await regional.call('updateEcmoRequestStatus', {
      params,
      body: { version: 7, state: 'regional_regulation' },
    });
    expect(stale.problem?.errors?.[0]?.code).toBe('stale_version');
    const noOptions = await regional.call('listRequestOptions', { params });
    expect(noOptions.problem?.errors?.[0]?.code).toBe('not_in_regulation');
    expect(await state()).toEqual(before);
  });

  it('lets the clinician withdraw but not regulate, and records a decline as data', async () => {
    const a = await clinician.ok('createEcmoRequest', body());
    const status = (state: 'regional_regulation' | 'closed', extra: { outcome?: 'on_ecmo' | 'died_before' } = {}) => ({
      params: { id: a.id },
      body: { version: 1, state, ...extra },
    });
    expect((await clinician.call('updateEcmoRequestStatus', status('regional_regulation'))).status).toBe(403);
    const noOutcome = await clinician.call('updateEcmoRequestStatus', status('closed'));
    expect(noOutcome.problem?.errors?.[0]?.field).toBe('body.outcome');
    const onEcmo = await clinician.call('updateEcmoRequestStatus', status('closed', { outcome: 'on_ecmo' }));
    expect(onEcmo.problem?.errors?.[0]?.field).toBe('body.outcome');
    const withdrawn = await clinician.call('updateEcmoRequestStatus', {
      params: { id: a.id },
      body: { version: 1, state: 'closed', outcome: 'died_before', reason: 'arrêt cardiaque' },
    });
    expect(withdrawn.body).toMatchObject({ state: 'closed', outcome: 'died_before' });
    // The case code is free again once the request is closed.
    expect((await clinician.call('createEcmoRequest', body({ caseCode: a.caseCode }))).status).toBe(201);

    const b = await requestInRegulation(clinician, regional, body().body);
    const declined = await regional.call('declineEcmoRequest', {
      params: { id: b.id },
      body: { version: 2, motivation: 'Défaillance multiviscérale : pas d’indication' },
    });
    expect(declined.body).toMatchObject({
      state: 'declined',
      declineReason: 'Défaillance multiviscérale : pas d’indication',
    });
    const list = await regional.ok('listEcmoRequests', { query: { state: 'declined' } });
    expect(list.items.map((r) => r.id)).toContain(b.id);
  });

  it('flags a request left without a solution beyond the limit for its urgency, counted from filing', async () => {
    const filed = await requestInRegulation(clinician, regional, body({ urgency: 'immediate' }).body);
    const waiting = await clinician.ok('createEcmoRequest', body({ urgency: 'hours' }));
    t.clock.advance(31 * 60_000);
    const live = await national.ok('listEcmoRequests', { query: { live: 'true', limit: 200 } });
    const of = (id: string) => live.items.find((r) => r.id === id);
    expect(of(filed.id)).toMatchObject({ overdue: true, state: 'regional_regulation' });
    // Within hours: 4 h allowed, not yet overdue; past them, overdue even if nobody took it in.
    expect(of(waiting.id)).toMatchObject({ overdue: false, state: 'filed' });
    t.clock.advance(210 * 60_000);
    const later = await national.ok('getEcmoRequest', { params: { id: waiting.id } });
    expect(later).toMatchObject({ overdue: true, state: 'filed' });
  });
});
