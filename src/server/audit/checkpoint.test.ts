import { describe, expect, it } from 'vitest';
import { text } from '../../contracts/messages.ts';
import { checkpointFileName, checkpointKey, hasValidSignature, parseCheckpoint, signCheckpoint } from './checkpoint.ts';

const KEY = 'unit-test-key-0123456789abcdef-0123456789';
const head = { sequence: 1050, hash: 'ab'.repeat(32), at: '2026-03-02T09:30:00.000Z' };

describe('audit checkpoints', () => {
  it('are signed over sequence, hash and time: changing any of them breaks the signature', () => {
    const c = signCheckpoint(KEY, head);
    expect(hasValidSignature(KEY, c)).toBe(true);
    expect(hasValidSignature(KEY, { ...c, sequence: 1049 })).toBe(false);
    expect(hasValidSignature(KEY, { ...c, hash: 'cd'.repeat(32) })).toBe(false);
    expect(hasValidSignature(KEY, { ...c, at: '2026-03-02T09:30:00.001Z' })).toBe(false);
    expect(hasValidSignature(`${KEY}x`, c)).toBe(false);
  });

  it('read from a file or from the text of their mail, and nothing else', () => {
    const c = signCheckpoint(KEY, head);
    expect(parseCheckpoint(`${JSON.stringify(c)}\n`)).toEqual(c);
    const body = text('fr', 'audit.checkpoint.body', {
      sequence: String(c.sequence),
      at: '2 mars 2026',
      checkpoint: JSON.stringify(c),
    });
    expect(parseCheckpoint(body)).toEqual(c);
    const quotedPrintable = body.replace(/(.{70})/g, '$1=\n');
    expect(parseCheckpoint(quotedPrintable)).toEqual(c);
    expect(parseCheckpoint('{"sequence":1}')).toBeNull();
    expect(parseCheckpoint(JSON.stringify({ ...c, extra: 1 }))).toBeNull();
    expect(parseCheckpoint('not json')).toBeNull();
  });

  it('are named so that file names sort by sequence', () => {
    const a = checkpointFileName(signCheckpoint(KEY, { ...head, sequence: 999 }));
    const b = checkpointFileName(signCheckpoint(KEY, head));
    expect(b).toBe('audit-checkpoint-000000001050-20260302T093000000Z.json');
    expect([b, a].sort()).toEqual([a, b]);
  });

  it('need a key of at least 32 characters, said in plain words', () => {
    expect(() => checkpointKey(undefined)).toThrow(/RELAIS_AUDIT_KEY is not set: refusing to write an unsigned/);
    expect(() => checkpointKey('x'.repeat(31))).toThrow(/at least 32 characters/);
    expect(() => checkpointKey(undefined, 'check')).toThrow(/RELAIS_AUDIT_KEY is not set: the checkpoint’s signature/);
    expect(checkpointKey(KEY)).toBe(KEY);
  });
});
