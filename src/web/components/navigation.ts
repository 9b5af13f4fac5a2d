/** The sections of the app and the permission that opens each one: the navigation and home cards use it. */
import type { TCurrentUser } from '../../contracts/auth.ts';
import type { Action } from '../../domain/policy.ts';

export interface Section {
  to: string;
  label: `nav.${'establishments' | 'users' | 'nationalBoard' | 'regionalBoard' | 'census' | 'devices' | 'stock' | 'outbox' | 'regulation' | 'loans' | 'regulationReport' | 'roster' | 'teams' | 'professionals' | 'upkeep'}`;
  action: Action;
}

export const SECTIONS: readonly Section[] = [
  // Regulation first: it is the urgent work.
  { to: '/regulation', label: 'nav.regulation', action: 'request:read' },
  { to: '/prets', label: 'nav.loans', action: 'request:read' },
  { to: '/rapport-regulation', label: 'nav.regulationReport', action: 'report:regulation' },
  // Teams, roster and upkeep.
  { to: '/astreintes', label: 'nav.roster', action: 'team:read' },
  { to: '/equipes', label: 'nav.teams', action: 'team:read' },
  { to: '/professionnels', label: 'nav.professionals', action: 'professional:read' },
  { to: '/entretien', label: 'nav.upkeep', action: 'upkeep:read' },
  // Boards and fleet.
  { to: '/tableau-national', label: 'nav.nationalBoard', action: 'board:national' },
  { to: '/tableau-regional', label: 'nav.regionalBoard', action: 'board:regional' },
  { to: '/consoles', label: 'nav.devices', action: 'device:list' },
  { to: '/consommables', label: 'nav.stock', action: 'stock:list' },
  // Weekly census.
  { to: '/recensement', label: 'nav.census', action: 'census:read' },
  { to: '/courriels', label: 'nav.outbox', action: 'outbox:read' },
  { to: '/etablissements', label: 'nav.establishments', action: 'establishment:list' },
  { to: '/utilisateurs', label: 'nav.users', action: 'user:list' },
];

export const navigationFor = (user: TCurrentUser): Section[] =>
  SECTIONS.filter((s) => user.permissions.includes(s.action));
