import { describe, expect, it } from 'vitest';
import { allowedActions, isAllowed, reachOf } from './policy.ts';
import type { Grant } from './roles.ts';

const grant = (g: Partial<Grant> & Pick<Grant, 'role' | 'scopeKind'>): Grant => ({
  scopeCode: null,
  regionCode: null,
  departementCode: null,
  ...g,
});
const admin = grant({ role: 'admin', scopeKind: 'nation' });
const ara = grant({ role: 'regional_regulator', scopeKind: 'region', scopeCode: '84', regionCode: '84' });
const clinician = grant({
  role: 'clinician',
  scopeKind: 'establishment',
  scopeCode: '690784186',
  regionCode: '84',
  departementCode: '69',
});

describe('the policy', () => {
  it('lets a regional regulator create an establishment in their region only', () => {
    expect(isAllowed([ara], 'establishment:create', { regionCode: '84' })).toBe(true);
    expect(isAllowed([ara], 'establishment:create', { regionCode: '11' })).toBe(false);
    expect(isAllowed([ara], 'establishment:create')).toBe(true);
  });

  it('lets an administrator act everywhere', () => {
    expect(isAllowed([admin], 'user:create', { regionCode: '11' })).toBe(true);
    expect(reachOf([admin], 'user:list')).toEqual({ everywhere: true });
  });

  it('gives a role nothing it is not listed for, whatever its scope', () => {
    expect(isAllowed([clinician], 'user:list')).toBe(false);
    expect(isAllowed([clinician], 'establishment:create', { establishment: '690784186', regionCode: '84' })).toBe(
      false,
    );
  });

  it('combines the grants of a user holding several roles', () => {
    const idf = grant({ role: 'regional_regulator', scopeKind: 'region', scopeCode: '11', regionCode: '11' });
    expect(reachOf([ara, idf, clinician], 'user:list')).toEqual({
      everywhere: false,
      regions: ['84', '11'],
      departements: [],
      establishments: [],
    });
  });

  it('lists the actions a user may take somewhere, for the navigation', () => {
    expect(allowedActions([clinician])).toEqual([
      'region:list',
      'establishment:list',
      'establishment:read',
      'device:list',
      'device:read',
      'stock:list',
      'census:read',
      'census:submit',
      'request:create',
      'request:read',
      'request:withdraw',
      'events:stream',
      'professional:read',
      'professional:write',
      'team:read',
      'team:write',
      'roster:write',
      'upkeep:read',
    ]);
    expect(allowedActions([ara])).toContain('establishment:create');
    expect(allowedActions([])).toEqual(['region:list', 'establishment:list', 'establishment:read']);
  });
});
