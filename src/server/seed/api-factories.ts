/**
 * Factories over the API's operations: valid inputs with defaults (typed by the contracts), and
 * arrangements made through the operations — so through their services, with their validation,
 * authorization, audit and events — for tests, benchmarks and scripts. `Caller` is anyone who calls
 * an operation as a signed-in user: the test agent, a client of a running server.
 */
import type { z } from 'zod';
import type { ZSubmitCensusReport } from '../../contracts/census.ts';
import type { ZAdjustStock, ZCreateDevice } from '../../contracts/fleet.ts';
import type { CallInput, OperationResult } from '../../contracts/operation.ts';
import type { Ops } from '../../contracts/operations.ts';
import type { TEcmoRequest, ZCreateEcmoRequest } from '../../contracts/regulation.ts';
import type { ZAddQualification, ZCreateProfessional, ZUpdateTeamMembers } from '../../contracts/teams.ts';
import { CONSOLE_MODELS } from './factories.ts';

type InputArgs<O> = keyof CallInput<O> extends never ? [input?: CallInput<O>] : [input: CallInput<O>];
/** Calls an operation for a step that must succeed: its result, or an error naming the refusal. */
export interface Caller {
  ok<K extends keyof Ops>(id: K, ...args: InputArgs<Ops[K]>): Promise<OperationResult<Ops[K]>>;
}

/** A number that differs at each call in a process, so that made-up identifiers never collide. */
let sequence = 0;
const next = (): number => ++sequence;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export type RequestInput = z.input<typeof ZCreateEcmoRequest>;
/** An ECMO request of a hospital (Lyon unless said): a pseudonymous case code, a contact, VV, within hours. */
export function requestInput(over: Partial<RequestInput> = {}): RequestInput {
  return {
    caseCode: `FAC-${pad(next(), 5)}`,
    finess: '690784186',
    ageBand: '40-59',
    indication: 'VV',
    urgency: 'hours',
    siteCanHost: true,
    contact: { name: 'Dr Claude Réanimation', phone: '04 72 11 89 00' },
    ...over,
  };
}

export type ProfessionalInput = z.input<typeof ZCreateProfessional>;
/** A perfusionist of one establishment (Lyon unless said), with an ADELI number of its own. */
export function professionalInput(over: Partial<ProfessionalInput> = {}): ProfessionalInput {
  return {
    identifier: { kind: 'adeli', value: `69${pad(6_000_000 + next(), 7)}` },
    firstName: 'Nina',
    lastName: 'Canule',
    profession: 'perfusionist',
    establishments: ['690784186'],
    ...over,
  };
}

export type QualificationInput = z.input<typeof ZAddQualification>;
export function qualificationInput(
  kind: QualificationInput['kind'],
  over: Partial<QualificationInput> = {},
): QualificationInput {
  return { kind, issuer: 'Hospices Civils de Lyon', issuedOn: '2021-09-01', ...over };
}

export type DeviceInput = z.input<typeof ZCreateDevice>;
/**
 * A console owned by and standing at one establishment (Lyon unless said), of a model on the market.
 * A console of the national stock (`ownerFiness: null`) is given its depot as `site`.
 */
export function deviceInput(over: Partial<DeviceInput> = {}): DeviceInput {
  const model = CONSOLE_MODELS[0];
  const finess = over.ownerFiness ?? '690784186';
  return {
    manufacturer: model.manufacturer,
    model: model.model,
    serialNumber: `${model.prefix}-FAC-${pad(next(), 5)}`,
    ownerFiness: finess,
    site: { finess },
    ...over,
  };
}

export type StockInput = z.input<typeof ZAdjustStock>;
/** Circuits received into a lot of a site (Lyon unless said). */
export function stockInput(over: Partial<StockInput> = {}): StockInput {
  return {
    site: { finess: '690784186' },
    itemKind: 'circuit',
    product: 'HLS Set Advanced 7.0',
    lotNumber: `LF-${pad(next(), 5)}`,
    expiryDate: '2099-06-30',
    delta: 5,
    reason: 'delivery',
    ...over,
  };
}

export type CensusReportInput = z.input<typeof ZSubmitCensusReport>;
/**
 * A week's report that agrees with a register of `registered` consoles: two in use with a patient
 * each, the others available.
 */
