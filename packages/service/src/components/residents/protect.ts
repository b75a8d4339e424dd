import type { Types } from 'mongoose';
import type { PovertyStatus, Resident, ResidentSummary, Role } from '@anju/shared';
import type { z } from 'zod';
import type { BlindIndex, FieldCipher } from '../../infra/crypto.ts';
import type { ResidentDoc } from './model.ts';
import { maskIdNumber, maskName, maskPhone } from './masking.ts';

const COLLECTION = 'residents';

/** The HMAC columns' purposes: the same text hashes differently per column. */
export const ID_NUMBER_HMAC = 'resident.idNumber';
export const PHONE_HMAC = 'resident.phone';

export interface Protection {
  readonly cipher: FieldCipher;
  readonly blindIndex: BlindIndex;
}

const context = (id: Types.ObjectId, field: string) => ({ collection: COLLECTION, field, id: id.toString() });

/** The encrypted columns of a resident's ID number, phone and poverty status (PII-05). */
export function protectIdNumber(p: Protection, id: Types.ObjectId, idNumber: string) {
  return {
    idNumberEnc: p.cipher.encrypt(idNumber, context(id, 'idNumber')),
    idNumberHmac: p.blindIndex.digest(ID_NUMBER_HMAC, idNumber),
  };
}

export function protectPhone(p: Protection, id: Types.ObjectId, phone: string) {
  return {
    phoneEnc: p.cipher.encrypt(phone, context(id, 'phone')),
    phoneHmac: p.blindIndex.digest(PHONE_HMAC, phone),
  };
}

export function protectPriority(p: Protection, id: Types.ObjectId, priority: z.output<typeof PovertyStatus>) {
  return { priorityEnc: p.cipher.encrypt(JSON.stringify(priority), context(id, 'priority')) };
}

export function revealIdNumber(p: Protection, doc: Pick<ResidentDoc, '_id' | 'idNumberEnc'>): string {
  return p.cipher.decrypt(doc.idNumberEnc, context(doc._id, 'idNumber'));
}

export function revealPhone(p: Protection, doc: Pick<ResidentDoc, '_id' | 'phoneEnc'>): string | null {
  return doc.phoneEnc === undefined ? null : p.cipher.decrypt(doc.phoneEnc, context(doc._id, 'phone'));
}

export function revealPriority(
  p: Protection,
  doc: Pick<ResidentDoc, '_id' | 'priorityEnc'>,
): z.output<typeof PovertyStatus> | undefined {
  if (doc.priorityEnc === undefined) return undefined;
  return JSON.parse(p.cipher.decrypt(doc.priorityEnc, context(doc._id, 'priority'))) as z.output<
    typeof PovertyStatus
  >;
}

/** SEC-06: a resident as `role` may see them; ciphertexts and HMACs never leave. */
export function residentView(p: Protection, doc: ResidentDoc, role: Role): Resident {
  const phone = revealPhone(p, doc);
  const priority = role === 'staff' || role === 'admin' ? revealPriority(p, doc) : undefined;
  return {
    id: doc._id.toString(),
    householdId: doc.householdId.toString(),
    townshipCode: doc.townshipCode,
    name: maskName(doc.name),
    idNumber: maskIdNumber(revealIdNumber(p, doc), role),
    phone: phone === null ? null : maskPhone(phone),
    skills: doc.skills,
    certificates: doc.certificates,
    licences: doc.licences,
    mobility: doc.mobility as Resident['mobility'],
    ...(doc.expectedMonthlyWage === undefined ? {} : { expectedMonthlyWage: doc.expectedMonthlyWage }),
    ...(doc.monthlyIncomeBefore === undefined ? {} : { monthlyIncomeBefore: doc.monthlyIncomeBefore }),
    ...(doc.constraints === undefined ? {} : { constraints: doc.constraints }),
    consent: doc.consent,
    ...(priority === undefined ? {} : { priority }),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

export function residentSummary(
  p: Protection,
  doc: Pick<ResidentDoc, '_id' | 'name' | 'idNumberEnc' | 'phoneEnc'>,
  role: Role,
): ResidentSummary {
  const phone = revealPhone(p, doc);
  return {
    id: doc._id.toString(),
    name: maskName(doc.name),
    idNumber: maskIdNumber(revealIdNumber(p, doc), role),
    phone: phone === null ? null : maskPhone(phone),
  };
}

export const SUMMARY_PROJECTION = { _id: 1, name: 1, idNumberEnc: 1, phoneEnc: 1 } as const;
