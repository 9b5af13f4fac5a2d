import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineOperation } from '../../contracts/operation.ts';
import { OPENAPI_FILE, openApiText } from '../write-openapi.ts';
import { buildOpenApi } from './openapi.ts';

const ZColour = z.enum(['red', 'green']).meta({ id: 'TestColour' });
const ZPaint = z.object({ colour: ZColour, coats: z.number().int().default(1) }).meta({ id: 'TestPaint' });
const ZWall = z.object({ name: z.string(), paint: ZPaint }).meta({ id: 'TestWall' });
const ZRoom = z.object({ walls: z.array(ZWall), floor: ZColour }).meta({ id: 'TestRoom' });

/** The document as a client reads it (JSON). */
const doc = JSON.parse(
  JSON.stringify(
    buildOpenApi(
      {
        paintRoom: defineOperation({
          operationId: 'paintRoom',
          method: 'PUT',
          path: '/rooms/:id',
          summary: 'Paint a room',
          tag: 'test',
          access: 'session',
          statuses: [409],
          params: z.strictObject({ id: z.string() }),
          body: z.strictObject({ walls: z.array(ZWall) }),
          response: ZRoom,
        }),
        listWalls: defineOperation({
          operationId: 'listWalls',
          method: 'GET',
          path: '/walls',
          summary: 'Walls',
          tag: 'test',
          access: 'public',
          query: z.strictObject({ colour: ZColour.optional() }),
          response: z.object({ items: z.array(ZWall) }),
        }),
      },
      '1',
    ),
  ),
);

describe('the OpenAPI document built from operations', () => {
  it('makes each named schema one component that every use references', () => {
    const put = doc.paths['/rooms/{id}']?.put;
    expect(put?.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/TestRoom',
    });
    expect(
      doc.paths['/walls']?.get?.responses['200'].content['application/json'].schema.properties.items.items,
    ).toEqual({ $ref: '#/components/schemas/TestWall' });
    expect(doc.paths['/walls']?.get?.parameters[0].schema).toEqual({ $ref: '#/components/schemas/TestColour' });
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Problem', 'TestColour', 'TestPaint', 'TestRoom', 'TestWall']),
    );
    expect(JSON.stringify(doc)).not.toContain('$defs');
  });

  it('gives a request form that differs (a default, unknown keys) its own <Name>Input, and the schemas above it too', () => {
    const body = doc.paths['/rooms/{id}']?.put?.requestBody.content['application/json'].schema;
    expect(body.properties.walls.items).toEqual({ $ref: '#/components/schemas/TestWallInput' });
    const { schemas } = doc.components;
    expect(schemas.TestWallInput.properties.paint).toEqual({ $ref: '#/components/schemas/TestPaintInput' });
    expect(schemas.TestWall.properties.paint).toEqual({ $ref: '#/components/schemas/TestPaint' });
    expect(schemas.TestPaint.required).toEqual(['colour', 'coats']);
    expect(schemas.TestPaintInput.required).toEqual(['colour']);
    // The enum reads the same both ways: one component.
    expect(schemas.TestColourInput).toBeUndefined();
    expect(schemas.TestPaintInput.properties.colour).toEqual({ $ref: '#/components/schemas/TestColour' });
  });

  it('declares the statuses that follow from each operation, errors as one Problem response each', () => {
    expect(Object.keys(doc.paths['/rooms/{id}']?.put?.responses ?? {})).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
      '500',
    ]);
    expect(Object.keys(doc.paths['/walls']?.get?.responses ?? {})).toEqual(['200', '400', '500']);
    expect(doc.paths['/rooms/{id}']?.put?.responses['409']).toEqual({ $ref: '#/components/responses/Conflict' });
    expect(doc.components.responses.Conflict.content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
    expect(doc.paths['/rooms/{id}']?.put?.security).toEqual([{ session: [], csrf: [] }]);
  });

  it('refuses two different schemas under one name', () => {
    const other = z.object({ x: z.string() }).meta({ id: 'TestClash' });
    const again = z.object({ y: z.string() }).meta({ id: 'TestClash' });
    const op = (operationId: string, response: z.ZodType) =>
      defineOperation({
        operationId,
        method: 'GET',
        path: `/${operationId}`,
        summary: '',
        tag: 't',
        access: 'public',
        response,
      });
    expect(() => buildOpenApi({ a: op('a', other), b: op('b', again) }, '1')).toThrow(/named TestClash/);
  });
});

describe('the committed src/server/openapi.json', () => {
  it('is the document the server serves (after a change of the contracts: npm run openapi, and review it)', () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8') === openApiText(), 'stale: run npm run openapi').toBe(true);
  });
});
