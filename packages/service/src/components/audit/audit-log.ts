import { createHash } from 'node:crypto';
import { Schema, Types, type Connection, type Model } from 'mongoose';
import type { AuditAction, AuditVerification } from '@anju/shared';
import { op } from '../../infra/db.ts';
import { AppError, isDuplicateKey } from '../../infra/errors.ts';
import type { Principal } from '../auth/tokens.ts';

export interface AuditEntry {
  readonly actor: string;
  readonly role: string;
  readonly townships: readonly string[];
  readonly action: AuditAction;
  readonly targetId: string;
  readonly reason?: string | undefined;
  readonly outcome: 'allowed' | 'denied';
}

export interface AuditRecordDoc {
  _id: Types.ObjectId;
  seq: number;
  at: Date;
  actor: string;
  role: string;
  townships: string[];
  action: AuditAction;
  targetId: string;
  reason?: string;
  outcome: 'allowed' | 'denied';
  prevHash: string;
  hash: string;
}

export const AuditRecordSchema = new Schema<AuditRecordDoc>(
  {
    seq: { type: Number, required: true, unique: true },
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    role: { type: String, required: true },
    townships: [String],
    action: { type: String, required: true, index: true },
    targetId: { type: String, required: true, index: true },
    reason: String,
    outcome: { type: String, required: true },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { strict: 'throw', strictQuery: 'throw', versionKey: false, collection: 'audit_log' },
);

export const GENESIS_HASH = '0'.repeat(64);

/** The chained hash of one record: its predecessor's hash and its own fields in a fixed order. */
export function auditHash(record: Omit<AuditRecordDoc, '_id' | 'hash'>): string {
  const fields = [
    record.seq,
    record.at.toISOString(),
    record.actor,
    record.role,
    record.townships.join(','),
    record.action,
    record.targetId,
    record.reason ?? '',
    record.outcome,
  ];
  return createHash('sha256')
    .update(`${record.prevHash}\n${JSON.stringify(fields)}`)
    .digest('hex');
}

export function auditEntryFor(
  principal: Principal,
  action: AuditAction,
  targetId: string,
  outcome: 'allowed' | 'denied',
  reason?: string,
): AuditEntry {
  return {
    actor: principal.sub,
    role: principal.role,
    townships: principal.role === 'staff' || principal.role === 'grid-worker' ? principal.townships : [],
    action,
    targetId,
    reason,
    outcome,
  };
}

interface Pending {
  readonly doc: Omit<AuditRecordDoc, 'seq' | 'prevHash' | 'hash'>;
  resolve(): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 200;
const MAX_ATTEMPTS = 50;

/**
 * The append-only, hash-chained access log (PII-06). Without transactions, the chain stays linear by a
 * unique index on `seq`: a writer reads the tail, inserts `seq + 1` with the tail's hash, and on a
 * duplicate (another process got there first) re-reads the tail and retries. Within one process,
 * appends are queued and written in batches so readers under load do not race each other.
 */
export class AuditLog {
  readonly #model: Model<AuditRecordDoc>;
  #queue: Pending[] = [];
  #tail: Pick<AuditRecordDoc, 'seq' | 'hash'> | undefined;
  #draining = false;

  constructor(db: Connection) {
    this.#model =
      (db.models.AuditRecord as Model<AuditRecordDoc> | undefined) ??
      db.model<AuditRecordDoc>('AuditRecord', AuditRecordSchema);
  }

  get model(): Model<AuditRecordDoc> {
    return this.#model;
  }

  async init(): Promise<void> {
    await this.#model.init();
  }

  /** Resolves once the record is stored: callers answer only after their access is on the record. */
  append(entry: AuditEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      const { reason, ...rest } = entry;
      const doc = {
        _id: new Types.ObjectId(),
        at: new Date(),
        ...rest,
        townships: [...entry.townships],
        ...(reason === undefined ? {} : { reason }),
      };
      this.#queue.push({ doc, resolve, reject });
      if (!this.#draining) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, MAX_BATCH);
        try {
          await this.#write(batch.map((pending) => pending.doc));
          for (const pending of batch) pending.resolve();
        } catch (error) {
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      this.#draining = false;
    }
  }

  async #write(docs: Pending['doc'][]): Promise<void> {
    let remaining = docs;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && remaining.length > 0; attempt += 1) {
      // The last tail this process wrote is usually still the tail; a conflict proves it is not.
      const tail =
        this.#tail ??
        (await this.#model
          .findOne({}, { seq: 1, hash: 1 })
          .sort({ seq: -1 })
          .lean<Pick<AuditRecordDoc, 'seq' | 'hash'>>());
      let seq = tail?.seq ?? 0;
      let prevHash = tail?.hash ?? GENESIS_HASH;
      const chained = remaining.map((doc) => {
        seq += 1;
        const record = { ...doc, seq, prevHash };
        const hash = auditHash(record);
        prevHash = hash;
        return { ...record, hash };
      });
      try {
        await this.#model.collection.insertMany(chained, { ordered: true });
        this.#tail = { seq, hash: prevHash };
        return;
      } catch (error) {
        this.#tail = undefined;
        if (!isDuplicateKey(error) && !hasDuplicateWriteError(error)) throw error;
        // Another writer took a seq: keep what landed, re-chain the rest on the new tail.
        const landed = await this.#model
          .find({ _id: op({ $in: remaining.map((doc) => doc._id) }) }, { _id: 1 })
          .lean<{ _id: Types.ObjectId }[]>();
        const landedIds = new Set(landed.map((doc) => doc._id.toString()));
        remaining = remaining.filter((doc) => !landedIds.has(doc._id.toString()));
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
      }
    }
    if (remaining.length > 0) throw new AppError('INTERNAL', { detail: 'audit chain contention' });
  }

  /** Walks the chain from the first record: contiguous seq, each prevHash the previous hash, each hash recomputed. */
  async verify(): Promise<AuditVerification> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let checked = 0;
    for await (const record of this.#model.find({}).sort({ seq: 1 }).lean<AuditRecordDoc[]>().cursor()) {
      const bad = (reason: string): AuditVerification => ({
        ok: false,
        checked,
        firstBadSeq: record.seq,
        reason,
      });
      if (record.seq !== expectedSeq) return bad(`expected seq ${expectedSeq}`);
      if (record.prevHash !== prevHash) return bad('prevHash does not match the previous record');
      if (auditHash({ ...record, at: new Date(record.at) }) !== record.hash)
        return bad('hash does not match the record');
      prevHash = record.hash;
      expectedSeq += 1;
      checked += 1;
    }
    return { ok: true, checked };
  }
}

function hasDuplicateWriteError(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors === undefined ? [] : [writeErrors];
  return list.some((item) => (item as { code?: unknown }).code === 11000);
}
