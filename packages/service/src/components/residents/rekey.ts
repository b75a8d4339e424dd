// After a field-key rotation (a new version in FIELD_KEYS, FIELD_KEY_VERSION pointing at it), new values
// are encrypted with the new key but old rows keep theirs. `anju rekey` re-encrypts them, so the old key
// can then be removed from FIELD_KEYS. The HMAC columns are not touched: they use HMAC_KEY, not these keys.
import type { AnyBulkWriteOperation } from 'mongoose';
import { FieldCipher } from '../../infra/crypto.ts';
import type { Services } from '../../services.ts';
import type { ResidentDoc } from './model.ts';

/** The encrypted columns of a resident and the field name bound into their ciphertext. */
const ENCRYPTED = [
  ['idNumberEnc', 'idNumber'],
  ['phoneEnc', 'phone'],
  ['priorityEnc', 'priority'],
] as const;

export interface RekeyOutcome {
  /** Residents read. */
  readonly scanned: number;
  /** Residents with at least one value under another key version (rewritten unless a dry run). */
  readonly stale: number;
  readonly rewritten: number;
  /** Stale residents edited while this ran: their new values are under the current key already. */
  readonly changedMeanwhile: number;
  /** Residents with a value no key in FIELD_KEYS opens (tampered, or its key version removed): left as is. */
  readonly unreadable: readonly string[];
  /** Encrypted values per key version, as found. */
  readonly valuesByVersion: Readonly<Record<string, number>>;
}

export interface RekeyOptions {
  readonly dryRun?: boolean;
  readonly batchSize?: number;
  readonly onProgress?: (outcome: RekeyOutcome) => void;
}

/**
 * Re-encrypts every resident's ID number, phone and poverty status still under an older key version with
 * `services.cipher`'s current one. Each row is rewritten only if its ciphertexts are still the ones read
 * (a concurrent edit wins), `updatedAt` is left alone, and running it again changes nothing.
 */
export async function rekeyResidents(services: Services, options: RekeyOptions = {}): Promise<RekeyOutcome> {
  const current = services.config.FIELD_KEY_VERSION;
  const batchSize = options.batchSize ?? 500;
  const valuesByVersion: Record<string, number> = {};
  let scanned = 0;
  let stale = 0;
  let rewritten = 0;
  let changedMeanwhile = 0;
  const unreadable: string[] = [];
  let batch: AnyBulkWriteOperation<ResidentDoc>[] = [];
  const outcome = (): RekeyOutcome => ({
    scanned,
    stale,
    rewritten,
    changedMeanwhile,
    unreadable,
    valuesByVersion,
  });

  const flush = async () => {
    if (batch.length === 0) return;
    const result = await services.models.residents.bulkWrite(batch, { ordered: false, timestamps: false });
    rewritten += result.modifiedCount;
    changedMeanwhile += batch.length - result.matchedCount;
    batch = [];
    options.onProgress?.(outcome());
  };

  const cursor = services.models.residents
    .find({}, { _id: 1, idNumberEnc: 1, phoneEnc: 1, priorityEnc: 1 })
    .sort({ _id: 1 })
    .lean<Pick<ResidentDoc, '_id' | 'idNumberEnc' | 'phoneEnc' | 'priorityEnc'>>()
    .cursor();
  for await (const doc of cursor) {
    scanned += 1;
    const filter: Record<string, unknown> = { _id: doc._id };
    const set: Record<string, string> = {};
    let readable = true;
    for (const [column, field] of ENCRYPTED) {
      const stored = doc[column];
      if (stored === undefined) continue;
      const version = FieldCipher.versionOf(stored);
      valuesByVersion[`v${String(version)}`] = (valuesByVersion[`v${String(version)}`] ?? 0) + 1;
      if (version === current) continue;
      const context = { collection: 'residents', field, id: doc._id.toHexString() };
      try {
        set[column] = services.cipher.encrypt(services.cipher.decrypt(stored, context), context);
      } catch {
        readable = false;
        break;
      }
      filter[column] = stored;
    }
    if (!readable) {
      unreadable.push(doc._id.toHexString());
      continue;
    }
    if (Object.keys(set).length === 0) continue;
    stale += 1;
    if (options.dryRun === true) continue;
    batch.push({ updateOne: { filter, update: { $set: set }, timestamps: false } });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return outcome();
}
