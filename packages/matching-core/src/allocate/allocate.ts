/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays and id maps are read within bounds by construction */
import { MatchingError } from '../errors.ts';
import { minCostCirculation } from './cost-scaling.ts';
import { explainUnassigned } from './explain.ts';
import { FlowGraphBuilder, flowOn } from './flow-graph.ts';
import { augmentMaxFlow } from './max-flow.ts';
import { canonicalize, type CanonicalProblem } from './problem.ts';
import type { AllocationOptions, AllocationProblem, AllocationResult, Assignment } from './types.ts';

/**
 * Allocates agents to slots exactly: each agent at most once, each slot at most its capacity, only the
 * eligible pairs given. Scores are optimised as integer hundredths (`Math.round(score × 100)`).
 *
 * - `total-score`: maximise the sum of the assigned scores.
 * - `households-first`: lexicographically maximise (1) the number of households with at least one member
 *   placed (每户至少一人就业), then (2) the number of those that are priority households (a household is a
 *   priority household when any member has `priority: true`), then (3) the sum of the assigned scores.
 *   Priority acts only here, as level (2); `total-score` ignores it.
 *
 * Either way an unassigned agent that has a zero-score pair with room left is placed there, since that
 * costs no level anything. Ties between equally good allocations are broken by the solver's fixed
 * processing order over agents, households and slots sorted by id, so the result depends only on the
 * problem, never on the order of its arrays. Does not modify its input.
 *
 * Throws `MatchingError` for misuse: `INVALID_ALLOCATION_PROBLEM` (duplicate ids, unknown ids, duplicate
 * pairs, scores outside 0..100, capacities that are not non-negative integers), `INVALID_OBJECTIVE`, and
 * `PROBLEM_TOO_LARGE` beyond about 470 k agents + slots + households (exact integers would overflow).
 */
export function allocate(problem: AllocationProblem, options: AllocationOptions): AllocationResult {
  const objective: unknown = options.objective;
  if (objective !== 'total-score' && objective !== 'households-first') {
    throw new MatchingError('INVALID_OBJECTIVE', `unknown objective ${JSON.stringify(objective)}`);
  }
  const canon = canonicalize(problem);
  const pairOfAgent = objective === 'total-score' ? solveTotalScore(canon) : solveHouseholdsFirst(canon);
  placeAtNoCost(canon, pairOfAgent);
  return describe(canon, pairOfAgent, objective);
}

/** How many pairs each slot has: no slot can take more agents than that. */
function usableCapacity(canon: CanonicalProblem): Int32Array {
  const usable = new Int32Array(canon.slotIds.length);
  for (const j of canon.pairSlot) usable[j]!++;
  for (let j = 0; j < usable.length; j++) usable[j] = Math.min(usable[j]!, canon.capacity[j]!);
  return usable;
}

/**
 * Network: s → agent (1) → slot (1, cost −weight) → t (capacity) → s. A minimum-cost circulation is a
 * maximum-score allocation.
 */
function solveTotalScore(canon: CanonicalProblem): Int32Array {
  const n = canon.agentIds.length;
  const slotCount = canon.slotIds.length;
  const pairCount = canon.pairSlot.length;
  const s = n + slotCount;
  const t = s + 1;
  const builder = new FlowGraphBuilder(t + 1, pairCount + n + slotCount + 1);
  const pairArc = addPairArcs(builder, canon);
  for (let a = 0; a < n; a++) if (canon.pairStart[a + 1]! > canon.pairStart[a]!) builder.addArc(s, a, 1, 0);
  addSlotArcs(builder, canon, t);
  builder.addArc(t, s, n, 0);
  const { graph, forward } = builder.build();
  minCostCirculation(graph);
  return readAssignment(canon, (k) => flowOn(graph, forward[pairArc[k]!]!) > 0);
}

/**
 * Network: source → household → agent (1) → slot (1, cost −weight) → t (capacity). A household's first
 * placed member arrives through its own arc from sP (priority households) or sN (others), further
 * members through s. Levels (1) and (2) are maximum flows: first from sP alone, then from sN; augmenting
 * from sN never lowers the flow out of sP, and no path from sP remains, so the flow covers the most
 * households and, among those, the most priority households. Level (3) is then a minimum-cost
 * circulation that keeps every node's balance, hence both counts, and reroutes within them.
 */
