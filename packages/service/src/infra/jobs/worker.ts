import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type Queue from 'bull';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import { RecordId } from '@anju/shared';
import type { Principal } from '../../components/auth/tokens.ts';
import type { Services } from '../../services.ts';
import { op } from '../db.ts';
import { AppError, describeCause, type AppErrorCode } from '../errors.ts';
import { isOutage, toAppError } from '../http/pipeline.ts';
import type { Logger } from '../logger.ts';
import type { JobParams, JobRecordDoc, JobState, JobSummary } from './model.ts';
import {
  bullJobOptions,
  openBullQueue,
  principalOf,
  withTimeout,
  type JobPayload,
  type QueueSettings,
} from './queue.ts';

/** What a processor gets: its stored record and params, the requester's scope, and progress reporting. */
export interface JobContext<P extends JobParams> {
  readonly jobId: string;
  readonly record: JobRecordDoc;
  readonly params: P;
  /** The stored requester as a principal: read through `services.scoped(…, requester)` (SEC-03). */
  readonly requester: Principal;
  readonly services: Services;
  /** Aborted when the worker is stopping and the job did not finish in time. */
  readonly signal: AbortSignal;
  /** 1 on the first run, 2 on the first retry … */
  readonly attempt: number;
  /** Records progress (0..100) and a stage text on the job record; cheap to call often. */
  progress(percent: number, stage: string): Promise<void>;
  /** A point between two steps: throws JobInterrupted when stopping (and lets tests inject faults). */
  checkpoint(point: string): Promise<void>;
}

/** One kind of background job: how its params are checked and how it runs. */
export interface JobKind<P extends JobParams = JobParams> {
  readonly kind: string;
  readonly params: z.ZodType<P>;
  process(context: JobContext<P>): Promise<JobSummary>;
}

/** A kind with its params type erased, as the job table holds it. */
export function defineJobKind<P extends JobParams>(kind: JobKind<P>): JobKind {
  return kind;
}

/** Work a worker does on every reconcile round besides re-enqueueing (e.g. picking up re-match requests). */
export type WorkerTick = (services: Services) => Promise<void>;

/** A test seam: called at every checkpoint; may throw (a crash between writes) or never resolve (a hang). */
export type FaultHook = (
  point: string,
  context: { jobId: string; kind: string; attempt: number },
) => Promise<void> | void;

/** Thrown at a checkpoint when the worker is stopping: the job goes back to the queue for another worker. */
export class JobInterrupted extends Error {
  override readonly name = 'JobInterrupted';
}

export interface WorkerOptions {
  /** Jobs run at once; default config.JOB_CONCURRENCY. */
  readonly concurrency?: number;
  readonly ticks?: readonly WorkerTick[];
  readonly faults?: FaultHook;
  /** Records untouched this long are checked against Redis; default max(3 s, 2 × QUEUE_TIMEOUT_MS). */
  readonly reconcileGraceMs?: number;
}

