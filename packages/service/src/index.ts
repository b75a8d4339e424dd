export { createApp, type AppDeps, type Lifecycle } from './app.ts';
export { startService, type RunningService } from './main.ts';
export { describeConfig, loadConfig, ServiceConfig, TokenConfig } from './infra/config.ts';
export { connectDatabase, openDatabase } from './infra/db.ts';
export { createLogger, type Logger } from './infra/logger.ts';
export { AppError, STATUS_OF, MESSAGE_OF, isAppError, type AppErrorCode } from './infra/errors.ts';
export { BlindIndex, FieldCipher, type FieldContext } from './infra/crypto.ts';
export { maskPiiPatterns, ID_NUMBER_PATTERN, MOBILE_PATTERN } from './infra/pii-patterns.ts';
export { buildOpenApi } from './infra/http/openapi.ts';
export { requestHash, canonicalJson } from './infra/http/idempotency.ts';
export type { Route, HttpMethod } from './infra/http/route.ts';
export { ROUTES } from './routes.ts';
export { createServices, prepareDatabase, type Services, type Models } from './services.ts';
export { mintToken, TokenVerifier, TOKEN_ALGORITHMS, type Principal } from './components/auth/tokens.ts';
export {
  PERMISSIONS,
  ROLE_PERMISSIONS,
  can,
  isPermission,
  type Permission,
} from './components/auth/permissions.ts';
export { scopeFilter, type Resource } from './components/auth/scope.ts';
export { AuditLog, auditHash, type AuditEntry } from './components/audit/audit-log.ts';
export { maskIdNumber, maskName, maskPhone } from './components/residents/masking.ts';
export { devKeyEnv } from './infra/dev-keys.ts';
export {
  TRANSITIONS,
  attendanceShare,
  certificateNumber,
  higherNationalLevel,
  planTransition,
  trainingAward,
  withAward,
  type AttendanceShare,
  type TrainingAward,
} from './components/cohorts/lifecycle.ts';
export { completeCohort } from './components/cohorts/completion.ts';
export { tradeConcept } from './components/cohorts/trade.ts';
export { requestRematch, type RematchReason } from './components/matching/rematch.ts';
export { bureauDate, bureauMonth, BUREAU_TIMEZONE } from './infra/time.ts';
export {
  MONTHLY_FOLLOW_UPS,
  TICK_LEASE_MS,
  createMonthlyFollowUps,
  runMonthlyFollowUpTick,
  type MonthlyFollowUps,
  type TickOutcome,
} from './components/followups/tick.ts';
export { scheduleMonthlyFollowUps, type FollowUpSchedulerOptions } from './components/followups/scheduler.ts';
export { assessFollowUp } from './components/followups/assess.ts';
export {
  dueOn,
  householdIncome,
  latestPerResident,
  type HouseholdIncome,
  type IncomeRecord,
} from './components/followups/monitoring.ts';
export {
  JobQueue,
  QUEUE_NAME,
  bullJobOptions,
  openBullQueue,
  requesterOf,
  principalOf,
  type JobPayload,
  type NewJob,
  type QueueSettings,
} from './infra/jobs/queue.ts';
export {
  JobInterrupted,
  defineJobKind,
  startJobWorkers,
  type FaultHook,
  type JobContext,
  type JobKind,
  type JobWorkers,
  type WorkerOptions,
  type WorkerTick,
} from './infra/jobs/worker.ts';
export type { JobParams, JobRecordDoc, JobRequester, JobState, JobSummary } from './infra/jobs/model.ts';
export { JOB_KINDS, WORKER_TICKS } from './jobs.ts';
export { canSeeJob } from './components/jobs/access.ts';
export { insertHouseholds, insertResidents, type BulkResult } from './components/residents/bulk.ts';
export { rekeyResidents, type RekeyOptions, type RekeyOutcome } from './components/residents/rekey.ts';
export {
  migrateNationalLevels,
  type LevelMigrationOptions,
  type LevelMigrationOutcome,
} from './components/residents/national-levels.ts';
export { importHash } from './components/imports/provenance.ts';
export { SHORTLIST_COLUMNS } from './components/matching/shortlist.ts';
export { toMatchOpening, toMatchResident, type ResidentForMatching } from './components/matching/adapter.ts';
export { explanationView, storedExplanation, whyLines } from './components/matching/engine.ts';
export { FAIR_MATCHING, REMATCH } from './components/matching/reach.ts';
export { runImport, type ImportRun, type PersonalColumn } from './components/imports/run.ts';
export type {
  ImportOptions,
  ImportProgress,
  ImportServices,
  ProgressListener,
} from './components/imports/types.ts';
export { importJob, IMPORT_JOB, type ImportJobParams } from './components/imports/job.ts';
export { ImportStore } from './components/imports/store.ts';
export { kpiReport, type KpiPeriod, type ReportServices } from './components/reports/kpi.ts';
export { followUpSheets, MAX_SHEET_LINES } from './components/followups/sheets.ts';
export {
  readFirstSheet,
  writeWorkbook,
  checkXlsxContainer,
  type SheetCell,
  type SheetSpec,
} from './infra/xlsx.ts';
