import { importJob } from './components/imports/job.ts';
import { fairMatchingJob } from './components/matching/fair-job.ts';
import { enqueuePendingRematches, rematchJob } from './components/matching/rematch-job.ts';
import type { JobKind, WorkerTick } from './infra/jobs/worker.ts';

/** Every kind of background job, with its processor: the job table, as routes.ts is the route table. */
export const JOB_KINDS: readonly JobKind[] = Object.freeze([
  fairMatchingJob,
  rematchJob,
  importJob as unknown as JobKind,
]);

/** Work every worker does on each reconcile round. */
export const WORKER_TICKS: readonly WorkerTick[] = Object.freeze([enqueuePendingRematches]);
