// Re-matching one resident (after training, a lost job, income under the line): the pending request
// becomes a job whose record id is the request's id, the job ranks the resident against every open
// opening and stores fresh recommendations, then marks the request done.
import { prepareOpenings, prepareResidents, rankOpenings } from '@anju/matching-core';
import { RecordId, type MatchOpening } from '@anju/shared';
import { Types } from 'mongoose';
import { z } from 'zod';
import { isAppError } from '../../infra/errors.ts';
import { bureauDate } from '../../infra/time.ts';
import type { JobSummary } from '../../infra/jobs/model.ts';
import { requesterOf } from '../../infra/jobs/queue.ts';
import { defineJobKind, type JobContext, type JobKind, type WorkerTick } from '../../infra/jobs/worker.ts';
import type { Principal } from '../auth/tokens.ts';
import type { OpeningDoc } from '../employers/model.ts';
import type { Services } from '../../services.ts';
import { toMatchOpening } from './adapter.ts';
import { matchingEngine, storedExplanation } from './engine.ts';
import { loadResidents } from './fair-job.ts';
import { REMATCH } from './reach.ts';
import { rematchRequests } from './rematch.ts';
import type { NewRecommendation } from './store.ts';

export const RematchParams = z.object({ requestId: RecordId });
export type RematchParams = z.infer<typeof RematchParams>;

/** Openings kept per re-matched resident. */
export const REMATCH_SIZE = 10;
const TICK_BATCH = 100;

/** The job runs as staff of the request's township: it sees that township's residents and nothing else. */
export function rematchRequester(townshipCode: string): Principal {
  return { sub: 'system-rematch', role: 'staff', townships: [townshipCode] };
}

async function process(context: JobContext<RematchParams>): Promise<JobSummary> {
  const { services, requester, params, record } = context;
  const requests = rematchRequests(services);
  const request = await requests.findById(params.requestId).lean();
  if (request === null || request.state === 'done') return { skipped: 'request already done' };
  const { taxonomy, normalizer } = matchingEngine();
  // The job's day in the bureau's time zone: ages are counted in its year, licences checked on it.
  const asOf = bureauDate(new Date());
  const referenceYear = Number(asOf.slice(0, 4));

  await context.progress(10, 'loading the resident');
  // SEC-03: through the stored requester's scope; a resident who moved out of the township is not read.
  const loaded = await loadResidents(services, requester, { _id: request.residentId }, { referenceYear });
  const resident = loaded.residents[0];
  const facts = resident === undefined ? undefined : loaded.facts.get(resident.id);
  if (resident === undefined || facts === undefined) {
    await requests.updateOne({ _id: request._id }, { $set: { state: 'done' } });
    return { skipped: 'resident not in scope or not of working age', recommendations: 0 };
  }

  await context.progress(30, 'loading open openings');
  const docs = new Map<string, OpeningDoc>();
  const openings: MatchOpening[] = [];
  for await (const doc of services.scoped('openings', requester).each({ status: 'open' })) {
    const opening = toMatchOpening(doc);
    if (opening === null) continue;
    docs.set(opening.id, doc);
    openings.push(opening);
  }
  await context.checkpoint('openings loaded');

  await context.progress(60, `ranking ${openings.length} openings`);
  const [ranking] = rankOpenings(
    prepareResidents([resident], normalizer, { asOf }),
    prepareOpenings(openings, normalizer),
    { taxonomy, referenceYear },
    { k: REMATCH_SIZE, explain: true },
  );
  const rows: NewRecommendation[] = [];
  (ranking?.matches ?? []).forEach((match, index) => {
    const opening = docs.get(match.openingId);
    if (opening === undefined || match.explanation === undefined) return;
    rows.push({
      jobId: record._id,
      run: record.attempts,
      source: REMATCH,
      residentId: facts.residentId,
      householdId: facts.householdId,
      townshipCode: facts.townshipCode,
      openingId: opening._id,
      employerId: opening.employerId,
      shareWithEmployers: facts.shareWithEmployers,
      score: match.score,
      proposed: false,
      rankForResident: index + 1,
      explanation: storedExplanation(match.explanation),
    });
  });
  await services.recommendations.clear(record._id);
  await services.recommendations.insertMany(rows);
  await context.checkpoint('recommendations written');
  await requests.updateOne({ _id: request._id }, { $set: { state: 'done' } });
  return {
    openings: openings.length,
    recommendations: rows.length,
    reason: request.reason,
    licencesCheckedOn: asOf,
  };
}

export const rematchJob: JobKind = defineJobKind({ kind: REMATCH, params: RematchParams, process });

/**
 * Turns pending re-match requests into jobs, once each: the job's record id is the request's id, so two
 * workers doing this at once create one job. Stops at the first queue outage (the next round retries).
 */
export const enqueuePendingRematches: WorkerTick = async (services: Services) => {
  const requests = rematchRequests(services);
  const pending = await requests
    .find({ state: 'pending', jobId: null }, { _id: 1, residentId: 1, townshipCode: 1 })
    .sort({ _id: 1 })
    .limit(TICK_BATCH)
    .lean();
  for (const request of pending) {
    try {
      await services.jobs.create({
        id: request._id,
        kind: REMATCH,
        requester: requesterOf(rematchRequester(request.townshipCode)),
        subjectId: request.residentId,
        townshipCodes: [request.townshipCode],
        allTownships: false,
        params: { requestId: request._id.toHexString() },
      });
    } catch (error) {
      if (isAppError(error) && error.code === 'QUEUE_UNAVAILABLE') return;
      throw error;
    }
    await requests.updateOne({ _id: request._id }, { $set: { jobId: new Types.ObjectId(request._id) } });
  }
};
