import { Schema, type Types } from 'mongoose';
import { SCHEMA_OPTIONS } from '../../infra/db.ts';

export interface FollowUpDoc {
  _id: Types.ObjectId;
  placementId: Types.ObjectId;
  residentId: Types.ObjectId;
  townshipCode: string;
  month: string;
  /** `placementId:month`: one follow-up per placement per month, by unique index. */
  monthKey: string;
  employed: boolean;
  monthlyIncome: number;
  note?: string;
  recordedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const FollowUpSchema = new Schema<FollowUpDoc>(
  {
    placementId: { type: Schema.Types.ObjectId, required: true, index: true },
    residentId: { type: Schema.Types.ObjectId, required: true },
    townshipCode: { type: String, required: true, index: true },
    month: { type: String, required: true },
    monthKey: { type: String, required: true, unique: true },
    employed: { type: Boolean, required: true },
    monthlyIncome: { type: Number, required: true },
    note: String,
    recordedBy: { type: String, required: true },
  },
  { ...SCHEMA_OPTIONS, collection: 'followups' },
);