export function censusReportInput(
  week: string,
  finess: string,
  registered: number,
  over: Partial<CensusReportInput> = {},
): CensusReportInput {
  return {
    week,
    finess,
    consoles: { available: registered - 2, inUse: 2, maintenance: 0, lent: 0, outOfService: 0, inTransit: 0 },
    circuits: 6,
    cannulas: 12,
    patients: { vv: 1, va: 1 },
    teams: 2,
    comment: 'Deux patients, une équipe d’astreinte renforcée',
    ...over,
  };
}

/** A request filed by a hospital's clinician. */
export const fileRequest = (clinician: Caller, over: Partial<RequestInput> = {}): Promise<TEcmoRequest> =>
  clinician.ok('createEcmoRequest', { body: requestInput(over) });

/** A request filed, then taken into regional regulation by a regulator. */
export async function requestInRegulation(
  clinician: Caller,
  regulator: Caller,
  over: Partial<RequestInput> = {},
): Promise<TEcmoRequest> {
  const filed = await fileRequest(clinician, over);
  return regulator.ok('updateEcmoRequestStatus', {
    params: { id: filed.id },
    body: { version: filed.version, state: 'regional_regulation' },
  });
}

/** A professional, with the qualifications given (each issued in 2021, without end). */
export async function createProfessional(
  caller: Caller,
  over: Partial<ProfessionalInput> = {},
  qualifications: readonly QualificationInput['kind'][] = [],
) {
  let professional = await caller.ok('createProfessional', { body: professionalInput(over) });
  for (const kind of qualifications) {
    professional = await caller.ok('addQualification', {
      params: { id: professional.id },
      body: qualificationInput(kind),
    });
  }
  return professional;
}

type Members = z.input<typeof ZUpdateTeamMembers>['members'];
/** Changes a team's members from those it has (read at its current version). */
export async function changeMembers(caller: Caller, teamId: string, change: (members: Members) => Members) {
  const team = await caller.ok('getTeam', { params: { id: teamId } });
  const members = team.members.map((m) => ({ professionalId: m.professionalId, role: m.role }));
  return caller.ok('updateTeamMembers', {
    params: { id: teamId },
    body: { version: team.version, members: change(members) },
  });
}

/** Takes every shift of a team starting in [from, to) off its roster. */
export const clearShifts = (caller: Caller, teamId: string, from: Date, to: Date) =>
  caller.ok('upsertShifts', {
    params: { id: teamId },
    body: { from: from.toISOString(), to: to.toISOString(), shifts: [] },
  });

/** Changes a console's status (current version read first), with the reason the register requires. */
export async function setDeviceStatus(
  caller: Caller,
  id: string,
  status: DeviceInput['status'] & string,
  reason = 'set by a factory',
) {
  const device = await caller.ok('getDevice', { params: { id } });
  return caller.ok('updateDevice', { params: { id }, body: { version: device.version, status, reason } });
}

/**
 * Every console standing at an establishment of a region made fit to go: back in service (those in
 * maintenance, out of service or in use), and a calibration or maintenance recorded on `today` where
 * one is overdue. For arrangements that lend many consoles.
 */
export async function fitEveryConsole(caller: Caller, region: string, today: string): Promise<number> {
  let changed = 0;
  const { items } = await caller.ok('listDevices', { query: { region, limit: 500 } });
  for (const c of items) {
    if (c.site.kind !== 'establishment' || !['maintenance', 'out_of_service', 'in_use'].includes(c.status)) continue;
    await caller.ok('updateDevice', {
      params: { id: c.id },
      body: { version: c.version, status: 'available', reason: 'made fit to go by a factory' },
    });
    changed++;
  }
  const due = await caller.ok('listMaintenanceDue', { query: { region, withinDays: 0, limit: 500 } });
  for (const c of due.items) {
    for (const kind of ['maintenance', 'calibration'] as const) {
      if (c[kind] !== 'overdue') continue;
      await caller.ok('recordMaintenance', {
        params: { id: c.consoleId },
        body: { kind, performedOn: today, performedBy: 'Service biomédical' },
      });
      changed++;
    }
  }
  return changed;
}
