/** The OpenAPI 3.1 document, generated from the contract operations (zod → JSON Schema 2020-12). */
import { z } from 'zod';
import { ZProblem } from '../../contracts/common.ts';
import type { OperationDef } from '../../contracts/operation.ts';

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = schemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: s,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  }));
}

const problemRef = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemRef } },
});

export function buildOpenApi(operations: Record<string, OperationDef>, version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of Object.values(operations)) {
    const path = op.path.replace(/:(\w+)/g, '{$1}');
    const status = String(op.successStatus ?? 200);
    const responses: Record<string, unknown> = {
      [status]: {
        description: op.summary,
        content: Object.fromEntries(
          (op.produces ?? ['application/json']).map((type) => [
            type,
            {
              schema:
                type === 'application/json' ? schemaOf(op.response, 'output') : { type: 'string', format: 'binary' },
            },
          ]),
        ),
      },
    };
    if (op.params || op.query || op.body)
      responses['400'] = problemResponse('Invalid input: the failing fields are listed');
    if (op.access === 'session') {
      responses['401'] = problemResponse('Not signed in');
      responses['403'] = problemResponse('Not allowed on this scope, or missing CSRF token');
    }
    if (op.params) responses['404'] = problemResponse('Not found');
    if (op.body || op.upload) {
      responses['409'] = problemResponse('Conflict with the current state');
      responses['413'] = problemResponse('Body too large');
    }
    if (op.operationId === 'login') responses['429'] = problemResponse('Too many failed attempts');
    paths[path] ??= {};
    paths[path][op.method.toLowerCase()] = {
      operationId: op.operationId,
      summary: op.summary,
      tags: [op.tag],
      ...(op.access === 'session' ? { security: [{ session: [] }] } : { security: [] }),
      parameters: [...parametersOf(op.params, 'path'), ...parametersOf(op.query, 'query')],
      ...(op.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(op.body, 'input') } } } }
        : {}),
      ...(op.upload
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                op.upload.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
              ),
            },
          }
        : {}),
      responses,
    };
  }
  const { id: _id, ...problem } = schemaOf(ZProblem, 'output');
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
      schemas: { Problem: problem },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'relais_session' } },
    },
  };
}
