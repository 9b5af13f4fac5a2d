/**
 * fast-check arbitraries derived from the contracts' JSON Schemas (`z.toJSONSchema`, the same documents
 * the OpenAPI description holds), plus hostile variants of what they generate: NUL bytes, huge strings,
 * wrong types, extra fields, deep nesting, numbers out of range. Covers the keywords the contracts use.
 */
import fc from 'fast-check';
import { z } from 'zod';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
};

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
}

/**
 * Values the database knows (identifiers, FINESS numbers, depots, weeks…): mixed into every string so that
 * generated requests reach past "not found" into the services' rules.
 */
export interface Dictionary {
  strings: readonly string[];
}

const INT32 = 2 ** 31 - 1;

const isoDate = fc
  .date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2036-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function stringArbitrary(s: JsonSchema, dict: Dictionary): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = Math.min(s.maxLength ?? 80, Math.max(minLength, 80));
  let base: fc.Arbitrary<string>;
  let fits: (v: string) => boolean = () => false;
  if (s.format === 'uuid') {
    base = fc.uuid();
    fits = (v) => UUID.test(v);
  } else if (s.format === 'date') base = isoDate.map((d) => d.slice(0, 10));
  else if (s.format === 'date-time') base = isoDate;
  else if (s.format === 'email') base = fc.emailAddress();
  else if (s.pattern) {
    const pattern = new RegExp(s.pattern);
    base = fc.stringMatching(pattern).filter((v) => v.length <= 2_000);
    fits = (v) => pattern.test(v);
  } else
    base = fc.oneof(
      { weight: 4, arbitrary: fc.string({ minLength, maxLength }) },
      { weight: 2, arbitrary: fc.string({ minLength, maxLength, unit: 'grapheme' }) },
      { weight: 1, arbitrary: fc.string({ minLength, maxLength, unit: 'binary' }) },
      { weight: 1, arbitrary: fc.emailAddress() },
    );
  // Known values that fit the pattern (FINESS numbers, identifiers, weeks) reach the services' rules.
  const fitting = dict.strings.filter(fits);
  if (fitting.length)
    return fc.oneof({ weight: 1, arbitrary: base }, { weight: 3, arbitrary: fc.constantFrom(...fitting) });
  return dict.strings.length
    ? fc.oneof({ weight: 5, arbitrary: base }, { weight: 1, arbitrary: fc.constantFrom(...dict.strings) })
    : base;
}

function numberArbitrary(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-9) : -1e6);
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 1e-9) : 1e6);
  if (!integer) return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n));
  const lo = Math.max(min, -INT32);
  const hi = Math.min(max, INT32);
  const small = fc.integer({ min: lo, max: Math.min(hi, lo + 20) });
  return fc.oneof(small, fc.integer({ min: lo, max: hi }), ...(max > INT32 ? [fc.constant(max)] : []));
}

/** An arbitrary of values the schema accepts, more or less (patterns and refinements are approximated). */
export function arbitraryOf(s: JsonSchema, dict: Dictionary): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.anyOf ?? s.oneOf) return fc.oneof(...(s.anyOf ?? s.oneOf ?? []).map((x) => arbitraryOf(x, dict)));
  if (s.allOf?.[0]) return arbitraryOf(s.allOf[0], dict);
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => arbitraryOf({ ...s, type }, dict)));
  switch (s.type) {
    case 'string':
      return stringArbitrary(s, dict);
    case 'integer':
      return numberArbitrary(s, true);
    case 'number':
      return numberArbitrary(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(s.items ? arbitraryOf(s.items, dict) : fc.jsonValue(), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 5, Math.max(s.minItems ?? 0, 5)),
      });
    case 'object': {
      const props = s.properties ?? {};
      const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, arbitraryOf(v, dict)]));
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.jsonValue();
  }
}

type Json = unknown;

/** Paths to every leaf and container of a JSON value, for mutations. */
function pathsOf(
  value: Json,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) for (const [i, v] of value.entries()) pathsOf(v, [...prefix, i], out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

function setAt(value: Json, path: (string | number)[], replacement: Json): Json {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, replacement) : v));
  if (value && typeof value === 'object') {
    const obj = value as Record<string, Json>;
    return { ...obj, [head]: setAt(obj[head], rest, replacement) };
  }
  return replacement;
}

function nested(depth: number): Json {
  let v: Json = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? { n: v } : [v];
  return v;
}

const hostileLeaf: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '',
    ' ',
    '\ud800',
    '𝕽𝖊𝖑𝖆𝖎𝖘',
    "'; DROP TABLE users; --",
    '=HYPERLINK("http://x")',
    '../../etc/passwd',
    '%00',
    '__proto__',
    'null',
    'NaN',
    '-1',
    '1e309',
    '2026-02-30',
    '9999-12-31T23:59:59Z',
    '0000-00-00',
  ),
  fc.constantFrom(
    -1,
    0,
    -0.5,
    1.5,
    2 ** 31,
    2 ** 53 + 2,
    -(2 ** 53) - 2,
    1e308,
    -1e308,
    5e-324,
    Number.MAX_SAFE_INTEGER,
  ),
  fc.constantFrom(true, false, null, [], {}, [null], { '': null }),
  fc.constant('x'.repeat(100_000)),
  fc.integer({ min: 50, max: 800 }).map(nested),
  fc.jsonValue({ maxDepth: 3 }),
);

/**
 * A generated value, sometimes made hostile: a leaf replaced (NUL, huge, wrong type, out of range, deep),
 * an extra field, the whole value replaced by any JSON, or a key holding NUL or `__proto__`.
 */
export function hostile(valid: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  const mutated = fc
    .tuple(valid, fc.nat(), hostileLeaf, fc.constantFrom('replace', 'extra', 'nulKey', 'proto'))
    .map(([value, pick, leaf, how]) => {
      if (how === 'replace') {
        const paths = pathsOf(value);
        return setAt(value, paths[pick % paths.length] ?? [], leaf);
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) return leaf;
      if (how === 'extra') return { ...value, [`extra${pick % 7}`]: leaf };
      if (how === 'nulKey') return { ...value, 'k\u0000ey': leaf };
      // Own `__proto__` and `constructor` keys, as JSON.parse makes them (prototype pollution attempts).
      return { ...JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}'), ...value };
    });
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 3, arbitrary: mutated },
    { weight: 1, arbitrary: hostileLeaf },
  );
}

/** encodeURIComponent, with lone surrogates (which it refuses) replaced by U+FFFD first. */
export function encodeSegment(value: string): string {
  return encodeURIComponent(
    value.replace(/[\ud800-\udfff]/g, (c, i: number, all: string) => {
      const code = c.charCodeAt(0);
      const next = all.charCodeAt(i + 1);
      const prev = all.charCodeAt(i - 1);
      const paired = code < 0xdc00 ? next >= 0xdc00 && next <= 0xdfff : prev >= 0xd800 && prev < 0xdc00;
      return paired ? c : '\ufffd';
    }),
  );
}

/** A path segment: generated from its schema, known to the database, or hostile (encoded for the URL). */
export function hostileSegment(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: valid.map((v) => encodeSegment(String(v))) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '%00',
        'a%00b',
        '%E0%A4%A',
        '%',
        '..',
        '%2e%2e%2f',
        'x'.repeat(5_000),
        '-1',
        '0',
        '1e999',
        '9007199254740993',
        '%F0%9D%95%BD',
        '%20',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }).map((s) => encodeSegment(s) || 'x') },
  );
}
