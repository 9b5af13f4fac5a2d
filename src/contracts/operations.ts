/** Every operation of the API. Add a module's operations here; server and web pick them up. */
import { z } from 'zod';
import { ZCurrentUser, ZLoginBody } from './auth.ts';
import { ZOk } from './common.ts';
import {
  ZCreateEstablishment,
  ZEstablishment,
  ZEstablishmentListQuery,
  ZEstablishmentPage,
  ZFinessParams,
} from './establishments.ts';
import { defineOperation } from './operation.ts';
import { fleetOps } from './operations.fleet.ts';
import { loanOps, notificationOps, regulationOps } from './operations.regulation.ts';
import { professionalOps, teamOps } from './operations.teams.ts';
import { upkeepOps } from './operations.upkeep.ts';
import { ZRegionList } from './regions.ts';
import { ZCreatedUser, ZCreateUser, ZUserListQuery, ZUserPage } from './users.ts';

export const ops = {
  login: defineOperation({
    operationId: 'login',
    method: 'POST',
    path: '/api/auth/login',
    summary: 'Sign in with e-mail and password; sets the session cookie',
    tag: 'auth',
    access: 'public',
    statuses: [401, 403, 429],
    body: ZLoginBody,
    response: ZCurrentUser,
  }),
  logout: defineOperation({
    operationId: 'logout',
    method: 'POST',
    path: '/api/auth/logout',
    summary: 'End the current session',
    tag: 'auth',
    access: 'session',
    response: ZOk,
  }),
  getCurrentUser: defineOperation({
    operationId: 'getCurrentUser',
    method: 'GET',
    path: '/api/auth/me',
    summary: 'The signed-in user, their grants, permissions and CSRF token',
    tag: 'auth',
    access: 'session',
    response: ZCurrentUser,
  }),
  listRegions: defineOperation({
    operationId: 'listRegions',
    method: 'GET',
    path: '/api/regions',
    summary: 'The 18 regions with their départements',
    tag: 'reference',
    access: 'session',
    response: ZRegionList,
  }),
  listEstablishments: defineOperation({
    operationId: 'listEstablishments',
    method: 'GET',
    path: '/api/establishments',
    summary: 'Search establishments by name, city or FINESS; filter by region, département, category',
    tag: 'reference',
    access: 'session',
    query: ZEstablishmentListQuery,
    response: ZEstablishmentPage,
  }),
  getEstablishment: defineOperation({
    operationId: 'getEstablishment',
    method: 'GET',
    path: '/api/establishments/:finess',
    summary: 'One establishment by FINESS number',
    tag: 'reference',
    access: 'session',
    params: ZFinessParams,
    response: ZEstablishment,
  }),
  createEstablishment: defineOperation({
    operationId: 'createEstablishment',
    method: 'POST',
    path: '/api/establishments',
    summary: 'Register an establishment (its département and region follow from the FINESS number)',
    tag: 'reference',
    access: 'session',
    statuses: [409],
    body: ZCreateEstablishment,
    response: ZEstablishment,
    successStatus: 201,
  }),
  listUsers: defineOperation({
    operationId: 'listUsers',
    method: 'GET',
    path: '/api/users',
    summary: 'Accounts within the caller’s reach',
    tag: 'users',
    access: 'session',
    query: ZUserListQuery,
    response: ZUserPage,
  }),
  createUser: defineOperation({
    operationId: 'createUser',
    method: 'POST',
    path: '/api/users',
    summary: 'Create an account with its roles (all or nothing)',
    tag: 'users',
    access: 'session',
    statuses: [409],
    body: ZCreateUser,
    response: ZCreatedUser,
    successStatus: 201,
  }),
  health: defineOperation({
    operationId: 'getHealth',
    method: 'GET',
    path: '/api/health',
    summary: 'The process is alive',
    tag: 'system',
    access: 'public',
    response: z.object({ status: z.literal('ok') }),
  }),
  ready: defineOperation({
    operationId: 'getReadiness',
    method: 'GET',
    path: '/api/ready',
    summary: 'The database answers',
    tag: 'system',
    access: 'public',
    statuses: [503],
    response: z.object({ status: z.literal('ready'), engine: z.enum(['pglite', 'postgres']) }),
  }),
  ...fleetOps,
  ...regulationOps,
  ...loanOps,
  ...notificationOps,
  ...professionalOps,
  ...teamOps,
  ...upkeepOps,
} as const;

export type Ops = typeof ops;
