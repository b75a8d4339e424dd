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
      const given = canon.ineligibleReason.get(a);
      const detail = given ?? 'no eligible slot was given for this agent';
      const detailZh = given === undefined ? '没有符合条件的岗位' : `没有符合条件的岗位（${given}）`;
      unassigned.push({ agentId, reason: { code: 'NO_ELIGIBLE_SLOT', detail, detailZh, slotIds: [] } });
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
        const [household, placed, slot, other, otherHousehold] = [
          canon.householdIds[h],
          canon.agentIds[firstPlaced[h]!],
          canon.slotIds[wonSlot],
          canon.agentIds[winner],
          canon.householdIds[canon.householdOf[winner]!],
        ];
        const detail =
          `household ${household} already has ${placed} placed; ` +
          `${slot} went to ${other}, the only member placed from household ${otherHousehold}`;
        const detailZh =
          `本户（${household}）已有 ${placed} 安排就业；岗位 ${slot} 给了 ${other}，` +
          `其户（${otherHousehold}）仅此一人安排（每户至少一人就业优先）`;
        unassigned.push({
          agentId,
          reason: { code: 'HOUSEHOLD_ALREADY_COVERED', detail, detailZh, slotIds },
        });
        continue;
      }
    }
    const more = slotIds.length > LISTED_SLOTS ? `, and ${slotIds.length - LISTED_SLOTS} more` : '';
    const moreZh = slotIds.length > LISTED_SLOTS ? `等 ${slotIds.length} 个` : '';
    const detail =
      slotIds.length === 1
        ? `the only eligible slot is full: ${listed[0]}`
        : `all ${slotIds.length} eligible slots are full: ${listed.join(', ')}${more}`;
    const detailZh =
      slotIds.length === 1
        ? `唯一符合条件的岗位已满员：${listed[0]}`
        : `符合条件的 ${slotIds.length} 个岗位均已满员：${listed.join('、')}${moreZh}`;
    unassigned.push({ agentId, reason: { code: 'CAPACITY_FULL', detail, detailZh, slotIds } });
  }
  return unassigned;
}
