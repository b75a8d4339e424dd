export { CountyCode, provinceOf } from './region.ts';
export {
  MatchOpening,
  MatchResident,
  Mobility,
  OpeningKind,
  OpeningSkill,
  ResidentSkill,
  SkillLevel,
} from './matching.ts';
export {
  ConceptId,
  LicenceKind,
  OccupationCode,
  OccupationFamily,
  TaxonomyData,
  TaxonomyLicence,
  TaxonomyOccupation,
  TaxonomySubstitute,
  type TaxonomyDataInput,
} from './taxonomy.ts';
export {
  CalendarDate,
  LocalizedMessage,
  MAX_PAGE_SIZE,
  Page,
  PageQuery,
  PartyId,
  Problem,
  RecordId,
  Text,
  TownshipCode,
} from './api/common.ts';
export {
  IdNumber,
  MobilePhone,
  checkIdNumber,
  checkMobile,
  idCheckCharacter,
  type IdentityCheck,
} from './api/identity.ts';
export { Role, TokenClaims } from './api/auth.ts';
export {
  Certificate,
  Consent,
  Household,
  HouseholdCreate,
  HouseholdListQuery,
  HouseholdUpdate,
  Licence,
  PovertyStatus,
  Resident,
  ResidentConstraints,
  ResidentCreate,
  ResidentExportRequest,
  MAX_EXPORT_ROWS,
  ResidentListQuery,
  ResidentLookup,
  ResidentSkillRecord,
  ResidentSummary,
  ResidentUpdate,
  RevealRequest,
  RevealedResident,
} from './api/residents.ts';
export {
  Employer,
  EmployerCreate,
  EmployerListQuery,
  EmployerUpdate,
  Opening,
  OpeningCreate,
  OpeningListQuery,
  OpeningUpdate,
} from './api/employers.ts';
export {
  Cohort,
  CohortCreate,
  CohortListQuery,
  CohortUpdate,
  Enrollment,
  EnrollmentCreate,
  EnrollmentListQuery,
  SeatStatus,
} from './api/cohorts.ts';
export {
  Booth,
  BoothCreate,
  Fair,
  FairCreate,
  FairListQuery,
  FairUpdate,
  Registration,
  RegistrationCreate,
  RegistrationListQuery,
} from './api/fairs.ts';
export {
  FollowUp,
  FollowUpCreate,
  FollowUpListQuery,
  Month,
  Placement,
  PlacementCreate,
  PlacementListQuery,
  PlacementUpdate,
} from './api/placements.ts';
export { AuditAction, AuditListQuery, AuditRecord, AuditVerification } from './api/audit.ts';
export {
  ImportIssue,
  ImportKind,
  ImportMode,
  ImportQuery,
  ImportReport,
  ImportRow,
  ImportRowAction,
  ImportRowStatus,
  ImportTotals,
  ReplyFormat,
} from './api/imports.ts';
export {
  FollowUpSheetLine,
  FollowUpSheetRequest,
  FollowUpSheets,
  KpiQuery,
  KpiReport,
} from './api/reports.ts';
