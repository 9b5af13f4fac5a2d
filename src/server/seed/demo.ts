/** Demo accounts, one per role (README lists them). Only on an empty embedded database or with --demo. */
import type { Role, ScopeKind } from '../../domain/roles.ts';
import { appendAudit } from '../audit/audit.ts';
import type { CensusSettings } from '../config.ts';
import type { Database } from '../db/client.ts';
import * as users from '../modules/users/users.repository.ts';
import { hashPassword } from '../modules/users/users.service.ts';
import { loadDemoFleet } from './fleet.ts';
import { loadReferenceData, systemActor } from './reference.ts';

export const DEMO_PASSWORD = 'relais-demo';
/** Hôpital Louis Pradel (Hospices Civils de Lyon, Bron): the demo's Lyon hospital. */
export const DEMO_LYON_HOSPITAL = '690784186';

export interface DemoAccount {
  email: string;
  displayName: string;
  role: Role;
  scopeKind: ScopeKind;
  scopeCode: string | null;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@demo.relais.fr', displayName: 'Camille Admin', role: 'admin', scopeKind: 'nation', scopeCode: null },
  {
    email: 'national-regulator@demo.relais.fr',
    displayName: 'Dominique Régulation nationale',
    role: 'national_regulator',
    scopeKind: 'nation',
    scopeCode: null,
  },
  {
    email: 'regional-regulator@demo.relais.fr',
    displayName: 'Alex Régulation ARA',
    role: 'regional_regulator',
    scopeKind: 'region',
    scopeCode: '84',
  },
  {
    email: 'regional-regulator-idf@demo.relais.fr',
    displayName: 'Sacha Régulation IDF',
    role: 'regional_regulator',
    scopeKind: 'region',
    scopeCode: '11',
  },
  {
    email: 'clinician@demo.relais.fr',
    displayName: 'Dr Claude Réanimation',
    role: 'clinician',
    scopeKind: 'establishment',
    scopeCode: DEMO_LYON_HOSPITAL,
  },
  {
    email: 'perfusionist@demo.relais.fr',
    displayName: 'Morgane Perfusion',
    role: 'perfusionist',
    scopeKind: 'establishment',
    scopeCode: DEMO_LYON_HOSPITAL,
  },
  {
    email: 'trainer@demo.relais.fr',
    displayName: 'Jo Formation SAMU 69',
    role: 'trainer',
    scopeKind: 'departement',
    scopeCode: '69',
  },
  {
    email: 'protocol-instructor@demo.relais.fr',
    displayName: 'Lou Instruction ARS ARA',
    role: 'protocol_instructor',
    scopeKind: 'region',
    scopeCode: '84',
  },
];

/**
 * Loads reference data and the demo accounts (skipping accounts that exist), in one transaction.
 * The demo's dates (census weeks, roster, upkeep, lots) follow `now`, the app's clock.
 */
export async function loadDemo(
  db: Database,
  settings: CensusSettings,
  now: Date,
): Promise<{ establishments: number; accounts: number; consoles: number }> {
  const hash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const reference = await loadReferenceData(tx, now);
    let accounts = 0;
    for (const a of DEMO_ACCOUNTS) {
      if (await users.findUserByEmail(tx, a.email)) continue;
      const u = await users.insertUser(tx, {
        email: a.email,
        displayName: a.displayName,
        passwordHash: hash,
        locale: 'fr',
        rpps: null,
        createdAt: now,
      });
      const where = await users.locateScope(tx, a.scopeKind, a.scopeCode);
      if (!where) throw new Error(`demo scope ${a.scopeCode} missing from reference data`);
      await users.insertGrant(tx, u.id, { role: a.role, scopeKind: a.scopeKind, scopeCode: a.scopeCode, ...where });
      await appendAudit(tx, systemActor(now), {
        action: 'user.create',
        targetType: 'user',
        targetId: u.id,
        after: { email: a.email, role: a.role, scopeCode: a.scopeCode },
        reason: 'demo account',
      });
      accounts++;
    }
    const fleet = await loadDemoFleet(tx, settings, now);
    return { establishments: reference.establishments, accounts, consoles: fleet.consoles };
  });
}
