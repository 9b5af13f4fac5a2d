/** The sections of the app and the permission that opens each one: the navigation and home cards use it. */
import type { TCurrentUser } from '../../contracts/auth.ts';
import type { Action } from '../../domain/policy.ts';

export interface Section {
  to: string;
  label: 'nav.establishments' | 'nav.users';
  action: Action;
}

export const SECTIONS: readonly Section[] = [
  { to: '/etablissements', label: 'nav.establishments', action: 'establishment:list' },
  { to: '/utilisateurs', label: 'nav.users', action: 'user:list' },
];

export const navigationFor = (user: TCurrentUser): Section[] =>
  SECTIONS.filter((s) => user.permissions.includes(s.action));
