/**
 * The OpenAPI 3.1 document, generated from the contract operations (zod → JSON Schema 2020-12).
 * Schemas named in the contracts (`.meta({ id })`) become `components.schemas` and are referenced,
 * never copied; a named schema whose request form differs from its response form (defaults,
 * unknown keys) gets a second component, `<Name>Input`. Every status of `statusesOf` is declared,
 * errors as one `Problem` (application/problem+json).
 */
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { ZProblem } from '../../contracts/common.ts';
// Names the main objects, so that they become components.
import '../../contracts/components.ts';
import { type OperationDef, statusesOf } from '../../contracts/operation.ts';

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

const DEFS = '#/$defs/';
const SCHEMAS = '#/components/schemas/';

/** The error responses, one component each, by status. */
const ERRORS: Record<number, { name: string; description: string }> = {
  400: {
    name: 'BadRequest',
    description: 'Invalid input (the failing fields are listed) or a body that cannot be read',
  },
  401: { name: 'Unauthenticated', description: 'Not signed in, or wrong e-mail or password' },
  403: { name: 'Forbidden', description: 'Not allowed on this scope, or missing CSRF token' },
  404: { name: 'NotFound', description: 'Not found, or outside the caller’s reach' },
  409: { name: 'Conflict', description: 'Conflict with the current state (a version read, a rule of the workflow)' },
  413: { name: 'PayloadTooLarge', description: 'Request body too large' },
  415: { name: 'UnsupportedMediaType', description: 'Unsupported request content type' },
  429: { name: 'TooManyRequests', description: 'Too many attempts: wait as long as Retry-After says' },
  500: { name: 'InternalError', description: 'Unexpected error (logged; nothing of it is disclosed)' },
  503: {
    name: 'Unavailable',
    description: 'Unavailable for now (the database does not answer, or every file reader is busy): retry later',
  },
};

/**
 * Converts zod schemas, keeping what their named parts (`$defs`) are, per direction, so that
 * `finish` can make them components and point every reference at the right one.
 */
class SchemaSet {
  private readonly defs: Record<Io, Map<string, JsonSchema>> = { input: new Map(), output: new Map() };
  private readonly converted: { json: JsonSchema; io: Io }[] = [];

  convert(schema: z.ZodType, io: Io): JsonSchema {
    const {
      $schema: _,
      $defs,
      ...json
    } = z.toJSONSchema(schema, {
      io,
      unrepresentable: 'any',
      target: 'draft-2020-12',
    }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    for (const [name, def] of Object.entries($defs ?? {})) {
      const known = this.defs[io].get(name);
      if (known && !isDeepStrictEqual(known, def)) throw new Error(`Two different schemas are named ${name}`);
      if (!known) {
        this.defs[io].set(name, def);
        this.converted.push({ json: def, io });
      }
    }
    this.converted.push({ json, io });
    return json;
  }

  /** The component schemas; every `#/$defs/X` converted so far now points at one of them. */
  finish(): Record<string, JsonSchema> {
    const { input, output } = this.defs;
    // A named schema whose request form differs from its response form, or refers to one that does.
    const split = new Set(
      [...input]
        .filter(([name, def]) => output.has(name) && !isDeepStrictEqual(def, output.get(name)))
        .map(([name]) => name),
    );
    for (let grew = true; grew; ) {
      grew = false;
      for (const [name, def] of input) {
        if (split.has(name) || !output.has(name) || !refsOf(def).some((ref) => split.has(ref))) continue;
        split.add(name);
        grew = true;
      }
    }
    const keyOf = (name: string, io: Io) => (io === 'input' && split.has(name) ? `${name}Input` : name);
    const components: Record<string, JsonSchema> = {};
    for (const io of ['output', 'input'] as const) {
      for (const [name, def] of this.defs[io]) {
        const key = keyOf(name, io);
        if (io === 'input' && key === name && output.has(name)) continue;
        if (components[key]) throw new Error(`Two component schemas are named ${key}`);
        components[key] = def;
      }
    }
    for (const { json, io } of this.converted) rewriteRefs(json, (name) => `${SCHEMAS}${keyOf(name, io)}`);
    return Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b)));
  }
}

