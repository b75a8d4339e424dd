/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays and id maps are read within bounds by construction */
import { MatchingError } from '../errors.ts';
import type { AllocationProblem } from './types.ts';

/**
 * An allocation problem in canonical form: agents, households and slots sorted by id (UTF-16 code
 * unit order, as `Array.prototype.sort`), each agent's pairs sorted by slot, scores as integer
 * hundredths. Everything downstream works on indices into these arrays, so the input's order never
 * matters.
 */
export interface CanonicalProblem {
  readonly agentIds: readonly string[];
  readonly slotIds: readonly string[];
  readonly householdIds: readonly string[];
  readonly householdOf: Int32Array;
  readonly householdPriority: Uint8Array;
  readonly capacity: Float64Array;
  /** Pairs of agent `a` are `pairStart[a] … pairStart[a + 1] - 1`, in slot order. */
  readonly pairStart: Int32Array;
  readonly pairSlot: Int32Array;
  /** `Math.round(score × 100)`: the exact integer the solver optimises. */
  readonly pairWeight: Int32Array;
  readonly pairScore: Float64Array;
  /** Caller's reason per agent index, for agents without pairs. */
  readonly ineligibleReason: ReadonlyMap<number, string>;
}

const invalid = (message: string): MatchingError => new MatchingError('INVALID_ALLOCATION_PROBLEM', message);

function indexIds(ids: string[], what: string): Map<string, number> {
  const sorted = ids.slice().sort();
  const index = new Map<string, number>();
  for (let i = 0; i < sorted.length; i++) {
    const id = sorted[i]!;
    if (i > 0 && sorted[i - 1] === id) throw invalid(`duplicate ${what} id ${JSON.stringify(id)}`);
    index.set(id, i);
  }
  return index;
}

/** Validates a problem (throwing `MatchingError` for misuse) and brings it into canonical form. */
export function canonicalize(problem: AllocationProblem): CanonicalProblem {
  const { agents, slots, pairs } = problem;
  for (const [i, agent] of agents.entries()) {
    if (typeof agent.id !== 'string') throw invalid(`agents[${i}].id must be a string`);
    if (typeof agent.householdId !== 'string') throw invalid(`agents[${i}].householdId must be a string`);
  }
  for (const [i, slot] of slots.entries()) {
    if (typeof slot.id !== 'string') throw invalid(`slots[${i}].id must be a string`);
    if (!Number.isSafeInteger(slot.capacity) || slot.capacity < 0) {
      throw invalid(
        `slots[${i}] (${slot.id}): capacity must be a non-negative integer, got ${slot.capacity}`,
      );
    }
  }
  const agentIndex = indexIds(
    agents.map((a) => a.id),
    'agent',
  );
  const slotIndex = indexIds(
    slots.map((s) => s.id),
    'slot',
  );
  const n = agents.length;
  const slotCount = slots.length;
  const agentIds = new Array<string>(n);
  for (const [id, i] of agentIndex) agentIds[i] = id;
  const slotIds = new Array<string>(slotCount);
  for (const [id, j] of slotIndex) slotIds[j] = id;

  const householdIds = [...new Set(agents.map((a) => a.householdId))].sort();
  const householdIndex = new Map(householdIds.map((id, h) => [id, h]));
  const householdOf = new Int32Array(n);
  const householdPriority = new Uint8Array(householdIds.length);
  for (const agent of agents) {
    const h = householdIndex.get(agent.householdId)!;
    householdOf[agentIndex.get(agent.id)!] = h;
    if (agent.priority === true) householdPriority[h] = 1;
  }
  const capacity = new Float64Array(slotCount);
  for (const slot of slots) capacity[slotIndex.get(slot.id)!] = slot.capacity;

  // Pairs: resolve ids, then two stable counting sorts (by slot, then by agent) give (agent, slot) order.
  const m = pairs.length;
  const agentOf = new Int32Array(m);
  const slotOf = new Int32Array(m);
  const scoreOf = new Float64Array(m);
  // Pairs usually come grouped by agent: reuse the previous lookup.
  let lastAgentId: string | undefined;
  let lastAgent = -1;
  for (let p = 0; p < m; p++) {
    const pair = pairs[p]!;
    if (pair.agentId !== lastAgentId) {
      const found = agentIndex.get(pair.agentId);
      if (found === undefined) throw invalid(`pairs[${p}]: unknown agent ${JSON.stringify(pair.agentId)}`);
      lastAgentId = pair.agentId;
      lastAgent = found;
    }
    const a = lastAgent;
    const j = slotIndex.get(pair.slotId);
    if (j === undefined) throw invalid(`pairs[${p}]: unknown slot ${JSON.stringify(pair.slotId)}`);
    const score = pair.score;
    if (typeof score !== 'number' || !(score >= 0 && score <= 100)) {
      throw invalid(
        `pairs[${p}] (${pair.agentId}, ${pair.slotId}): score must be a number in 0..100, got ${score}`,
      );
    }
    agentOf[p] = a;
    slotOf[p] = j;
    scoreOf[p] = score;
  }
  const bySlot = countingOrder(slotOf, slotCount, null);
  const order = countingOrder(agentOf, n, bySlot);
  const pairStart = new Int32Array(n + 1);
  for (let p = 0; p < m; p++) pairStart[agentOf[p]! + 1]!++;
  for (let a = 0; a < n; a++) pairStart[a + 1]! += pairStart[a]!;
  const pairSlot = new Int32Array(m);
  const pairWeight = new Int32Array(m);
  const pairScore = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const p = order[k]!;
    if (k > 0 && agentOf[order[k - 1]!] === agentOf[p] && slotOf[order[k - 1]!] === slotOf[p]) {
      throw invalid(`duplicate pair (${pairs[p]!.agentId}, ${pairs[p]!.slotId})`);
    }
    pairSlot[k] = slotOf[p]!;
    pairScore[k] = scoreOf[p]!;
    pairWeight[k] = Math.round(scoreOf[p]! * 100);
  }

  const ineligibleReason = new Map<number, string>();
  const given = problem.ineligible;
  if (given !== undefined) {
    const entries: [string, unknown][] =
      given instanceof Map ? [...(given as ReadonlyMap<string, unknown>).entries()] : Object.entries(given);
    for (const [agentId, reason] of entries) {
      const a = agentIndex.get(agentId);
      if (a === undefined) throw invalid(`ineligible: unknown agent ${JSON.stringify(agentId)}`);
      if (typeof reason !== 'string')
        throw invalid(`ineligible[${JSON.stringify(agentId)}] must be a string`);
      if (pairStart[a] === pairStart[a + 1]) ineligibleReason.set(a, reason);
    }
  }
  return {
    agentIds,
    slotIds,
    householdIds,
    householdOf,
    householdPriority,
    capacity,
    pairStart,
    pairSlot,
    pairWeight,
    pairScore,
    ineligibleReason,
  };
}

/** A stable counting sort of positions by `keys` (taking `within` as the incoming order, if given). */
function countingOrder(keys: Int32Array, keyCount: number, within: Int32Array | null): Int32Array {
  const m = keys.length;
  const start = new Int32Array(keyCount + 1);
  for (let p = 0; p < m; p++) start[keys[p]! + 1]!++;
  for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const p = within === null ? i : within[i]!;
    order[start[keys[p]!]!++] = p;
  }
  return order;
}
