import { Schema, type Types } from 'mongoose';
import { SCHEMA_OPTIONS } from '../../infra/db.ts';
import { CLAIMED_PATH, type SeatEntryDoc, type SeatHolderDoc } from '../capacity/seat-ledger.ts';

export interface FairDoc {
  _id: Types.ObjectId;
  title: string;
  countyCode: string;
  venue: string;
  heldOn: string;
  status: 'open' | 'closed';
  createdAt: Date;
  updatedAt: Date;
}

export const FairSchema = new Schema<FairDoc>(
  {
    title: { type: String, required: true },
    countyCode: { type: String, required: true },
    venue: { type: String, required: true },
    heldOn: { type: String, required: true },
    status: { type: String, required: true },
  },
  { ...SCHEMA_OPTIONS, collection: 'fairs' },
);

export interface BoothDoc extends SeatHolderDoc {
  fairId: Types.ObjectId;
  employerId: Types.ObjectId;
  name: string;
  openingIds: Types.ObjectId[];
  createdAt: Date;
  updatedAt: Date;
}

export const BoothSchema = new Schema<BoothDoc>(
  {
    fairId: { type: Schema.Types.ObjectId, required: true, index: true },
    employerId: { type: Schema.Types.ObjectId, required: true, index: true },
    name: { type: String, required: true },
    seats: { type: Number, required: true },
    taken: { type: Number, required: true, default: 0 },
    claimed: CLAIMED_PATH,
    openingIds: [Schema.Types.ObjectId],
  },
  { ...SCHEMA_OPTIONS, collection: 'booths' },
);

/** How far a registration got at the fair; absent until check-in. */
export type FairStep = 'checked-in' | 'interviewed' | 'intent' | 'hired';

/**
 * A resident's registration at one booth of a fair. `employerId`, `townshipCode` and the resident's
 * consent are copied here so the scope filter needs no join.
 */
export interface RegistrationDoc extends SeatEntryDoc {
  fairId: Types.ObjectId;
  employerId: Types.ObjectId;
  shareWithEmployers: boolean;
  createdBy: string;
  /** At the fair, each a staff action in this order: check-in, interview, intent (达成意向), hire. */
  step?: FairStep;
  checkedInAt?: Date;
  interview?: {
    outcome: 'passed' | 'failed' | 'no-show';
    openingId?: Types.ObjectId;
    note?: string;
    at: Date;
    by: string;
  };
  intent?: { openingId: Types.ObjectId; note?: string; at: Date; by: string };
  hire?: { placementId: Types.ObjectId; openingId: Types.ObjectId; at: Date; by: string };
}

export const RegistrationSchema = new Schema<RegistrationDoc>(
  {
    holderId: { type: Schema.Types.ObjectId, required: true },
    fairId: { type: Schema.Types.ObjectId, required: true, index: true },
    employerId: { type: Schema.Types.ObjectId, required: true, index: true },
    residentId: { type: Schema.Types.ObjectId, required: true, index: true },
    townshipCode: { type: String, required: true, index: true },
    shareWithEmployers: { type: Boolean, required: true },
    status: { type: String, required: true },
    activeKey: { type: String, required: true, unique: true },
    promotedAt: Date,
    cancelledAt: Date,
    createdBy: { type: String, required: true },
    step: String,
    checkedInAt: Date,
    interview: {
      type: new Schema(
        {
          outcome: { type: String, required: true },
          openingId: Schema.Types.ObjectId,
          note: String,
          at: { type: Date, required: true },
          by: { type: String, required: true },
        },
        { _id: false, strict: 'throw' },
      ),
      required: false,
    },
    intent: {
      type: new Schema(
        {
          openingId: { type: Schema.Types.ObjectId, required: true },
          note: String,
          at: { type: Date, required: true },
          by: { type: String, required: true },
        },
        { _id: false, strict: 'throw' },
      ),
      required: false,
    },
    hire: {
      type: new Schema(
        {
          placementId: { type: Schema.Types.ObjectId, required: true },
          openingId: { type: Schema.Types.ObjectId, required: true },
          at: { type: Date, required: true },
          by: { type: String, required: true },
        },
        { _id: false, strict: 'throw' },
      ),
      required: false,
    },
  },
  { ...SCHEMA_OPTIONS, collection: 'registrations' },
);
RegistrationSchema.index({ holderId: 1, status: 1, _id: 1 });