function refsOf(json: unknown): string[] {
  if (Array.isArray(json)) return json.flatMap(refsOf);
  if (!json || typeof json !== 'object') return [];
  return Object.entries(json).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' && value.startsWith(DEFS) ? [value.slice(DEFS.length)] : refsOf(value),
  );
}

function rewriteRefs(json: unknown, target: (name: string) => string): void {
  if (Array.isArray(json)) {
    for (const item of json) rewriteRefs(item, target);
    return;
  }
  if (!json || typeof json !== 'object') return;
  const node = json as JsonSchema;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith(DEFS))
      node.$ref = target(value.slice(DEFS.length));
    else rewriteRefs(value, target);
  }
}

function parametersOf(schemas: SchemaSet, schema: z.ZodType | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = schemas.convert(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: s,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  }));
}

const binary = { type: 'string', format: 'binary' };
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function buildOpenApi(operations: Record<string, OperationDef>, version: string): JsonSchema {
  const schemas = new SchemaSet();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const usedErrors = new Set<number>();
  for (const op of Object.values(operations)) {
    const path = op.path.replace(/:(\w+)/g, '{$1}');
    const success = op.successStatus ?? 200;
    const responses: Record<string, unknown> = {};
    for (const status of statusesOf(op)) {
      if (status === success) {
        responses[status] =
          status === 204
            ? { description: op.summary }
            : {
                description: op.summary,
                content: Object.fromEntries(
                  (op.produces ?? ['application/json']).map((type) => [
                    type,
                    { schema: type === 'application/json' ? schemas.convert(op.response, 'output') : binary },
                  ]),
                ),
              };
      } else if (status === 304) {
        responses[status] = { $ref: '#/components/responses/NotModified' };
      } else {
        const error = ERRORS[status];
        if (!error) throw new Error(`${op.operationId} declares ${status}, which the document cannot describe`);
        usedErrors.add(status);
        responses[status] = { $ref: `#/components/responses/${error.name}` };
      }
    }
    const security =
      op.access === 'public' ? [] : WRITES.has(op.method) ? [{ session: [], csrf: [] }] : [{ session: [] }];
    paths[path] ??= {};
    paths[path][op.method.toLowerCase()] = {
      operationId: op.operationId,
      summary: op.summary,
      tags: [op.tag],
      security,
      parameters: [...parametersOf(schemas, op.params, 'path'), ...parametersOf(schemas, op.query, 'query')],
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemas.convert(op.body, 'input') } },
            },
          }
        : {}),
      ...(op.upload
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(op.upload.map((type) => [type, { schema: binary }])),
            },
          }
        : {}),
      responses,
    };
  }
  const problem = schemas.convert(ZProblem, 'output');
  const errorResponses = Object.fromEntries(
    [...usedErrors]
      .sort((a, b) => a - b)
      .map((status) => {
        const { name, description } = ERRORS[status] as { name: string; description: string };
        return [
          name,
          {
            description,
            ...(status === 429 || status === 503
              ? {
                  headers: {
                    'Retry-After': {
                      description: 'Seconds to wait before trying again, when known',
                      schema: { type: 'integer' },
                    },
                  },
                }
              : {}),
            content: { 'application/problem+json': { schema: problem } },
          },
        ];
      }),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Relais API',
      version,
      description:
        'Regulation of ECMO resources and professional registries. Cookie session; every write sends the `x-csrf-token` header returned by getCurrentUser. Errors are RFC 9457 problem documents.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: schemas.finish(),
      responses: {
        NotModified: {
          description: 'Not modified since the ETag sent in If-None-Match',
          headers: { ETag: { description: 'The current version', schema: { type: 'string' } } },
        },
        ...errorResponses,
      },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'relais_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'The csrfToken of getCurrentUser' },
      },
    },
  };
}
