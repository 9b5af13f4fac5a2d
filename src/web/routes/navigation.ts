/** The sections of the app (the pages the route table lists in the navigation): the navigation and home cards. */
import type { TCurrentUser } from '../../contracts/auth.ts';
import type { Action } from '../../domain/policy.ts';
import { type NavGroup, ROUTES, type RouteDef, type RouteId } from './table.ts';

export interface Section {
  id: RouteId;
  to: string;
  label: NonNullable<RouteDef['nav']>['label'];
  /** The home card's text. */
  home: NonNullable<RouteDef['nav']>['home'];
  action: Action;
  group: NavGroup;
}

const entries = Object.entries(ROUTES) as [RouteId, RouteDef][];

/** In the table's order. */
export const SECTIONS: readonly Section[] = entries.flatMap(([id, route]) =>
  route.nav && route.action && route.group
    ? [{ id, to: route.path, label: route.nav.label, home: route.nav.home, action: route.action, group: route.group }]
    : [],
);

export const navigationFor = (user: TCurrentUser): Section[] =>
  SECTIONS.filter((s) => user.permissions.includes(s.action));
