/**
 * The main objects of the API, by name. The OpenAPI document gives each one a component schema
 * (`#/components/schemas/<Name>`) that operations and other schemas reference instead of copying it,
 * so that generated clients get one type per object. Named here in one list (the same as
 * `.meta({ id })` at the declaration, which `Problem` uses), imported by `server/http/openapi.ts`.
 */
import { z } from 'zod';
import { ZCurrentUser, ZGrant, ZRole, ZScopeKind } from './auth.ts';
import {
  ZBoardEstablishment,
  ZConsoleCounts,
  ZDepotFigures,
  ZFreshness,
  ZNationalBoard,
  ZRegionalBoard,
  ZRegionFigures,
  ZTension,
  ZTrendPoint,
} from './boards.ts';
import {
  ZCampaignEstablishment,
  ZCampaignSummary,
  ZCensusReport,
  ZCensusStatus,
  ZCompleteness,
  ZImportReport,
  ZImportRow,
} from './census.ts';
import { ZWarning } from './common.ts';
import { ZEstablishment } from './establishments.ts';
import { ZDepot, ZDevice, ZDeviceEvent, ZDeviceStatus, ZSite, ZSiteInput, ZStockLot } from './fleet.ts';
import { ZDepartement, ZRegion } from './regions.ts';
import {
  ZAgeBand,
  ZClinical,
  ZEcmoRequest,
  ZIndication,
  ZLoan,
  ZNotification,
  ZOutcome,
  ZRankedOption,
  ZRegulationReport,
  ZRequestEvent,
  ZRequestOptions,
  ZRequestPage,
  ZRequestState,
  ZUrgency,
} from './regulation.ts';
import {
  ZCentreActivity,
  ZMemberRole,
  ZProfession,
  ZProfessional,
  ZProfessionalSummary,
  ZQualification,
  ZQualificationKind,
  ZRosterGap,
  ZRosterImportReport,
  ZShift,
  ZShiftKind,
  ZShiftList,
  ZTeam,
  ZTeamAvailability,
  ZTeamKind,
  ZTeamMember,
  ZTeamPage,
} from './teams.ts';
import { ZDeviceCheck, ZDeviceUpkeep, ZMaintenanceDuePage, ZMaintenanceRecord, ZUpkeepState } from './upkeep.ts';
import { ZUser } from './users.ts';

export const COMPONENT_SCHEMAS: Record<string, z.ZodType> = {
  Warning: ZWarning,
  Role: ZRole,
  ScopeKind: ZScopeKind,
  Grant: ZGrant,
  CurrentUser: ZCurrentUser,
  Establishment: ZEstablishment,
  User: ZUser,
  Departement: ZDepartement,
  Region: ZRegion,
  DeviceStatus: ZDeviceStatus,
  Site: ZSite,
  SiteInput: ZSiteInput,
  Device: ZDevice,
  DeviceEvent: ZDeviceEvent,
  StockLot: ZStockLot,
  Depot: ZDepot,
  CensusStatus: ZCensusStatus,
  CensusReport: ZCensusReport,
  Completeness: ZCompleteness,
  CampaignSummary: ZCampaignSummary,
  CampaignEstablishment: ZCampaignEstablishment,
  ImportRow: ZImportRow,
  ImportReport: ZImportReport,
  Tension: ZTension,
  ConsoleCounts: ZConsoleCounts,
  Freshness: ZFreshness,
  RegionFigures: ZRegionFigures,
  TrendPoint: ZTrendPoint,
  DepotFigures: ZDepotFigures,
  NationalBoard: ZNationalBoard,
  BoardEstablishment: ZBoardEstablishment,
  RegionalBoard: ZRegionalBoard,
  RequestState: ZRequestState,
  Outcome: ZOutcome,
  Indication: ZIndication,
  Urgency: ZUrgency,
  AgeBand: ZAgeBand,
  Clinical: ZClinical,
  RequestEvent: ZRequestEvent,
  EcmoRequest: ZEcmoRequest,
  /** A request in lists: without its timeline. */
  EcmoRequestSummary: ZRequestPage.shape.items.element,
  RankedOption: ZRankedOption,
  RequestOptions: ZRequestOptions,
  Loan: ZLoan,
  Notification: ZNotification,
  RegulationReport: ZRegulationReport,
  Profession: ZProfession,
  QualificationKind: ZQualificationKind,
  TeamKind: ZTeamKind,
  MemberRole: ZMemberRole,
  ShiftKind: ZShiftKind,
  Qualification: ZQualification,
  ProfessionalSummary: ZProfessionalSummary,
  Professional: ZProfessional,
  TeamMember: ZTeamMember,
  Team: ZTeam,
  /** A team in lists: the number of its members. */
  TeamSummary: ZTeamPage.shape.items.element,
  Shift: ZShift,
  ShiftList: ZShiftList,
  RosterGap: ZRosterGap,
  RosterImportReport: ZRosterImportReport,
  TeamAvailability: ZTeamAvailability,
  DeviceCheck: ZDeviceCheck,
  MaintenanceRecord: ZMaintenanceRecord,
  UpkeepState: ZUpkeepState,
  DeviceUpkeep: ZDeviceUpkeep,
  /** A console's upkeep in the due list: without its records. */
  DeviceUpkeepSummary: ZMaintenanceDuePage.shape.items.element,
  CentreActivity: ZCentreActivity,
};

for (const [id, schema] of Object.entries(COMPONENT_SCHEMAS)) {
  const known = z.globalRegistry.get(schema);
  if (known?.id && known.id !== id) throw new Error(`${id} is already named ${known.id}`);
  if (!known?.id) z.globalRegistry.add(schema, { ...known, id });
}
