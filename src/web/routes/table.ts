/**
 * The one table of the app's pages. Each page is declared here once — its URL (French, as the interface
 * is by default), how its code loads, the permission that opens it, the module it belongs to and, for
 * the pages the navigation lists, their label and home-card text. The router (../router.tsx), the
 * navigation and home cards (./navigation.ts) and the link builders (./paths.ts) are derived from it.
 *
 * Adding a page: one entry here (and its component in its area's index.ts if the area loads lazily).
 */
import type { ParseKeys } from 'i18next';
import type { ComponentType } from 'react';
import type { Action } from '../../domain/policy.ts';
import type { Dictionary } from '../i18n/fr.ts';

/**
 * The modules the navigation groups pages by, in their order. Registries (AED attestations, cooperation
 * protocols) and the run record have no page yet.
 */
export const NAV_GROUPS = [
  'regulation',
  'teams',
  'fleet',
  'census',
  'registries',
  'runRecord',
  'administration',
] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

/** The pages of the main bundle, by name (a type only: the table imports no page; see MAIN_PAGES in ../router.tsx). */
export type MainPage = keyof typeof import('../router.tsx')['MAIN_PAGES'];

/**
 * How a page's code loads. The shell's own pages and administration are in the main bundle; each other
 * area is one chunk read on the first visit to one of its pages (the boards bring the map code with them).
 */
export type PageLoader = { main: MainPage } | { lazy: () => Promise<ComponentType> };

const main = (name: MainPage): PageLoader => ({ main: name });

/** A page of a lazily loaded area: `name` is checked against what the area's index.ts exports. */
function inArea<K extends string, M extends Record<K, ComponentType>>(load: () => Promise<M>, name: K): PageLoader {
  return { lazy: async () => (await load())[name] };
}
const boards = () => import('../pages/boards/index.ts');
const fleet = () => import('../pages/fleet/index.ts');
const census = () => import('../pages/census/index.ts');
const regulation = () => import('../pages/regulation/index.ts');
const teams = () => import('../pages/teams/index.ts');

export interface RouteDef {
  /** Absolute; `:name` marks a parameter (the link builders take them in order). */
  path: string;
  page: PageLoader;
  /** The permission that opens the page; none: any signed-in user (or anyone, if public). */
  action?: Action;
  /** Shown outside the signed-in frame (sign-in). */
  public?: true;
  /** The module the page belongs to; none for the shell's own pages. */
  group?: NavGroup;
  /** Listed in the navigation and as a home card. */
  nav?: { label: `nav.${keyof Dictionary['nav']}`; home: ParseKeys };
}

/**
 * Every page, in the order of today's navigation (regulation first: it is the urgent work). Issue 11
 * orders the navigation by group; the upkeep page, now the fleet's, keeps its place until then.
 */
