// The fair-matching job: residents in the requester's scope × the openings at the fair's booths →
// ranked shortlists per opening and a households-first allocation, stored with their explanations.
import {
  ALLOCATION_CANDIDATES,
  allocate,
  prepareOpenings,
  prepareResidents,
  rankOpenings,
  rankResidents,
  scoreMatch,
  type AllocationPair,
  type MatchScore,
  type PreparedOpening,
  type PreparedResident,
} from '@anju/matching-core';
import type { MatchOpening, MatchResident } from '@anju/shared';
import { MatchingObjective, RecordId } from '@anju/shared';
import { type Types } from 'mongoose';
import { z } from 'zod';
import { op } from '../../infra/db.ts';
import { AppError } from '../../infra/errors.ts';
import { bureauDate } from '../../infra/time.ts';
import type { JobSummary } from '../../infra/jobs/model.ts';
import { defineJobKind, type JobContext, type JobKind } from '../../infra/jobs/worker.ts';
import type { Principal } from '../auth/tokens.ts';
import type { OpeningDoc } from '../employers/model.ts';
import type { BoothDoc } from '../fairs/model.ts';
import { revealIdNumber, revealPriority } from '../residents/protect.ts';
import type { Services } from '../../services.ts';
import {
  RESIDENT_MATCH_PROJECTION,
  WORKING_AGE,
  birthYearOf,
  toMatchOpening,
  toMatchResident,
  type ResidentForMatching,
} from './adapter.ts';
import { matchingEngine, storedExplanation } from './engine.ts';
import { FAIR_MATCHING, matchingReach } from './reach.ts';
import type { NewRecommendation } from './store.ts';

export const FairMatchingParams = z.object({
  fairId: RecordId,
  objective: MatchingObjective,
  pool: z.enum(['county', 'registered']),
});
export type FairMatchingParams = z.infer<typeof FairMatchingParams>;

/** Candidates kept per opening (its shortlist) and openings per resident considered for allocation. */
export const SHORTLIST_SIZE = 30;
const WRITE_BATCH = 250;

/** What the job keeps about each resident besides the core's input: never a name, ID number or phone. */
interface ResidentFacts {
  readonly residentId: Types.ObjectId;
  readonly householdId: Types.ObjectId;
  readonly townshipCode: string;
  readonly shareWithEmployers: boolean;
}

export interface LoadedResidents {
  readonly residents: MatchResident[];
  readonly facts: Map<string, ResidentFacts>;
  /** In scope but outside working age, or not fitting the core's schema. */
  readonly skipped: number;
}

/**
 * Reads residents through `requester`'s scope (SEC-03: the stored requester, never the job payload),
 * decrypting the ID number only for the birth year and the poverty status only as a priority.
 */
export async function loadResidents(
  services: Services,
  requester: Principal,
  filter: Record<string, unknown>,
  options: { referenceYear: number; onProgress?: (done: number, total: number) => Promise<void> },
): Promise<LoadedResidents> {
  const scoped = services.scoped('residents', requester);
  const total = await scoped.count(filter);
  const residents: MatchResident[] = [];
  const facts = new Map<string, ResidentFacts>();
  let skipped = 0;
  let seen = 0;
  for await (const doc of scoped.each(filter, RESIDENT_MATCH_PROJECTION)) {
    seen += 1;
    const resident = doc as ResidentForMatching;
    const birthYear = birthYearOf(revealIdNumber(services, resident));
    const age = birthYear === undefined ? undefined : options.referenceYear - birthYear;
    const resident_ =
      age !== undefined && (age < WORKING_AGE.min || age > WORKING_AGE.max)
        ? null
        : toMatchResident(resident, { birthYear, priority: revealPriority(services, resident) });
    if (resident_ === null) {
      skipped += 1;
    } else {
      residents.push(resident_);
      facts.set(resident_.id, {
        residentId: resident._id,
        householdId: resident.householdId,
        townshipCode: resident.townshipCode,
        shareWithEmployers: resident.consent.shareWithEmployers,
      });
    }
    if (seen % 2000 === 0) await options.onProgress?.(seen, total);
  }
  return { residents, facts, skipped };
}

/** The core's view of a ranked pair, whichever ranking or the allocation brought it. */
interface Candidate {
  score: number;
  explanation: MatchScore | undefined;
  rankForOpening?: number;
  rankForResident?: number;
  proposed: boolean;
}

