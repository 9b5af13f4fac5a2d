import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateTravel, greatCircleKm } from './geo.ts';
import { canTransition, checkCaseCode, type Provider, type RequestFacts, rankOptions } from './regulation.ts';

const LYON = { lat: 45.7479, lon: 4.9036 };
const GRENOBLE = { lat: 45.2008, lon: 5.7499 };
const SAINT_ETIENNE = { lat: 45.4707, lon: 4.3905 };

const request = (over: Partial<RequestFacts> = {}): RequestFacts => ({
  site: { ...SAINT_ETIENNE, finess: '420000001', regionCode: '84' },
  indication: 'VV',
  urgency: 'hours',
  siteCanHost: false,
  escalated: false,
  ...over,
});

const centre = (id: string, at: { lat: number; lon: number }, over: Partial<Provider> = {}): Provider => ({
  kind: 'establishment',
  id,
  name: id,
  regionCode: '84',
  ecmoCentre: true,
  umacBase: false,
  consoles: [
    { id: `${id}-c1`, serialNumber: `${id}-1`, model: 'Cardiohelp', available: true },
    { id: `${id}-c2`, serialNumber: `${id}-2`, model: 'Cardiohelp', available: true },
  ],
  circuits: 3,
  teams: 1,
  ...at,
  ...over,
});

describe('travel estimates', () => {
  it('measures Lyon–Grenoble as the crow flies (~95 km) and by road with the road factor', () => {
    expect(Math.round(greatCircleKm(LYON, GRENOBLE))).toBeGreaterThan(85);
    expect(Math.round(greatCircleKm(LYON, GRENOBLE))).toBeLessThan(100);
    const road = estimateTravel(LYON, GRENOBLE);
    expect(road.mode).toBe('road');
    expect(road.minutes).toBe(Math.round(((greatCircleKm(LYON, GRENOBLE) * 1.3) / 80) * 60));
  });
  it('flies when a helicopter is configured and faster', () => {
    const far = { lat: 43.3, lon: 5.4 };
    const t = estimateTravel(LYON, far, {
      roadFactor: 1.3,
      roadSpeedKmh: 80,
      airSpeedKmh: 230,
      airOverheadMin: 20,
      airAboveKm: 120,
    });
    expect(t.mode).toBe('air');
  });
});

describe('the request workflow', () => {
  it('allows the regulation path and refuses shortcuts and reopening', () => {
    expect(canTransition('filed', 'regional_regulation')).toBe(true);
    expect(canTransition('regional_regulation', 'escalated_national')).toBe(true);
    expect(canTransition('escalated_national', 'decided')).toBe(true);
    expect(canTransition('filed', 'decided')).toBe(false);
    expect(canTransition('closed', 'filed')).toBe(false);
    expect(canTransition('declined', 'regional_regulation')).toBe(false);
    expect(canTransition('executing', 'escalated_national')).toBe(false);
  });
});

describe('pseudonymous case codes', () => {
  it('accepts codes made of a prefix and numbers', () => {
    for (const ok of ['LYON-2026-0042', 'ARA-17', 'HCL-REA-0007', 'X7K3Q9']) expect(checkCaseCode(ok), ok).toBeNull();
  });
  it('refuses names, dates of birth and social security numbers', () => {
    expect(checkCaseCode('Jean Dupont')).toBe('looks_like_name');
    expect(checkCaseCode('DUPONT-12')).toBe('looks_like_name');
    expect(checkCaseCode('12/03/1961')).toBe('looks_like_birth_date');
    expect(checkCaseCode('P-19610312')).toBe('looks_like_birth_date');
    expect(checkCaseCode('1 61 03 75 112 005 42')).toBe('looks_like_social_security_number');
    expect(checkCaseCode('2610375112005')).toBe('looks_like_social_security_number');
    expect(checkCaseCode('A1')).toBe('format');
  });
});

