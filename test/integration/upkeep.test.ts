import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '../../src/domain/time.ts';
import { dueAfter } from '../../src/domain/upkeep.ts';
import { remindUpkeep } from '../../src/server/modules/fleet/upkeep.service.ts';
import { loadProviders } from '../../src/server/modules/regulation/providers.ts';
import { createProfessional, deviceInput } from '../../src/server/seed/api-factories.ts';
import { CONSOLE_MODELS } from '../../src/server/seed/factories.ts';
import { auditEntries, outboxTo } from '../support/reads.ts';
import {
  type Agent,
  createTestApp,
  DEMO,
  expectStatus,
  snapshot,
  type TestApp,
  testConfig,
} from '../support/test-app.ts';

const LYON = '690784186';
const GRENOBLE = '380000067';
let t: TestApp;
let perfusionist: Agent;
let national: Agent;

// Every model is calibrated monthly and serviced every 200 days here, unless the database says otherwise.
const MODEL_INTERVALS = Object.fromEntries(
  CONSOLE_MODELS.map((m) => [m.model, { maintenanceDays: 200, calibrationDays: 30 }]),
);

beforeAll(async () => {
  t = await createTestApp({ config: { upkeep: { ...testConfig().upkeep, modelIntervals: MODEL_INTERVALS } } });
  perfusionist = await t.login(DEMO.perfusionist);
  national = await t.login(DEMO.national);
});
afterAll(() => t?.close());

/** Everything upkeep writes: a refusal leaves it as it was. */
const everything = () =>
  snapshot(t.db, ['device_checks', 'maintenance_records', 'consoles', 'console_events', 'audit_log']);

const ALL_OK = {
  integrity: true,
  alarms: true,
  battery: true,
  flowSensor: true,
  gasBlender: true,
  heaterCooler: true,
};

/** The signed-in perfusionist's own record among the professionals of her hospital. */
async function myProfessionalId(): Promise<string> {
  const me = await perfusionist.ok('getCurrentUser');
  const { items } = await perfusionist.ok('listProfessionals', {
    query: { finess: LYON, profession: 'perfusionist', limit: 100 },
  });
  for (const p of items) {
    if ((await perfusionist.ok('getProfessional', { params: { id: p.id }, query: {} })).userId === me.id) return p.id;
  }
  throw new Error(`no professional record for ${me.email}`);
}

/** A console newly registered at the demo hospital: available, nothing due, fit to go. */
async function fitConsole(): Promise<{ id: string; model: string }> {
  return perfusionist.ok('createDevice', { body: deviceInput({ ownerFiness: LYON }) });
}

const check = (agent: Agent, id: string, body: { signedBy: string; items: typeof ALL_OK; notes?: string }) =>
  agent.call('recordDeviceCheck', { params: { id }, body });

describe('equipment upkeep', () => {
  async function blockedConsole() {
    const due = await perfusionist.ok('listMaintenanceDue', { query: { finess: LYON } });
    return due.items.find((c) => c.calibration === 'overdue' && c.status === 'available');
  }
  it('never offers a console overdue for calibration, until its calibration is recorded', async () => {
    const overdue = await blockedConsole();
    expect(overdue).toMatchObject({ blocked: true, calibration: 'overdue' });
    if (!overdue) return;
    const settings = testConfig().regulation;
    const offered = async () =>
      (
        await loadProviders(
          t.db,
          parisDate(t.clock.now()),
          { composition: settings.composition, at: t.clock.now() },
          LYON,
        )
      )
        .flatMap((p) => p.consoles)
        .map((c) => c.id);
    expect(await offered()).not.toContain(overdue.consoleId);
    const before = await everything();
    const params = { id: overdue.consoleId };
    const future = await perfusionist.call('recordMaintenance', {
      params,
      body: { kind: 'calibration', performedOn: '2099-01-01', performedBy: 'Service biomédical' },
    });
    expect(future.problem?.errors?.[0]).toMatchObject({ field: 'body.performedOn', code: 'in_future' });
    expect(await everything()).toEqual(before);
    const done = await perfusionist.call('recordMaintenance', {
      params,
      body: { kind: 'calibration', performedOn: parisDate(t.clock.now()), performedBy: 'Getinge service' },
    });
    expectStatus(done, 201);
    expect(done.body).toMatchObject({ calibration: 'ok', blocked: false });
    expect(await offered()).toContain(overdue.consoleId);
  });

  it('refuses a check signed by someone without the qualification; a failed check holds the console back', async () => {
    const c = await fitConsole();
    const [doctor] = (
      await perfusionist.ok('listProfessionals', { query: { finess: LYON, profession: 'cardiac_surgeon', limit: 1 } })
    ).items;
    const me = await myProfessionalId();
    const items = ALL_OK;
    const before = await everything();
    const unqualified = await check(perfusionist, c.id, { signedBy: String(doctor?.id), items });
    expect(unqualified.status).toBe(400);
    expect(unqualified.problem?.errors?.[0]).toMatchObject({ field: 'body.signedBy', code: 'not_qualified' });
    expect(await everything()).toEqual(before);
    const failed = await check(perfusionist, c.id, {
      signedBy: me,
      items: { ...items, battery: false },
      notes: 'Batterie à 40 % après charge',
    });
    expect(failed.body).toMatchObject({ checkRequired: true, blocked: true, lastCheck: { passed: false } });
    const passed = await check(perfusionist, c.id, { signedBy: me, items });
    expect(passed.body).toMatchObject({
      checkRequired: false,
      blocked: false,
      lastCheck: { passed: true, signedBy: { name: 'Morgane Perfusion' } },
    });
    expect((await check(national, c.id, { signedBy: me, items })).status).toBe(403);
  });

  it('reminds the owning hospital’s perfusionists of a due date once', async () => {
    // A perfusionist of the hospital on record with an address, without an account: reminded too.
    const colleague = await createProfessional(perfusionist, { lastName: 'Collègue' });
    const withMail = await perfusionist.ok('updateProfessional', {
      params: { id: colleague.id },
      body: { version: colleague.version, email: 'Collegue.Perfusion@chu-lyon.example' },
    });
    expect(withMail.email).toBe('collegue.perfusion@chu-lyon.example');
    const settings = { ...testConfig().upkeep, reminderDays: 400 };
    const first = await remindUpkeep(t.db, settings, t.clock.now());
    expect(first).toBeGreaterThan(0);
    expect(await remindUpkeep(t.db, settings, t.clock.now())).toBe(0);
    const mails = await outboxTo(t.db, ['%console%échéance%', '%à faire avant%']);
    expect(mails).toContain(DEMO.perfusionist);
    expect(mails).toContain('collegue.perfusion@chu-lyon.example');
  });
});

