import { once } from 'node:events';
import Queue from 'bull';
import { Redis, type RedisOptions } from 'ioredis';
import { Types, type Connection, type Model } from 'mongoose';
import type { Principal } from '../../components/auth/tokens.ts';
import { AppError, describeCause, isDuplicateKey } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { ID_NUMBER_PATTERN, MOBILE_PATTERN } from '../pii-patterns.ts';
import { JobRecordSchema, type JobParams, type JobRecordDoc, type JobRequester } from './model.ts';

/** The bull queue every background job of the service goes through (one queue; the record says the kind). */
export const QUEUE_NAME = 'jobs';

/** What a bull job carries: the id of its job record, nothing else (PII-04, SEC-03). */
export interface JobPayload {
  readonly id: string;
}

export interface QueueSettings {
  readonly REDIS_URL: string;
  readonly QUEUE_PREFIX: string;
  readonly QUEUE_TIMEOUT_MS: number;
  readonly JOB_ATTEMPTS: number;
  readonly JOB_LOCK_MS: number;
}

/**
 * `producer` connections fail fast while Redis is down (no offline queue, one retry), so a request that
 * creates a job answers 503 instead of hanging; `worker` connections wait and retry, so a worker rides
 * out a Redis restart. Both reconnect quickly (bull's default backs off to 20 s).
 */
export function openBullQueue(settings: QueueSettings, role: 'producer' | 'worker'): Queue.Queue<JobPayload> {
  const reconnect = (times: number) => Math.min(100 * times, 1000);
  const createClient = (type: 'client' | 'subscriber' | 'bclient'): Redis => {
    const common: RedisOptions = {
      enableReadyCheck: false,
      connectTimeout: Math.max(settings.QUEUE_TIMEOUT_MS, 1000),
      retryStrategy: reconnect,
      lazyConnect: false,
    };
    if (type === 'client' && role === 'producer')
      return new Redis(settings.REDIS_URL, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    // bull requires maxRetriesPerRequest null on its blocking and subscriber connections.
    return new Redis(settings.REDIS_URL, { ...common, maxRetriesPerRequest: null });
  };
  const clients: Redis[] = [];
  const queue = new Queue<JobPayload>(QUEUE_NAME, {
    prefix: settings.QUEUE_PREFIX,
    createClient: (type) => {
      const client = createClient(type);
      clients.push(client);
      return client;
    },
    settings: {
      lockDuration: settings.JOB_LOCK_MS,
      stalledInterval: Math.max(Math.floor(settings.JOB_LOCK_MS / 2), 500),
      // A job left behind by a stopped worker is handed on, not failed.
      maxStalledCount: settings.JOB_ATTEMPTS,
      retryProcessDelay: 1000,
    },
  });
  // bull does not close connections it got from createClient: close them with the queue.
  queue.once('close', () => {
    for (const client of clients) client.disconnect();
  });
  return queue;
}

/** The options every job is added with; the bull job id is the record id, so adding twice adds once. */
export function bullJobOptions(id: string, attempts: number): Queue.JobOptions {
  return {
    jobId: id,
    attempts,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: true,
    removeOnFail: 1000,
  };
}

/** Rejects with `onTimeout()` when `promise` has not settled within `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          reject(onTimeout());
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function jobModel(db: Connection): Model<JobRecordDoc> {
  return (
    (db.models.JobRecord as Model<JobRecordDoc> | undefined) ??
    db.model<JobRecordDoc>('JobRecord', JobRecordSchema)
  );
}

/** The requester as stored on a job record: the principal's role and scope, nothing from the request body. */
export function requesterOf(principal: Principal): JobRequester {
  return {
    sub: principal.sub,
    role: principal.role,
    townships: principal.role === 'staff' || principal.role === 'grid-worker' ? [...principal.townships] : [],
    ...(principal.role === 'provider' ? { providerId: principal.providerId } : {}),
    ...(principal.role === 'employer' ? { employerId: principal.employerId } : {}),
  };
}

/** The stored requester back as a principal, so the worker reads through the same scope rules as the API. */
export function principalOf(requester: JobRequester): Principal {
  switch (requester.role) {
    case 'admin':
    case 'auditor':
      return { sub: requester.sub, role: requester.role };
    case 'staff':
      return { sub: requester.sub, role: 'staff', townships: [...requester.townships] };
    case 'provider':
      return { sub: requester.sub, role: 'provider', providerId: requester.providerId ?? '' };
    case 'employer':
      return { sub: requester.sub, role: 'employer', employerId: requester.employerId ?? '' };
    case 'grid-worker':
      return { sub: requester.sub, role: 'grid-worker', townships: [...requester.townships] };
  }
}

const SAFE_TEXT = /^[A-Za-z0-9_.:-]{0,64}$/;

/** PII-04 at the door: job params are ids, enums and numbers; anything shaped like an ID number or phone is refused. */
export function checkParams(params: JobParams): void {
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'string') continue;
    ID_NUMBER_PATTERN.lastIndex = 0;
    MOBILE_PATTERN.lastIndex = 0;
    if (!SAFE_TEXT.test(value) || ID_NUMBER_PATTERN.test(value) || MOBILE_PATTERN.test(value))
      throw new AppError('INTERNAL', { detail: `job param ${key} is not an id or an option` });
  }
}

