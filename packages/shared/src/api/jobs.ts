import { z } from 'zod';
import { RecordId } from './common.ts';

/** A background job's state. */
export const JobState = z.enum(['queued', 'active', 'completed', 'failed']);
export type JobState = z.infer<typeof JobState>;

/** A background job as `GET /api/v1/jobs/:id` shows it: state and progress, never personal data. */
export const Job = z.object({
  id: RecordId,
  kind: z.string(),
  state: JobState,
  progress: z.number().int().min(0).max(100),
  stage: z.string().describe('what the job is doing now'),
  subjectId: RecordId.describe('the record the job is about, e.g. the fair'),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  requestedBy: z.string(),
  attempts: z.number().int(),
  result: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  errorCode: z.string().optional().describe('an error code of the API when the job failed'),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
});
export type Job = z.infer<typeof Job>;

/** The 202 answer of an endpoint that starts a job. */
export const JobAccepted = z.object({
  jobId: RecordId,
  state: JobState,
  statusUrl: z.string().describe('GET it for state and progress'),
});
export type JobAccepted = z.infer<typeof JobAccepted>;
