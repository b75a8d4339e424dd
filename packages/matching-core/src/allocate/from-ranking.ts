import { rankOpenings } from '../rank/rank.ts';
import type { PreparedOpening, PreparedResident, ScoreContext } from '../score/types.ts';
import type { AllocationProblem } from './types.ts';

/** Candidate openings per resident for allocation: each resident's best eligible openings. */
export const ALLOCATION_CANDIDATES = 20;

/**
 * Allocation input from the ranking: each resident's best eligible openings (at most `candidates`) as pairs,
 * headcounts as capacities; residents without an eligible opening are named ineligible. Poverty status is
 * not read here: callers pass `priority` on agents themselves when the objective should use it.
 */
export function allocationProblem(
  residents: readonly PreparedResident[],
  openings: readonly PreparedOpening[],
  context: ScoreContext,
  candidates: number = ALLOCATION_CANDIDATES,
): AllocationProblem {
  const rankings = rankOpenings(residents, openings, context, { k: candidates });
  const ineligible: Record<string, string> = {};
  const pairs = rankings.flatMap((ranking) => {
    if (ranking.matches.length === 0) ineligible[ranking.residentId] = 'no eligible opening';
    return ranking.matches.map((match) => ({
      agentId: ranking.residentId,
      slotId: match.openingId,
      score: match.score,
    }));
  });
  return {
    agents: residents.map((resident) => ({ id: resident.id, householdId: resident.householdId })),
    slots: openings.map((opening) => ({ id: opening.id, capacity: opening.headcount })),
    pairs,
    ineligible,
  };
}