async function process(context: JobContext<FairMatchingParams>): Promise<JobSummary> {
  const { services, requester, params, record } = context;
  const { taxonomy, normalizer } = matchingEngine();
  // SEC-03: the fair, its booths and the residents are read now, through the stored requester's scope.
  const fair = await services.scoped('fairs', requester).get(params.fairId);
  const reach = matchingReach(requester, fair.countyCode);
  if (reach === null)
    throw new AppError('NOT_FOUND', { detail: 'the requester no longer reaches this fair' });
  const referenceYear = Number(fair.heldOn.slice(0, 4));
  // Licences are checked on the day the job runs (有效期 and 复审), in the bureau's time zone.
  const asOf = bureauDate(new Date());

  await context.progress(2, 'loading the fair’s booths and openings');
  const booths: BoothDoc[] = [];
  for await (const booth of services.scoped('booths', requester).each({ fairId: fair._id }))
    booths.push(booth);
  const boothOf = new Map<string, BoothDoc>();
  for (const booth of booths)
    for (const openingId of booth.openingIds)
      if (!boothOf.has(openingId.toHexString())) boothOf.set(openingId.toHexString(), booth);
  const openingDocs = new Map<string, OpeningDoc>();
  const matchOpenings: MatchOpening[] = [];
  for await (const doc of services
    .scoped('openings', requester)
    .each({ _id: op({ $in: [...boothOf.keys()] }), status: 'open' })) {
    const opening = toMatchOpening(doc);
    if (opening === null) continue;
    openingDocs.set(opening.id, doc);
    matchOpenings.push(opening);
  }
  await context.checkpoint('openings loaded');

  await context.progress(
    5,
    `loading residents (${params.pool === 'county' ? 'the county' : 'registered at the fair'})`,
  );
  const filter =
    params.pool === 'registered'
      ? { _id: op({ $in: await registeredResidents(services, requester, fair._id) }) }
      : reach.allTownships
        ? { townshipCode: new RegExp(`^${fair.countyCode}\\d{3}$`) }
        : { townshipCode: op({ $in: reach.townshipCodes }) };
  const loaded = await loadResidents(services, requester, filter, {
    referenceYear,
    onProgress: (done, total) =>
      context.progress(5 + (25 * done) / Math.max(total, 1), `loading residents: ${done} of ${total}`),
  });
  await context.checkpoint('residents loaded');

  await context.progress(30, `normalising the skills of ${loaded.residents.length} residents`);
  const residents = prepareResidents(loaded.residents, normalizer, { asOf });
  const openings = prepareOpenings(matchOpenings, normalizer);
  const scoreContext = { taxonomy, referenceYear };
  await context.checkpoint('prepared');

  await context.progress(40, `ranking ${residents.length} residents for ${openings.length} openings`);
  const candidates = new Map<string, Candidate>();
  const key = (residentId: string, openingId: string) => `${residentId}|${openingId}`;
  for (const ranking of rankResidents(residents, openings, scoreContext, {
    k: SHORTLIST_SIZE,
    explain: true,
  }))
    ranking.matches.forEach((match, index) => {
      candidates.set(key(match.residentId, ranking.openingId), {
        score: match.score,
        explanation: match.explanation,
        rankForOpening: index + 1,
        proposed: false,
      });
    });
  await context.checkpoint('ranked by opening');
  await context.progress(55, 'ranking openings for each resident');
  const pairs: AllocationPair[] = [];
  for (const ranking of rankOpenings(residents, openings, scoreContext, { k: ALLOCATION_CANDIDATES }))
    ranking.matches.forEach((match, index) => {
      pairs.push({ agentId: ranking.residentId, slotId: match.openingId, score: match.score });
      const existing = candidates.get(key(ranking.residentId, match.openingId));
      if (existing !== undefined) existing.rankForResident = index + 1;
    });
  // Pairs only the per-opening ranking found are eligible too: give the allocation all of them.
  const paired = new Set(pairs.map((pair) => key(pair.agentId, pair.slotId)));
  for (const [pairKey, candidate] of candidates) {
    if (paired.has(pairKey)) continue;
    const [agentId = '', slotId = ''] = pairKey.split('|');
    pairs.push({ agentId, slotId, score: candidate.score });
  }
  await context.checkpoint('ranked by resident');

  await context.progress(65, `allocating ${openings.length} openings (${params.objective})`);
  const agentIds = new Set(pairs.map((pair) => pair.agentId));
  const allocation = allocate(
    {
      agents: loaded.residents
        .filter((resident) => agentIds.has(resident.id))
        .map((resident) => ({
          id: resident.id,
          householdId: resident.householdId,
          priority: resident.priority?.registeredPoor === true || resident.priority?.monitored === true,
        })),
      slots: matchOpenings.map((opening) => ({ id: opening.id, capacity: opening.headcount })),
      pairs,
    },
    { objective: params.objective },
  );
  const preparedResident = new Map<string, PreparedResident>(
    residents.map((resident) => [resident.id, resident]),
  );
  const preparedOpening = new Map<string, PreparedOpening>(openings.map((opening) => [opening.id, opening]));
  for (const assignment of allocation.assignments) {
    const pairKey = key(assignment.agentId, assignment.slotId);
    const existing = candidates.get(pairKey);
    if (existing !== undefined) existing.proposed = true;
    else
      candidates.set(pairKey, {
        score: assignment.score,
        explanation: undefined,
        proposed: true,
      });
  }
  await context.checkpoint('allocated');

  await context.progress(75, `storing ${candidates.size} recommendations`);
  const rows: NewRecommendation[] = [];
  for (const [pairKey, candidate] of candidates) {
    const [residentId = '', openingId = ''] = pairKey.split('|');
    const facts = loaded.facts.get(residentId);
    const opening = openingDocs.get(openingId);
    const resident = preparedResident.get(residentId);
    const prepared = preparedOpening.get(openingId);
    if (facts === undefined || opening === undefined || resident === undefined || prepared === undefined)
      continue;
    const explanation = candidate.explanation ?? scoreMatch(resident, prepared, scoreContext);
    const booth = boothOf.get(openingId);
    rows.push({
      jobId: record._id,
      run: record.attempts,
      source: FAIR_MATCHING,
      fairId: fair._id,
      ...(booth === undefined ? {} : { boothId: booth._id }),
      residentId: facts.residentId,
      householdId: facts.householdId,
      townshipCode: facts.townshipCode,
      openingId: opening._id,
      employerId: opening.employerId,
      shareWithEmployers: facts.shareWithEmployers,
      score: candidate.score,
      proposed: candidate.proposed,
      ...(candidate.rankForOpening === undefined ? {} : { rankForOpening: candidate.rankForOpening }),
      ...(candidate.rankForResident === undefined ? {} : { rankForResident: candidate.rankForResident }),
      explanation: storedExplanation(explanation),
    });
  }
  // a crash below leaves some rows; the retry starts by removing them and writes all again.
  await services.recommendations.clear(record._id);
  for (let start = 0; start < rows.length; start += WRITE_BATCH) {
    await services.recommendations.insertMany(rows.slice(start, start + WRITE_BATCH));
    await context.progress(
      75 + (23 * (start + WRITE_BATCH)) / rows.length,
      `storing recommendations: ${Math.min(start + WRITE_BATCH, rows.length)} of ${rows.length}`,
    );
    await context.checkpoint('recommendations batch written');
  }

  return {
    fairId: params.fairId,
    objective: params.objective,
    pool: params.pool,
    booths: booths.length,
    openings: openings.length,
    seats: matchOpenings.reduce((sum, opening) => sum + opening.headcount, 0),
    residentsInScope: loaded.residents.length + loaded.skipped,
    residentsMatched: residents.length,
    eligiblePairs: pairs.length,
    proposed: allocation.assignments.length,
    householdsCovered: allocation.householdsCovered,
    priorityHouseholdsCovered: allocation.priorityHouseholdsCovered,
    recommendations: rows.length,
    licencesCheckedOn: asOf,
  };
}

/** Residents with an active registration at the fair that the requester may see. */
async function registeredResidents(
  services: Services,
  requester: Principal,
  fairId: Types.ObjectId,
): Promise<Types.ObjectId[]> {
  const ids: Types.ObjectId[] = [];
  for await (const registration of services
    .scoped('registrations', requester)
    .each({ fairId, status: op({ $in: ['enrolled', 'waitlisted', 'claiming'] }) }, { residentId: 1 }))
    ids.push(registration.residentId);
  return ids;
}

export const fairMatchingJob: JobKind = defineJobKind({
  kind: FAIR_MATCHING,
  params: FairMatchingParams,
  process,
});
