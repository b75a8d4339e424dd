import type { Connection, Model, Schema } from 'mongoose';
import { AuditLog, type AuditRecordDoc } from './components/audit/audit-log.ts';
import { Scoped, type Resource } from './components/auth/scope.ts';
import { TokenVerifier, type Principal } from './components/auth/tokens.ts';
import { SeatLedger } from './components/capacity/seat-ledger.ts';
import {
  AttendanceSchema,
  CohortSchema,
  EnrollmentSchema,
  SessionSchema,
  type AttendanceDoc,
  type CohortDoc,
  type EnrollmentDoc,
  type SessionDoc,
} from './components/cohorts/model.ts';
import {
  EmployerSchema,
  OpeningSchema,
  type EmployerDoc,
  type OpeningDoc,
} from './components/employers/model.ts';
import {
  BoothSchema,
  FairSchema,
  RegistrationSchema,
  type BoothDoc,
  type FairDoc,
  type RegistrationDoc,
} from './components/fairs/model.ts';
import {
  AlertSchema,
  FollowUpSchema,
  TickSchema,
  type AlertDoc,
  type FollowUpDoc,
  type TickDoc,
} from './components/followups/model.ts';
import { GridSchema, type GridDoc } from './components/grids/model.ts';
import { RecommendationSchema, type RecommendationDoc } from './components/matching/model.ts';
import { RematchRequestSchema, type RematchRequestDoc } from './components/matching/rematch.ts';
import { RecommendationStore } from './components/matching/store.ts';
import { PlacementSchema, type PlacementDoc } from './components/placements/model.ts';
import {
  HouseholdSchema,
  ResidentSchema,
  type HouseholdDoc,
  type ResidentDoc,
} from './components/residents/model.ts';
import type { ServiceConfig } from './infra/config.ts';
import { BlindIndex, FieldCipher } from './infra/crypto.ts';
import { IdempotencyStore } from './infra/http/idempotency.ts';
import { JobQueue } from './infra/jobs/queue.ts';
import { ImportStore } from './components/imports/store.ts';
import type { Logger } from './infra/logger.ts';

function register<T>(db: Connection, name: string, schema: Schema<T>): Model<T> {
  return (db.models[name] as Model<T> | undefined) ?? db.model<T>(name, schema);
}

/** Every model of the service, registered on one connection. */
export function createModels(db: Connection) {
  return {
    households: register<HouseholdDoc>(db, 'Household', HouseholdSchema),
    residents: register<ResidentDoc>(db, 'Resident', ResidentSchema),
    employers: register<EmployerDoc>(db, 'Employer', EmployerSchema),
    openings: register<OpeningDoc>(db, 'Opening', OpeningSchema),
    cohorts: register<CohortDoc>(db, 'Cohort', CohortSchema),
    enrollments: register<EnrollmentDoc>(db, 'Enrollment', EnrollmentSchema),
    sessions: register<SessionDoc>(db, 'CohortSession', SessionSchema),
    attendance: register<AttendanceDoc>(db, 'Attendance', AttendanceSchema),
    fairs: register<FairDoc>(db, 'Fair', FairSchema),
    booths: register<BoothDoc>(db, 'Booth', BoothSchema),
    registrations: register<RegistrationDoc>(db, 'Registration', RegistrationSchema),
    placements: register<PlacementDoc>(db, 'Placement', PlacementSchema),
    followups: register<FollowUpDoc>(db, 'FollowUp', FollowUpSchema),
    alerts: register<AlertDoc>(db, 'Alert', AlertSchema),
    grids: register<GridDoc>(db, 'Grid', GridSchema),
    ticks: register<TickDoc>(db, 'SchedulerTick', TickSchema),
    rematchRequests: register<RematchRequestDoc>(db, 'RematchRequest', RematchRequestSchema),
    recommendations: register<RecommendationDoc>(db, 'Recommendation', RecommendationSchema),
  };
}
export type Models = ReturnType<typeof createModels>;

/** The document type of each scoped resource. */
export interface ResourceDocs {
  households: HouseholdDoc;
  residents: ResidentDoc;
  employers: EmployerDoc;
  openings: OpeningDoc;
  cohorts: CohortDoc;
  enrollments: EnrollmentDoc;
  sessions: SessionDoc;
  attendance: AttendanceDoc;
  fairs: FairDoc;
  booths: BoothDoc;
  registrations: RegistrationDoc;
  placements: PlacementDoc;
  followups: FollowUpDoc;
  alerts: AlertDoc;
  grids: GridDoc;
  recommendations: RecommendationDoc;
  audit: AuditRecordDoc;
}

/** Long-lived parts the routes use; built once per app from config and the connection. */
export interface Services {
  readonly config: ServiceConfig;
  readonly logger: Logger;
  readonly db: Connection;
  /**
   * Raw models, for steps below the scope only: seat ledgers, masked summaries of rows the caller already
   * holds through its scope, and keeping copied consent in step. Route code reads through `scoped()`.
   */
  readonly models: Models;
  readonly cipher: FieldCipher;
  readonly blindIndex: BlindIndex;
  readonly tokens: TokenVerifier;
  readonly audit: AuditLog;
  readonly idempotency: IdempotencyStore;
  readonly cohortSeats: SeatLedger<CohortDoc, EnrollmentDoc>;
  readonly boothSeats: SeatLedger<BoothDoc, RegistrationDoc>;
  /** Background jobs: records in MongoDB, bull on Redis (opened on first use); workers run in main.ts. */
  readonly jobs: JobQueue;
  /** Where matching jobs write recommendations (reads go through `scoped('recommendations', …)`). */
  readonly recommendations: RecommendationStore;
  /** Sheets waiting for a background import (encrypted) and the reports imports leave. */
  readonly imports: ImportStore;
  /** A collection seen through a principal's scope: the only way routes reach scoped data. */
  scoped<R extends Resource>(resource: R, principal: Principal): Scoped<ResourceDocs[R]>;
}

export function createServices(config: ServiceConfig, db: Connection, logger: Logger): Services {
  const models = createModels(db);
  const audit = new AuditLog(db);
  const cipher = new FieldCipher(config.FIELD_KEYS, config.FIELD_KEY_VERSION);
  const modelOf = (resource: Resource): Model<unknown> =>
    (resource === 'audit' ? audit.model : models[resource]) as unknown as Model<unknown>;
  return {
    config,
    logger,
    db,
    models,
    cipher,
    blindIndex: new BlindIndex(config.HMAC_KEY),
    tokens: new TokenVerifier(config),
    audit,
    idempotency: new IdempotencyStore(db),
    cohortSeats: new SeatLedger(models.cohorts, models.enrollments),
    boothSeats: new SeatLedger(models.booths, models.registrations),
    jobs: new JobQueue(config, db, logger),
    recommendations: new RecommendationStore(models.recommendations),
    imports: new ImportStore(db, cipher),
    scoped,
  };
  function scoped<R extends Resource>(resource: R, principal: Principal): Scoped<ResourceDocs[R]> {
    return new Scoped(modelOf(resource) as Model<ResourceDocs[R]>, resource, principal);
  }
}

/** Builds every index (unique ones included) before traffic: capacity and uniqueness depend on them. */
export async function prepareDatabase(services: Services): Promise<void> {
  await Promise.all([
    ...Object.values(services.models).map((model: { init(): Promise<unknown> }) => model.init()),
    services.audit.init(),
    services.idempotency.init(),
    services.jobs.init(),
    services.imports.init(),
  ]);
}