describe('upkeep rules', () => {
  it('refuses a check signed by a qualified perfusionist of another hospital, changing nothing', async () => {
    const c = await fitConsole();
    // A perfusionist qualified (perfusion master) at another hospital only.
    const elsewhere = (
      await national.ok('listProfessionals', {
        query: { finess: GRENOBLE, qualification: 'perfusion_master', limit: 100 },
      })
    ).items.find((p) => !p.establishments.some((e) => e.finess === LYON));
    const before = await everything();
    const res = await check(perfusionist, c.id, { signedBy: String(elsewhere?.id), items: ALL_OK });
    expect(res.status).toBe(400);
    expect(res.problem?.errors?.[0]).toMatchObject({ field: 'body.signedBy', code: 'not_on_site' });
    const unknown = await check(perfusionist, c.id, {
      signedBy: '00000000-0000-4000-8000-000000000000',
      items: ALL_OK,
    });
    expect(unknown.problem?.errors?.[0]).toMatchObject({ field: 'body.signedBy', code: 'unknown_professional' });
    // Hostile input: a check without one of its items, which the contract's type requires.
    const missingItem = await perfusionist.request('POST', `/api/devices/${c.id}/checks`, {
      signedBy: await myProfessionalId(),
      items: { ...ALL_OK, heaterCooler: undefined },
    });
    expect(missingItem.statusCode).toBe(400);
    expect(missingItem.json().errors[0].field).toBe('body.items.heaterCooler');
    expect(await everything()).toEqual(before);
  });

  it('sets the next due date from the model’s interval: its stored row, else the configured one', async () => {
    const c = await fitConsole();
    const today = parisDate(t.clock.now());
    const record = (body: {
      kind: 'calibration' | 'maintenance';
      performedOn: string;
      performedBy: string;
      notes?: string;
    }) => perfusionist.call('recordMaintenance', { params: { id: c.id }, body });
    const calibrated = await record({ kind: 'calibration', performedOn: today, performedBy: 'Service biomédical' });
    expectStatus(calibrated, 201);
    expect(calibrated.body).toMatchObject({ calibrationDue: dueAfter(today, 30), calibration: 'ok' });
    const serviced = await record({
      kind: 'maintenance',
      performedOn: dueAfter(today, -10),
      performedBy: 'Getinge service',
    });
    expectStatus(serviced, 201);
    expect(serviced.body).toMatchObject({ maintenanceDue: dueAfter(today, 190) });
    expect(serviced.body.records[0]).toMatchObject({ kind: 'calibration', nextDue: dueAfter(today, 30) });

    // The model's own row wins over the configuration. No operation writes these rows (they are set in
    // the database by whoever runs it), so the test does.
    await t.db.query(
      `INSERT INTO upkeep_intervals (model, maintenance_days, calibration_days) VALUES ($1, 400, 45)
       ON CONFLICT (model) DO UPDATE SET maintenance_days = 400, calibration_days = 45`,
      [c.model],
    );
    // Recorded a minute later the same day: the latest record of the day sets the due date.
    t.clock.advance(60_000);
    const again = await record({ kind: 'calibration', performedOn: today, performedBy: 'Service biomédical' });
    expect(again.body).toMatchObject({ calibrationDue: dueAfter(today, 45) });
    // An older intervention recorded late never moves the due date back.
    const late = await record({
      kind: 'calibration',
      performedOn: dueAfter(today, -20),
      performedBy: 'Service biomédical',
      notes: 'Saisie tardive',
    });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ calibrationDue: dueAfter(today, 45) });
    const audit = await auditEntries(t.db, ['device.calibration', 'device.maintenance'], c.id);
    expect(audit.map((a) => a.action)).toEqual([
      'device.calibration',
      'device.maintenance',
      'device.calibration',
      'device.calibration',
    ]);
  });

  it('lists the consoles due within reach only, overdue ones included', async () => {
    const until = dueAfter(parisDate(t.clock.now()), 60);
    const mine = await perfusionist.ok('listMaintenanceDue', { query: { withinDays: 60, limit: 200 } });
    expect(mine.items.length).toBeGreaterThan(0);
    for (const c of mine.items) {
      expect([c.site.id, c.owner?.finess]).toContain(LYON);
      expect(
        (c.maintenanceDue !== null && c.maintenanceDue <= until) ||
          (c.calibrationDue !== null && c.calibrationDue <= until) ||
          c.checkRequired,
      ).toBe(true);
    }
    expect((await perfusionist.call('listMaintenanceDue', { query: { finess: GRENOBLE } })).status).toBe(403);
    const nation = await national.ok('listMaintenanceDue', { query: { withinDays: 30, limit: 200 } });
    expect(nation.total).toBeGreaterThan(mine.total);
  });
});
