import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestInput, requestInRegulation, setDeviceStatus } from '../../src/server/seed/api-factories.ts';
import { availableAt, consoleAt, consoleRows, fleetCounts, requestsDecidedWith } from '../support/reads.ts';
import { type Agent, createTestApp, DEMO, engine, expectStatus, snapshot, type TestApp } from '../support/test-app.ts';

const LYON = '690784186';
let t: TestApp;
let regional: Agent;
let national: Agent;
let n = 0;

beforeAll(async () => {
  t = await createTestApp();
  regional = await t.login(DEMO.regional);
  national = await t.login(DEMO.national);
});
afterAll(() => t?.close());

/** A request of the Lyon hospital, taken into regional regulation. */
async function inRegulation(siteCanHost = true): Promise<{ id: string; version: number }> {
  const clinician = await t.login(DEMO.clinician);
  return requestInRegulation(clinician, regional, { caseCode: `DEC-${String(++n).padStart(4, '0')}`, siteCanHost });
}

/** What a decision writes: a refused one leaves these as they were. */
const DECISION_TABLES = ['consoles', 'loans', 'loan_items', 'stock_lots', 'ecmo_requests'] as const;

const fleet = () => fleetCounts(t.db);

type Option = Awaited<ReturnType<typeof optionsOf>>[number];
const optionsOf = async (id: string, agent = regional) =>
  (await agent.ok('listRequestOptions', { params: { id } })).items;
const lendOf = async (id: string): Promise<Option> => {
  const lend = (await optionsOf(id)).find((o) => o.kind === 'lend');
  expect(lend).toBeDefined();
  return lend as Option;
};
const decide = (
  agent: Agent,
  r: { id: string; version: number },
  option: Option,
  motivation: string,
  consoleId = option.consoleId,
) =>
  agent.call('decideEcmoRequest', {
    params: { id: r.id },
    body: { version: r.version, optionKey: option.key, consoleId, motivation },
  });
const openLoanOf = async (requestId: string, agent = regional) =>
  (await agent.ok('listLoans', { query: { open: 'true' } })).items.find((l) => l.requestId === requestId);

