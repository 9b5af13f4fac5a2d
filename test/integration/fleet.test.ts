import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeviceInput, deviceInput, type StockInput, stockInput } from '../../src/server/seed/api-factories.ts';
import { auditCount, auditEntries, stockMovements } from '../support/reads.ts';
import { type Agent, at, createTestApp, DEMO, expectStatus, snapshot, type TestApp } from '../support/test-app.ts';

const LYON = '690784186';
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

/** What the register and the stock write: a refusal leaves it as it was. */
const fleetState = () => snapshot(t.db, ['consoles', 'console_events', 'stock_lots', 'stock_movements', 'audit_log']);

const newConsole = (serial: string, extra: Partial<DeviceInput> = {}) => ({
  body: deviceInput({
    manufacturer: 'Getinge',
    model: 'Cardiohelp',
    serialNumber: serial,
    ownerFiness: LYON,
    site: { finess: LYON },
    ...extra,
  }),
});

describe('the console register', () => {
  it('lets a perfusionist register a console of her hospital, with its history and audit', async () => {
    const res = await perfusionist.call(
      'createDevice',
      newConsole('CH-TEST-0001', { udi: '(01)03660000000001(21)CH-TEST-0001', reason: 'new purchase' }),
    );
    expectStatus(res, 201);
    const device = res.body;
    expect(device).toMatchObject({
      status: 'available',
      version: 1,
      owner: { id: LYON, regionCode: '84' },
      site: { kind: 'establishment', id: LYON },
    });
    const history = (await perfusionist.ok('listDeviceHistory', { params: { id: device.id } })).items;
    expect(history).toEqual([
      expect.objectContaining({
        kind: 'created',
        toStatus: 'available',
        toSite: LYON,
        reason: 'new purchase',
        actor: DEMO.perfusionist,
      }),
    ]);
    expect(await auditCount(t.db, 'device.create', device.id)).toBe(1);
  });

  it('refuses a duplicate serial number, an unknown site and an unknown owner, changing nothing', async () => {
    const before = await fleetState();
    const dup = await perfusionist.call('createDevice', newConsole('CH-TEST-0001'));
    expect(dup.status).toBe(409);
    expect(dup.problem?.errors?.[0]?.field).toBe('body.serialNumber');
    const site = await perfusionist.call('createDevice', newConsole('CH-TEST-0002', { site: { depot: 'NOWHERE' } }));
    expect(site.status).toBe(400);
    expect(site.problem?.errors?.[0]).toMatchObject({ field: 'body.site', code: 'unknown_site' });
    const badFiness = await perfusionist.call('createDevice', newConsole('CH-TEST-0003', { ownerFiness: '690784187' }));
    expect(badFiness.status).toBe(400);
    expect(badFiness.problem?.errors?.[0]).toMatchObject({ field: 'body.ownerFiness', code: 'finess.check_digit' });
    expect(await fleetState()).toEqual(before);
  });

  it('keeps the national stock to national scopes, even in a depot of the region', async () => {
    const body = newConsole('SNS-0001', { ownerFiness: null, site: { depot: 'SNS-LYON' } });
    const before = await fleetState();
    expect((await regional.call('createDevice', body)).status).toBe(403);
    expect(await fleetState()).toEqual(before);
    const res = await national.call('createDevice', body);
    expectStatus(res, 201);
    expect(res.body).toMatchObject({ owner: null, site: { kind: 'depot', id: 'SNS-LYON', regionCode: '84' } });
  });

  it('changes status with a reason and bumps the version; a stale version gets 409 and changes nothing', async () => {
    const { items } = await perfusionist.ok('listDevices', { query: { finess: LYON, q: 'CH-TEST-0001' } });
    const params = { id: String(items[0]?.id) };
    const res = await perfusionist.call('updateDevice', {
      params,
      body: { version: 1, status: 'maintenance', reason: 'flow sensor alarm' },
    });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ status: 'maintenance', version: 2 });
    const before = await fleetState();
    const stale = await perfusionist.call('updateDevice', {
      params,
      body: { version: 1, status: 'available', reason: 'fixed' },
    });
    expect(stale.status).toBe(409);
    expect(stale.problem?.errors?.[0]).toMatchObject({ field: 'body.version', code: 'stale_version' });
    // Hostile input: a change without its reason, which the contract's type requires.
    const noReason = await perfusionist.request('PATCH', `/api/devices/${params.id}`, {
      version: 2,
      status: 'available',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('body.reason');
    const lentAtHome = await perfusionist.call('updateDevice', {
      params,
      body: { version: 2, status: 'lent', reason: 'loan' },
    });
    expect(lentAtHome.problem?.errors?.[0]).toMatchObject({ field: 'body.status', code: 'lent_at_owner' });
    expect(await fleetState()).toEqual(before);
    const history = (await perfusionist.ok('listDeviceHistory', { params })).items;
    expect(history[0]).toMatchObject({
      kind: 'status',
      fromStatus: 'available',
      toStatus: 'maintenance',
      reason: 'flow sensor alarm',
    });
    const [audit] = await auditEntries(t.db, 'device.update', params.id);
    expect([audit?.before?.status, audit?.after?.status]).toEqual(['available', 'maintenance']);
  });

  it('lends a console to another hospital of the region: it moves there, lent, and the regional board shows it at once', async () => {
    const grenoble = '380000067';
    const consoles = async () =>
      (await regional.ok('getRegionalBoard', { params: { region: '84' }, query: {} })).establishments.find(
        (e) => e.finess === grenoble,
      )?.consoles;
    const before = await consoles();
    const { items } = await regional.ok('listDevices', { query: { finess: LYON, status: 'available', limit: 1 } });
    const device = items[0];
    if (!device) throw new Error('no console available at Lyon');
    const res = await regional.call('updateDevice', {
      params: { id: device.id },
      body: {
        version: device.version,
        status: 'lent',
        site: { finess: grenoble },
        reason: 'solidarity loan, patient on VA',
      },
    });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ status: 'lent', site: { id: grenoble }, owner: { id: LYON } });
    const after = await consoles();
    expect(after?.lent).toBe((before?.lent ?? 0) + 1);
    expect(after?.total).toBe((before?.total ?? 0) + 1);
    const kinds = (await regional.ok('listDeviceHistory', { params: { id: device.id } })).items.map((e) => e.kind);
    expect(kinds.slice(0, 2).sort()).toEqual(['moved', 'status']);
  });

  it('shows a hospital user only the consoles of her establishment, with counts per status', async () => {
    const res = await perfusionist.ok('listDevices', { query: { limit: 500 } });
    expect(res.items.length).toBeGreaterThan(0);
    expect(res.items.every((d) => d.site.id === LYON || d.owner?.id === LYON)).toBe(true);
    const sum = Object.values(res.byStatus as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sum).toBe(res.total);
  });
});

