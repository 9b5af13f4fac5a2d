/**
 * Every route × every role × a target inside / outside the role's scope, with the status expected.
 * The expectations are written out by hand: they are the specification the policy must meet.
 * Targets: "ara" lies in Auvergne-Rhône-Alpes (the demo's Lyon hospital, region 84),
 * "idf" in Île-de-France (region 11).
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ops } from '../../src/contracts/operations.ts';
import { completeFiness } from '../../src/domain/identifiers.ts';
import { currentIsoWeek, parisDate } from '../../src/domain/time.ts';
import {
  censusReportInput,
  fileRequest,
  fitEveryConsole,
  requestInRegulation,
} from '../../src/server/seed/api-factories.ts';
import { registeredConsoles } from '../support/reads.ts';
import { type Agent, createTestApp, DEMO, TEST_NOW, type TestApp } from '../support/test-app.ts';

type Who = 'anonymous' | keyof typeof DEMO;
type Target = 'ara' | 'idf';
const WHO: Who[] = [
  'anonymous',
  'admin',
  'national',
  'regional',
  'regionalIdf',
  'clinician',
  'perfusionist',
  'trainer',
  'instructor',
];

let counter = 0;
const uniqueFiness = (dep: string) => completeFiness(`${dep}0${String(90000 + counter++).padStart(5, '0')}`);

interface Req {
  method: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}
interface Row {
  /** May read the database first (e.g. a console's current version). */
  request: (target: Target, who: Who) => Req | Promise<Req>;
  /** Expected status for [inside, outside] per role; `all` applies to roles not listed. */
  expect: Partial<Record<Who | 'all', readonly [number, number]>>;
  /** Each cell signs in anew (for operations that end the session). */
  fresh?: boolean;
  /** For a stream: opens it over real HTTP and answers the status it starts with. */
  stream?: boolean;
}

const both = (s: number): [number, number] => [s, s];
const ARA_HOSPITAL = '690784186'; // Hôpital Louis Pradel, Bron (demo ECMO centre of the hospital users)
const IDF_HOSPITAL = '750100042'; // an AP-HP site (Paris), from the FINESS reference
const IDF_CENTRE = '750100125'; // Pitié-Salpêtrière: a demo ECMO centre in Île-de-France
const hospital = (t: Target) => (t === 'ara' ? ARA_HOSPITAL : IDF_CENTRE);
const region = (t: Target) => (t === 'ara' ? '84' : '11');

/** A console standing at the target's ECMO centre, read fresh (its version moves as cells update it). */
/** The administrator, who sees everything: setup and lookups go through the operations as them. */
const admin = () => agents.get('admin') as Agent;

async function consoleAt(t: Target): Promise<{ id: string; version: number; status: string }> {
  const { items } = await admin().ok('listDevices', { query: { finess: hospital(t), limit: 500 } });
  const [row] = items
    .filter((c) => c.site.id === hospital(t))
    .sort((a, b) => (a.serialNumber < b.serialNumber ? -1 : a.serialNumber > b.serialNumber ? 1 : 0));
  if (!row) throw new Error(`no console at ${hospital(t)}`);
  return row;
}

async function censusBody(t: Target) {
  const registered = await registeredConsoles(app.db, hospital(t));
  return censusReportInput(currentIsoWeek(TEST_NOW), hospital(t), registered, {
    consoles: { available: registered, inUse: 0, maintenance: 0, lent: 0, outOfService: 0, inTransit: 0 },
    circuits: 4,
    cannulas: 6,
    patients: { vv: 0, va: 0 },
    teams: 1,
    comment: undefined,
    correctionReason: 'matrix test resubmission',
  });
}

const week = currentIsoWeek(TEST_NOW);