export interface JobWorkers {
  /** One reconcile round now: re-enqueue what Redis lost, settle what bull failed, run the ticks. */
  reconcile(): Promise<{ requeued: number }>;
  /** take no new job, let active ones finish within `timeoutMs`, interrupt the rest, close. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Failures a retry cannot fix: the job is failed at once. */
const FINAL_CODES: ReadonlySet<AppErrorCode> = new Set([
  'NOT_FOUND',
  'FORBIDDEN',
  'VALIDATION_FAILED',
  'INVALID_STATE',
  'UNAUTHENTICATED',
]);

/** Is the connection ready, or does it get ready within `ms`? */
async function connected(client: Redis, ms: number): Promise<boolean> {
  if (client.status === 'ready') return true;
  const abort = new AbortController();
  try {
    await withTimeout(once(client, 'ready', { signal: abort.signal }), ms, () => new Error('not ready'));
    return true;
  } catch {
    return false;
  } finally {
    abort.abort();
  }
}

/** A job's failure, logged the way the HTTP error handler logs a request's. */
export function reportJobError(
  logger: Logger,
  error: unknown,
  fields: { jobId: string; kind: string; attempt: number },
): AppError {
  const appError =
    error instanceof JobInterrupted ? new AppError('SHUTTING_DOWN', { cause: error }) : toAppError(error);
  if (appError.status >= 500 && !isOutage(appError) && appError.code !== 'SHUTTING_DOWN')
    logger.error({ err: error, ...fields, code: appError.code }, 'job failed');
  // The name only: a job's error message may quote the data it failed on.
  else
    logger.warn(
      { ...fields, code: appError.code, cause: error instanceof Error ? error.name : typeof error },
      'job did not finish',
    );
  return appError;
}

const PROGRESS_WRITE_MS = 200;
const UNFINISHED: JobState[] = ['queued', 'active'];

/**
 * Runs background jobs in this process (main.ts starts it; createApp never does). Each bull job carries
 * only its record id; the worker claims the record, re-reads params and scope from it, runs the kind's
 * processor and writes the outcome to the record.
 */
export function startJobWorkers(
  services: Services,
  kinds: readonly JobKind[],
  options: WorkerOptions = {},
): JobWorkers {
  const { config, logger } = services;
  const settings: QueueSettings = config;
  const records = services.jobs.records;
  const registry = new Map(kinds.map((kind) => [kind.kind, kind]));
  const concurrency = options.concurrency ?? config.JOB_CONCURRENCY;
  const grace = options.reconcileGraceMs ?? Math.max(3000, 2 * config.QUEUE_TIMEOUT_MS);
  const workerId = randomUUID();
  const queue = openBullQueue(settings, 'worker');
  const active = new Map<string, AbortController>();
  let stopping = false;
  let reconciling: Promise<{ requeued: number }> | undefined;

  const run = async (job: Queue.Job<JobPayload>): Promise<JobSummary> => {
    const id = job.data.id;
    const attempt = job.attemptsMade + 1;
    if (!RecordId.safeParse(id).success) {
      await job.discard();
      throw new AppError('VALIDATION_FAILED', { detail: 'bull job without a record id' });
    }
    // Stopping: start nothing new; the job goes back for another worker.
    if (stopping) throw new JobInterrupted('worker stopping');
    const record = await records
      .findOneAndUpdate(
        { _id: id, state: op({ $in: UNFINISHED }) },
        { $set: { state: 'active', stage: 'starting', startedAt: new Date() }, $inc: { attempts: 1 } },
        { returnDocument: 'after' },
      )
      .lean<JobRecordDoc>();
    // No record (its request answered 503) or already finished (a duplicate delivery): nothing to do.
    if (record === null) return { skipped: true };
    const kind = registry.get(record.kind);
    const fields = { jobId: id, kind: record.kind, attempt };
    const controller = new AbortController();
    active.set(id, controller);
    try {
      if (kind === undefined)
        throw new AppError('VALIDATION_FAILED', { detail: `no processor for ${record.kind}` });
      const params = kind.params.safeParse(record.params);
      if (!params.success) throw new AppError('VALIDATION_FAILED', { detail: 'stored params do not parse' });
      let lastWrite = 0;
      let lastStage = record.stage;
      const context: JobContext<JobParams> = {
        jobId: id,
        record,
        params: params.data,
        requester: principalOf(record.requester),
        services,
        signal: controller.signal,
        attempt,
        async progress(percent, stage) {
          const now = Date.now();
          if (stage === lastStage && now - lastWrite < PROGRESS_WRITE_MS) return;
          lastWrite = now;
          lastStage = stage;
          const bounded = Math.max(0, Math.min(99, Math.floor(percent)));
          await records.updateOne(
            { _id: id, state: 'active', progress: op({ $lte: bounded }) },
            { $set: { progress: bounded, stage } },
          );
        },
        async checkpoint(point) {
          if (controller.signal.aborted) throw new JobInterrupted(`interrupted at ${point}`);
          await options.faults?.(point, fields);
        },
      };
      const summary = await kind.process(context);
      await records.updateOne(
        { _id: id },
        {
          $set: { state: 'completed', progress: 100, stage: 'done', result: summary, finishedAt: new Date() },
          $unset: { errorCode: 1 },
        },
      );
      return summary;
    } catch (error) {
      const appError = reportJobError(logger, error, fields);
      const interrupted = error instanceof JobInterrupted;
      const final = !interrupted && (FINAL_CODES.has(appError.code) || attempt >= (job.opts.attempts ?? 1));
      if (final) {
        await job.discard();
        await records.updateOne(
          { _id: id },
          { $set: { state: 'failed', stage: 'failed', errorCode: appError.code, finishedAt: new Date() } },
        );
      } else {
        await records.updateOne(
          { _id: id, state: 'active' },
          {
            $set: {
              state: 'queued',
              stage: interrupted ? 'interrupted: waiting for a worker' : `retrying after ${appError.code}`,
            },
          },
        );
      }
      throw appError;
    } finally {
      active.delete(id);
    }
  };

  if (concurrency > 0)
    void queue.process(concurrency, run).catch((error: unknown) => {
      logger.warn({ cause: describeCause(error), workerId }, 'job worker stopped processing');
    });

  const reconcileOnce = async (): Promise<{ requeued: number }> => {
    let requeued = 0;
    if (await connected(queue.client, config.QUEUE_TIMEOUT_MS)) {
      const stale = await records
        .find(
          {
            state: op({ $in: UNFINISHED }),
            updatedAt: op({ $lt: new Date(Date.now() - grace) }),
          },
          { _id: 1, kind: 1 },
        )
        .sort({ updatedAt: 1 })
        .limit(500)
        .lean<Pick<JobRecordDoc, '_id' | 'kind'>[]>();
      for (const record of stale) {
        const id = record._id.toHexString();
        const job = await queue.getJob(id);
        if (job === null) {
          // Redis lost it (a restart without its data, or the add never landed): add it again.
          await queue.add({ id }, bullJobOptions(id, config.JOB_ATTEMPTS));
          requeued += 1;
          continue;
        }
        if ((await job.getState()) === 'failed' && job.attemptsMade >= (job.opts.attempts ?? 1))
          await records.updateOne(
            { _id: record._id, state: op({ $in: UNFINISHED }) },
            { $set: { state: 'failed', stage: 'failed', errorCode: 'INTERNAL', finishedAt: new Date() } },
          );
      }
      if (requeued > 0) logger.warn({ requeued, workerId }, 'jobs lost by Redis were enqueued again');
    }
    for (const tick of options.ticks ?? []) await tick(services);
    return { requeued };
  };

  const reconcile = (): Promise<{ requeued: number }> => {
    reconciling ??= withTimeout(
      reconcileOnce(),
      Math.max(config.JOB_RECONCILE_MS, 10_000),
      () => new Error('reconcile timed out'),
    )
      .catch((error: unknown) => {
        const appError = toAppError(error);
        if (isOutage(appError)) logger.warn({ code: appError.code, workerId }, 'reconcile skipped');
        else logger.error({ err: error, workerId }, 'reconcile failed');
        return { requeued: 0 };
      })
      .finally(() => {
        reconciling = undefined;
      });
    return reconciling;
  };

  const timer = setInterval(() => {
    if (!stopping) void reconcile();
  }, config.JOB_RECONCILE_MS);
  timer.unref();
  // After Redis comes back, do not wait for the next round.
  queue.client.on('ready', () => {
    if (!stopping) setTimeout(() => void reconcile(), 50).unref();
  });

  return {
    reconcile,
    async stop(timeoutMs = config.SHUTDOWN_TIMEOUT_MS) {
      if (stopping) return;
      stopping = true;
      clearInterval(timer);
      // A local pause takes no new job and resolves when the active ones have finished.
      const finished = await withTimeout(
        queue.pause(true).then(() => true),
        timeoutMs,
        () => new Error('drain timed out'),
      ).catch(() => false);
      if (!finished) {
        logger.warn(
          { active: [...active.keys()], workerId },
          'interrupting jobs that did not finish in time',
        );
        for (const controller of active.values()) controller.abort();
        await withTimeout(
          queue.whenCurrentJobsFinished(),
          2000,
          () => new Error('interrupt timed out'),
        ).catch(() => undefined);
      }
      await reconciling?.catch(() => undefined);
      await withTimeout(queue.close(!finished), 3000, () => new Error('close timed out')).catch(
        () => undefined,
      );
    },
  };
}