describe('consumables by lot', () => {
  const lot = (extra: Partial<StockInput> = {}) => ({
    body: stockInput({
      site: { finess: LYON },
      itemKind: 'circuit',
      product: 'HLS Set Advanced 7.0',
      lotNumber: 'LT-2026-01',
      expiryDate: '2027-06-30',
      delta: 5,
      reason: 'delivery',
      ...extra,
    }),
  });

  it('receives a new lot, then takes units out, each movement recorded', async () => {
    expect(await perfusionist.ok('adjustStock', lot())).toMatchObject({ quantity: 5, expired: false });
    const out = await perfusionist.ok('adjustStock', lot({ delta: -2, reason: 'used for a run' }));
    expect(out.quantity).toBe(3);
    expect(await stockMovements(t.db, 'LT-2026-01')).toBe(2);
  });

  it('refuses to take out more than the lot holds, a lot recorded with another expiry, and a cannula without size', async () => {
    const before = await fleetState();
    const tooMany = await perfusionist.call('adjustStock', lot({ delta: -10 }));
    expect(tooMany.problem?.errors?.[0]).toMatchObject({ field: 'body.delta', code: 'insufficient_stock' });
    const otherExpiry = await perfusionist.call('adjustStock', lot({ expiryDate: '2028-01-01' }));
    expect(otherExpiry.status).toBe(409);
    expect(otherExpiry.problem?.errors?.[0]?.field).toBe('body.expiryDate');
    const cannula = await perfusionist.call('adjustStock', lot({ itemKind: 'cannula', lotNumber: 'C1' }));
    expect(cannula.problem?.errors?.map((e) => e.field).sort()).toEqual(['body.cannulaType', 'body.sizeFr']);
    expect(await fleetState()).toEqual(before);
  });

  it('never lets an expired lot be declared available, and never counts one', async () => {
    const before = await fleetState();
    const expired = await perfusionist.call('adjustStock', lot({ lotNumber: 'OLD-1', expiryDate: '2020-01-31' }));
    expect(expired.status).toBe(400);
    expect(expired.problem?.errors?.[0]).toMatchObject({ field: 'body.expiryDate', code: 'expired_lot' });
    expect(await fleetState()).toEqual(before);
    // An expired lot already on the shelf (as the demo has): received before it expired, it can be taken
    // out, and is listed only on request.
    await at(t.clock, '2021-02-01T09:00:00Z', () =>
      perfusionist.ok('adjustStock', lot({ lotNumber: 'OLD-2', expiryDate: '2021-03-01', delta: 4 })),
    );
    const listed = await perfusionist.ok('listStock', { query: { finess: LYON } });
    const all = await perfusionist.ok('listStock', { query: { finess: LYON, includeExpired: 'true' } });
    expect(listed.items.some((l) => l.lotNumber === 'OLD-2')).toBe(false);
    expect(all.items.find((l) => l.lotNumber === 'OLD-2')).toMatchObject({ expired: true });
    expect(all.available).toEqual(listed.available);
    const removed = await perfusionist.ok(
      'adjustStock',
      lot({ lotNumber: 'OLD-2', expiryDate: '2021-03-01', delta: -4, reason: 'destroyed: expired' }),
    );
    expect(removed).toMatchObject({ quantity: 0, expired: true });
  });
});
