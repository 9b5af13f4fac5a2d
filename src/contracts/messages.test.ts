import { describe, expect, it } from 'vitest';
import type { MessageDef } from './messages/define.ts';
import { MESSAGE_AREAS, MESSAGES, message, noun, renderMessage, text } from './messages.ts';

describe('The message catalogue', () => {
  it('renders a code in each language with its parameters', () => {
    expect(text('fr', 'census.no_such_week', { week: '2026-W53' })).toBe('La semaine 2026-W53 n’existe pas.');
    expect(text('en', 'census.no_such_week', { week: '2026-W53' })).toBe('Week 2026-W53 does not exist.');
  });

  it('renders a noun parameter in the reader’s language', () => {
    const ref = message('stale_version', { what: noun('noun.loan') });
    expect(renderMessage(ref, 'fr')).toBe('Prêt : modifié entre-temps, rechargez.');
    expect(renderMessage(ref, 'en')).toBe('Loan changed meanwhile: reload.');
  });

  it('formats numbers in the reader’s locale', () => {
    const ref = message('census.in_use_exceeds_register', { reported: 1234, registered: 5 });
    expect(renderMessage(ref, 'fr')).toMatch(/^1\u202f234 consoles/);
    expect(renderMessage(ref, 'en')).toMatch(/^1,234 consoles/);
  });

  it('renders an unknown code (stored before it was renamed) as the code itself', () => {
    expect(renderMessage({ code: 'gone.code' }, 'fr')).toBe('gone.code');
  });

  it('has both languages, with the same parameters, for every code', () => {
    const names = (t: MessageDef['fr']) =>
      [...(typeof t === 'string' ? t : `${t.one} ${t.other}`).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [code, def] of Object.entries(MESSAGES) as [string, MessageDef][]) {
      expect(def.fr, code).toBeTruthy();
      expect(def.en, code).toBeTruthy();
      expect(names(def.fr), code).toEqual(names(def.en));
    }
  });

  it('gives each code one area, so that no area silently replaces another’s text', () => {
    const areasOf = new Map<string, string[]>();
    for (const [area, messages] of Object.entries(MESSAGE_AREAS)) {
      for (const code of Object.keys(messages)) areasOf.set(code, [...(areasOf.get(code) ?? []), area]);
    }
    expect([...areasOf].filter(([, areas]) => areas.length > 1)).toEqual([]);
    expect(Object.keys(MESSAGES)).toHaveLength(areasOf.size);
  });

  it('refuses at compile time a code that does not exist or a missing parameter', () => {
    // @ts-expect-error: a typo in a code fails the type check.
    message('conflcit_typo');
    // @ts-expect-error: the week is a parameter of this text.
    message('census.no_such_week');
    expect(true).toBe(true);
  });
});
