import { Schema, type Types } from 'mongoose';
import type { Role } from '@anju/shared';
import { SCHEMA_OPTIONS } from '../db.ts';

export type JobState = 'queued' | 'active' | 'completed' | 'failed';

/** Who asked for a job, with the scope they held: the worker acts with exactly this scope (SEC-03). */
export interface JobRequester {
  sub: string;
  role: Role;
  townships: string[];
  providerId?: string;
  employerId?: string;
}

/** A job's options: ids, enums, numbers; never a name, ID number or phone (PII-04). */
export type JobParams = Record<string, string | number | boolean>;

/** What a finished job reports: counts and ids, nothing personal. */
export type JobSummary = Record<string, string | number | boolean>;

/**
 * The durable record of a background job, written BEFORE its bull job is enqueued (the bull job id is
 * this record's id): Redis may lose a queued job, this record is what the reconciler re-enqueues from.
 * State and progress are read from here, so they survive a Redis restart.
 */
export interface JobRecordDoc {
  _id: Types.ObjectId;
  kind: string;
  state: JobState;
  /** 0..100 */
  progress: number;
  /** What the job is doing, for people (e.g. "ranking 14,653 residents"). */
  stage: string;
  requester: JobRequester;
  /** The record the job is about (a fair, a resident), for "the latest job of this fair". */
  subjectId: Types.ObjectId;
  /** Townships whose residents the job reads; staff see a job only when all of them are theirs. */
  townshipCodes: string[];
  /** The job reads every township (its requester was an admin): only admins and auditors see it. */
  allTownships: boolean;
  params: JobParams;
  /** Times a worker started it. */
  attempts: number;
  result?: JobSummary;
  /** An AppError code when the job failed. */
  errorCode?: string;
  startedAt?: Date;
  finishedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export const JobRecordSchema = new Schema<JobRecordDoc>(
  {
    kind: { type: String, required: true },
    state: { type: String, required: true },
    progress: { type: Number, required: true, default: 0 },
    stage: { type: String, required: true, default: 'queued' },
    requester: {
      type: new Schema(
        {
          sub: { type: String, required: true },
          role: { type: String, required: true },
          townships: [String],
          providerId: String,
          employerId: String,
        },
        { _id: false, strict: 'throw' },
      ),
      required: true,
    },
    subjectId: { type: Schema.Types.ObjectId, required: true },
    townshipCodes: [String],
    allTownships: { type: Boolean, required: true },
    params: { type: Schema.Types.Mixed, required: true },
    attempts: { type: Number, required: true, default: 0 },
    result: Schema.Types.Mixed,
    errorCode: String,
    startedAt: Date,
    finishedAt: Date,
  },
  { ...SCHEMA_OPTIONS, collection: 'jobs' },
);
// The reconciler's scan, and "the latest completed job of this kind for this fair".
JobRecordSchema.index({ state: 1, updatedAt: 1 });
JobRecordSchema.index({ kind: 1, subjectId: 1, state: 1, finishedAt: -1 });
