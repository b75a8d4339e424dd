import { Schema, type Types } from 'mongoose';
import { SCHEMA_OPTIONS } from '../../infra/db.ts';

export interface HouseholdDoc {
  _id: Types.ObjectId;
  townshipCode: string;
  community: string;
  grid?: string;
  address?: string;
  /** People in the household, dependants included; when absent, its registered residents count. */
  size?: number;
  /** Set by imports: `no:<户编号>` or `head:<HMAC of the householder's ID number>`; unique county-wide. */
  importKey?: string;
  importHashes?: ImportHashes;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Per field, the HMAC of the value the last import wrote: a field whose current value no longer hashes to
 * it was edited by staff since, and the next import leaves it alone.
 */
export type ImportHashes = Record<string, string>;

export const HouseholdSchema = new Schema<HouseholdDoc>(
  {
    townshipCode: { type: String, required: true, index: true },
    community: { type: String, required: true },
    grid: String,
    address: String,
    size: Number,
    importKey: { type: String, unique: true, sparse: true },
    importHashes: { type: Schema.Types.Mixed },
  },
  { ...SCHEMA_OPTIONS, collection: 'households' },
);

export interface SkillRecord {
  name: string;
  /** 职业技能等级, national numbering: 1 = 一级/高级技师 … 5 = 五级/初级工. */
  nationalLevel?: number;
  years?: number;
  /** Taxonomy concept id, when known. */
  code?: string;
}

export interface CertificateRecord {
  name: string;
  /** The level the certificate attests, national numbering (1 = 一级 … 5 = 五级). */
  nationalLevel?: number;
  issuedOn?: string;
  number?: string;
}

/** A licence as the card states it: 有效期至 and the 复审 due date, when known. */
export interface LicenceRecord {
  name: string;
  validUntil?: string;
  reviewDueBy?: string;
}

/**
 * A resident at rest: ID number, phone and poverty status only as AES-GCM ciphertext (`…Enc`), with
 * HMAC columns (`…Hmac`) for equality lookups and uniqueness.
 */
export interface ResidentDoc {
  _id: Types.ObjectId;
  householdId: Types.ObjectId;
  townshipCode: string;
  name: string;
  idNumberEnc: string;
  idNumberHmac: string;
  phoneEnc?: string | undefined;
  phoneHmac?: string | undefined;
  priorityEnc?: string | undefined;
  skills: SkillRecord[];
  certificates: CertificateRecord[];
  licences: LicenceRecord[];
  mobility: string;
  expectedMonthlyWage?: number;
  monthlyIncomeBefore?: number;
  constraints?: { noNightShift?: boolean; returnHomeDaily?: boolean; maxHoursPerWeek?: number };
  consent: { shareWithEmployers: boolean; recordedOn?: string };
  importHashes?: ImportHashes;
  createdAt: Date;
  updatedAt: Date;
}

export const ResidentSchema = new Schema<ResidentDoc>(
  {
    householdId: { type: Schema.Types.ObjectId, required: true, index: true },
    townshipCode: { type: String, required: true },
    name: { type: String, required: true },
    idNumberEnc: { type: String, required: true },
    idNumberHmac: { type: String, required: true, unique: true },
    phoneEnc: String,
    phoneHmac: { type: String, index: true },
    priorityEnc: String,
    skills: [
      {
        _id: false,
        name: { type: String, required: true },
        nationalLevel: Number,
        years: Number,
        code: String,
      },
    ],
    certificates: [
      {
        _id: false,
        name: { type: String, required: true },
        nationalLevel: Number,
        issuedOn: String,
        number: String,
      },
    ],
    licences: [
      { _id: false, name: { type: String, required: true }, validUntil: String, reviewDueBy: String },
    ],
    mobility: { type: String, required: true },
    expectedMonthlyWage: Number,
    monthlyIncomeBefore: Number,
    constraints: {
      type: new Schema(
        { noNightShift: Boolean, returnHomeDaily: Boolean, maxHoursPerWeek: Number },
        { _id: false, strict: 'throw' },
      ),
      required: false,
    },
    consent: {
      type: new Schema(
        { shareWithEmployers: { type: Boolean, required: true }, recordedOn: String },
        { _id: false, strict: 'throw' },
      ),
      required: true,
    },
    importHashes: { type: Schema.Types.Mixed },
  },
  { ...SCHEMA_OPTIONS, collection: 'residents' },
);
ResidentSchema.index({ townshipCode: 1, _id: 1 });
ResidentSchema.index({ 'skills.name': 1 });