let caseNumber = 0;
/** A fresh request at the target's ECMO centre, filed by the national regulator, optionally taken into regulation. */
async function requestAt(t: Target, regulate = false): Promise<{ id: string; version: number }> {
  const national = agents.get('national') as Agent;
  const request = {
    caseCode: `MX-${String(caseNumber++).padStart(4, '0')}`,
    finess: hospital(t),
    siteCanHost: false,
    contact: { name: 'Dr Garde', phone: '04 72 00 00 00' },
  };
  return regulate ? requestInRegulation(national, national, request) : fileRequest(national, request);
}
const REQUEST_READERS = {
  anonymous: both(401),
  national: both(200),
  regional: [200, 404],
  regionalIdf: [404, 200],
  clinician: [200, 404],
  perfusionist: [200, 404],
  all: both(403),
} as const;
/** A request decided on its best loan option; its loan's id and version. */
async function loanAt(t: Target): Promise<{ id: string; version: number; consoleId: string }> {
  const national = agents.get('national') as Agent;
  const created = await requestInRegulation(national, national, {
    caseCode: `ML-${String(caseNumber++).padStart(4, '0')}`,
    finess: hospital(t),
    ageBand: '18-39',
    contact: { name: 'Dr Garde', phone: '04 72 00 00 00' },
  });
  const options = await national.ok('listRequestOptions', { params: { id: created.id } });
  const lend = options.items.find((o) => o.kind === 'lend');
  if (!lend) throw new Error(`no lend option at ${hospital(t)}`);
  const decided = await national.ok('decideEcmoRequest', {
    params: { id: created.id },
    body: { version: created.version, optionKey: lend.key, consoleId: lend.consoleId, motivation: 'matrix' },
  });
  const loanId = decided.decision?.loanId;
  if (!loanId) throw new Error('no loan');
  const loan = await national.ok('getLoan', { params: { id: loanId } });
  return { id: loan.id, version: loan.version, consoleId: lend.consoleId };
}
const sharedLoans = new Map<Target, Promise<{ id: string; version: number; consoleId: string }>>();
/** A fresh loan for the cells that will change it, one shared per target for the cells that will be refused. */
async function loanFor(t: Target, who: Who) {
  if (['national', 'regional', 'regionalIdf'].includes(who)) return loanAt(t);
  if (!sharedLoans.has(t)) sharedLoans.set(t, loanAt(t));
  const loan = await (sharedLoans.get(t) as Promise<{ id: string; version: number; consoleId: string }>);
  const { version } = await (agents.get('national') as Agent).ok('getLoan', { params: { id: loan.id } });
  return { ...loan, version };
}
const REGULATORS = {
  anonymous: both(401),
  national: both(200),
  regional: [200, 404],
  regionalIdf: [404, 200],
  all: both(403),
} as const;
const CENSUS_ROLES = {
  anonymous: both(401),
  admin: both(200),
  national: both(200),
  regional: [200, 403],
  regionalIdf: [403, 200],
  all: both(403),
} as const;
const HOSPITAL_SCOPED = {
  anonymous: both(401),
  admin: both(200),
  national: both(200),
  regional: [200, 403],
  regionalIdf: [403, 200],
  clinician: [200, 403],
  perfusionist: [200, 403],
  all: both(403),
} as const;
const csvRow = (t: Target) =>
  `semaine;finess;consoles_disponibles;consoles_en_service;consoles_maintenance;consoles_pretees;consoles_hors_service;consoles_en_transit;circuits;canules;patients_vv;patients_va;equipes\n${week};${hospital(t)};1;0;0;0;0;0;1;1;0;0;1\n`;

/** Reading one record of the target's hospital: outside the scope it does not exist. */
const HOSPITAL_READ = {
  anonymous: both(401),
  admin: both(200),
  national: both(200),
  regional: [200, 404],
  regionalIdf: [404, 200],
  clinician: [200, 404],
  perfusionist: [200, 404],
  all: both(403),
} as const;
/** Changing a professional or a team of the target's hospital: national regulators read, do not write. */
const HOSPITAL_WRITE = (ok: number) =>
  ({
    anonymous: both(401),
    admin: both(ok),
    national: both(403),
    regional: [ok, 404],
    regionalIdf: [404, ok],
    clinician: [ok, 404],
    perfusionist: [ok, 404],
    all: both(403),
  }) as const;
