/**
 * No file can exhaust the server: hostile spreadsheets uploaded at once are refused at their limit, while
 * the server's memory grows by 256 MiB at most and `/api/health` keeps answering within 200 ms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, DEMO, rowCounts, type TestApp } from '../support/test-app.ts';
import { bombWorkbook, manyRowsWorkbook } from '../support/workbooks.ts';

const XLSX = { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
const MiB = 1_048_576;

let t: TestApp;
let clinician: Agent;
let manyRows: Buffer;
let rows200k: Buffer;
let bomb: Buffer;

beforeAll(async () => {
  t = await createTestApp();
  clinician = await t.login(DEMO.clinician);
  // 2 million rows zipped to ~0.5 MB; 1.1 MB inflating to 1.15 GB, declaring 10 MB (under the per-part limit,
  // so the reader has to count what it inflates).
  manyRows = await manyRowsWorkbook(2_000_000);
  rows200k = await manyRowsWorkbook(200_000);
  bomb = await bombWorkbook(1_150_000_000, { declaredSize: 10 * MiB });
}, 90_000);
afterAll(() => t?.close());

const reportsCount = async () => (await rowCounts(t.db, ['census_reports'])).census_reports;

/** Runs `uploads` while health and memory are sampled; the slowest health answer and the RSS growth. */
async function underLoad<T>(uploads: () => Promise<T>): Promise<{ result: T; healthMaxMs: number; growthMiB: number }> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let healthMaxMs = 0;
  let done = false;
  const sampler = (async () => {
    while (!done) {
      const started = performance.now();
      const res = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      healthMaxMs = Math.max(healthMaxMs, performance.now() - started);
      peak = Math.max(peak, process.memoryUsage().rss);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const result = await uploads();
  done = true;
  await sampler;
  return { result, healthMaxMs, growthMiB: (peak - baseline) / MiB };
}

describe('files that would exhaust the server', () => {
  it.each([
    // Its sheet declares 200 MB unpacked: refused before inflating anything.
    ['a sheet of 2 million rows', () => manyRows, 'file_too_large'],
    // 10 MB unpacked: read as a stream until row 2,001.
    ['a sheet of 200,000 rows', () => rows200k, 'too_many_rows'],
    ['a zip bomb of 1.15 GB', () => bomb, 'file_too_large'],
  ])('refuses four uploads at once of %s, memory and health within bounds', async (_, file, code) => {
    const before = await reportsCount();
    const { result, healthMaxMs, growthMiB } = await underLoad(() =>
      Promise.all(
        Array.from({ length: 4 }, () => clinician.request('POST', '/api/census/imports?mode=all', file(), XLSX)),
      ),
    );
    for (const res of result) {
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ field: 'file', code });
    }
    expect(growthMiB).toBeLessThanOrEqual(256);
    expect(healthMaxMs).toBeLessThanOrEqual(200);
    expect(await reportsCount()).toBe(before);
  });

  it('reads two files at a time, keeps four waiting, and asks the next ones to come back (503, Retry-After)', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => clinician.request('POST', '/api/census/imports?mode=validate', bomb, XLSX)),
    );
    const statuses = answers.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 503, 503]);
    for (const busy of answers.filter((r) => r.statusCode === 503)) {
      expect(busy.headers['retry-after']).toBe('5');
      expect(busy.json()).toMatchObject({ code: 'unavailable', detail: expect.stringMatching(/réessayez/) });
    }
  });
});
