import { Schema, type Types } from 'mongoose';
import { SCHEMA_OPTIONS } from '../../infra/db.ts';

/** One factor of a score, as the core explains it. */
export interface StoredFactor {
  factor: string;
  points: number;
  max: number;
  detail: string;
}

/** A licence the opening legally needs, as the core checked it on the job's day. */
export interface StoredLicenceCheck {
  id: string;
  title: string;
  held: boolean;
  detail: string;
}

/** Why a match scored what it did: the core's explanation, kept as it was when the job ran. */
export interface StoredExplanation {
  factors: StoredFactor[];
  blocking: { code: string; detail: string }[];
  /** `minNationalLevel`: the level asked, national numbering (4 = 四级/中级工). */
  missing: { kind: string; id: string; name: string; minNationalLevel?: number; required: boolean }[];
  /** Absent on rows written before licence checks were kept. */
  licences?: StoredLicenceCheck[];
  unknowns: { code: string; detail: string }[];
  counterfactuals: { detail: string; add: string[]; score: number; eligible: boolean }[];
}

/**
 * A recommendation: resident × opening with its score and explanation, produced by one job. The key
 * (job, resident, opening) is unique, so a job that is retried after a crash rewrites the same rows
 * instead of adding new ones. `townshipCode`, `employerId` and the resident's consent are copied
 * so the scope filter needs no join.
 */
export interface RecommendationDoc {
  _id: Types.ObjectId;
  jobId: Types.ObjectId;
  /** The job attempt that wrote the row; rows of an earlier, interrupted attempt are removed at the end. */
  run: number;
  /** `fair-matching` or `rematch`. */
  source: string;
  fairId?: Types.ObjectId;
  boothId?: Types.ObjectId;
  residentId: Types.ObjectId;
  householdId: Types.ObjectId;
  townshipCode: string;
  openingId: Types.ObjectId;
  employerId: Types.ObjectId;
  shareWithEmployers: boolean;
  score: number;
  /** The allocation placed this resident here (households-first or total-score). */
  proposed: boolean;
  /** 1 = the opening's best candidate in this job (absent when only the allocation brought the pair). */
  rankForOpening?: number;
  /** 1 = the resident's best opening in this job. */
  rankForResident?: number;
  explanation: StoredExplanation;
  createdAt: Date;
  updatedAt: Date;
}

const FactorSchema = new Schema(
  { factor: String, points: Number, max: Number, detail: String },
  { _id: false, strict: 'throw' },
);

export const RecommendationSchema = new Schema<RecommendationDoc>(
  {
    jobId: { type: Schema.Types.ObjectId, required: true },
    run: { type: Number, required: true },
    source: { type: String, required: true },
    fairId: Schema.Types.ObjectId,
    boothId: Schema.Types.ObjectId,
    residentId: { type: Schema.Types.ObjectId, required: true, index: true },
    householdId: { type: Schema.Types.ObjectId, required: true },
    townshipCode: { type: String, required: true },
    openingId: { type: Schema.Types.ObjectId, required: true },
    employerId: { type: Schema.Types.ObjectId, required: true },
    shareWithEmployers: { type: Boolean, required: true },
    score: { type: Number, required: true },
    proposed: { type: Boolean, required: true },
    rankForOpening: Number,
    rankForResident: Number,
    explanation: {
      type: new Schema(
        {
          factors: [FactorSchema],
          blocking: [{ _id: false, code: String, detail: String }],
          missing: [
            {
              _id: false,
              kind: String,
              id: String,
              name: String,
              minNationalLevel: Number,
              required: Boolean,
            },
          ],
          licences: [{ _id: false, id: String, title: String, held: Boolean, detail: String }],
          unknowns: [{ _id: false, code: String, detail: String }],
          counterfactuals: [{ _id: false, detail: String, add: [String], score: Number, eligible: Boolean }],
        },
        { _id: false, strict: 'throw' },
      ),
      required: true,
    },
  },
  { ...SCHEMA_OPTIONS, collection: 'recommendations' },
);
// one row per (job, resident, opening), whatever happens to the job.
RecommendationSchema.index({ jobId: 1, residentId: 1, openingId: 1 }, { unique: true });
// A booth's shortlist, best first.
RecommendationSchema.index({ jobId: 1, boothId: 1, openingId: 1, score: -1 });
