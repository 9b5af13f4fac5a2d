import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFiness } from '../../src/domain/identifiers.ts';
import { type Agent, createTestApp, DEMO, type TestApp } from '../support/test-app.ts';

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
const body = (over: Record<string, unknown> = {}) => ({
  caseCode: `LYON-2026-${String(++n).padStart(4, '0')}`,
  finess: LYON,
  ageBand: '40-59',
  indication: 'VV',
  urgency: 'immediate',
  clinical: { pao2Fio2: 62, lactate: 2.4 },
  siteCanHost: true,
  contact: { name: 'Dr Claude Réanimation', phone: '04 72 11 89 00' },
  ...over,
});

async function state() {
  const [row] = await t.db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM ecmo_requests)::int AS requests, (SELECT count(*) FROM request_events)::int AS events,
       (SELECT coalesce(sum(version), 0) FROM ecmo_requests)::int AS versions`,
  );
  return row;
}

describe('filing a request', () => {
  it('files a pseudonymous request from the clinician’s hospital, with its timeline and audit', async () => {
    const res = await clinician.request('POST', '/api/requests', body());
    expect(res.statusCode).toBe(201);
    const request = res.json();
    expect(request).toMatchObject({
      state: 'filed',
      version: 1,
      establishment: { finess: LYON, regionCode: '84' },
      overdue: false,
    });
    expect(request.timeline).toEqual([
      expect.objectContaining({ kind: 'filed', toState: 'filed', actor: DEMO.clinician }),
    ]);
    const [audit] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'request.file' AND target_id = $1",
      [request.id],
    );
    expect(audit?.n).toBe(1);
  });

  it('refuses a case code that names the patient, holds a birth date or a social security number', async () => {
    const before = await state();
    for (const [caseCode, code] of [
      ['Jean Dupont', 'case_code.looks_like_name'],
      ['P-12/03/1961', 'case_code.looks_like_birth_date'],
      ['1610375112005', 'case_code.looks_like_social_security_number'],
    ]) {
      const res = await clinician.request('POST', '/api/requests', body({ caseCode }));
      expect(res.statusCode, caseCode).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ field: 'body.caseCode', code });
    }
    expect(await state()).toEqual(before);
  });

  it('keeps one live request per case and points to it', async () => {
    const first = (await clinician.request('POST', '/api/requests', body({ caseCode: 'LYON-2026-9001' }))).json();
    const before = await state();
    const second = await clinician.request('POST', '/api/requests', body({ caseCode: 'LYON-2026-9001' }));
    expect(second.statusCode).toBe(409);
    expect(second.json().errors[0].message).toContain(first.id);
    expect(await state()).toEqual(before);
  });

  it('refuses an unknown establishment and another hospital', async () => {
    const before = await state();
    const unknown = await national.request('POST', '/api/requests', body({ finess: completeFiness('69099992') }));
    expect(unknown.json().errors[0]).toMatchObject({ field: 'body.finess', code: 'unknown_establishment' });
    expect((await clinician.request('POST', '/api/requests', body({ finess: '750100125' }))).statusCode).toBe(403);
    expect(await state()).toEqual(before);
  });
});

describe('the workflow', () => {
  it('takes a request into regulation, ranks options from live capacity with reasons, then escalates to national with the stock', async () => {
    const filed = (await clinician.request('POST', '/api/requests', body())).json();
    const taken = await regional.request('POST', `/api/requests/${filed.id}/status`, {
      version: 1,
      state: 'regional_regulation',
    });
    expect(taken.json()).toMatchObject({ state: 'regional_regulation', version: 2 });
    const regionalOptions = (await regional.request('GET', `/api/requests/${filed.id}/options`)).json();
    expect(regionalOptions.items.length).toBeGreaterThan(0);
    expect(
      regionalOptions.items.every((o: { provider: { regionCode: string } }) => o.provider.regionCode === '84'),
    ).toBe(true);
    expect(regionalOptions.items.map((o: { kind: string }) => o.kind)).not.toContain('national_stock');
    expect(regionalOptions.items[0].reasons.map((r: { code: string }) => r.code)).toContain('left_after');
    expect(regionalOptions.assumptions).toMatchObject({ roadFactor: 1.3, roadSpeedKmh: 80 });
    const ids = regionalOptions.items.map((o: { consoleId: string }) => o.consoleId);
    const available = await t.db.query<{ id: string }>(
      "SELECT id FROM consoles WHERE status = 'available' AND id = ANY($1::uuid[])",
      [ids],
    );
    expect(available).toHaveLength(new Set(ids).size);

    const escalated = await regional.request('POST', `/api/requests/${filed.id}/escalation`, {
      version: 2,
      reason: 'Aucune console disponible en région',
    });
    expect(escalated.json()).toMatchObject({
      state: 'escalated_national',
      escalationReason: 'Aucune console disponible en région',
    });
    // Escalated: the nation's to regulate, with every region and the national stock.
    expect((await regional.request('GET', `/api/requests/${filed.id}/options`)).statusCode).toBe(403);
    const nationalOptions = (await national.request('GET', `/api/requests/${filed.id}/options`)).json();
    expect(nationalOptions.items.map((o: { kind: string }) => o.kind)).toContain('national_stock');
    const timeline = (await national.request('GET', `/api/requests/${filed.id}`)).json().timeline;
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(['filed', 'take_in_charge', 'escalate']);
  });

  it('refuses an illegal transition and a stale version, changing nothing', async () => {
    const filed = (await clinician.request('POST', '/api/requests', body())).json();
    const before = await state();
    const illegal = await regional.request('POST', `/api/requests/${filed.id}/status`, {
      version: 1,
      state: 'executing',
    });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().errors[0].code).toBe('illegal_transition');
    const stale = await regional.request('POST', `/api/requests/${filed.id}/status`, {
      version: 7,
      state: 'regional_regulation',
    });
    expect(stale.json().errors[0].code).toBe('stale_version');
    const noOptions = await regional.request('GET', `/api/requests/${filed.id}/options`);
    expect(noOptions.json().errors[0].code).toBe('not_in_regulation');
    expect(await state()).toEqual(before);
  });

  it('lets the clinician withdraw but not regulate, and records a decline as data', async () => {
    const a = (await clinician.request('POST', '/api/requests', body())).json();
    expect(
      (await clinician.request('POST', `/api/requests/${a.id}/status`, { version: 1, state: 'regional_regulation' }))
        .statusCode,
    ).toBe(403);
    const noOutcome = await clinician.request('POST', `/api/requests/${a.id}/status`, { version: 1, state: 'closed' });
    expect(noOutcome.json().errors[0].field).toBe('body.outcome');
    const onEcmo = await clinician.request('POST', `/api/requests/${a.id}/status`, {
      version: 1,
      state: 'closed',
      outcome: 'on_ecmo',
    });
    expect(onEcmo.json().errors[0].field).toBe('body.outcome');
    const withdrawn = await clinician.request('POST', `/api/requests/${a.id}/status`, {
      version: 1,
      state: 'closed',
      outcome: 'died_before',
      reason: 'arrêt cardiaque',
    });
    expect(withdrawn.json()).toMatchObject({ state: 'closed', outcome: 'died_before' });
    // The case code is free again once the request is closed.
    expect((await clinician.request('POST', '/api/requests', body({ caseCode: a.caseCode }))).statusCode).toBe(201);

    const b = (await clinician.request('POST', '/api/requests', body())).json();
    await regional.request('POST', `/api/requests/${b.id}/status`, { version: 1, state: 'regional_regulation' });
    const declined = await regional.request('POST', `/api/requests/${b.id}/decline`, {
      version: 2,
      motivation: 'Défaillance multiviscérale : pas d’indication',
    });
    expect(declined.json()).toMatchObject({
      state: 'declined',
      declineReason: 'Défaillance multiviscérale : pas d’indication',
    });
    const list = (await regional.request('GET', '/api/requests?state=declined')).json();
    expect(list.items.map((r: { id: string }) => r.id)).toContain(b.id);
  });

  it('flags a request left without a solution beyond the limit for its urgency, counted from filing', async () => {
    const filed = (await clinician.request('POST', '/api/requests', body({ urgency: 'immediate' }))).json();
    const waiting = (await clinician.request('POST', '/api/requests', body({ urgency: 'hours' }))).json();
    await regional.request('POST', `/api/requests/${filed.id}/status`, { version: 1, state: 'regional_regulation' });
    t.clock.advance(31 * 60_000);
    const live = (await national.request('GET', '/api/requests?live=true&limit=200')).json();
    const of = (id: string) => live.items.find((r: { id: string }) => r.id === id);
    expect(of(filed.id)).toMatchObject({ overdue: true, state: 'regional_regulation' });
    // Within hours: 4 h allowed, not yet overdue; past them, overdue even if nobody took it in.
    expect(of(waiting.id)).toMatchObject({ overdue: false, state: 'filed' });
    t.clock.advance(210 * 60_000);
    const later = (await national.request('GET', `/api/requests/${waiting.id}`)).json();
    expect(later).toMatchObject({ overdue: true, state: 'filed' });
  });
});
