import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, DEMO, engine, type TestApp } from '../support/test-app.ts';

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
  const filed = (
    await clinician.request('POST', '/api/requests', {
      caseCode: `DEC-${String(++n).padStart(4, '0')}`,
      finess: LYON,
      ageBand: '40-59',
      indication: 'VV',
      urgency: 'hours',
      siteCanHost,
      contact: { name: 'Dr Claude Réanimation', phone: '04 72 11 89 00' },
    })
  ).json();
  return (
    await regional.request('POST', `/api/requests/${filed.id}/status`, { version: 1, state: 'regional_regulation' })
  ).json();
}

async function fleet() {
  const [row] = await t.db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM consoles WHERE status = 'available')::int AS available, (SELECT count(*) FROM loans)::int AS loans,
       (SELECT coalesce(sum(quantity), 0) FROM stock_lots)::int AS units, (SELECT count(*) FROM ecmo_requests WHERE state = 'decided')::int AS decided`,
  );
  return row;
}

describe('deciding a request', () => {
  it('lends a console: it leaves in transit with a circuit, a loan is due, the boards change, then it arrives and comes back', async () => {
    const r = await inRegulation();
    const options = (await regional.request('GET', `/api/requests/${r.id}/options`)).json().items;
    const lend = options.find((o: { kind: string }) => o.kind === 'lend');
    expect(lend).toBeDefined();
    const board = async () =>
      (await regional.request('GET', '/api/boards/regions/84'))
        .json()
        .establishments.find((e: { finess: string }) => e.finess === lend.provider.id).consoles;
    const before = await board();
    const before2 = await fleet();
    const decided = await regional.request('POST', `/api/requests/${r.id}/decision`, {
      version: r.version,
      optionKey: lend.key,
      consoleId: lend.consoleId,
      motivation: 'Grenoble garde deux consoles',
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ state: 'decided' });
    const after = await fleet();
    expect(after).toMatchObject({
      available: (before2?.available ?? 0) - 1,
      loans: (before2?.loans ?? 0) + 1,
      units: (before2?.units ?? 0) - 1,
    });
    expect((await board()).inTransit).toBe(before.inTransit + 1);

    const loans = (await regional.request('GET', '/api/loans?open=true')).json().items;
    const loan = loans.find((l: { requestId: string }) => l.requestId === r.id);
    expect(loan).toMatchObject({ kind: 'lend', state: 'in_transit', borrower: { finess: LYON }, overdue: false });
    expect(new Date(loan.dueAt).getTime()).toBe(t.clock.now().getTime() + 14 * 86_400_000);

    const arrived = await regional.request('PATCH', `/api/loans/${loan.id}`, {
      version: loan.version,
      state: 'active',
      reason: 'livrée',
    });
    expect(arrived.json().state).toBe('active');
    const [atBorrower] = await t.db.query<{ status: string; site_finess: string }>(
      'SELECT status, site_finess FROM consoles WHERE id = $1',
      [lend.consoleId],
    );
    expect(atBorrower).toEqual({ status: 'lent', site_finess: LYON });

    const wrong = await regional.request('POST', `/api/loans/${loan.id}/return`, {
      version: arrived.json().version,
      consoleIds: ['00000000-0000-4000-8000-000000000000'],
      condition: 'available',
    });
    expect(wrong.json().errors[0]).toMatchObject({ field: 'body.consoleIds', code: 'not_lent' });
    const past = await regional.request('PATCH', `/api/loans/${loan.id}`, {
      version: arrived.json().version,
      dueAt: '2020-01-01T00:00:00Z',
      reason: 'x y z',
    });
    expect(past.json().errors[0]).toMatchObject({ field: 'body.dueAt', code: 'due_in_past' });

    const back = await regional.request('POST', `/api/loans/${loan.id}/return`, {
      version: arrived.json().version,
      consoleIds: [lend.consoleId],
      condition: 'maintenance',
    });
    expect(back.json()).toMatchObject({ state: 'returned' });
    const [home] = await t.db.query<{ status: string; site_finess: string }>(
      'SELECT status, site_finess FROM consoles WHERE id = $1',
      [lend.consoleId],
    );
    expect(home).toEqual({ status: 'maintenance', site_finess: lend.provider.id });
    // Back from a loan, it waits for a pre-use check before regulation offers it again.
    const [held] = await t.db.query<{ check_required: boolean }>('SELECT check_required FROM consoles WHERE id = $1', [
      lend.consoleId,
    ]);
    expect(held?.check_required).toBe(true);
  });

  it('refuses an option whose console was taken meanwhile, changing nothing, and lets the national stock be deployed once escalated', async () => {
    const a = await inRegulation();
    const b = await inRegulation();
    const best = (await regional.request('GET', `/api/requests/${a.id}/options`)).json().items[0];
    expect(
      (
        await regional.request('POST', `/api/requests/${a.id}/decision`, {
          version: a.version,
          optionKey: best.key,
          consoleId: best.consoleId,
          motivation: 'first',
        })
      ).statusCode,
    ).toBe(200);
    const before = await fleet();
    const late = await regional.request('POST', `/api/requests/${b.id}/decision`, {
      version: b.version,
      optionKey: best.key,
      consoleId: best.consoleId,
      motivation: 'second',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().errors[0].code).toBe('option_unavailable');
    expect(await fleet()).toEqual(before);

    const escalated = (
      await regional.request('POST', `/api/requests/${b.id}/escalation`, {
        version: b.version,
        reason: 'plus de console en région',
      })
    ).json();
    const stock = (await national.request('GET', `/api/requests/${b.id}/options`))
      .json()
      .items.find((o: { kind: string }) => o.kind === 'national_stock');
    const deployed = await national.request('POST', `/api/requests/${b.id}/decision`, {
      version: escalated.version,
      optionKey: stock.key,
      consoleId: stock.consoleId,
      motivation: 'déploiement du stock national',
    });
    expect(deployed.json().state).toBe('decided');
    const loan = (await national.request('GET', '/api/loans?open=true'))
      .json()
      .items.find((l: { requestId: string }) => l.requestId === b.id);
    expect(loan).toMatchObject({ kind: 'national_stock', lender: { kind: 'depot' } });
    const days = (new Date(loan.dueAt).getTime() - new Date(loan.startsAt).getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(21);
    // The national stock is the nation's: a regional regulator cannot recall it.
    expect(
      (await regional.request('POST', `/api/loans/${loan.id}/recall`, { version: loan.version, reason: 'besoin' }))
        .statusCode,
    ).toBe(403);
    const recalled = await national.request('POST', `/api/loans/${loan.id}/recall`, {
      version: loan.version,
      reason: 'tension nationale',
    });
    expect(recalled.json()).toMatchObject({ state: 'recalled', recallReason: 'tension nationale' });
  });

  it('gives back the console, the circuit and ends the loan when a decided request is closed before execution', async () => {
    const before = await fleet();
    const r = await inRegulation();
    const lend = (await regional.request('GET', `/api/requests/${r.id}/options`))
      .json()
      .items.find((o: { kind: string }) => o.kind === 'lend');
    const decided = (
      await regional.request('POST', `/api/requests/${r.id}/decision`, {
        version: r.version,
        optionKey: lend.key,
        consoleId: lend.consoleId,
        motivation: 'prêt décidé',
      })
    ).json();
    expect(await fleet()).toMatchObject({ available: (before?.available ?? 0) - 1, units: (before?.units ?? 0) - 1 });
    const closed = await regional.request('POST', `/api/requests/${r.id}/status`, {
      version: decided.version,
      state: 'closed',
      outcome: 'died_before',
      reason: 'décès avant le départ de la console',
    });
    expect(closed.json()).toMatchObject({ state: 'closed', outcome: 'died_before' });
    expect(await fleet()).toMatchObject({ available: before?.available, units: before?.units });
    const loan = (await regional.request('GET', `/api/loans/${decided.decision.loanId}`)).json();
    expect(loan).toMatchObject({ state: 'recalled' });
    expect(loan.items.every((i: { returnedAt: string | null }) => i.returnedAt !== null)).toBe(true);
    const [console] = await t.db.query<{ status: string; site_finess: string }>(
      'SELECT status, site_finess FROM consoles WHERE id = $1',
      [lend.consoleId],
    );
    expect(console).toEqual({ status: 'available', site_finess: lend.provider.id });
  });
});

/** Everything a refused regulation call must leave as it was. */
async function everything() {
  const [row] = await t.db.query<Record<string, number>>(
    `SELECT (SELECT coalesce(sum(version), 0) FROM ecmo_requests)::int AS requests,
       (SELECT count(*) FROM request_events)::int AS timeline,
       (SELECT coalesce(sum(version), 0) FROM loans)::int AS loans,
       (SELECT count(*) FROM loan_items WHERE returned_at IS NOT NULL)::int AS returned,
       (SELECT coalesce(sum(version), 0) FROM consoles)::int AS consoles,
       (SELECT coalesce(sum(quantity), 0) FROM stock_lots)::int AS units,
       (SELECT count(*) FROM notifications)::int AS notifications,
       (SELECT count(*) FROM mail_outbox)::int AS mails,
       (SELECT count(*) FROM audit_log)::int AS audit`,
  );
  return row;
}

describe('refusals change nothing', () => {
  it('refuses another region’s regulator, an illegal move, a foreign console and a reversed report period', async () => {
    const idf = await t.login(DEMO.regionalIdf);
    const lent = await inRegulation();
    const lend = (await regional.request('GET', `/api/requests/${lent.id}/options`))
      .json()
      .items.find((o: { kind: string }) => o.kind === 'lend');
    await regional.request('POST', `/api/requests/${lent.id}/decision`, {
      version: lent.version,
      optionKey: lend.key,
      consoleId: lend.consoleId,
      motivation: 'prêt',
    });
    const loan = (await regional.request('GET', '/api/loans?open=true'))
      .json()
      .items.find((l: { requestId: string }) => l.requestId === lent.id);
    const open = await inRegulation();
    const options = (await regional.request('GET', `/api/requests/${open.id}/options`)).json().items;
    const clinician = await t.login(DEMO.clinician);
    const filed = (
      await clinician.request('POST', '/api/requests', {
        caseCode: `DEC-${String(++n).padStart(4, '0')}`,
        finess: LYON,
        ageBand: '18-39',
        indication: 'VA',
        urgency: 'immediate',
        siteCanHost: false,
        contact: { name: 'Dr Claude Réanimation', phone: '04 72 11 89 00' },
      })
    ).json();
    const before = await everything();

    // Outside their region, a regulator finds nothing to act on.
    const outside = [
      await idf.request('GET', `/api/requests/${open.id}/options`),
      await idf.request('POST', `/api/requests/${open.id}/escalation`, {
        version: open.version,
        reason: 'hors région',
      }),
      await idf.request('POST', `/api/requests/${open.id}/decline`, {
        version: open.version,
        motivation: 'hors région',
      }),
      await idf.request('POST', `/api/requests/${open.id}/decision`, {
        version: open.version,
        optionKey: options[0].key,
        consoleId: options[0].consoleId,
        motivation: 'hors région',
      }),
      await idf.request('PATCH', `/api/loans/${loan.id}`, {
        version: loan.version,
        state: 'active',
        reason: 'arrivée',
      }),
      await idf.request('POST', `/api/loans/${loan.id}/return`, {
        version: loan.version,
        consoleIds: [lend.consoleId],
        condition: 'available',
      }),
      await idf.request('POST', `/api/loans/${loan.id}/recall`, { version: loan.version, reason: 'hors région' }),
      await idf.request('GET', '/api/reports/regulation?region=84&from=2026-01-01&to=2026-12-31'),
    ].map((r) => r.statusCode);
    expect(outside).toEqual([404, 404, 404, 404, 404, 404, 404, 403]);

    // A filed request is not escalated before it is regulated: the request is named.
    const early = await regional.request('POST', `/api/requests/${filed.id}/escalation`, {
      version: filed.version,
      reason: 'trop tôt',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().errors[0]).toMatchObject({ field: 'params.id', code: 'illegal_transition' });
    const executing = await regional.request('POST', `/api/requests/${filed.id}/status`, {
      version: filed.version,
      state: 'executing',
    });
    expect(executing.json().errors[0]).toMatchObject({ field: 'body.state', code: 'illegal_transition' });

    // An option's key with a console standing elsewhere, or a console that does not exist.
    const other = options.find((o: { provider: { id: string } }) => o.provider.id !== options[0].provider.id);
    expect(other).toBeDefined();
    for (const consoleId of [other.consoleId, '00000000-0000-4000-8000-000000000000']) {
      const res = await regional.request('POST', `/api/requests/${open.id}/decision`, {
        version: open.version,
        optionKey: options[0].key,
        consoleId,
        motivation: 'mauvaise console',
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().errors[0]).toMatchObject({ field: 'body.optionKey', code: 'option_unavailable' });
    }
    // Returning a console of another loan.
    const foreign = await regional.request('POST', `/api/loans/${loan.id}/return`, {
      version: loan.version,
      consoleIds: [options[0].consoleId],
      condition: 'available',
    });
    expect(foreign.json().errors[0]).toMatchObject({ field: 'body.consoleIds', code: 'not_lent' });

    const reversed = await regional.request('GET', '/api/reports/regulation?region=84&from=2026-12-31&to=2026-01-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0]).toMatchObject({ field: 'query.to', code: 'period_reversed' });

    expect(await everything()).toEqual(before);
  });
});

// Only a server runs decisions truly at the same moment (PGlite serializes its one connection).
if (engine === 'postgres') {
  describe('concurrent decisions on PostgreSQL', () => {
    it('gives the last console to exactly one of many regulators deciding at once', async () => {
      const requests = await Promise.all(Array.from({ length: 12 }, () => inRegulation(false)));
      const option = (await regional.request('GET', `/api/requests/${requests[0]?.id}/options`)).json().items[0];
      const results = await Promise.all(
        requests.map((r) =>
          regional.request('POST', `/api/requests/${r.id}/decision`, {
            version: r.version,
            optionKey: option.key,
            consoleId: option.consoleId,
            motivation: 'race',
          }),
        ),
      );
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(requests.length - 1);
      const [uses] = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM ecmo_requests WHERE decided_option->>'consoleId' = $1",
        [option.consoleId],
      );
      expect(uses?.n).toBe(1);
    });

    it('keeps a lender’s last console when regulators lend its two consoles at once', async () => {
      const requests = await Promise.all(Array.from({ length: 10 }, () => inRegulation(true)));
      const lend = (await regional.request('GET', `/api/requests/${requests[0]?.id}/options`))
        .json()
        .items.find((o: { kind: string }) => o.kind === 'lend');
      expect(lend).toBeDefined();
      // The lender keeps exactly two available consoles: one may be lent, the other stays home.
      const consoles = await t.db.query<{ id: string }>(
        "SELECT id FROM consoles WHERE site_finess = $1 AND status = 'available' ORDER BY serial_number",
        [lend.provider.id],
      );
      expect(consoles.length).toBeGreaterThanOrEqual(2);
      const pair = consoles.slice(0, 2).map((c) => c.id);
      await t.db.query(
        "UPDATE consoles SET status = 'maintenance' WHERE site_finess = $1 AND status = 'available' AND NOT (id = ANY($2::uuid[]))",
        [lend.provider.id, pair],
      );
      const before = await fleet();
      const results = await Promise.all(
        requests.map((r, i) =>
          regional.request('POST', `/api/requests/${r.id}/decision`, {
            version: r.version,
            optionKey: lend.key,
            consoleId: pair[i % 2],
            motivation: 'race on the lender',
          }),
        ),
      );
      const statuses = results.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(requests.length - 1);
      for (const r of results.filter((x) => x.statusCode === 409)) {
        expect(r.json().errors[0].code).toBe('option_unavailable');
      }
      const [home] = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM consoles WHERE site_finess = $1 AND status = 'available'",
        [lend.provider.id],
      );
      expect(home?.n).toBe(1);
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