const HOSPITAL_CREATE = {
  anonymous: both(401),
  admin: both(201),
  national: both(403),
  regional: [201, 403],
  regionalIdf: [403, 201],
  clinician: [201, 403],
  perfusionist: [201, 403],
  all: both(403),
} as const;
/** Checks and interventions on a console: perfusionists of its hospital (and administrators). */
const UPKEEP_WRITE = { anonymous: both(401), admin: both(201), perfusionist: [201, 404], all: both(403) } as const;

/** The professional of the target's hospital first by identifier (holding a qualification when asked). */
async function firstProfessionalAt(t: Target, qualification?: 'perfusion_master') {
  const { items } = await admin().ok('listProfessionals', {
    query: { finess: hospital(t), limit: 500, ...(qualification ? { qualification } : {}) },
  });
  const [row] = items.sort((a, b) =>
    a.identifier.value < b.identifier.value ? -1 : a.identifier.value > b.identifier.value ? 1 : 0,
  );
  if (!row) throw new Error(`no professional at ${hospital(t)}`);
  return row;
}
const professionalAt = firstProfessionalAt;
async function teamAt(t: Target) {
  const [row] = (await admin().ok('listTeams', { query: { finess: hospital(t), kind: 'ecmo' } })).items;
  if (!row) throw new Error(`no team at ${hospital(t)}`);
  return admin().ok('getTeam', { params: { id: row.id } });
}
/** A professional of the target's hospital holding a perfusion qualification: may sign a check. */
const signerAt = async (t: Target): Promise<string> => (await firstProfessionalAt(t, 'perfusion_master')).id;
let identifierNumber = 0;
const freshAdeli = () => `69${String(1_000_000 + identifierNumber++).padStart(7, '0')}`;
const DAY = '2099-01-05';