function solveHouseholdsFirst(canon: CanonicalProblem): Int32Array {
  const n = canon.agentIds.length;
  const slotCount = canon.slotIds.length;
  const householdCount = canon.householdIds.length;
  const pairCount = canon.pairSlot.length;
  const firstHousehold = n + slotCount;
  const s = firstHousehold + householdCount;
  const sP = s + 1;
  const sN = s + 2;
  const t = s + 3;
  const builder = new FlowGraphBuilder(t + 1, pairCount + n + slotCount + 2 * householdCount + 1);
  const pairArc = addPairArcs(builder, canon);
  const eligibleMembers = new Int32Array(householdCount);
  for (let a = 0; a < n; a++) {
    if (canon.pairStart[a + 1]! === canon.pairStart[a]!) continue;
    const h = canon.householdOf[a]!;
    eligibleMembers[h]!++;
    builder.addArc(firstHousehold + h, a, 1, 0);
  }
  for (let h = 0; h < householdCount; h++) {
    const members = eligibleMembers[h]!;
    if (members === 0) continue;
    builder.addArc(canon.householdPriority[h] === 1 ? sP : sN, firstHousehold + h, 1, 0);
    if (members > 1) builder.addArc(s, firstHousehold + h, members - 1, 0);
  }
  addSlotArcs(builder, canon, t);
  builder.addArc(t, s, n, 0);
  const { graph, forward } = builder.build();
  augmentMaxFlow(graph, sP, t);
  augmentMaxFlow(graph, sN, t);
  minCostCirculation(graph);
  return readAssignment(canon, (k) => flowOn(graph, forward[pairArc[k]!]!) > 0);
}

/**
 * Agent → slot arcs, one per pair, in canonical pair order (agents are nodes 0 … n − 1, slots n …);
 * returns the arc id of each pair.
 */
function addPairArcs(builder: FlowGraphBuilder, canon: CanonicalProblem): Int32Array {
  const n = canon.agentIds.length;
  const pairArc = new Int32Array(canon.pairSlot.length);
  for (let a = 0; a < n; a++) {
    for (let k = canon.pairStart[a]!, end = canon.pairStart[a + 1]!; k < end; k++) {
      pairArc[k] = builder.addArc(a, n + canon.pairSlot[k]!, 1, -canon.pairWeight[k]!);
    }
  }
  return pairArc;
}

/** Slot → t arcs with the slots' usable capacities. */
function addSlotArcs(builder: FlowGraphBuilder, canon: CanonicalProblem, t: number): void {
  const n = canon.agentIds.length;
  const usable = usableCapacity(canon);
  for (let j = 0; j < usable.length; j++) if (usable[j]! > 0) builder.addArc(n + j, t, usable[j]!, 0);
}

/** The pair index of every agent's assignment, or −1. */
function readAssignment(canon: CanonicalProblem, used: (pair: number) => boolean): Int32Array {
  const n = canon.agentIds.length;
  const pairOfAgent = new Int32Array(n).fill(-1);
  for (let a = 0; a < n; a++) {
    for (let k = canon.pairStart[a]!, end = canon.pairStart[a + 1]!; k < end; k++) {
      if (used(k)) pairOfAgent[a] = k;
    }
  }
  return pairOfAgent;
}

/**
 * Places unassigned agents at zero-score pairs whose slot has room, in id order. At an optimum this is
 * the only way an agent can be left out next to a free seat, so afterwards every unassigned agent's
 * eligible slots are all full.
 */
function placeAtNoCost(canon: CanonicalProblem, pairOfAgent: Int32Array): void {
  const load = new Int32Array(canon.slotIds.length);
  for (const k of pairOfAgent) if (k >= 0) load[canon.pairSlot[k]!]!++;
  for (let a = 0; a < pairOfAgent.length; a++) {
    if (pairOfAgent[a]! >= 0) continue;
    for (let k = canon.pairStart[a]!, end = canon.pairStart[a + 1]!; k < end; k++) {
      const j = canon.pairSlot[k]!;
      if (canon.pairWeight[k] === 0 && load[j]! < canon.capacity[j]!) {
        pairOfAgent[a] = k;
        load[j]!++;
        break;
      }
    }
  }
}

function describe(
  canon: CanonicalProblem,
  pairOfAgent: Int32Array,
  objective: AllocationOptions['objective'],
): AllocationResult {
  const n = canon.agentIds.length;
  const assignments: Assignment[] = [];
  const placedInHousehold = new Int32Array(canon.householdIds.length);
  let total = 0;
  for (let a = 0; a < n; a++) {
    const k = pairOfAgent[a]!;
    if (k < 0) continue;
    assignments.push({
      agentId: canon.agentIds[a]!,
      slotId: canon.slotIds[canon.pairSlot[k]!]!,
      score: canon.pairScore[k]!,
    });
    total += canon.pairWeight[k]!;
    placedInHousehold[canon.householdOf[a]!]!++;
  }
  let householdsCovered = 0;
  let priorityHouseholdsCovered = 0;
  for (let h = 0; h < placedInHousehold.length; h++) {
    if (placedInHousehold[h]! === 0) continue;
    householdsCovered++;
    if (canon.householdPriority[h] === 1) priorityHouseholdsCovered++;
  }
  return {
    objective: total / 100,
    householdsCovered,
    priorityHouseholdsCovered,
    assignments,
    unassigned: explainUnassigned(canon, pairOfAgent, placedInHousehold, objective),
  };
}
