import { describe, expect, it } from 'vitest';
import { canonicalJson } from './audit.ts';

describe('canonical JSON for audit hashes', () => {
  it('does not depend on key order, at any depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });

  it('drops undefined members as JSON does, and writes dates in ISO form', () => {
    expect(canonicalJson({ a: undefined, b: new Date('2026-01-02T03:04:05.006Z') })).toBe(
      '{"b":"2026-01-02T03:04:05.006Z"}',
    );
  });
});
