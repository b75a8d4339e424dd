import { z } from 'zod';
import { FairMatchingRequest, JobAccepted, RecordId } from '@anju/shared';
import { AppError } from '../../infra/errors.ts';
import { defineRoute, type Route } from '../../infra/http/route.ts';
import { requesterOf } from '../../infra/jobs/queue.ts';
import { auditEntryFor } from '../audit/audit-log.ts';
import { FAIR_MATCHING, matchingReach } from './reach.ts';

const IdParams = z.strictObject({ id: RecordId });

export const matchingRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/fairs/:id/matching',
    permission: 'fairs:write',
    tag: 'matching',
    summary:
      'Match residents to the fair’s openings in the background (rank + households-first allocation): 202 with a job id',
    params: IdParams,
    body: FairMatchingRequest,
    response: JobAccepted,
    status: 202,
    async handle({ params, body, principal, services }) {
      const fair = await services.scoped('fairs', principal).get(params.id, { _id: 1, countyCode: 1 });
      const reach = matchingReach(principal, fair.countyCode);
      if (reach === null) throw new AppError('NOT_FOUND');
      const record = await services.jobs.create({
        kind: FAIR_MATCHING,
        requester: requesterOf(principal),
        subjectId: fair._id,
        ...reach,
        params: { fairId: params.id, objective: body.objective, pool: body.pool },
      });
      const jobId = record._id.toHexString();
      await services.audit.append(auditEntryFor(principal, 'bulk-job', jobId, 'allowed', FAIR_MATCHING));
      return { jobId, state: record.state, statusUrl: `/api/v1/jobs/${jobId}` };
    },
  }),
];