export const ROUTES = {
  login: { path: '/connexion', page: main('LoginPage'), public: true },
  home: { path: '/', page: main('HomePage') },
  // Regulation: requests and alerts, loans, the report.
  requests: {
    path: '/regulation',
    page: inArea(regulation, 'RequestsPage'),
    action: 'request:read',
    group: 'regulation',
    nav: { label: 'nav.regulation', home: 'regulation.home.requests' },
  },
  newRequest: {
    path: '/regulation/nouvelle',
    page: inArea(regulation, 'NewRequestPage'),
    action: 'request:create',
    group: 'regulation',
  },
  request: {
    path: '/regulation/:id',
    page: inArea(regulation, 'RequestPage'),
    action: 'request:read',
    group: 'regulation',
  },
  loans: {
    path: '/prets',
    page: inArea(regulation, 'LoansPage'),
    action: 'request:read',
    group: 'regulation',
    nav: { label: 'nav.loans', home: 'regulation.home.loans' },
  },
  loan: { path: '/prets/:id', page: inArea(regulation, 'LoanPage'), action: 'request:read', group: 'regulation' },
  report: {
    path: '/rapport-regulation',
    page: inArea(regulation, 'ReportPage'),
    action: 'report:regulation',
    group: 'regulation',
    nav: { label: 'nav.regulationReport', home: 'regulation.home.report' },
  },
  // Teams: roster, teams, professionals.
  roster: {
    path: '/astreintes',
    page: inArea(teams, 'RosterPage'),
    action: 'team:read',
    group: 'teams',
    nav: { label: 'nav.roster', home: 'teams.home.roster' },
  },
  teams: {
    path: '/equipes',
    page: inArea(teams, 'TeamsPage'),
    action: 'team:read',
    group: 'teams',
    nav: { label: 'nav.teams', home: 'teams.home.teams' },
  },
  team: { path: '/equipes/:id', page: inArea(teams, 'TeamPage'), action: 'team:read', group: 'teams' },
  professionals: {
    path: '/professionnels',
    page: inArea(teams, 'ProfessionalsPage'),
    action: 'professional:read',
    group: 'teams',
    nav: { label: 'nav.professionals', home: 'teams.home.professionals' },
  },
  newProfessional: {
    path: '/professionnels/nouveau',
    page: inArea(teams, 'NewProfessionalPage'),
    action: 'professional:write',
    group: 'teams',
  },
  professional: {
    path: '/professionnels/:id',
    page: inArea(teams, 'ProfessionalPage'),
    action: 'professional:read',
    group: 'teams',
  },
  // Fleet and boards: upkeep, the boards, consoles, consumables.
  upkeep: {
    path: '/entretien',
    page: inArea(fleet, 'UpkeepPage'),
    action: 'upkeep:read',
    group: 'fleet',
    nav: { label: 'nav.upkeep', home: 'teams.home.upkeep' },
  },
  nationalBoard: {
    path: '/tableau-national',
    page: inArea(boards, 'NationalBoardPage'),
    action: 'board:national',
    group: 'fleet',
    nav: { label: 'nav.nationalBoard', home: 'boards.home.nationalBoard' },
  },
  regionalBoards: {
    path: '/tableau-regional',
    page: inArea(boards, 'RegionalBoardIndex'),
    action: 'board:regional',
    group: 'fleet',
    nav: { label: 'nav.regionalBoard', home: 'boards.home.regionalBoard' },
  },
  regionalBoard: {
    path: '/tableau-regional/:region',
    page: inArea(boards, 'RegionalBoardPage'),
    action: 'board:regional',
    group: 'fleet',
  },
  devices: {
    path: '/consoles',
    page: inArea(fleet, 'DevicesPage'),
    action: 'device:list',
    group: 'fleet',
    nav: { label: 'nav.devices', home: 'fleet.home.devices' },
  },
  newDevice: {
    path: '/consoles/nouvelle',
    page: inArea(fleet, 'NewDevicePage'),
    action: 'device:create',
    group: 'fleet',
  },
  device: { path: '/consoles/:id', page: inArea(fleet, 'DevicePage'), action: 'device:read', group: 'fleet' },
  stock: {
    path: '/consommables',
    page: inArea(fleet, 'StockPage'),
    action: 'stock:list',
    group: 'fleet',
    nav: { label: 'nav.stock', home: 'fleet.home.stock' },
  },
  // Weekly census.
  census: {
    path: '/recensement',
    page: inArea(census, 'CensusPage'),
    action: 'census:read',
    group: 'census',
    nav: { label: 'nav.census', home: 'census.home.census' },
  },
  censusImport: {
    path: '/recensement/import',
    page: inArea(census, 'CensusImportPage'),
    action: 'census:submit',
    group: 'census',
  },
  censusEstablishment: {
    path: '/recensement/:finess',
    page: inArea(census, 'CensusEstablishmentPage'),
    action: 'census:read',
    group: 'census',
  },
  outbox: {
    path: '/courriels',
    page: inArea(census, 'OutboxPage'),
    action: 'outbox:read',
    group: 'census',
    nav: { label: 'nav.outbox', home: 'census.home.outbox' },
  },
  // Administration: establishments and users.
  establishments: {
    path: '/etablissements',
    page: main('EstablishmentsPage'),
    action: 'establishment:list',
    group: 'administration',
    nav: { label: 'nav.establishments', home: 'home.establishmentsText' },
  },
  newEstablishment: {
    path: '/etablissements/nouveau',
    page: main('NewEstablishmentPage'),
    action: 'establishment:create',
    group: 'administration',
  },
  establishment: {
    path: '/etablissements/:finess',
    page: main('EstablishmentPage'),
    action: 'establishment:read',
    group: 'administration',
  },
  users: {
    path: '/utilisateurs',
    page: main('UsersPage'),
    action: 'user:list',
    group: 'administration',
    // Read-only readers (no user:create) see home.usersTextReadOnly (HomePage).
    nav: { label: 'nav.users', home: 'home.usersText' },
  },
  newUser: {
    path: '/utilisateurs/nouveau',
    page: main('NewUserPage'),
    action: 'user:create',
    group: 'administration',
  },
} as const satisfies Record<string, RouteDef>;

export type RouteId = keyof typeof ROUTES;

/** Old addresses kept working: each sends to a page of the table. */
export const REDIRECTS: readonly { from: string; to: RouteId }[] = [{ from: '/login', to: 'login' }];
