import { createHash } from 'node:crypto';
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { AppError, isDuplicateKey } from '../errors.ts';

interface IdempotencyDoc {
  _id: Types.ObjectId;
  actor: string;
  key: string;
  requestHash: string;
  state: 'running' | 'done';
  status?: number;
  body?: string;
  createdAt: Date;
  updatedAt: Date;
}

const IdempotencySchema = new Schema<IdempotencyDoc>(
  {
    actor: { type: String, required: true },
    key: { type: String, required: true },
    requestHash: { type: String, required: true },
    state: { type: String, required: true },
    status: Number,
    body: String,
  },
  {
    strict: 'throw',
    strictQuery: 'throw',
    versionKey: false,
    timestamps: true,
    collection: 'idempotency_keys',
  },
);
// One record per caller and key; the first insert wins, every retry finds it.
IdempotencySchema.index({ actor: 1, key: 1 }, { unique: true });

/** A client's `Idempotency-Key`: printable ASCII, bounded. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{8,128}$/;

/** JSON with object keys sorted, so the same body always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonicalJson(body)}`)
    .digest('hex');
}

export type IdempotencyStart =
  { readonly kind: 'first' } | { readonly kind: 'replay'; status: number; body: unknown };

/**
 * IDEM-01 in MongoDB: the first request with a key inserts a `running` record (unique index); a retry
 * with the same body gets the stored response, a different body 422, and one while the first runs 409.
 */
export class IdempotencyStore {
  readonly #model: Model<IdempotencyDoc>;

  constructor(db: Connection) {
    this.#model =
      (db.models.IdempotencyRecord as Model<IdempotencyDoc> | undefined) ??
      db.model<IdempotencyDoc>('IdempotencyRecord', IdempotencySchema);
  }

  async init(): Promise<void> {
    await this.#model.init();
  }

  async begin(actor: string, key: string, hash: string): Promise<IdempotencyStart> {
    try {
      await this.#model.create({ actor, key, requestHash: hash, state: 'running' });
      return { kind: 'first' };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const stored = await this.#model.findOne({ actor, key }).lean<IdempotencyDoc>();
    if (stored === null) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    if (stored.requestHash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    if (stored.state === 'running' || stored.status === undefined)
      throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    return { kind: 'replay', status: stored.status, body: JSON.parse(stored.body ?? 'null') as unknown };
  }

  async complete(actor: string, key: string, status: number, body: unknown): Promise<void> {
    await this.#model.updateOne(
      { actor, key },
      { $set: { state: 'done', status, body: JSON.stringify(body) } },
    );
  }

  /** Forgets a key whose request failed for a reason a retry may not meet (5xx), so the retry runs. */
  async abandon(actor: string, key: string): Promise<void> {
    await this.#model.deleteOne({ actor, key, state: 'running' });
  }
}