const MATRIX: Record<keyof typeof ops, Row> = {
  health: { request: () => ({ method: 'GET', url: '/api/health' }), expect: { all: both(200) } },
  ready: { request: () => ({ method: 'GET', url: '/api/ready' }), expect: { all: both(200) } },
  login: {
    request: () => ({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: DEMO.clinician, password: 'relais-demo' },
    }),
    expect: { all: both(200) },
  },
  getCurrentUser: {
    request: () => ({ method: 'GET', url: '/api/auth/me' }),
    expect: { anonymous: both(401), all: both(200) },
  },
  listRegions: {
    request: () => ({ method: 'GET', url: '/api/regions' }),
    expect: { anonymous: both(401), all: both(200) },
  },
  listEstablishments: {
    request: (t) => ({ method: 'GET', url: `/api/establishments?region=${t === 'ara' ? '84' : '11'}` }),
    expect: { anonymous: both(401), all: both(200) },
  },
  getEstablishment: {
    request: (t) => ({ method: 'GET', url: `/api/establishments/${t === 'ara' ? ARA_HOSPITAL : IDF_HOSPITAL}` }),
    expect: { anonymous: both(401), all: both(200) },
  },
  createEstablishment: {
    request: (t) => ({
      method: 'POST',
      url: '/api/establishments',
      body: { finess: uniqueFiness(t === 'ara' ? '69' : '75'), name: 'Matrix test site', categoryCode: '355' },
    }),
    expect: {
      anonymous: both(401),
      admin: both(201),
      regional: [201, 403],
      regionalIdf: [403, 201],
      all: both(403),
    },
  },
  listUsers: {
    request: (t) => ({ method: 'GET', url: `/api/users?region=${t === 'ara' ? '84' : '11'}` }),
    expect: { anonymous: both(401), admin: both(200), regional: [200, 403], regionalIdf: [403, 200], all: both(403) },
  },
  createUser: {
    request: (t) => ({
      method: 'POST',
      url: '/api/users',
      body: {
        email: `matrix-${counter++}@example.fr`,
        displayName: 'Matrix User',
        password: 'long-enough-secret',
        grants: [
          { role: 'clinician', scopeKind: 'establishment', scopeCode: t === 'ara' ? ARA_HOSPITAL : IDF_HOSPITAL },
        ],
      },
    }),
    expect: { anonymous: both(401), admin: both(201), all: both(403) },
  },
  listDevices: {
    request: (t) => ({ method: 'GET', url: `/api/devices?finess=${hospital(t)}` }),
    expect: HOSPITAL_SCOPED,
  },
  getDevice: {
    request: async (t) => ({ method: 'GET', url: `/api/devices/${(await consoleAt(t)).id}` }),
    // Out of reach reads as not found: the register does not reveal what exists elsewhere.
    expect: {
      ...HOSPITAL_SCOPED,
      regional: [200, 404],
      regionalIdf: [404, 200],
      clinician: [200, 404],
      perfusionist: [200, 404],
    },
  },
  listDeviceHistory: {
    request: async (t) => ({ method: 'GET', url: `/api/devices/${(await consoleAt(t)).id}/history` }),
    expect: {
      ...HOSPITAL_SCOPED,
      regional: [200, 404],
      regionalIdf: [404, 200],
      clinician: [200, 404],
      perfusionist: [200, 404],
    },
  },
  createDevice: {
    request: (t) => ({
      method: 'POST',
      url: '/api/devices',
      body: {
        manufacturer: 'Getinge',
        model: 'Cardiohelp',
        serialNumber: `MX-${counter++}`,
        ownerFiness: hospital(t),
        site: { finess: hospital(t) },
      },
    }),
    expect: {
      anonymous: both(401),
      admin: both(201),
      national: both(201),
      regional: [201, 403],
      regionalIdf: [403, 201],
      perfusionist: [201, 403],
      all: both(403),
    },
  },
  updateDevice: {
    request: async (t) => {
      const d = await consoleAt(t);
      const status = d.status === 'maintenance' ? 'available' : 'maintenance';
      return {
        method: 'PATCH',
        url: `/api/devices/${d.id}`,
        body: { version: d.version, status, reason: 'matrix test' },
      };
    },
    expect: {
      anonymous: both(401),
      admin: both(200),
      national: both(200),
      regional: [200, 404],
      regionalIdf: [404, 200],
      perfusionist: [200, 404],
      all: both(403),
    },
  },
  listDepots: {
    request: () => ({ method: 'GET', url: '/api/depots' }),
    expect: { anonymous: both(401), trainer: both(403), instructor: both(403), all: both(200) },
  },
  listStock: { request: (t) => ({ method: 'GET', url: `/api/stock?finess=${hospital(t)}` }), expect: HOSPITAL_SCOPED },
  adjustStock: {
    request: (t) => ({
      method: 'POST',
      url: '/api/stock/adjustments',
      body: {
        site: { finess: hospital(t) },
        itemKind: 'circuit',
        product: 'Matrix circuit',
        lotNumber: 'MX1',
        expiryDate: '2099-01-01',
        delta: 1,
        reason: 'matrix test',
      },
    }),
    expect: {
      anonymous: both(401),
      admin: both(200),
      national: both(200),
      regional: [200, 403],
      regionalIdf: [403, 200],
      perfusionist: [200, 403],
      all: both(403),
    },
  },
  listCensusCampaigns: {
    request: (t) => ({ method: 'GET', url: `/api/census/campaigns?region=${region(t)}` }),
    expect: CENSUS_ROLES,
  },
  getCensusCampaign: {
    request: (t) => ({ method: 'GET', url: `/api/census/campaigns/${week}?region=${region(t)}` }),
    expect: CENSUS_ROLES,
  },
  submitCensusReport: {
    request: async (t) => ({ method: 'POST', url: '/api/census/reports', body: await censusBody(t) }),
    expect: {
      anonymous: both(401),
      admin: both(201),
      national: both(201),
      regional: [201, 403],
      regionalIdf: [403, 201],
      clinician: [201, 403],
      perfusionist: [201, 403],
      all: both(403),
    },
  },
  listCensusReports: {
    request: (t) => ({ method: 'GET', url: `/api/census/reports?finess=${hospital(t)}` }),
    expect: HOSPITAL_SCOPED,
  },
  importCensusFile: {
    // Validation only: a row outside the caller's scope is a row error, not a refusal of the upload.
    request: (t) => ({
      method: 'POST',
      url: '/api/census/imports?mode=validate',
      body: csvRow(t),
      headers: { 'content-type': 'text/csv' },
    }),
    expect: { anonymous: both(401), trainer: both(403), instructor: both(403), all: both(200) },
  },
  getCensusTemplate: {
    request: (t) => ({ method: 'GET', url: `/api/census/template?format=csv&region=${region(t)}` }),
    expect: CENSUS_ROLES,
  },
  remindCensus: {
    request: (t) => ({ method: 'POST', url: `/api/census/campaigns/${week}/reminders`, body: { region: region(t) } }),
    expect: CENSUS_ROLES,
  },
  getNationalBoard: {
    request: () => ({ method: 'GET', url: '/api/boards/national' }),
    expect: { anonymous: both(401), admin: both(200), national: both(200), all: both(403) },
  },
  exportNationalBoard: {
    request: () => ({ method: 'GET', url: '/api/boards/national/export?format=csv' }),
    expect: { anonymous: both(401), admin: both(200), national: both(200), all: both(403) },
  },
  getRegionalBoard: {
    request: (t) => ({ method: 'GET', url: `/api/boards/regions/${region(t)}` }),
    expect: CENSUS_ROLES,
  },
  exportRegionalBoard: {
    request: (t) => ({ method: 'GET', url: `/api/boards/regions/${region(t)}/export?format=xlsx` }),
    expect: CENSUS_ROLES,
  },
  getRegionShapes: {
    request: () => ({ method: 'GET', url: '/api/geo/regions' }),
    expect: { anonymous: both(401), all: both(200) },
  },
  listOutbox: {
    request: () => ({ method: 'GET', url: '/api/outbox' }),
    expect: { anonymous: both(401), admin: both(200), all: both(403) },
  },
  createEcmoRequest: {
    request: (t) => ({
      method: 'POST',
      url: '/api/requests',
      body: {
        caseCode: `MC-${String(caseNumber++).padStart(4, '0')}`,
        finess: hospital(t),
        ageBand: '60-69',
        indication: 'VA',
        urgency: 'immediate',
        siteCanHost: true,
        contact: { name: 'Dr Réa', phone: '04 72 11 89 00' },
      },
    }),
    expect: {
      anonymous: both(401),
      national: both(201),
      regional: [201, 403],
      regionalIdf: [403, 201],
      clinician: [201, 403],
      all: both(403),
    },
  },
  listEcmoRequests: {
    request: (t) => ({ method: 'GET', url: `/api/requests?region=${region(t)}` }),
    expect: {
      anonymous: both(401),
      national: both(200),
      regional: [200, 403],
      regionalIdf: [403, 200],
      all: both(403),
    },
  },
  getEcmoRequest: {
    request: async (t) => ({ method: 'GET', url: `/api/requests/${(await requestAt(t)).id}` }),
    expect: REQUEST_READERS,
  },
  listRequestOptions: {
    request: async (t) => ({ method: 'GET', url: `/api/requests/${(await requestAt(t, true)).id}/options` }),
    expect: REGULATORS,
  },
  updateEcmoRequestStatus: {
    request: async (t) => {
      const r = await requestAt(t);
      return {
        method: 'POST',
        url: `/api/requests/${r.id}/status`,
        body: { version: r.version, state: 'regional_regulation' },
      };
    },
    // A clinician may withdraw the request, not regulate it.
    expect: { ...REGULATORS, clinician: [403, 404] },
  },
  escalateEcmoRequest: {
    request: async (t) => {
      const r = await requestAt(t, true);
      return {
        method: 'POST',
        url: `/api/requests/${r.id}/escalation`,
        body: { version: r.version, reason: 'no console left in the region' },
      };
    },
    expect: REGULATORS,
  },
  declineEcmoRequest: {
    request: async (t) => {
      const r = await requestAt(t, true);
      return {
        method: 'POST',
        url: `/api/requests/${r.id}/decline`,
        body: { version: r.version, motivation: 'contre-indication' },
      };
    },
    expect: REGULATORS,
  },
  decideEcmoRequest: {
    request: async (t) => {
      const r = await requestAt(t, true);
      const options = (await agents.get('national')?.request('GET', `/api/requests/${r.id}/options`))?.json() as {
        items: { key: string; consoleId: string }[];
      };
      const best = options.items[0];
      return {
        method: 'POST',
        url: `/api/requests/${r.id}/decision`,
        body: { version: r.version, optionKey: best?.key, consoleId: best?.consoleId, motivation: 'matrix' },
      };
    },
    expect: REGULATORS,
  },
  listLoans: {
    request: (t) => ({ method: 'GET', url: `/api/loans?region=${region(t)}` }),
    expect: {
      anonymous: both(401),
      national: both(200),
      regional: [200, 403],
      regionalIdf: [403, 200],
      all: both(403),
    },
  },
  getLoan: {
    request: async (t, who) => ({ method: 'GET', url: `/api/loans/${(await loanFor(t, who)).id}` }),
    expect: REQUEST_READERS,
  },
  updateLoan: {
    request: async (t, who) => {
      const loan = await loanFor(t, who);
      return {
        method: 'PATCH',
        url: `/api/loans/${loan.id}`,
        body: { version: loan.version, state: 'active', reason: 'arrived' },
      };
    },
    expect: REGULATORS,
  },
  returnLoan: {
    request: async (t, who) => {
      const loan = await loanFor(t, who);
      return {
        method: 'POST',
        url: `/api/loans/${loan.id}/return`,
        body: { version: loan.version, consoleIds: [loan.consoleId], condition: 'available' },
      };
    },
    expect: REGULATORS,
  },
  recallLoan: {
    request: async (t, who) => {
      const loan = await loanFor(t, who);
      return {
        method: 'POST',
        url: `/api/loans/${loan.id}/recall`,
        body: { version: loan.version, reason: 'patient died' },
      };
    },
    expect: REGULATORS,
  },
  listNotifications: {
    request: () => ({ method: 'GET', url: '/api/notifications?active=true' }),
    expect: { anonymous: both(401), national: both(200), regional: both(200), regionalIdf: both(200), all: both(403) },
  },
  acknowledgeNotification: {
    request: async (t) => {
      const r = await requestAt(t);
      // A filed request notifies its region (the nation sees only escalations and overdue ones).
      const regulator = agents.get(t === 'ara' ? 'regional' : 'regionalIdf') as Agent;
      const n = (await regulator.ok('listNotifications', { query: {} })).items.find(
        (x) => x.requestId === r.id && x.kind === 'request_filed',
      );
      return { method: 'POST', url: `/api/notifications/${n?.id}/acknowledgement` };
    },
    expect: REGULATORS,
  },
  listProfessionals: {
    request: (t) => ({ method: 'GET', url: `/api/professionals?finess=${hospital(t)}` }),
    expect: HOSPITAL_SCOPED,
  },
  getProfessional: {
    request: async (t) => ({ method: 'GET', url: `/api/professionals/${(await professionalAt(t)).id}` }),
    expect: HOSPITAL_READ,
  },
  createProfessional: {
    request: (t) => ({
      method: 'POST',
      url: '/api/professionals',
      body: {
        identifier: { kind: 'adeli', value: freshAdeli() },
        firstName: 'Matrix',
        lastName: 'Test',
        profession: 'nurse',
        establishments: [hospital(t)],
      },
    }),
    expect: HOSPITAL_CREATE,
  },
  updateProfessional: {
    request: async (t) => {
      const p = await professionalAt(t);
      return {
        method: 'PATCH',
        url: `/api/professionals/${p.id}`,
        body: { version: p.version, trainingHours: [{ year: 2025, hours: 12 }] },
      };
    },
    expect: HOSPITAL_WRITE(200),
  },
  addQualification: {
    request: async (t) => ({
      method: 'POST',
      url: `/api/professionals/${(await professionalAt(t)).id}/qualifications`,
      body: { kind: 'aed_attestation', issuer: 'CESU 69', issuedOn: '2025-01-10', validUntil: '2029-01-10' },
    }),
    expect: HOSPITAL_WRITE(201),
  },
  listCentreActivity: {
    request: (t) => ({ method: 'GET', url: `/api/activity/centres?finess=${hospital(t)}` }),
    expect: HOSPITAL_SCOPED,
  },
  recordCentreActivity: {
    request: (t) => ({
      method: 'PUT',
      url: `/api/activity/centres/${hospital(t)}`,
      body: { year: 2025, cecRuns: 410, ecmoRuns: 52 },
    }),
    expect: {
      ...HOSPITAL_CREATE,
      admin: both(200),
      regional: [200, 403],
      regionalIdf: [403, 200],
      clinician: [200, 403],
      perfusionist: [200, 403],
    },
  },
  listTeams: {
    request: (t) => ({ method: 'GET', url: `/api/teams?finess=${hospital(t)}` }),
    expect: HOSPITAL_SCOPED,
  },
  getTeamAvailability: {
    request: (t) => ({ method: 'GET', url: `/api/teams/availability?finess=${hospital(t)}` }),
    expect: HOSPITAL_SCOPED,
  },
  getTeam: {
    request: async (t) => ({ method: 'GET', url: `/api/teams/${(await teamAt(t)).id}` }),
    expect: HOSPITAL_READ,
  },
  createTeam: {
    request: (t) => ({
      method: 'POST',
      url: '/api/teams',
      body: { name: `Transplantation ${counter++}`, kind: 'transplant', base: hospital(t) },
    }),
    expect: HOSPITAL_CREATE,
  },
  updateTeamMembers: {
    request: async (t) => {
      const team = await teamAt(t);
      const members = team.members.map((m) => ({ professionalId: m.professionalId, role: m.role }));
      return { method: 'PUT', url: `/api/teams/${team.id}/members`, body: { version: team.version, members } };
    },
    expect: HOSPITAL_WRITE(200),
  },
  listShifts: {
    request: (t) => ({
      method: 'GET',
      url: `/api/shifts?finess=${hospital(t)}&from=${DAY}T00:00:00Z&to=2099-01-12T00:00:00Z`,
    }),
    expect: HOSPITAL_SCOPED,
  },
  upsertShifts: {
    request: async (t) => ({
      method: 'PUT',
      url: `/api/teams/${(await teamAt(t)).id}/shifts`,
      body: { from: `${DAY}T00:00:00Z`, to: '2099-01-06T00:00:00Z', shifts: [] },
    }),
    expect: HOSPITAL_WRITE(200),
  },
  importRoster: {
    // Validation only: a row outside the caller's scope is a row error, not a refusal of the upload.
    request: async (t) => ({
      method: 'POST',
      url: '/api/roster/imports?mode=validate',
      body: `equipe;identifiant;role;type;debut;fin\n${(await teamAt(t)).name};00000000000;perfusionniste;garde;${DAY} 08:00;${DAY} 20:00\n`,
      headers: { 'content-type': 'text/csv' },
    }),
    expect: { anonymous: both(401), national: both(403), trainer: both(403), instructor: both(403), all: both(200) },
  },
  getDeviceUpkeep: {
    request: async (t) => ({ method: 'GET', url: `/api/devices/${(await consoleAt(t)).id}/upkeep` }),
    expect: HOSPITAL_READ,
  },
  recordDeviceCheck: {
    request: async (t) => ({
      method: 'POST',
      url: `/api/devices/${(await consoleAt(t)).id}/checks`,
      body: {
        signedBy: await signerAt(t),
        items: { integrity: true, alarms: true, battery: true, flowSensor: true, gasBlender: true, heaterCooler: true },
      },
    }),
    expect: UPKEEP_WRITE,
  },
  recordMaintenance: {
    request: async (t) => ({
      method: 'POST',
      url: `/api/devices/${(await consoleAt(t)).id}/maintenance`,
      body: { kind: 'calibration', performedOn: '2026-01-15', performedBy: 'Service biomédical' },
    }),
    expect: UPKEEP_WRITE,
  },
  listMaintenanceDue: {
    request: (t) => ({ method: 'GET', url: `/api/maintenance/due?finess=${hospital(t)}` }),
    expect: HOSPITAL_SCOPED,
  },
  streamEvents: {
    request: () => ({ method: 'GET', url: '/api/events' }),
    stream: true,
    expect: { anonymous: both(401), trainer: both(403), instructor: both(403), all: both(200) },
  },
  getRegulationReport: {
    request: (t) => ({
      method: 'GET',
      url: `/api/reports/regulation?region=${region(t)}&from=2026-01-01&to=2026-12-31`,
    }),
    expect: {
      anonymous: both(401),
      admin: both(200),
      national: both(200),
      regional: [200, 403],
      regionalIdf: [403, 200],
      all: both(403),
    },
  },
  exportRegulationReport: {
    request: (t) => ({
      method: 'GET',
      url: `/api/reports/regulation/export?region=${region(t)}&from=2026-01-01&to=2026-12-31&format=csv`,
    }),
    expect: {
      anonymous: both(401),
      admin: both(200),
      national: both(200),
      regional: [200, 403],
      regionalIdf: [403, 200],
      all: both(403),
    },
  },
  logout: {
    request: () => ({ method: 'POST', url: '/api/auth/logout' }),
    expect: { anonymous: both(401), all: both(200) },
    fresh: true,
  },
};

