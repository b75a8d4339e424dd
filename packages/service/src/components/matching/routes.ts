import { z } from 'zod';
import {
  FairMatchingRequest,
  JobAccepted,
  Page,
  PageQuery,
  RecordId,
  Recommendation,
  Shortlist,
  ShortlistQuery,
} from '@anju/shared';
import { AppError } from '../../infra/errors.ts';
import { pageOf } from '../../infra/http/paging.ts';
import { FileDownload, defineRoute, type Route } from '../../infra/http/route.ts';
import { requesterOf } from '../../infra/jobs/queue.ts';
import { auditEntryFor } from '../audit/audit-log.ts';
import { explanationView } from './engine.ts';
import type { RecommendationDoc } from './model.ts';
import { FAIR_MATCHING, matchingReach } from './reach.ts';
import { loadShortlist, shortlistWorkbook } from './shortlist.ts';

const IdParams = z.strictObject({ id: RecordId });
const BoothParams = z.strictObject({ id: RecordId, boothId: RecordId });

function recommendationView(doc: RecommendationDoc): Recommendation {
  return {
    id: doc._id.toHexString(),
    jobId: doc.jobId.toHexString(),
    source: doc.source,
    residentId: doc.residentId.toHexString(),
    openingId: doc.openingId.toHexString(),
    employerId: doc.employerId.toHexString(),
    ...(doc.fairId === undefined ? {} : { fairId: doc.fairId.toHexString() }),
    ...(doc.boothId === undefined ? {} : { boothId: doc.boothId.toHexString() }),
    score: doc.score,
    proposed: doc.proposed,
    ...(doc.rankForResident === undefined ? {} : { rankForResident: doc.rankForResident }),
    explanation: explanationView(doc.explanation),
    createdAt: doc.createdAt.toISOString(),
  };
}

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
  defineRoute({
    method: 'get',
    path: '/api/v1/fairs/:id/booths/:boothId/shortlist',
    permission: 'booths:read',
    tag: 'matching',
    summary:
      'A booth’s shortlist from the latest matching job: per opening, candidates with score and explanation (employers: consenting residents only, masked)',
    params: BoothParams,
    query: ShortlistQuery,
    response: Shortlist,
    async handle({ params, query, principal, services }) {
      const { shortlist } = await loadShortlist(
        services,
        principal,
        { fairId: params.id, boothId: params.boothId },
        query,
      );
      return shortlist;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/fairs/:id/booths/:boothId/shortlist.xlsx',
    permission: 'booths:read',
    tag: 'matching',
    summary: 'The same shortlist as an Excel sheet to print for the booth (masked; the download is audited)',
    params: BoothParams,
    query: ShortlistQuery,
    response: FileDownload,
    file: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    async handle({ params, query, principal, services }) {
      const { shortlist, heading } = await loadShortlist(
        services,
        principal,
        { fairId: params.id, boothId: params.boothId },
        { ...query, limit: query.limit ?? 100 },
      );
      await services.audit.append(
        auditEntryFor(principal, 'export', params.boothId, 'allowed', 'shortlist.xlsx'),
      );
      return {
        filename: `推荐名单-${heading.heldOn}-${heading.boothName}.xlsx`,
        body: await shortlistWorkbook(shortlist, heading),
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/residents/:id/recommendations',
    permission: 'residents:read',
    tag: 'matching',
    summary: 'A resident’s recommendations from their latest fair matching or re-match, best first',
    params: IdParams,
    query: PageQuery,
    response: Page(Recommendation),
    async handle({ params, query, principal, services }) {
      const resident = await services.scoped('residents', principal).get(params.id, { _id: 1 });
      const recommendations = services.scoped('recommendations', principal);
      const latest = await recommendations.list(
        { residentId: resident._id },
        { page: 1, limit: 1, sort: { createdAt: -1, _id: -1 } },
      );
      const jobId = latest.items[0]?.jobId;
      if (jobId === undefined) return { items: [], page: 1, limit: query.limit ?? 20, total: 0 };
      return pageOf(
        recommendations,
        { residentId: resident._id, jobId },
        { ...query, sort: { score: -1, openingId: 1 } },
        recommendationView,
      );
    },
  }),
];