describe('ranking solutions', () => {
  it('proposes transfer to nearby centres, nearest first, with its reasons', () => {
    const options = rankOptions(request(), [centre('grenoble', GRENOBLE), centre('lyon', LYON)]);
    expect(options.map((o) => o.key)).toEqual(['transfer:lyon', 'transfer:grenoble']);
    expect(options[0]?.reasons.map((r) => r.code)).toEqual([
      'travel.road',
      'setup',
      'left_after',
      'team_on_call',
      'urgency.hours',
    ]);
  });

  it('offers a loan only when the requester can host and the lender keeps a console', () => {
    const one = centre('lyon', LYON, { consoles: [{ id: 'x', serialNumber: 'x', model: 'm', available: true }] });
    expect(rankOptions(request({ siteCanHost: true }), [one]).map((o) => o.kind)).toEqual(['transfer']);
    expect(
      rankOptions(request({ siteCanHost: true }), [centre('lyon', LYON)])
        .map((o) => o.kind)
        .sort(),
    ).toEqual(['lend', 'transfer']);
    expect(rankOptions(request({ siteCanHost: false }), [centre('lyon', LYON)]).map((o) => o.kind)).toEqual([
      'transfer',
    ]);
  });

  it('keeps to the region until escalated, then adds other regions and the national stock', () => {
    const paris = centre('paris', { lat: 48.84, lon: 2.36 }, { regionCode: '11' });
    const depot: Provider = { ...centre('SNS-LYON', LYON), kind: 'depot', ecmoCentre: false, teams: 0 };
    expect(rankOptions(request(), [paris, depot])).toEqual([]);
    const escalated = rankOptions(request({ escalated: true }), [paris, depot]).map((o) => o.key);
    expect(escalated).toEqual(expect.arrayContaining(['transfer:paris', 'national_stock:SNS-LYON']));
  });

  it('sends a mobile team rather than transfer for ECPR', () => {
    const umac = centre('lyon', LYON, { umacBase: true });
    expect(rankOptions(request({ indication: 'ECPR' }), [umac]).map((o) => o.kind)).toEqual(['umac']);
  });

  it('proposes a transfer or a mobile unit only with a deployable team from the roster, and names it', () => {
    const night = { id: 't-ecmo', name: 'ECMO Lyon', readyInMinutes: 30 };
    const mobile = { id: 't-umac', name: 'UMAC Lyon', readyInMinutes: 20 };
    // The roster is known and nobody is deployable: the census count of teams no longer decides.
    const empty = centre('lyon', LYON, { umacBase: true, teams: 3, ecmoTeams: [], umacTeams: [] });
    expect(rankOptions(request(), [empty])).toEqual([]);
    const staffed = centre('lyon', LYON, { teams: 0, umacBase: false, ecmoTeams: [night], umacTeams: [mobile] });
    const options = rankOptions(request(), [staffed]);
    const transfer = options.find((o) => o.kind === 'transfer');
    const umac = options.find((o) => o.kind === 'umac');
    expect(transfer?.team).toEqual(night);
    expect(transfer?.reasons).toContainEqual({ code: 'team_named', params: { team: 'ECMO Lyon', minutes: 30 } });
    expect(umac?.team).toEqual(mobile);
    expect(umac?.reasons).toContainEqual({ code: 'mobile_team_named', params: { team: 'UMAC Lyon', minutes: 20 } });
    // A mobile unit leaves once assembled: its call-in delay adds to the time to ECMO.
    const sameUnitOnSite = rankOptions(request(), [{ ...staffed, umacTeams: [{ ...mobile, readyInMinutes: 0 }] }]);
    expect(umac?.minutesToEcmo).toBe((sameUnitOnSite.find((o) => o.kind === 'umac')?.minutesToEcmo ?? 0) + 20);
  });

  const consoleArb = fc.record({
    id: fc.uuid(),
    serialNumber: fc.string({ minLength: 1, maxLength: 6 }),
    model: fc.constant('m'),
    available: fc.boolean(),
  });
  const providerArb = fc.record({
    kind: fc.constantFrom('establishment' as const, 'depot' as const),
    id: fc.string({ minLength: 1, maxLength: 8 }),
    name: fc.constant('n'),
    regionCode: fc.constantFrom('84', '11'),
    ecmoCentre: fc.boolean(),
    umacBase: fc.boolean(),
    consoles: fc.array(consoleArb, { maxLength: 5 }),
    circuits: fc.integer({ min: 0, max: 5 }),
    teams: fc.integer({ min: 0, max: 3 }),
    lat: fc.double({ min: 42, max: 51, noNaN: true }),
    lon: fc.double({ min: -4, max: 8, noNaN: true }),
  });
  const requestArb = fc.record({
    indication: fc.constantFrom('VV' as const, 'VA' as const, 'ECPR' as const),
    urgency: fc.constantFrom('immediate' as const, 'hours' as const, 'planned' as const),
    siteCanHost: fc.boolean(),
    escalated: fc.boolean(),
  });

  it('never offers a console that is not available, nor a provider without circuits (property)', () => {
    fc.assert(
      fc.property(
        requestArb,
        fc.uniqueArray(providerArb, { selector: (p) => `${p.kind}:${p.id}`, maxLength: 12 }),
        (r, providers) => {
          const options = rankOptions(request(r), providers);
          return options.every((o) => {
            const p = providers.find((x) => x.id === o.provider.id && x.kind === o.provider.kind);
            return (
              p?.consoles.some((c) => c.id === o.consoleId && c.available) && p.circuits >= 1 && o.left.consoles >= 0
            );
          });
        },
      ),
    );
  });

  it('names, for a transfer or a mobile unit, the readiest deployable team of the roster, and no option without one (property)', () => {
    const teamArb = fc.record({
      id: fc.uuid(),
      name: fc.string({ minLength: 1, maxLength: 6 }),
      readyInMinutes: fc.constantFrom(0, 15, 30, 60),
    });
    const sorted = (teams: { id: string; name: string; readyInMinutes: number }[]) =>
      [...teams].sort((x, y) => x.readyInMinutes - y.readyInMinutes || (x.name < y.name ? -1 : 1));
    const rostered = providerArb.chain((p) =>
      fc
        .record({ ecmoTeams: fc.array(teamArb, { maxLength: 2 }), umacTeams: fc.array(teamArb, { maxLength: 2 }) })
        .map((t) => ({ ...p, ecmoTeams: sorted(t.ecmoTeams), umacTeams: sorted(t.umacTeams) })),
    );
    fc.assert(
      fc.property(
        requestArb,
        fc.uniqueArray(rostered, { selector: (p) => `${p.kind}:${p.id}`, maxLength: 10 }),
        (r, providers) => {
          for (const o of rankOptions(request(r), providers)) {
            if (o.kind !== 'transfer' && o.kind !== 'umac') continue;
            const p = providers.find((x) => x.id === o.provider.id && x.kind === o.provider.kind);
            const list = o.kind === 'transfer' ? p?.ecmoTeams : p?.umacTeams;
            expect(list?.length).toBeGreaterThan(0);
            expect(o.team).toEqual(list?.[0]);
          }
        },
      ),
    );
  });

  it('ranks the same whatever the order of the input (property)', () => {
    fc.assert(
      fc.property(
        requestArb,
        fc.uniqueArray(providerArb, { selector: (p) => `${p.kind}:${p.id}`, maxLength: 12 }),
        fc.integer(),
        (r, providers, seed) => {
          const shuffled = [...providers].sort(
            (a, b) => ((a.id.length * 31 + seed) % 7) - ((b.id.length * 31 + seed) % 7),
          );
          const reversed = providers.map((p) => ({ ...p, consoles: [...p.consoles].reverse() })).reverse();
          const key = (os: ReturnType<typeof rankOptions>) =>
            os.map((o) => `${o.key}/${o.consoleId}/${o.score}`).join('|');
          const base = key(rankOptions(request(r), providers));
          return base === key(rankOptions(request(r), shuffled)) && base === key(rankOptions(request(r), reversed));
        },
      ),
    );
  });
});
