/**
 * The topics of the live updates: what the server publishes after a change (events/bus.ts) and the
 * browser listens to (web/live.tsx). An event says what changed, never the data.
 */
export const TOPICS = [
  'fleet.changed',
  'census.changed',
  'session.revoked',
  'request.changed',
  'roster.changed',
] as const;
export type Topic = (typeof TOPICS)[number];
