// Many households and residents at once (the demo's synthetic county; an import path), through the same
// validation, scope and field encryption as the single-record routes.
import { Types } from 'mongoose';
import { HouseholdCreate, ResidentCreate } from '@anju/shared';
import { op } from '../../infra/db.ts';
import { AppError } from '../../infra/errors.ts';
import type { Services } from '../../services.ts';
import type { Principal } from '../auth/tokens.ts';
import { protectIdNumber, protectPhone, protectPriority } from './protect.ts';

export interface BulkResult {
  readonly inserted: number;
  readonly duplicates: number;
  /** The id given to each row, in order (a duplicate's id was not stored). */
  readonly ids: Types.ObjectId[];
}

/** Validates every row first (VALIDATION_FAILED names the first bad one; nothing is written), then inserts. */
function validated<S extends typeof HouseholdCreate | typeof ResidentCreate>(
  schema: S,
  rows: readonly unknown[],
) {
  return rows.map((row, index) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success)
      throw new AppError('VALIDATION_FAILED', {
        issues: parsed.error.issues.slice(0, 5).map((issue) => ({
          path: [String(index), ...issue.path.map(String)].join('.'),
          message: issue.message,
        })),
      });
    return parsed.data as S extends typeof HouseholdCreate ? HouseholdCreate : ResidentCreate;
  });
}

export async function insertHouseholds(
  services: Services,
  principal: Principal,
  rows: readonly unknown[],
): Promise<BulkResult> {
  const docs = validated(HouseholdCreate, rows).map((row) => ({ _id: new Types.ObjectId(), ...row }));
  const result = await services.scoped('households', principal).insertMany(docs);
  return { ...result, ids: docs.map((doc) => doc._id) };
}

/**
 * Inserts residents of households the principal may see; ID numbers, phones and poverty status are
 * encrypted with their HMAC columns exactly as `POST /api/v1/residents` does. A resident whose ID number
 * is already registered is counted as a duplicate and skipped.
 */
export async function insertResidents(
  services: Services,
  principal: Principal,
  rows: readonly unknown[],
): Promise<BulkResult> {
  const residents = validated(ResidentCreate, rows);
  const householdIds = [...new Set(residents.map((resident) => resident.householdId))];
  const township = new Map<string, string>();
  for (let start = 0; start < householdIds.length; start += 1000) {
    const chunk = householdIds.slice(start, start + 1000);
    for await (const household of services
      .scoped('households', principal)
      .each({ _id: op({ $in: chunk }) }, { _id: 1, townshipCode: 1 }))
      township.set(household._id.toHexString(), household.townshipCode);
  }
  const docs = residents.map((resident) => {
    const townshipCode = township.get(resident.householdId);
    if (townshipCode === undefined) throw new AppError('NOT_FOUND', { detail: 'household not in scope' });
    const id = new Types.ObjectId();
    const { idNumber, phone, priority, householdId, ...rest } = resident;
    return {
      _id: id,
      householdId: new Types.ObjectId(householdId),
      townshipCode,
      ...rest,
      ...protectIdNumber(services, id, idNumber),
      ...(phone === undefined ? {} : protectPhone(services, id, phone)),
      ...(priority === undefined ? {} : protectPriority(services, id, priority)),
    };
  });
  const result = await services.scoped('residents', principal).insertMany(docs);
  return { ...result, ids: docs.map((doc) => doc._id) };
}