describe('deciding a request', () => {
  it('lends a console: it leaves in transit with a circuit, a loan is due, the boards change, then it arrives and comes back', async () => {
    const r = await inRegulation();
    const lend = await lendOf(r.id);
    const board = async () =>
      (await regional.ok('getRegionalBoard', { params: { region: '84' }, query: {} })).establishments.find(
        (e) => e.finess === lend.provider.id,
      )?.consoles;
    const before = await board();
    const before2 = await fleet();
    const decided = await decide(regional, r, lend, 'Grenoble garde deux consoles');
    expectStatus(decided, 200);
    expect(decided.body).toMatchObject({ state: 'decided' });
    const after = await fleet();
    expect(after).toMatchObject({
      available: (before2?.available ?? 0) - 1,
      loans: (before2?.loans ?? 0) + 1,
      units: (before2?.units ?? 0) - 1,
    });
    expect((await board())?.inTransit).toBe((before?.inTransit ?? 0) + 1);

    const loan = await openLoanOf(r.id);
    expect(loan).toMatchObject({ kind: 'lend', state: 'in_transit', borrower: { finess: LYON }, overdue: false });
    if (!loan) return;
    expect(new Date(loan.dueAt).getTime()).toBe(t.clock.now().getTime() + 14 * 86_400_000);

    const params = { id: loan.id };
    const arrived = await regional.ok('updateLoan', {
      params,
      body: { version: loan.version, state: 'active', reason: 'livrée' },
    });
    expect(arrived.state).toBe('active');
    expect(await consoleAt(t.db, lend.consoleId)).toEqual({ status: 'lent', site_finess: LYON });

    const wrong = await regional.call('returnLoan', {
      params,
      body: { version: arrived.version, consoleIds: ['00000000-0000-4000-8000-000000000000'], condition: 'available' },
    });
    expect(wrong.problem?.errors?.[0]).toMatchObject({ field: 'body.consoleIds', code: 'not_lent' });
    const past = await regional.call('updateLoan', {
      params,
      body: { version: arrived.version, dueAt: '2020-01-01T00:00:00Z', reason: 'x y z' },
    });
    expect(past.problem?.errors?.[0]).toMatchObject({ field: 'body.dueAt', code: 'due_in_past' });

    const back = await regional.call('returnLoan', {
      params,
      body: { version: arrived.version, consoleIds: [lend.consoleId], condition: 'maintenance' },
    });
    expect(back.body).toMatchObject({ state: 'returned' });
    expect(await consoleAt(t.db, lend.consoleId)).toEqual({ status: 'maintenance', site_finess: lend.provider.id });
    // Back from a loan, it waits for a pre-use check before regulation offers it again.
    const [held] = await consoleRows(t.db, [lend.consoleId]);
    expect(held?.check_required).toBe(true);
  });

  it('refuses an option whose console was taken meanwhile, changing nothing, and lets the national stock be deployed once escalated', async () => {
    const a = await inRegulation();
    const b = await inRegulation();
    const [best] = await optionsOf(a.id);
    if (!best) throw new Error('no option');
    expect((await decide(regional, a, best, 'first')).status).toBe(200);
    const before = await snapshot(t.db, DECISION_TABLES);
    const late = await decide(regional, b, best, 'second');
    expect(late.status).toBe(409);
    expect(late.problem?.errors?.[0]?.code).toBe('option_unavailable');
    expect(await snapshot(t.db, DECISION_TABLES)).toEqual(before);

    const escalated = await regional.ok('escalateEcmoRequest', {
      params: { id: b.id },
      body: { version: b.version, reason: 'plus de console en région' },
    });
    const stock = (await optionsOf(b.id, national)).find((o) => o.kind === 'national_stock');
    if (!stock) throw new Error('no national stock option');
    const deployed = await decide(national, escalated, stock, 'déploiement du stock national');
    expect(deployed.body).toMatchObject({ state: 'decided' });
    const loan = await openLoanOf(b.id, national);
    expect(loan).toMatchObject({ kind: 'national_stock', lender: { kind: 'depot' } });
    if (!loan) return;
    const days = (new Date(loan.dueAt).getTime() - new Date(loan.startsAt).getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(21);
    // The national stock is the nation's: a regional regulator cannot recall it.
    const recall = (agent: Agent, reason: string) =>
      agent.call('recallLoan', { params: { id: loan.id }, body: { version: loan.version, reason } });
    expect((await recall(regional, 'besoin')).status).toBe(403);
    const recalled = await recall(national, 'tension nationale');
    expect(recalled.body).toMatchObject({ state: 'recalled', recallReason: 'tension nationale' });
  });

  it('gives back the console, the circuit and ends the loan when a decided request is closed before execution', async () => {
    const before = await fleet();
    const r = await inRegulation();
    const lend = await lendOf(r.id);
    const decided = await decide(regional, r, lend, 'prêt décidé');
    expectStatus(decided, 200);
    expect(await fleet()).toMatchObject({ available: (before?.available ?? 0) - 1, units: (before?.units ?? 0) - 1 });
    const closed = await regional.call('updateEcmoRequestStatus', {
      params: { id: r.id },
      body: {
        version: decided.body.version,
        state: 'closed',
        outcome: 'died_before',
        reason: 'décès avant le départ de la console',
      },
    });
    expect(closed.body).toMatchObject({ state: 'closed', outcome: 'died_before' });
    expect(await fleet()).toMatchObject({ available: before?.available, units: before?.units });
    const loan = await regional.ok('getLoan', { params: { id: String(decided.body.decision?.loanId) } });
    expect(loan).toMatchObject({ state: 'recalled' });
    expect(loan.items.every((i) => i.returnedAt !== null)).toBe(true);
    expect(await consoleAt(t.db, lend.consoleId)).toEqual({ status: 'available', site_finess: lend.provider.id });
  });
});

/** Everything a refused regulation call must leave as it was. */
const EVERYTHING = [
  'ecmo_requests',
  'request_events',
  'loans',
  'loan_items',
  'consoles',
  'stock_lots',
  'notifications',
  'mail_outbox',
  'audit_log',
] as const;

describe('refusals change nothing', () => {
  it('refuses another region’s regulator, an illegal move, a foreign console and a reversed report period', async () => {
    const idf = await t.login(DEMO.regionalIdf);
    const lent = await inRegulation();
    const lend = await lendOf(lent.id);
    await decide(regional, lent, lend, 'prêt');
    const loan = await openLoanOf(lent.id);
    if (!loan) throw new Error('no loan');
    const open = await inRegulation();
    const options = await optionsOf(open.id);
    const [first] = options;
    if (!first) throw new Error('no option');
    const clinician = await t.login(DEMO.clinician);
    const filed = await clinician.ok('createEcmoRequest', {
      body: requestInput({
        caseCode: `DEC-${String(++n).padStart(4, '0')}`,
        ageBand: '18-39',
        indication: 'VA',
        urgency: 'immediate',
        siteCanHost: false,
      }),
    });
    const before = await snapshot(t.db, EVERYTHING);

    // Outside their region, a regulator finds nothing to act on.
    const request = { id: open.id };
    const onLoan = { id: loan.id };
    const outside = [
      await idf.call('listRequestOptions', { params: request }),
      await idf.call('escalateEcmoRequest', {
        params: request,
        body: { version: open.version, reason: 'hors région' },
      }),
      await idf.call('declineEcmoRequest', {
        params: request,
        body: { version: open.version, motivation: 'hors région' },
      }),
      await decide(idf, open, first, 'hors région'),
      await idf.call('updateLoan', {
        params: onLoan,
        body: { version: loan.version, state: 'active', reason: 'arrivée' },
      }),
      await idf.call('returnLoan', {
        params: onLoan,
        body: { version: loan.version, consoleIds: [lend.consoleId], condition: 'available' },
      }),
      await idf.call('recallLoan', { params: onLoan, body: { version: loan.version, reason: 'hors région' } }),
      await idf.call('getRegulationReport', { query: { region: '84', from: '2026-01-01', to: '2026-12-31' } }),
    ].map((r) => r.status);
    expect(outside).toEqual([404, 404, 404, 404, 404, 404, 404, 403]);

    // A filed request is not escalated before it is regulated: the request is named.
    const early = await regional.call('escalateEcmoRequest', {
      params: { id: filed.id },
      body: { version: filed.version, reason: 'trop tôt' },
    });
    expect(early.status).toBe(409);
    expect(early.problem?.errors?.[0]).toMatchObject({ field: 'params.id', code: 'illegal_transition' });
    const executing = await regional.call('updateEcmoRequestStatus', {
      params: { id: filed.id },
      body: { version: filed.version, state: 'executing' },
    });
    expect(executing.problem?.errors?.[0]).toMatchObject({ field: 'body.state', code: 'illegal_transition' });

    // An option's key with a console standing elsewhere, or a console that does not exist.
    const other = options.find((o) => o.provider.id !== first.provider.id);
    expect(other).toBeDefined();
    for (const consoleId of [String(other?.consoleId), '00000000-0000-4000-8000-000000000000']) {
      const res = await decide(regional, open, first, 'mauvaise console', consoleId);
      expect(res.status).toBe(409);
      expect(res.problem?.errors?.[0]).toMatchObject({ field: 'body.optionKey', code: 'option_unavailable' });
    }
    // Returning a console of another loan.
    const foreign = await regional.call('returnLoan', {
      params: onLoan,
      body: { version: loan.version, consoleIds: [first.consoleId], condition: 'available' },
    });
    expect(foreign.problem?.errors?.[0]).toMatchObject({ field: 'body.consoleIds', code: 'not_lent' });

    const reversed = await regional.call('getRegulationReport', {
      query: { region: '84', from: '2026-12-31', to: '2026-01-01' },
    });
    expect(reversed.status).toBe(400);
    expect(reversed.problem?.errors?.[0]).toMatchObject({ field: 'query.to', code: 'period_reversed' });

    expect(await snapshot(t.db, EVERYTHING)).toEqual(before);
  });
});

// Only a server runs decisions truly at the same moment (PGlite serializes its one connection).
if (engine === 'postgres') {
  describe('concurrent decisions on PostgreSQL', () => {
    it('gives the last console to exactly one of many regulators deciding at once', async () => {
      const requests = await Promise.all(Array.from({ length: 12 }, () => inRegulation(false)));
      const [option] = await optionsOf(String(requests[0]?.id));
      if (!option) throw new Error('no option');
      const results = await Promise.all(requests.map((r) => decide(regional, r, option, 'race')));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(requests.length - 1);
      expect(await requestsDecidedWith(t.db, option.consoleId)).toBe(1);
    });

    it('keeps a lender’s last console when regulators lend its two consoles at once', async () => {
      const requests = await Promise.all(Array.from({ length: 10 }, () => inRegulation(true)));
      const lend = await lendOf(String(requests[0]?.id));
      // The lender keeps exactly two available consoles: one may be lent, the other stays home.
      const consoles = (
        await national.ok('listDevices', {
          query: { finess: lend.provider.id, status: 'available', limit: 200 },
        })
      ).items
        .filter((c) => c.site.id === lend.provider.id)
        .sort((a, b) => a.serialNumber.localeCompare(b.serialNumber));
      expect(consoles.length).toBeGreaterThanOrEqual(2);
      const pair = consoles.slice(0, 2).map((c) => c.id);
      for (const c of consoles.slice(2)) await setDeviceStatus(national, c.id, 'maintenance', 'leave two at home');
      const before = await fleet();
      const results = await Promise.all(
        requests.map((r, i) => decide(regional, r, lend, 'race on the lender', pair[i % 2])),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(requests.length - 1);
      for (const r of results.filter((x) => x.status === 409)) {
        expect(r.problem?.errors?.[0]?.code).toBe('option_unavailable');
      }
      expect(await availableAt(t.db, lend.provider.id)).toBe(1);
      expect(await fleet()).toEqual({
        ...before,
        available: (before?.available ?? 0) - 1,
        loans: (before?.loans ?? 0) + 1,
        units: (before?.units ?? 0) - 1,
        decided: (before?.decided ?? 0) + 1,
      });
    });
  });
}
