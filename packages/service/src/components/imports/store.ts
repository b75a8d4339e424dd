import { Schema, Types, type Connection, type Model } from 'mongoose';
import type { ImportReport } from '@anju/shared';
import type { FieldCipher } from '../../infra/crypto.ts';

/** One encrypted piece of an uploaded sheet waiting for its import job. */
interface UploadChunkDoc {
  _id: Types.ObjectId;
  uploadId: Types.ObjectId;
  seq: number;
  /** AES-GCM of the chunk's base64, bound to upload id and position. */
  data: string;
  createdAt: Date;
}

const UploadChunkSchema = new Schema<UploadChunkDoc>(
  {
    uploadId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    data: { type: String, required: true },
  },
  {
    strict: 'throw',
    strictQuery: 'throw',
    versionKey: false,
    timestamps: { createdAt: true, updatedAt: false },
    collection: 'import_uploads',
  },
);
UploadChunkSchema.index({ uploadId: 1, seq: 1 }, { unique: true });

/** What a queued import leaves for its requester: the report, with only the rows that need attention. */
interface ImportResultDoc {
  _id: Types.ObjectId;
  report: ImportReport;
  createdAt: Date;
}

const ImportResultSchema = new Schema<ImportResultDoc>(
  { report: { type: Schema.Types.Mixed, required: true } },
  {
    strict: 'throw',
    strictQuery: 'throw',
    versionKey: false,
    timestamps: { createdAt: true, updatedAt: false },
    collection: 'import_results',
  },
);

/** Binary bytes per stored chunk: far below MongoDB's 16 MB document limit once encrypted and encoded. */
const CHUNK_BYTES = 2 * 1024 * 1024;

/**
 * Uploaded sheets kept for a background import (PII-05: encrypted like any personal field, and deleted
 * when the import has run), and the reports the imports leave behind (masked, like every answer).
 */
export class ImportStore {
  readonly #chunks: Model<UploadChunkDoc>;
  readonly #results: Model<ImportResultDoc>;
  readonly #cipher: FieldCipher;

  constructor(db: Connection, cipher: FieldCipher) {
    this.#chunks =
      (db.models.ImportUploadChunk as Model<UploadChunkDoc> | undefined) ??
      db.model<UploadChunkDoc>('ImportUploadChunk', UploadChunkSchema);
    this.#results =
      (db.models.ImportResult as Model<ImportResultDoc> | undefined) ??
      db.model<ImportResultDoc>('ImportResult', ImportResultSchema);
    this.#cipher = cipher;
  }

  async init(): Promise<void> {
    await Promise.all([this.#chunks.init(), this.#results.init()]);
  }

  #context(uploadId: string, seq: number) {
    return { collection: 'import_uploads', field: 'file', id: `${uploadId}:${seq}` };
  }

  /** Stores a file, encrypted in chunks; returns its id. */
  async put(file: Buffer): Promise<Types.ObjectId> {
    const uploadId = new Types.ObjectId();
    const id = uploadId.toHexString();
    const docs = [];
    for (let seq = 0, at = 0; at < file.length; seq += 1, at += CHUNK_BYTES)
      docs.push({
        uploadId,
        seq,
        data: this.#cipher.encrypt(
          file.subarray(at, at + CHUNK_BYTES).toString('base64'),
          this.#context(id, seq),
        ),
      });
    // One chunk at a time keeps each insert small.
    for (const doc of docs) await this.#chunks.insertMany([doc]);
    return uploadId;
  }

  /** The stored file, or null when it is gone (its import ran already). */
  async get(uploadId: Types.ObjectId): Promise<Buffer | null> {
    const chunks = await this.#chunks.find({ uploadId }).sort({ seq: 1 }).lean<UploadChunkDoc[]>();
    if (chunks.length === 0 || chunks.some((chunk, index) => chunk.seq !== index)) return null;
    const id = uploadId.toHexString();
    return Buffer.concat(
      chunks.map((chunk) =>
        Buffer.from(this.#cipher.decrypt(chunk.data, this.#context(id, chunk.seq)), 'base64'),
      ),
    );
  }

  async remove(uploadId: Types.ObjectId): Promise<void> {
    await this.#chunks.deleteMany({ uploadId });
  }

  /** Keeps a job's report (replacing a retry's earlier one). */
  async saveReport(jobId: Types.ObjectId, report: ImportReport): Promise<void> {
    await this.#results.replaceOne({ _id: jobId }, { report }, { upsert: true });
  }

  async report(jobId: Types.ObjectId): Promise<ImportReport | null> {
    return (await this.#results.findById(jobId).lean<ImportResultDoc>())?.report ?? null;
  }
}
