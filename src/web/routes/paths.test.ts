/** The route table: URLs as they have always been, links built from it, the navigation derived from it. */
import { describe, expect, it } from 'vitest';
import { SECTIONS } from './navigation.ts';
import { paths } from './paths.ts';
import { ROUTES } from './table.ts';

describe('paths', () => {
  it('builds the French URLs, parameters in order and encoded', () => {
    expect(paths.home()).toBe('/');
    expect(paths.login()).toBe('/connexion');
    expect(paths.device('3f1c')).toBe('/consoles/3f1c');
    expect(paths.regionalBoard('84')).toBe('/tableau-regional/84');
    expect(paths.censusEstablishment('750000001')).toBe('/recensement/750000001');
    expect(paths.request('a/b')).toBe('/regulation/a%2Fb');
  });

  it('adds a query string, leaving out undefined values and keeping empty ones', () => {
    expect(paths.devices({ stock: 'national' })).toBe('/consoles?stock=national');
    expect(paths.stock({ region: '84', expired: 1 })).toBe('/consommables?region=84&expired=1');
    expect(paths.census({ semaine: '' })).toBe('/recensement?semaine=');
    expect(paths.censusEstablishment('750000001', { semaine: '2026-W48', other: undefined })).toBe(
      '/recensement/750000001?semaine=2026-W48',
    );
  });
});

describe('route table', () => {
  it('declares each URL once', () => {
    const all = Object.values(ROUTES).map((r) => r.path);
    expect(new Set(all).size).toBe(all.length);
  });

  it('lists in the navigation only pages with a permission and a module, in the table order', () => {
    const listed = Object.entries(ROUTES).filter(([, r]) => 'nav' in r);
    expect(SECTIONS.map((s) => s.id)).toEqual(listed.map(([id]) => id));
    expect(SECTIONS.map((s) => s.to)).toEqual([
      '/regulation',
      '/prets',
      '/rapport-regulation',
      '/astreintes',
      '/equipes',
      '/professionnels',
      '/entretien',
      '/tableau-national',
      '/tableau-regional',
      '/consoles',
      '/consommables',
      '/recensement',
      '/courriels',
      '/etablissements',
      '/utilisateurs',
    ]);
  });
});
