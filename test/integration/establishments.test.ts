import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFiness } from '../../src/domain/identifiers.ts';
import { auditEntries } from '../support/reads.ts';
import {
  ACCOUNT_TABLES,
  type Agent,
  createTestApp,
  DEMO,
  expectStatus,
  snapshot,
  type TestApp,
} from '../support/test-app.ts';

let t: TestApp;
let admin: Agent;
let regional: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login(DEMO.admin);
  regional = await t.login(DEMO.regional);
});
afterAll(() => t?.close());

const newEstablishment = (finess: string) => ({
  finess,
  name: 'Hôpital de campagne de Gerland',
  categoryCode: '355',
  sector: 'public' as const,
  city: 'LYON',
  postcode: '69007',
  lat: 45.73,
  lon: 4.83,
});
const list = (query: { q?: string; region?: string; departement?: string; limit?: number }) =>
  regional.ok('listEstablishments', { query });
const create = (agent: Agent, body: ReturnType<typeof newEstablishment> & { reason?: string }, lang?: string) =>
  agent.call('createEstablishment', { body }, lang ? { headers: { 'accept-language': lang } } : {});

describe('listing and reading establishments', () => {
  it('loads the FINESS reference: every acute-care site but the one outside any region', async () => {
    const res = await regional.call('listEstablishments', { query: { limit: 1 } });
    expectStatus(res, 200);
    expect(res.body.total).toBe(2563);
  });

  it('finds a hospital by a word of its name, without accents or case', async () => {
    const body = await list({ q: 'louis pradel' });
    expect(body.items.map((e) => e.finess)).toEqual(['690784186']);
    expect(body.items[0]).toMatchObject({ regionCode: '84', departementCode: '69', city: 'BRON' });
  });

  it('filters by region and by département', async () => {
    const ara = await list({ region: '84', limit: 500 });
    expect(ara.total).toBeGreaterThan(200);
    expect(ara.items.every((e) => e.regionCode === '84')).toBe(true);
    const corsica = await list({ departement: '2A' });
    expect(corsica.total).toBeGreaterThan(0);
    expect(corsica.items.every((e) => e.finess.startsWith('2A'))).toBe(true);
  });

  it('reads one establishment, and answers 404 for a valid but unknown FINESS', async () => {
    const read = (finess: string) => regional.call('getEstablishment', { params: { finess } });
    expect((await read('690784186')).body).toMatchObject({ name: expect.stringMatching(/PRADEL/) });
    const unknown = await read(completeFiness('69099999'));
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('rejects a malformed FINESS in the path and bad query parameters, naming them', async () => {
    const bad = await regional.call('getEstablishment', { params: { finess: '690784187' } });
    expect(bad.status).toBe(400);
    expect(bad.problem?.errors?.[0]).toMatchObject({ field: 'params.finess', code: 'finess.check_digit' });
    // Hostile input: an unknown parameter and values the contract's types refuse.
    const query = await regional.request('GET', '/api/establishments?limit=0&region=ARA&colour=red');
    expect(query.statusCode).toBe(400);
    const fields = query
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual(['query.colour', 'query.limit', 'query.region']);
  });
});

describe('creating an establishment', () => {
  it('lets a regional regulator register one in their region, deriving département and region, audited', async () => {
    const finess = completeFiness('69099990');
    const res = await create(regional, { ...newEstablishment(finess), reason: 'field hospital' });
    expectStatus(res, 201);
    expect(res.body).toMatchObject({
      finess,
      departementCode: '69',
      regionCode: '84',
      categoryLabel: 'Centre Hospitalier (C.H.)',
    });
    const [audit] = await auditEntries(t.db, 'establishment.create', finess);
    const entry = audit && { action: audit.action, reason: audit.reason, actor_label: audit.actor_label };
    expect(entry).toEqual({ action: 'establishment.create', reason: 'field hospital', actor_label: DEMO.regional });
  });

  it('refuses a regional regulator outside their region and changes nothing', async () => {
    const before = await snapshot(t.db, ACCOUNT_TABLES);
    const res = await create(regional, newEstablishment(completeFiness('75099990')));
    expect(res.status).toBe(403);
    expect(await snapshot(t.db, ACCOUNT_TABLES)).toEqual(before);
  });

  it('refuses a FINESS whose check digit fails, in French by default and in English on request', async () => {
    const before = await snapshot(t.db, ACCOUNT_TABLES);
    const fr = await create(admin, newEstablishment('690784187'));
    expect(fr.status).toBe(400);
    expect(fr.problem?.errors).toEqual([
      expect.objectContaining({
        field: 'body.finess',
        code: 'finess.check_digit',
        message: expect.stringMatching(/clé de contrôle/),
      }),
    ]);
    const en = await create(admin, newEstablishment('690784187'), 'en-GB');
    expect(en.problem?.errors?.[0]?.message).toMatch(/check digit/);
    expect(await snapshot(t.db, ACCOUNT_TABLES)).toEqual(before);
  });

  it('accepts a Corsican FINESS and refuses one whose département Relais does not know', async () => {
    const corsican = completeFiness('2A099990');
    expect((await create(admin, newEstablishment(corsican))).body).toMatchObject({
      departementCode: '2A',
      regionCode: '94',
    });
    const spm = await create(admin, newEstablishment(completeFiness('97059999')));
    expect(spm.status).toBe(400);
    expect(spm.problem?.errors?.[0]?.code).toBe('finess.departement');
  });

  it('refuses unknown fields, wrong types and a duplicate, naming each field', async () => {
    const before = await snapshot(t.db, ACCOUNT_TABLES);
    // Hostile input: a field and values the contract refuses, sent as they are.
    const unknown = await admin.request('POST', '/api/establishments', {
      ...newEstablishment(completeFiness('69099980')),
      beds: 12,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'body.beds', code: 'unknown_field' })]);
    const types = await admin.request('POST', '/api/establishments', {
      ...newEstablishment(completeFiness('69099980')),
      lat: 'north',
      categoryCode: '999',
    });
    expect(
      types
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.categoryCode', 'body.lat']);
    const duplicate = await create(admin, newEstablishment('690784186'));
    expect(duplicate.status).toBe(409);
    expect(duplicate.problem?.errors?.[0]?.field).toBe('body.finess');
    expect(await snapshot(t.db, ACCOUNT_TABLES)).toEqual(before);
  });

  it('answers 413 to an oversized body, 400 to broken JSON and 415 to another content type', async () => {
    const before = await snapshot(t.db, ACCOUNT_TABLES);
    const huge = await admin.request('POST', '/api/establishments', {
      ...newEstablishment(completeFiness('69099970')),
      name: 'x'.repeat(2_000_000),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('payload_too_large');
    const broken = await admin.request('POST', '/api/establishments', '{"finess": ', {
      'content-type': 'application/json',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('bad_request');
    const text = await admin.request('POST', '/api/establishments', 'finess=1', { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(415);
    expect(await snapshot(t.db, ACCOUNT_TABLES)).toEqual(before);
  });
});
