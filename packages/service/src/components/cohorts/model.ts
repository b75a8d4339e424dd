import { Schema, type Types } from 'mongoose';
import { SCHEMA_OPTIONS } from '../../infra/db.ts';
import { CLAIMED_PATH, type SeatEntryDoc, type SeatHolderDoc } from '../capacity/seat-ledger.ts';

export interface CohortDoc extends SeatHolderDoc {
  providerId: string;
  title: string;
  trade: string;
  level?: number;
  certificate?: string;
  hours: number;
  startsOn: string;
  endsOn: string;
  status: 'open' | 'closed';
  createdAt: Date;
  updatedAt: Date;
}

export const CohortSchema = new Schema<CohortDoc>(
  {
    providerId: { type: String, required: true, index: true },
    title: { type: String, required: true },
    trade: { type: String, required: true },
    level: Number,
    certificate: String,
    seats: { type: Number, required: true },
    taken: { type: Number, required: true, default: 0 },
    claimed: CLAIMED_PATH,
    hours: { type: Number, required: true },
    startsOn: { type: String, required: true },
    endsOn: { type: String, required: true },
    status: { type: String, required: true },
  },
  { ...SCHEMA_OPTIONS, collection: 'cohorts' },
);

/** One resident's claim on a cohort seat; `providerId` and `townshipCode` are copied for scoping. */
export interface EnrollmentDoc extends SeatEntryDoc {
  cohortId: Types.ObjectId;
  providerId: string;
  createdBy: string;
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
  },
  { ...SCHEMA_OPTIONS, collection: 'enrollments' },
);
EnrollmentSchema.index({ holderId: 1, status: 1, _id: 1 });
