import { Schema, type Types } from 'mongoose';
import { SCHEMA_OPTIONS } from '../../infra/db.ts';
import type { CohortStatus } from '@anju/shared';
import { CLAIMED_PATH, type SeatEntryDoc, type SeatHolderDoc } from '../capacity/seat-ledger.ts';

export interface CohortDoc extends SeatHolderDoc {
  providerId: string;
  title: string;
  trade: string;
  /** The level awarded, national numbering: 1 = 一级/高级技师 … 5 = 五级/初级工. */
  nationalLevel?: number;
  certificate?: string;
  hours: number;
  startsOn: string;
  endsOn: string;
  /** The trade as a taxonomy concept, normalised once when the cohort is opened (absent when unknown). */
  tradeCode?: string;
  tradeName?: string;
  status: CohortStatus;
  startedAt?: Date;
  completedAt?: Date;
  cancelledAt?: Date;
  /** How many residents completion certified (set when it has run). */
  certified?: number;
  createdAt: Date;
  updatedAt: Date;
}

export const CohortSchema = new Schema<CohortDoc>(
  {
    providerId: { type: String, required: true, index: true },
    title: { type: String, required: true },
    trade: { type: String, required: true },
    nationalLevel: Number,
    certificate: String,
    seats: { type: Number, required: true },
    taken: { type: Number, required: true, default: 0 },
    claimed: CLAIMED_PATH,
    hours: { type: Number, required: true },
    startsOn: { type: String, required: true },
    endsOn: { type: String, required: true },
    tradeCode: String,
    tradeName: String,
    status: { type: String, required: true },
    startedAt: Date,
    completedAt: Date,
    cancelledAt: Date,
    certified: Number,
  },
  { ...SCHEMA_OPTIONS, collection: 'cohorts' },
);

/** One resident's claim on a cohort seat; `providerId` and `townshipCode` are copied for scoping. */
export interface EnrollmentDoc extends SeatEntryDoc {
  cohortId: Types.ObjectId;
  providerId: string;
  createdBy: string;
  /** Written once, when the cohort completes. */
  completion?: EnrollmentCompletion;
}

export interface EnrollmentCompletion {
  attendedHours: number;
  share: number;
  certified: boolean;
  certificateNumber?: string;
}

export const EnrollmentSchema = new Schema<EnrollmentDoc>(
  {
    holderId: { type: Schema.Types.ObjectId, required: true },
    cohortId: { type: Schema.Types.ObjectId, required: true },
    providerId: { type: String, required: true, index: true },
    residentId: { type: Schema.Types.ObjectId, required: true, index: true },
    townshipCode: { type: String, required: true, index: true },
    status: { type: String, required: true },
    activeKey: { type: String, required: true, unique: true },
    promotedAt: Date,
    cancelledAt: Date,
    createdBy: { type: String, required: true },
    completion: {
      type: new Schema<EnrollmentCompletion>(
        {
          attendedHours: { type: Number, required: true },
          share: { type: Number, required: true },
          certified: { type: Boolean, required: true },
          certificateNumber: String,
        },
        { _id: false, strict: 'throw' },
      ),
      required: false,
    },
  },
  { ...SCHEMA_OPTIONS, collection: 'enrollments' },
);
EnrollmentSchema.index({ holderId: 1, status: 1, _id: 1 });

/** One class session (课次) of a cohort; `providerId` is copied for scoping. */
export interface SessionDoc {
  _id: Types.ObjectId;
  cohortId: Types.ObjectId;
  providerId: string;
  heldOn: string;
  hours: number;
  topic?: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const SessionSchema = new Schema<SessionDoc>(
  {
    cohortId: { type: Schema.Types.ObjectId, required: true, index: true },
    providerId: { type: String, required: true, index: true },
    heldOn: { type: String, required: true },
    hours: { type: Number, required: true },
    topic: String,
    createdBy: { type: String, required: true },
  },
  { ...SCHEMA_OPTIONS, collection: 'cohort_sessions' },
);

/**
 * Whether one enrolled resident attended one session. `attendanceKey` (`session:resident`) is unique, so
 * marking again overwrites the one record; `providerId` and `townshipCode` are copied for scoping.
 */
export interface AttendanceDoc {
  _id: Types.ObjectId;
  cohortId: Types.ObjectId;
  sessionId: Types.ObjectId;
  residentId: Types.ObjectId;
  providerId: string;
  townshipCode: string;
  attendanceKey: string;
  present: boolean;
  hours: number;
  markedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const AttendanceSchema = new Schema<AttendanceDoc>(
  {
    cohortId: { type: Schema.Types.ObjectId, required: true, index: true },
    sessionId: { type: Schema.Types.ObjectId, required: true, index: true },
    residentId: { type: Schema.Types.ObjectId, required: true },
    providerId: { type: String, required: true, index: true },
    townshipCode: { type: String, required: true, index: true },
    attendanceKey: { type: String, required: true, unique: true },
    present: { type: Boolean, required: true },
    hours: { type: Number, required: true },
    markedBy: { type: String, required: true },
  },
  { ...SCHEMA_OPTIONS, collection: 'cohort_attendance' },
);
