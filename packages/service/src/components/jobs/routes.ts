import { z } from 'zod';
import { Job, RecordId } from '@anju/shared';
import { AppError } from '../../infra/errors.ts';
import { defineRoute, type Route } from '../../infra/http/route.ts';
import { canSeeJob, jobView } from './access.ts';

const IdParams = z.strictObject({ id: RecordId });

export const jobRoutes: Route[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/jobs/:id',
    permission: 'jobs:read',
    tag: 'jobs',
    summary: 'A background job’s state and progress (queued → active → completed | failed)',
    params: IdParams,
    response: Job,
    async handle({ params, principal, services }) {
      const record = await services.jobs.get(params.id);
      // Out of scope looks the same as missing.
      if (record === null || !canSeeJob(principal, record)) throw new AppError('NOT_FOUND');
      return jobView(record);
    },
  }),
];
