import type { Types } from 'mongoose';
import type { ResidentSummary, Role } from '@anju/shared';
import { op } from '../../infra/db.ts';
import type { Services } from '../../services.ts';
import type { ResidentDoc } from './model.ts';
import { SUMMARY_PROJECTION, residentSummary } from './protect.ts';

/**
 * Masked summaries of the residents behind rows the caller already holds through their scope (an
 * enrolment a provider sees, a registration an employer sees): the parent row is the permission.
 */
export async function summariesOf(
  services: Services,
  residentIds: readonly Types.ObjectId[],
  role: Role,
): Promise<Map<string, ResidentSummary>> {
  if (residentIds.length === 0) return new Map();
  const docs = await services.models.residents
    .find({ _id: op({ $in: [...new Set(residentIds.map(String))] }) }, SUMMARY_PROJECTION)
    .lean<Pick<ResidentDoc, '_id' | 'name' | 'idNumberEnc' | 'phoneEnc'>[]>();
  return new Map(docs.map((doc) => [doc._id.toString(), residentSummary(services, doc, role)]));
}

export const UNKNOWN_RESIDENT = (id: string): ResidentSummary => ({
  id,
  name: '*',
  idNumber: '*',
  phone: null,
});
