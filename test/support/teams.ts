/** What the teams, roster and professionals suites share: the tables they write, and how they find people. */
import { type ProfessionalInput, professionalInput } from '../../src/server/seed/api-factories.ts';
import type { Agent } from './test-app.ts';

/** Everything the teams' operations write: a refusal leaves it as it was. */
export const TEAM_TABLES = [
  'professionals',
  'professional_establishments',
  'qualifications',
  'training_hours',
  'activity_counts',
  'team_members',
  'teams',
  'shifts',
  'device_checks',
  'maintenance_records',
  'consoles',
  'audit_log',
] as const;

let adeli = 0;
/** The body of a new professional, with an ADELI number of its own. */
export const professionalRequest = (over: Partial<ProfessionalInput> = {}) => ({
  body: professionalInput({
    identifier: { kind: 'adeli', value: `69${String(5_000_000 + adeli++).padStart(7, '0')}` },
    ...over,
  }),
});

/** Someone working at an establishment and not at another, as a regulator of their region sees them. */
export async function someoneWorkingAt(regional: Agent, finess: string, notAt?: string): Promise<string> {
  const { items } = await regional.ok('listProfessionals', { query: { finess, limit: 100 } });
  const someone = items.find((p) => !p.establishments.some((e) => e.finess === notAt));
  if (!someone) throw new Error(`nobody at ${finess}`);
  return someone.id;
}
