/**
 * The instant every test starts at, so that no test depends on the day it runs: RELAIS_TEST_NOW when
 * set (the date-pinned projects of vitest.config.ts), else an ordinary Thursday morning in Paris.
 */
export const TEST_NOW: Date = (() => {
  const raw = process.env.RELAIS_TEST_NOW || '2026-11-19T08:30:00Z';
  const at = new Date(raw);
  if (Number.isNaN(at.getTime())) throw new Error(`RELAIS_TEST_NOW: an ISO 8601 instant, not ${raw}`);
  return at;
})();
