import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAdeli, checkFiness, checkRpps, completeFiness, finessDepartement, luhnValid } from './identifiers.ts';

const referenceFiness = readFileSync(
  new URL('../../reference-data/finess-etablissements-mco-2020.csv', import.meta.url),
  'utf8',
)
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((line) => line.split(',')[0] ?? '');

describe('FINESS numbers', () => {
  it('accepts every one of the 2,564 establishments of the FINESS reference, Corsican ones included', () => {
    expect(referenceFiness).toHaveLength(2564);
    expect(referenceFiness.filter((f) => !checkFiness(f).ok)).toEqual([]);
    expect(referenceFiness.filter((f) => f.startsWith('2A') || f.startsWith('2B')).length).toBe(21);
  });

  it('accepts the published examples', () => {
    expect(checkFiness('350005179')).toEqual({ ok: true });
    expect(checkFiness('580008803')).toEqual({ ok: true });
  });

  it('refuses a wrong check digit and says so', () => {
    expect(checkFiness('350005178')).toEqual({ ok: false, reason: 'check_digit' });
  });

  it('refuses wrong lengths, letters outside Corsica and Corsican letters elsewhere', () => {
    for (const bad of [
      '',
      '35000517',
      '3500051790',
      '2C0000000',
      '35A005179',
      '2a0000001'.toUpperCase().replace('2A', '3A'),
    ]) {
      expect(checkFiness(bad)).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('detects any single changed digit (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...referenceFiness.filter((f) => /^\d+$/.test(f))),
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (finess, position, delta) => {
          const digit = (Number(finess[position]) + delta) % 10;
          const altered = `${finess.slice(0, position)}${digit}${finess.slice(position + 1)}`;
          return !checkFiness(altered).ok;
        },
      ),
    );
  });

  it('completes any 8-character prefix into a valid number (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^(?:\d{2}|2A|2B)\d{6}$/), (prefix) => checkFiness(completeFiness(prefix)).ok),
    );
  });

  it('reads the département, overseas and Mayotte included', () => {
    expect(finessDepartement('690784186')).toBe('69');
    expect(finessDepartement('2A0000469')).toBe('2A');
    expect(finessDepartement('970500039')).toBe('975');
    expect(finessDepartement('970100046')).toBe('971');
    expect(finessDepartement('980500028')).toBe('976');
  });
});

describe('RPPS and ADELI numbers', () => {
  it('accepts a valid RPPS and only warns when its check digit fails', () => {
    expect(checkRpps('10000001916')).toEqual({ ok: true });
    expect(checkRpps('10000001917')).toEqual({ ok: true, warning: 'check_digit' });
  });

  it('refuses an RPPS that is not 11 digits', () => {
    for (const bad of ['1000000191', '100000019160', '1000000191A', '']) expect(checkRpps(bad).ok).toBe(false);
  });

  it('checks only the format of an ADELI number', () => {
    expect(checkAdeli('691234567')).toEqual({ ok: true });
    expect(checkAdeli('69123456')).toEqual({ ok: false, reason: 'format' });
  });

  it('computes Luhn as published (79927398713 is the textbook valid number)', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });
});
