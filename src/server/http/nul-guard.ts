/**
 * PostgreSQL text cannot hold U+0000 (`invalid byte sequence for encoding "UTF8": 0x00`, on PGlite too),
 * so a NUL byte anywhere in a request's params, query or JSON body is refused before any schema or
 * service sees it: one check in route registration covers every operation, present and to come.
 */
import { type Locale, text } from '../../contracts/messages.ts';
import type { FieldError } from './errors.ts';

/** A body full of NUL bytes gets a readable answer, not one error per string. */
const MAX_ERRORS = 20;

/**
 * Field errors (`nul_character`) for each string or object key holding U+0000, named by path from
 * `location`. Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function nulFieldErrors(value: unknown, location: string, locale: Locale): FieldError[] {
  interface Step {
    value: unknown;
    key: string;
    parent: Step | null;
  }
  const errors: FieldError[] = [];
  const add = (step: Step) => {
    const path: string[] = [];
    for (let s: Step | null = step; s; s = s.parent) path.push(s.key.replaceAll('\u0000', '\\0'));
    errors.push({ field: path.reverse().join('.'), code: 'nul_character', message: text(locale, 'nul_character') });
  };
  const stack: Step[] = [{ value, key: location, parent: null }];
  while (stack.length && errors.length < MAX_ERRORS) {
    const step = stack.pop() as Step;
    const v = step.value;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) add(step);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: String(i), parent: step });
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        const child: Step = { value: (v as Record<string, unknown>)[key], key, parent: step };
        if (key.includes('\u0000')) add(child);
        else stack.push(child);
      }
    }
  }
  return errors;
}
