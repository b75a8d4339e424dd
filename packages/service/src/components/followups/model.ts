import { Schema, type Types } from 'mongoose';
import type { AlertKind, JobStatus } from '@anju/shared';
import { SCHEMA_OPTIONS } from '../../infra/db.ts';

export interface FollowUpDoc {
  _id: Types.ObjectId;
  placementId: Types.ObjectId;
  residentId: Types.ObjectId;
  householdId?: Types.ObjectId;
  townshipCode: string;
  month: string;
  /** `placementId:month`: one follow-up per placement per month, by unique index. */
  monthKey: string;
  status: 'pending' | 'recorded';
  gridId?: Types.ObjectId;
  grid?: string;
  /** The grid worker who visits (their token's `sub`). */
  assignedTo?: string;
  dueOn?: string;
  /** The tick that created it, e.g. `monthly-follow-ups:2026-03`. */
  tickId?: string;
  jobStatus?: JobStatus;
  employed?: boolean;
  monthlyIncome?: number;
  note?: string;
  recordedBy?: string;
  recordedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export const FollowUpSchema = new Schema<FollowUpDoc>(
  {
    placementId: { type: Schema.Types.ObjectId, required: true, index: true },
    residentId: { type: Schema.Types.ObjectId, required: true, index: true },
    householdId: { type: Schema.Types.ObjectId, index: true },
    townshipCode: { type: String, required: true, index: true },
    month: { type: String, required: true },
    monthKey: { type: String, required: true, unique: true },
    status: { type: String, required: true, default: 'recorded' },
    gridId: { type: Schema.Types.ObjectId, index: true },
    grid: String,
    assignedTo: { type: String, index: true },
    dueOn: String,
    tickId: String,
    jobStatus: String,
    employed: Boolean,
    monthlyIncome: Number,
    note: String,
    recordedBy: String,
    recordedAt: Date,
  },
  { ...SCHEMA_OPTIONS, collection: 'followups' },
);
FollowUpSchema.index({ status: 1, dueOn: 1 });

/** A household at risk, raised by a recorded follow-up; `alertKey` makes raising it idempotent. */
export interface AlertDoc {
  _id: Types.ObjectId;
  /** `job-lost:<followUp>` or `income-below-line:<household>:<month>`. */
  alertKey: string;
  kind: AlertKind;
  status: 'open' | 'acknowledged';
  townshipCode: string;
  householdId: Types.ObjectId;
  residentId: Types.ObjectId;
  followUpId: Types.ObjectId;
  month: string;
  gridId?: Types.ObjectId;
  assignedTo?: string;
  householdIncome?: number;
  householdSize?: number;
  perCapitaIncome?: number;
  line?: number;
  acknowledgedBy?: string;
  acknowledgedAt?: Date;
  note?: string;
  createdAt: Date;
  updatedAt: Date;
}

export const AlertSchema = new Schema<AlertDoc>(
  {
    alertKey: { type: String, required: true, unique: true },
    kind: { type: String, required: true },
    status: { type: String, required: true },
    townshipCode: { type: String, required: true, index: true },
    householdId: { type: Schema.Types.ObjectId, required: true, index: true },
    residentId: { type: Schema.Types.ObjectId, required: true },
    followUpId: { type: Schema.Types.ObjectId, required: true },
    month: { type: String, required: true },
    gridId: Schema.Types.ObjectId,
    assignedTo: String,
    householdIncome: Number,
    householdSize: Number,
    perCapitaIncome: Number,
    line: Number,
    acknowledgedBy: String,
    acknowledgedAt: Date,
    note: String,
  },
  { ...SCHEMA_OPTIONS, collection: 'alerts' },
);

/**
 * One scheduled job's run for one period, under a deterministic id (`monthly-follow-ups:2026-03`): the
 * first instance to insert it runs the tick, every other instance finds it and stands aside. A
 * crashed run's lease expires, and the next attempt takes it over.
 */
export interface TickDoc {
  _id: string;
  job: string;
  period: string;
  state: 'running' | 'done';
  owner: string;
  leaseUntil: Date;
  startedAt: Date;
  finishedAt?: Date;
  placements?: number;
  created?: number;
  createdAt: Date;
  updatedAt: Date;
}

export const TickSchema = new Schema<TickDoc>(
  {
    _id: { type: String, required: true },
    job: { type: String, required: true },
    period: { type: String, required: true },
    state: { type: String, required: true },
    owner: { type: String, required: true },
    leaseUntil: { type: Date, required: true },
    startedAt: { type: Date, required: true },
    finishedAt: Date,
    placements: Number,
    created: Number,
  },
  { ...SCHEMA_OPTIONS, collection: 'scheduler_ticks' },
);