let app: TestApp;
let baseUrl = '';

/** Opens a server-sent event stream and returns its status as soon as the headers arrive. */
function streamStatus(path: string, cookie: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {} }, (res) => {
      resolve(res.statusCode ?? 0);
      res.destroy();
    });
    req.on('error', reject);
  });
}
const agents = new Map<Who, Agent>();

beforeAll(async () => {
  app = await createTestApp();
  baseUrl = await app.app.listen({ port: 0, host: '127.0.0.1' });
  agents.set('anonymous', app.anonymous());
  for (const who of WHO) if (who !== 'anonymous') agents.set(who, await app.login(DEMO[who]));
  // The loan rows lend many consoles: the centres of both regions start with every console fit to go.
  for (const region of ['84', '11']) await fitEveryConsole(admin(), region, parisDate(app.clock.now()));
});
afterAll(() => app?.close());

describe('authorization matrix', () => {
  it('covers every operation of the API', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(ops).sort());
  });

  it('uses a real Île-de-France hospital as the outside target', async () => {
    const res = await agents.get('admin')?.request('GET', `/api/establishments/${IDF_HOSPITAL}`);
    expect(res?.json().regionCode).toBe('11');
  });

  for (const [name, row] of Object.entries(MATRIX)) {
    it(`${name}: every role gets the expected status inside and outside its scope`, async () => {
      const got: string[] = [];
      const want: string[] = [];
      for (const who of WHO) {
        const expected = row.expect[who] ?? row.expect.all;
        if (!expected) throw new Error(`no expectation for ${name} × ${who}`);
        for (const [i, target] of (['ara', 'idf'] as const).entries()) {
          const { method, url, body, headers } = await row.request(target, who);
          const agent = row.fresh && who !== 'anonymous' ? await app.login(DEMO[who]) : agents.get(who);
          const status = row.stream
            ? await streamStatus(url, agent?.cookie ?? null)
            : (await agent?.request(method, url, body, headers))?.statusCode;
          got.push(`${who}/${target}: ${status}`);
          want.push(`${who}/${target}: ${expected[i]}`);
        }
      }
      expect(got).toEqual(want);
    });
  }
});
