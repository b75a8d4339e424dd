/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays and id maps are read within bounds by construction */
import { MatchingError } from '../errors.ts';
import type { CanonicalProblem } from './problem.ts';
import type { AllocationObjective, Unassigned } from './types.ts';

const LISTED_SLOTS = 5;

/**
 * A reason for every agent left out, each a fact about this allocation:
 * - `NO_ELIGIBLE_SLOT`: the agent has no pair (detail: the caller's reason, when given);
 * - `HOUSEHOLD_ALREADY_COVERED` (households-first only): someone from the agent's household is placed,
 *   and one of the agent's slots went to the only person placed from another household;
 * - `CAPACITY_FULL`: otherwise; every eligible slot is full.
 */
export function explainUnassigned(
  canon: CanonicalProblem,
  pairOfAgent: Int32Array,
  placedInHousehold: Int32Array,
  objective: AllocationObjective,
): Unassigned[] {
  const n = canon.agentIds.length;
  const slotCount = canon.slotIds.length;
  const load = new Int32Array(slotCount);
  // First placed member of each household; per slot, the first two holders (from different households)
  // who are their household's only placed member: one of them is from another household than any agent's.
  const firstPlaced = new Int32Array(canon.householdIds.length).fill(-1);
  const soleHolder = new Int32Array(slotCount).fill(-1);
  const otherSoleHolder = new Int32Array(slotCount).fill(-1);
  for (let a = 0; a < n; a++) {
    const k = pairOfAgent[a]!;
    if (k < 0) continue;
    const j = canon.pairSlot[k]!;
    const h = canon.householdOf[a]!;
    load[j]!++;
    if (firstPlaced[h] === -1) firstPlaced[h] = a;
    if (placedInHousehold[h] !== 1) continue;
    if (soleHolder[j] === -1) soleHolder[j] = a;
    else if (otherSoleHolder[j] === -1) otherSoleHolder[j] = a;
  }

  const unassigned: Unassigned[] = [];
  for (let a = 0; a < n; a++) {
    if (pairOfAgent[a]! >= 0) continue;
    const agentId = canon.agentIds[a]!;
    const start = canon.pairStart[a]!;
    const end = canon.pairStart[a + 1]!;
    if (start === end) {
      const detail = canon.ineligibleReason.get(a) ?? 'no eligible slot was given for this agent';
      unassigned.push({ agentId, reason: { code: 'NO_ELIGIBLE_SLOT', detail, slotIds: [] } });
      continue;
    }
    const slotIds: string[] = [];
    const listed: string[] = [];
    for (let k = start; k < end; k++) {
      const j = canon.pairSlot[k]!;
      if (load[j]! < canon.capacity[j]!) {
        // An optimum never leaves an agent out next to a free seat (see placeAtNoCost).
        throw new MatchingError(
          'INTERNAL',
          `allocation left ${agentId} out while ${canon.slotIds[j]} has room`,
        );
      }
      slotIds.push(canon.slotIds[j]!);
      if (listed.length < LISTED_SLOTS) listed.push(`${canon.slotIds[j]} (${load[j]}/${canon.capacity[j]})`);
    }
    const h = canon.householdOf[a]!;
    if (objective === 'households-first' && firstPlaced[h]! >= 0) {
      let winner = -1;
      let wonSlot = -1;
      for (let k = start; k < end && winner < 0; k++) {
        const j = canon.pairSlot[k]!;
        const first = soleHolder[j]!;
        winner = first >= 0 && canon.householdOf[first] === h ? otherSoleHolder[j]! : first;
        wonSlot = j;
      }
      if (winner >= 0) {
        const detail =
          `household ${canon.householdIds[h]} already has ${canon.agentIds[firstPlaced[h]!]} placed; ` +
          `${canon.slotIds[wonSlot]} went to ${canon.agentIds[winner]}, ` +
          `the only member placed from household ${canon.householdIds[canon.householdOf[winner]!]}`;
        unassigned.push({ agentId, reason: { code: 'HOUSEHOLD_ALREADY_COVERED', detail, slotIds } });
        continue;
      }
    }
    const more = slotIds.length > LISTED_SLOTS ? `, and ${slotIds.length - LISTED_SLOTS} more` : '';
    const detail =
      slotIds.length === 1
        ? `the only eligible slot is full: ${listed[0]}`
        : `all ${slotIds.length} eligible slots are full: ${listed.join(', ')}${more}`;
    unassigned.push({ agentId, reason: { code: 'CAPACITY_FULL', detail, slotIds } });
  }
  return unassigned;
}
