/**
 * The authorization policy: who may do what on which scope. Every route names one action;
 * services ask this module, never their own `if`s. Pure: grants and locations in, answers out.
 */
import { type Grant, grantCovers, type Location, type Role } from './roles.ts';

export const ACTIONS = {
  'region:list': { roles: 'authenticated' },
  'establishment:list': { roles: 'authenticated' },
  'establishment:read': { roles: 'authenticated' },
  // A regional regulator (ARS) may register an establishment of their own region.
  'establishment:create': { roles: ['admin', 'regional_regulator'] },
  // A regional regulator sees the accounts of their region (who to call), not the others.
  'user:list': { roles: ['admin', 'regional_regulator'] },
  'user:create': { roles: ['admin'] },
  'user:grant': { roles: ['admin'] },
  // Fleet: consoles and consumables are seen where they are (or whose they are).
  'device:list': { roles: ['admin', 'national_regulator', 'regional_regulator', 'clinician', 'perfusionist'] },
  'device:read': { roles: ['admin', 'national_regulator', 'regional_regulator', 'clinician', 'perfusionist'] },
  // Perfusionists keep their establishment's register; regulators their territory's.
  'device:create': { roles: ['admin', 'national_regulator', 'regional_regulator', 'perfusionist'] },
  'device:update': { roles: ['admin', 'national_regulator', 'regional_regulator', 'perfusionist'] },
  'stock:list': { roles: ['admin', 'national_regulator', 'regional_regulator', 'clinician', 'perfusionist'] },
  'stock:adjust': { roles: ['admin', 'national_regulator', 'regional_regulator', 'perfusionist'] },
  // Weekly census: hospital users report for their establishment; regulators may key in for theirs.
  'census:read': { roles: ['admin', 'national_regulator', 'regional_regulator', 'clinician', 'perfusionist'] },
  'census:submit': { roles: ['admin', 'national_regulator', 'regional_regulator', 'clinician', 'perfusionist'] },
  'census:remind': { roles: ['admin', 'national_regulator', 'regional_regulator'] },
  'board:national': { roles: ['admin', 'national_regulator'] },
  'board:regional': { roles: ['admin', 'national_regulator', 'regional_regulator'] },
  'outbox:read': { roles: ['admin'] },
  // Regulation: a clinician files for their establishment; regulators regulate their territory.
  'request:create': { roles: ['clinician', 'regional_regulator', 'national_regulator'] },
  'request:read': { roles: ['clinician', 'perfusionist', 'regional_regulator', 'national_regulator'] },
  'request:regulate': { roles: ['regional_regulator', 'national_regulator'] },
  // The requesting team may withdraw its own request (patient died, no longer indicated).
  'request:withdraw': { roles: ['clinician', 'regional_regulator', 'national_regulator'] },
  'notification:read': { roles: ['regional_regulator', 'national_regulator'] },
  'report:regulation': { roles: ['regional_regulator', 'national_regulator', 'admin'] },
  // The live stream carries what the user may already read (requests, boards).
  'events:stream': { roles: ['regional_regulator', 'national_regulator', 'clinician', 'perfusionist', 'admin'] },
  // Teams and roster: hospital users keep their establishment's professionals, teams and roster;
  // regional regulators may for their region; everyone in regulation reads them.
  'professional:read': { roles: ['admin', 'national_regulator', 'regional_regulator', 'clinician', 'perfusionist'] },
  'professional:write': { roles: ['admin', 'regional_regulator', 'clinician', 'perfusionist'] },
  'team:read': { roles: ['admin', 'national_regulator', 'regional_regulator', 'clinician', 'perfusionist'] },
  'team:write': { roles: ['admin', 'regional_regulator', 'clinician', 'perfusionist'] },
  'roster:write': { roles: ['admin', 'regional_regulator', 'clinician', 'perfusionist'] },
  // Upkeep: perfusionists sign checks and record interventions on their establishment's consoles.
  'upkeep:read': { roles: ['admin', 'national_regulator', 'regional_regulator', 'clinician', 'perfusionist'] },
  'upkeep:write': { roles: ['admin', 'perfusionist'] },
} as const satisfies Record<string, { roles: 'authenticated' | readonly Role[] }>;

export type Action = keyof typeof ACTIONS;

function rolesFor(action: Action): 'authenticated' | readonly Role[] {
  return ACTIONS[action].roles;
}

/**
 * Whether the grants allow `action` at `location`. Without a location, whether they allow it
 * somewhere (used to gate a route before the resource is known, and to build the navigation).
 */
export function isAllowed(grants: readonly Grant[], action: Action, location?: Location): boolean {
  const roles = rolesFor(action);
  if (roles === 'authenticated') return true;
  return grants.some((g) => roles.includes(g.role) && (location === undefined || grantCovers(g, location)));
}

/** Where an action is allowed: everywhere, or within these regions / départements / establishments. */
export type Reach =
  | { everywhere: true }
  | { everywhere: false; regions: string[]; departements: string[]; establishments: string[] };

/** The reach of an action for these grants, to filter lists in the repository's SQL. */
export function reachOf(grants: readonly Grant[], action: Action): Reach {
  const roles = rolesFor(action);
  const relevant = roles === 'authenticated' ? grants : grants.filter((g) => roles.includes(g.role));
  if (roles === 'authenticated' || relevant.some((g) => g.scopeKind === 'nation')) return { everywhere: true };
  const pick = (kind: Grant['scopeKind']): string[] =>
    relevant.filter((g) => g.scopeKind === kind && g.scopeCode !== null).map((g) => g.scopeCode as string);
  return {
    everywhere: false,
    regions: pick('region'),
    departements: pick('departement'),
    establishments: pick('establishment'),
  };
}

/** Every action the grants allow somewhere: sent to the web app to shape its navigation. */
export function allowedActions(grants: readonly Grant[]): Action[] {
  return (Object.keys(ACTIONS) as Action[]).filter((a) => isAllowed(grants, a));
}
