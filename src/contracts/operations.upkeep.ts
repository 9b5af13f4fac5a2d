/** Operations of console upkeep: pre-use checks, maintenance and calibration, the consoles due. */
import { defineOperation } from './operation.ts';
import {
  ZDeviceParams,
  ZDeviceUpkeep,
  ZMaintenanceDuePage,
  ZMaintenanceDueQuery,
  ZRecordCheck,
  ZRecordMaintenance,
} from './upkeep.ts';

export const upkeepOps = {
  getDeviceUpkeep: defineOperation({
    operationId: 'getDeviceUpkeep',
    method: 'GET',
    path: '/api/devices/:id/upkeep',
    summary: 'A console’s due dates, last pre-use check and intervention records',
    tag: 'fleet',
    access: 'session',
    params: ZDeviceParams,
    response: ZDeviceUpkeep,
  }),
  recordDeviceCheck: defineOperation({
    operationId: 'recordDeviceCheck',
    method: 'POST',
    path: '/api/devices/:id/checks',
    summary:
      'Sign the pre-use check of a console (integrity, alarms, battery, flow sensor, gas blender, heater-cooler)',
    tag: 'fleet',
    access: 'session',
    params: ZDeviceParams,
    body: ZRecordCheck,
    response: ZDeviceUpkeep,
    successStatus: 201,
  }),
  recordMaintenance: defineOperation({
    operationId: 'recordMaintenance',
    method: 'POST',
    path: '/api/devices/:id/maintenance',
    summary: 'Record a maintenance or calibration; the next due date follows from the model’s interval',
    tag: 'fleet',
    access: 'session',
    params: ZDeviceParams,
    body: ZRecordMaintenance,
    response: ZDeviceUpkeep,
    successStatus: 201,
  }),
  listMaintenanceDue: defineOperation({
    operationId: 'listMaintenanceDue',
    method: 'GET',
    path: '/api/maintenance/due',
    summary: 'Consoles overdue or due soon for maintenance or calibration, or awaiting a check',
    tag: 'fleet',
    access: 'session',
    query: ZMaintenanceDueQuery,
    response: ZMaintenanceDuePage,
  }),
} as const;
