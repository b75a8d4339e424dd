import { Schema, type Types } from 'mongoose';
import { SCHEMA_OPTIONS } from '../../infra/db.ts';
import type { ImportHashes } from '../residents/model.ts';

export interface EmployerDoc {
  _id: Types.ObjectId;
  name: string;
  creditCode?: string;
  countyCode: string;
  kind: string;
  contactName?: string;
  /** Set by imports: `credit:<统一社会信用代码>` or `name:<name>`; unique. */
  importKey?: string;
  createdAt: Date;
  updatedAt: Date;
}

export const EmployerSchema = new Schema<EmployerDoc>(
  {
    name: { type: String, required: true },
    creditCode: { type: String, index: true },
    countyCode: { type: String, required: true },
    kind: { type: String, required: true },
    contactName: String,
    importKey: { type: String, unique: true, sparse: true },
  },
  { ...SCHEMA_OPTIONS, collection: 'employers' },
);

export interface OpeningDoc {
  _id: Types.ObjectId;
  employerId: Types.ObjectId;
  kind: string;
  title: string;
  occupation: string;
  /** `minNationalLevel` in the national numbering: 4 = 四级/中级工 or higher. */
  skills: { name: string; minNationalLevel?: number; required: boolean }[];
  licences: string[];
  countyCode: string;
  crossProvince: boolean;
  wage: { min: number; max: number };
  headcount: number;
  hoursPerWeek?: number;
  nightShift?: boolean;
  accommodation?: boolean;
  status: 'open' | 'closed';
  /** Set by imports: the employer's key, the title and the place; unique. */
  importKey?: string;
  importHashes?: ImportHashes;
  createdAt: Date;
  updatedAt: Date;
}

export const OpeningSchema = new Schema<OpeningDoc>(
  {
    employerId: { type: Schema.Types.ObjectId, required: true, index: true },
    kind: { type: String, required: true },
    title: { type: String, required: true },
    occupation: { type: String, required: true },
    skills: [
      { _id: false, name: { type: String, required: true }, minNationalLevel: Number, required: Boolean },
    ],
    licences: [String],
    countyCode: { type: String, required: true },
    crossProvince: { type: Boolean, required: true },
    wage: { min: { type: Number, required: true }, max: { type: Number, required: true } },
    headcount: { type: Number, required: true },
    hoursPerWeek: Number,
    nightShift: Boolean,
    accommodation: Boolean,
    status: { type: String, required: true },
    importKey: { type: String, unique: true, sparse: true },
    importHashes: { type: Schema.Types.Mixed },
  },
  { ...SCHEMA_OPTIONS, collection: 'openings' },
);
