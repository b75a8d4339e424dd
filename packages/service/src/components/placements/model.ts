import { Schema, type Types } from 'mongoose';
import type { PlacementReach } from '@anju/shared';
import { SCHEMA_OPTIONS } from '../../infra/db.ts';

export interface PlacementDoc {
  _id: Types.ObjectId;
  residentId: Types.ObjectId;
  townshipCode: string;
  employerId: Types.ObjectId;
  openingId?: Types.ObjectId;
  countyCode: string;
  crossProvince: boolean;
  /** local / in-province / cross-province, from the resident's home county (older rows may lack it). */
  reach?: PlacementReach;
  startedOn: string;
  endedOn?: string;
  monthlyWage: number;
  source: string;
  createdAt: Date;
  updatedAt: Date;
}

export const PlacementSchema = new Schema<PlacementDoc>(
  {
    residentId: { type: Schema.Types.ObjectId, required: true, index: true },
    townshipCode: { type: String, required: true, index: true },
    employerId: { type: Schema.Types.ObjectId, required: true, index: true },
    openingId: Schema.Types.ObjectId,
    countyCode: { type: String, required: true },
    crossProvince: { type: Boolean, required: true },
    reach: String,
    startedOn: { type: String, required: true },
    endedOn: String,
    monthlyWage: { type: Number, required: true },
    source: { type: String, required: true },
  },
  { ...SCHEMA_OPTIONS, collection: 'placements' },
);
