import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '../../src/domain/time.ts';
import { dueAfter } from '../../src/domain/upkeep.ts';
import { loadProviders } from '../../src/server/modules/regulation/options.service.ts';
import { remindUpkeep } from '../../src/server/modules/fleet/upkeep.service.ts';
import { CONSOLE_MODELS } from '../../src/server/seed/factories.ts';
import { type Agent, createTestApp, DEMO, type TestApp, testConfig } from '../support/test-app.ts';

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

/** Row counts and version sums of everything upkeep writes: a refusal leaves them as they were. */
async function everything() {
  const [row] = await t.db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM device_checks)::int AS checks, (SELECT count(*) FROM maintenance_records)::int AS records,
       (SELECT coalesce(sum(version), 0) FROM consoles)::int AS consoles, (SELECT count(*) FROM console_events)::int AS events,
       (SELECT count(*) FROM audit_log)::int AS audit`,
  );
  return row;
}

const ALL_OK = {
  integrity: true,
  alarms: true,
  battery: true,
  flowSensor: true,
  gasBlender: true,
  heaterCooler: true,
};

async function myProfessionalId(): Promise<string> {
  const [me] = await t.db.query<{ id: string }>(
    'SELECT p.id FROM professionals p JOIN users u ON u.id = p.user_id WHERE u.email = $1',
    [DEMO.perfusionist],
  );
  return me?.id as string;
}

/** An available console of the demo hospital, fit to go (not the one overdue). */
async function fitConsole(offset = 0): Promise<{ id: string; model: string }> {
  const [c] = await t.db.query<{ id: string; model: string }>(
    `SELECT id, model FROM consoles WHERE site_finess = $1 AND status = 'available' AND NOT check_required
       AND calibration_due >= $3::date ORDER BY serial_number DESC OFFSET $2 LIMIT 1`,
    [LYON, offset, parisDate(t.clock.now())],
  );
  return c as { id: string; model: string };
}

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
    const future = await perfusionist.request('POST', `/api/devices/${overdue.consoleId}/maintenance`, {
      kind: 'calibration',
      performedOn: '2099-01-01',
      performedBy: 'Service biomédical',
    });
    expect(future.json().errors[0]).toMatchObject({ field: 'body.performedOn', code: 'in_future' });
    expect(await everything()).toEqual(before);
    const done = await perfusionist.request('POST', `/api/devices/${overdue.consoleId}/maintenance`, {
      kind: 'calibration',
      performedOn: parisDate(t.clock.now()),
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
    // A perfusionist of the hospital on record with an address, without an account: reminded too.
    const [colleague] = await t.db.query<{ id: string; version: number }>(
      `SELECT p.id, p.version FROM professionals p JOIN professional_establishments pe ON pe.professional_id = p.id
       WHERE pe.finess = $1 AND p.profession = 'perfusionist' AND p.user_id IS NULL LIMIT 1`,
      [LYON],
    );
    const withMail = await perfusionist.request('PATCH', `/api/professionals/${colleague?.id}`, {
      version: colleague?.version,
      email: 'Collegue.Perfusion@chu-lyon.example',
    });
    expect(withMail.json().email).toBe('collegue.perfusion@chu-lyon.example');
    const settings = { ...testConfig().upkeep, reminderDays: 400 };
    const first = await remindUpkeep(t.db, settings, t.clock.now());
    expect(first).toBeGreaterThan(0);
    expect(await remindUpkeep(t.db, settings, t.clock.now())).toBe(0);
    const mails = await t.db.query<{ to_address: string }>(
      "SELECT DISTINCT to_address FROM mail_outbox WHERE subject LIKE '%console%échéance%' OR subject LIKE '%à faire avant%'",
    );
    expect(mails.map((m) => m.to_address)).toContain(DEMO.perfusionist);
    expect(mails.map((m) => m.to_address)).toContain('collegue.perfusion@chu-lyon.example');
  });
});

describe('upkeep rules', () => {
  it('refuses a check signed by a qualified perfusionist of another hospital, changing nothing', async () => {
    const c = await fitConsole();
    const [elsewhere] = await t.db.query<{ id: string }>(
      `SELECT p.id FROM professionals p JOIN professional_establishments pe ON pe.professional_id = p.id
       JOIN qualifications q ON q.professional_id = p.id
       WHERE pe.finess = $1 AND q.kind = 'perfusion_master' AND NOT EXISTS
         (SELECT 1 FROM professional_establishments x WHERE x.professional_id = p.id AND x.finess = $2) LIMIT 1`,
      [GRENOBLE, LYON],
    );
    const before = await everything();
    const res = await perfusionist.request('POST', `/api/devices/${c.id}/checks`, {
      signedBy: elsewhere?.id,
      items: ALL_OK,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'body.signedBy', code: 'not_on_site' });
    const unknown = await perfusionist.request('POST', `/api/devices/${c.id}/checks`, {
      signedBy: '00000000-0000-4000-8000-000000000000',
      items: ALL_OK,
    });
    expect(unknown.json().errors[0]).toMatchObject({ field: 'body.signedBy', code: 'unknown_professional' });
    const missingItem = await perfusionist.request('POST', `/api/devices/${c.id}/checks`, {
      signedBy: await myProfessionalId(),
      items: { ...ALL_OK, heaterCooler: undefined },
    });
    expect(missingItem.statusCode).toBe(400);
    expect(missingItem.json().errors[0].field).toBe('body.items.heaterCooler');
    expect(await everything()).toEqual(before);
  });

  it('sets the next due date from the model’s interval: its stored row, else the configured one', async () => {
    const c = await fitConsole(1);
    const today = parisDate(t.clock.now());
    const calibrated = await perfusionist.request('POST', `/api/devices/${c.id}/maintenance`, {
      kind: 'calibration',
      performedOn: today,
      performedBy: 'Service biomédical',
    });
    expect(calibrated.statusCode).toBe(201);
    expect(calibrated.json()).toMatchObject({ calibrationDue: dueAfter(today, 30), calibration: 'ok' });
    const serviced = await perfusionist.request('POST', `/api/devices/${c.id}/maintenance`, {
      kind: 'maintenance',
      performedOn: dueAfter(today, -10),
      performedBy: 'Getinge service',
    });
    expect(serviced.json()).toMatchObject({ maintenanceDue: dueAfter(today, 190) });
    expect(serviced.json().records[0]).toMatchObject({ kind: 'calibration', nextDue: dueAfter(today, 30) });

    // The model's own row wins over the configuration.
    await t.db.query(
      `INSERT INTO upkeep_intervals (model, maintenance_days, calibration_days) VALUES ($1, 400, 45)
       ON CONFLICT (model) DO UPDATE SET maintenance_days = 400, calibration_days = 45`,
      [c.model],
    );
    // Recorded a minute later the same day: the latest record of the day sets the due date.
    t.clock.advance(60_000);
    const again = await perfusionist.request('POST', `/api/devices/${c.id}/maintenance`, {
      kind: 'calibration',
      performedOn: today,
      performedBy: 'Service biomédical',
    });
    expect(again.json()).toMatchObject({ calibrationDue: dueAfter(today, 45) });
    // An older intervention recorded late never moves the due date back.
    const late = await perfusionist.request('POST', `/api/devices/${c.id}/maintenance`, {
      kind: 'calibration',
      performedOn: dueAfter(today, -20),
      performedBy: 'Service biomédical',
      notes: 'Saisie tardive',
    });
    expect(late.statusCode).toBe(201);
    expect(late.json()).toMatchObject({ calibrationDue: dueAfter(today, 45) });
    const audit = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE target_id = $1 AND action IN ('device.calibration', 'device.maintenance') ORDER BY seq",
      [c.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'device.calibration',
      'device.maintenance',
      'device.calibration',
      'device.calibration',
    ]);
  });

  it('lists the consoles due within reach only, overdue ones included', async () => {
    const until = dueAfter(parisDate(t.clock.now()), 60);
    const mine = (await perfusionist.request('GET', '/api/maintenance/due?withinDays=60&limit=200')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    for (const c of mine.items) {
      expect([c.site.id, c.owner?.finess]).toContain(LYON);
      expect(c.maintenanceDue <= until || c.calibrationDue <= until || c.checkRequired).toBe(true);
    }
    expect((await perfusionist.request('GET', `/api/maintenance/due?finess=${GRENOBLE}`)).statusCode).toBe(403);
    const nation = (await national.request('GET', '/api/maintenance/due?withinDays=30&limit=200')).json();
    expect(nation.total).toBeGreaterThan(mine.total);
  });
});
