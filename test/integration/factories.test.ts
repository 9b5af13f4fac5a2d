/**
 * Tests on the factories: each makes a row (or an input) that the services accept as their own — the
 * bulk factories of the seed and benchmarks (`seed/factories.ts`, which write rows directly for speed)
 * and the factories over the operations (`seed/api-factories.ts`) the suites arrange their data with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentIsoWeek, parisDate } from '../../src/domain/time.ts';
import {
  censusReportInput,
  changeMembers,
  clearShifts,
  createProfessional,
  deviceInput,
  fitEveryConsole,
  professionalInput,
  requestInput,
  requestInRegulation,
  setDeviceStatus,
  stockInput,
} from '../../src/server/seed/api-factories.ts';
import {
  createRandom,
  insertConsoles,
  insertLots,
  insertReports,
  makeConsole,
  makeEstablishments,
  makeLots,
  makeReport,
} from '../../src/server/seed/factories.ts';
import { registeredConsoles, sampleOf } from '../support/reads.ts';
import { type Agent, createTestApp, DEMO, expectStatus, type TestApp } from '../support/test-app.ts';

const LYON = '690784186'; // no census report this week in the demo
const GRENOBLE = '380000067';
let t: TestApp;
let perfusionist: Agent;
let national: Agent;
let admin: Agent;
let regional: Agent;
let clinician: Agent;
const rnd = createRandom(7);

beforeAll(async () => {
  t = await createTestApp();
  perfusionist = await t.login(DEMO.perfusionist);
  national = await t.login(DEMO.national);
  admin = await t.login(DEMO.admin);
  regional = await t.login(DEMO.regional);
  clinician = await t.login(DEMO.clinician);
});
afterAll(() => t?.close());

describe('the bulk factories of the seed', () => {
  it('makes consoles the register reads, changes and traces like those it registers itself', async () => {
    const atGrenoble = makeConsole(rnd, { ownerFiness: GRENOBLE, siteFiness: GRENOBLE });
    const inDepot = makeConsole(rnd, { siteDepot: 'SNS-LYON', status: 'maintenance' });
    await insertConsoles(t.db, [atGrenoble, inDepot], t.clock.now());
    const find = async (serialNumber: string) =>
      (await national.ok('listDevices', { query: { q: serialNumber } })).items.find(
        (d) => d.serialNumber === serialNumber,
      );
    const hospital = await find(atGrenoble.serialNumber);
    expect(hospital).toMatchObject({
      status: 'available',
      version: 1,
      owner: { id: GRENOBLE },
      site: { kind: 'establishment', id: GRENOBLE },
    });
    expect(await find(inDepot.serialNumber)).toMatchObject({
      status: 'maintenance',
      owner: null,
      site: { kind: 'depot', id: 'SNS-LYON' },
    });
    if (!hospital) return;
    const history = await regional.ok('listDeviceHistory', { params: { id: hospital.id } });
    expect(history.items).toEqual([expect.objectContaining({ kind: 'created', toStatus: 'available' })]);
    const changed = await regional.call('updateDevice', {
      params: { id: hospital.id },
      body: { version: 1, status: 'maintenance', reason: 'factory row changed by the service' },
    });
    expectStatus(changed, 200);
    expect(changed.body).toMatchObject({ status: 'maintenance', version: 2 });
  });

  it('makes lots the stock lists, counts only unexpired, and takes units out of', async () => {
    const today = parisDate(t.clock.now());
    const lots = makeLots(rnd, { finess: GRENOBLE }, today).map((l, i) => ({ ...l, lotNumber: `FAC-LOT-${i}` }));
    await insertLots(t.db, lots, t.clock.now());
    const listed = await regional.ok('listStock', { query: { finess: GRENOBLE, includeExpired: 'true', limit: 500 } });
    for (const lot of lots) {
      expect(listed.items.find((l) => l.lotNumber === lot.lotNumber)).toMatchObject({
        quantity: lot.quantity,
        expiryDate: lot.expiryDate,
        expired: lot.expiryDate < today,
      });
    }
    const fresh = lots.find((l) => l.expiryDate >= today && l.itemKind === 'circuit');
    if (!fresh) throw new Error('makeLots gives unexpired circuits');
    const out = await regional.ok('adjustStock', {
      body: stockInput({
        site: { finess: GRENOBLE },
        product: fresh.product,
        lotNumber: fresh.lotNumber,
        expiryDate: fresh.expiryDate,
        delta: -1,
        reason: 'used for a run',
      }),
    });
    expect(out.quantity).toBe(fresh.quantity - 1);
  });

  it('makes a census report that agrees with the register, which the census takes a correction of', async () => {
    const week = currentIsoWeek(t.clock.now());
    const registered = await registeredConsoles(t.db, LYON);
    const seed = makeReport(rnd, week, LYON, registered, t.clock.now());
    await insertReports(t.db, [seed]);
    const [stored] = (await clinician.ok('listCensusReports', { query: { finess: LYON } })).items;
    expect(stored).toMatchObject({ week, finess: LYON, version: 1, current: true, source: 'form' });
    // The same figures sent through the census pass its checks against the register.
    const corrected = await clinician.call('submitCensusReport', {
      body: censusReportInput(week, LYON, registered, {
        consoles: {
          available: seed.counts.available,
          inUse: seed.counts.in_use,
          maintenance: seed.counts.maintenance,
          lent: seed.counts.lent,
          outOfService: seed.counts.out_of_service,
          inTransit: seed.counts.in_transit,
        },
        circuits: seed.circuits,
        cannulas: seed.cannulas,
        patients: { vv: seed.patientsVv, va: seed.patientsVa },
        teams: seed.teams,
        correctionReason: 'factory report corrected',
      }),
    });
    expectStatus(corrected, 201);
    expect(corrected.body).toMatchObject({ version: 2, current: true });
  });

  it('makes establishments whose FINESS numbers and départements the register accepts', async () => {
    const taken = new Set(await sampleOf(t.db, 'establishments', 'finess', 10_000));
    for (const e of makeEstablishments(rnd, 3, ['69', '38', '2A'], taken)) {
      const created = await admin.call('createEstablishment', {
        body: { finess: e.finess, name: e.name, categoryCode: '355' },
      });
      expectStatus(created, 201);
      expect(created.body).toMatchObject({ finess: e.finess, departementCode: e.departementCode });
    }
  });
});

describe('the factories over the operations', () => {
  it('gives inputs each operation takes as they are', async () => {
    expect((await clinician.call('createEcmoRequest', { body: requestInput() })).status).toBe(201);
    expect((await perfusionist.call('createProfessional', { body: professionalInput() })).status).toBe(201);
    expect((await perfusionist.call('createDevice', { body: deviceInput() })).status).toBe(201);
    expect((await perfusionist.call('adjustStock', { body: stockInput() })).status).toBe(200);
    expect((await regional.call('createDevice', { body: deviceInput({ ownerFiness: GRENOBLE }) })).status).toBe(201);
  });

  it('arranges requests, professionals, members, shifts and console statuses through the operations', async () => {
    const regulated = await requestInRegulation(clinician, regional);
    expect(regulated).toMatchObject({ state: 'regional_regulation', version: 2 });

    const runner = await createProfessional(perfusionist, {}, ['perfusion_master']);
    expect(runner.validQualifications).toContain('perfusion_master');
    const [team] = (await perfusionist.ok('listTeams', { query: { finess: LYON, kind: 'ecmo' } })).items;
    if (!team) throw new Error('the demo hospital has an ECMO team');
    const staffed = await changeMembers(perfusionist, team.id, (m) => [
      ...m,
      { professionalId: runner.id, role: 'perfusionist' },
    ]);
    expect(staffed.members.map((m) => m.professionalId)).toContain(runner.id);

    const from = t.clock.now();
    const to = new Date(from.getTime() + 86_400_000);
    const cleared = await clearShifts(perfusionist, team.id, from, to);
    expect(cleared.shifts.filter((s) => s.teamId === team.id && s.startsAt >= from.toISOString())).toEqual([]);

    const device = await perfusionist.ok('createDevice', { body: deviceInput() });
    expect(await setDeviceStatus(perfusionist, device.id, 'maintenance')).toMatchObject({
      status: 'maintenance',
      version: 2,
    });
  });

  it('makes every console of a region fit to go', async () => {
    const today = parisDate(t.clock.now());
    await fitEveryConsole(admin, '84', today);
    const { items } = await admin.ok('listDevices', { query: { region: '84', limit: 500 } });
    const unfit = items.filter(
      (c) => c.site.kind === 'establishment' && ['maintenance', 'out_of_service', 'in_use'].includes(c.status),
    );
    expect(unfit).toEqual([]);
    const due = await admin.ok('listMaintenanceDue', { query: { region: '84', withinDays: 0, limit: 500 } });
    expect(due.items.filter((c) => c.maintenance === 'overdue' || c.calibration === 'overdue')).toEqual([]);
  });
});
