import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPOSITION } from '../domain/teams.ts';
import { loadConfig, parseComposition, parseModelIntervals } from './config.ts';

describe('team and upkeep settings', () => {
  it('replaces only the team kinds named, and refuses unknown kinds, roles and qualifications', () => {
    const umac = [{ roles: ['surgeon'], qualifications: ['ecmo_cannulation'] }];
    const parsed = parseComposition(JSON.stringify({ umac }));
    expect(parsed.umac).toEqual(umac);
    expect(parsed.ecmo).toEqual(DEFAULT_COMPOSITION.ecmo);
    expect(parseComposition(undefined)).toBe(DEFAULT_COMPOSITION);
    expect(() => parseComposition('{"boat":[{"roles":["nurse"]}]}')).toThrow(/unknown team kind/);
    expect(() => parseComposition('{"umac":[{"roles":["pilot"]}]}')).toThrow(/roles among/);
    expect(() => parseComposition('{"umac":[{"roles":["nurse"],"qualifications":["x"]}]}')).toThrow(/qualifications/);
    expect(() => parseComposition('{"umac":[]}')).toThrow(/a list of slots/);
  });

  it('reads console intervals per model, in whole days', () => {
    expect(parseModelIntervals(undefined)).toEqual({});
    expect(parseModelIntervals('{"Cardiohelp":{"maintenanceDays":365,"calibrationDays":90}}')).toEqual({
      Cardiohelp: { maintenanceDays: 365, calibrationDays: 90 },
    });
    expect(() => parseModelIntervals('[1]')).toThrow(/object of models/);
    expect(() => parseModelIntervals('{"Cardiohelp":{"maintenanceDays":365}}')).toThrow(/Cardiohelp/);
    expect(() => parseModelIntervals('{"Cardiohelp":{"maintenanceDays":0,"calibrationDays":90}}')).toThrow();
    const config = loadConfig({
      RELAIS_UPKEEP_INTERVALS: '{"CentriMag":{"maintenanceDays":180,"calibrationDays":60}}',
      RELAIS_CALIBRATION_DAYS: '120',
    });
    expect(config.upkeep.modelIntervals.CentriMag).toEqual({ maintenanceDays: 180, calibrationDays: 60 });
    expect(config.upkeep.defaultIntervals).toEqual({ maintenanceDays: 365, calibrationDays: 120 });
  });
});