export interface NewJob {
  readonly kind: string;
  readonly requester: JobRequester;
  readonly subjectId: Types.ObjectId;
  readonly townshipCodes: readonly string[];
  readonly allTownships: boolean;
  readonly params: JobParams;
  /** A fixed record id makes creation idempotent (one job per re-match request). */
  readonly id?: Types.ObjectId;
}

/**
 * The producer side of background jobs: a job record in MongoDB first, then the bull job with the
 * record's id. Redis unreachable → QUEUE_UNAVAILABLE (503) within QUEUE_TIMEOUT_MS, and no record left
 * behind. The bull queue and its connection are opened on first use.
 */
export class JobQueue {
  readonly records: Model<JobRecordDoc>;
  readonly #settings: QueueSettings;
  readonly #logger: Logger;
  #queue: Queue.Queue<JobPayload> | undefined;

  constructor(settings: QueueSettings, db: Connection, logger: Logger) {
    this.#settings = settings;
    this.records = jobModel(db);
    this.#logger = logger;
  }

  async init(): Promise<void> {
    await this.records.init();
  }

  /** Writes the record, enqueues it, and returns it (state `queued`). */
  async create(job: NewJob): Promise<JobRecordDoc> {
    checkParams(job.params);
    const queue = await this.#readyQueue();
    const id = job.id ?? new Types.ObjectId();
    let record: JobRecordDoc;
    try {
      [record] = (await this.records.insertMany([
        {
          _id: id,
          kind: job.kind,
          state: 'queued',
          progress: 0,
          stage: 'queued',
          requester: job.requester,
          subjectId: job.subjectId,
          townshipCodes: [...job.townshipCodes],
          allTownships: job.allTownships,
          params: job.params,
          attempts: 0,
        },
      ])) as unknown as [JobRecordDoc];
    } catch (error) {
      // A fixed id already used: that job exists already (and is enqueued or being reconciled).
      if (job.id !== undefined && isDuplicateKey(error)) {
        const existing = await this.records.findById(id).lean<JobRecordDoc>();
        if (existing !== null) return existing;
      }
      throw error;
    }
    try {
      await withTimeout(
        queue.add({ id: id.toHexString() }, bullJobOptions(id.toHexString(), this.#settings.JOB_ATTEMPTS)),
        this.#settings.QUEUE_TIMEOUT_MS,
        () => new Error('enqueue timed out'),
      );
    } catch (error) {
      // The caller hears 503 and will retry: this record must not run as well. Should the add have landed
      // after all, the worker finds no record and does nothing.
      await this.records.deleteOne({ _id: id, state: 'queued' }).catch(() => undefined);
      this.#logger.warn(
        { jobId: id.toHexString(), kind: job.kind, cause: describeCause(error) },
        'enqueue failed',
      );
      throw new AppError('QUEUE_UNAVAILABLE', { cause: error, retryAfterSeconds: 5 });
    }
    return record;
  }

  async get(id: string): Promise<JobRecordDoc | null> {
    return this.records.findById(id).lean<JobRecordDoc>();
  }

  /** Is Redis answering right now (for readiness and tests)? */
  async isReady(): Promise<boolean> {
    try {
      await this.#readyQueue();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    const queue = this.#queue;
    this.#queue = undefined;
    if (queue !== undefined) await queue.close(true).catch(() => undefined);
  }

  /** The queue once its connection is ready; QUEUE_UNAVAILABLE when it is not within the timeout. */
  async #readyQueue(): Promise<Queue.Queue<JobPayload>> {
    this.#queue ??= openBullQueue(this.#settings, 'producer');
    const queue = this.#queue;
    const client = queue.client;
    if (client.status === 'ready') return queue;
    const abort = new AbortController();
    try {
      await withTimeout(
        once(client, 'ready', { signal: abort.signal }),
        this.#settings.QUEUE_TIMEOUT_MS,
        () => new Error('redis not ready'),
      );
      return queue;
    } catch (error) {
      throw new AppError('QUEUE_UNAVAILABLE', { cause: error, retryAfterSeconds: 5 });
    } finally {
      abort.abort();
    }
  }
}
