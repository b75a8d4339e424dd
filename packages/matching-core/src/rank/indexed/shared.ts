/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays are read within bounds by construction */
// The indexed ranker. Candidates come from inverted lists keyed by (concept, county): an opening that
// requires a known concept can only be eligible for residents whose skills reach that concept. Openings
// that require no known concept (普工-like work) sit in one open list per county. Every list is kept in
// index (id) order and cut into blocks, and blocks into groups, each with the maxima of what the score
// depends on; a group, a block or a single pair is skipped when its upper bound cannot beat the current
// k-th match (block-max WAND style). Index order makes ties cheap: once k matches reach a bound, every
// later block with that bound is skipped. The pairs that are scored use the same functions as the naive
// reference, so the results are identical.
//
// The parts: `partition.ts` sorts (key, item) entries into lists cut into blocks and groups;
// `queue-entry.ts` names a queued list, group or block; `best-first.ts` is the queue that orders them;
// `openings-per-resident.ts` and `residents-per-opening.ts` each build one direction's index and search it.
// This file holds what both searches return and the helpers both use to pick an opening's rarest
// required concept and licence.
import type { Ranked } from '../heap.ts';
import type { Model } from '../model.ts';

export interface RankStats {
  /** Pairs looked at in the blocks visited. */
  visited: number;
  /** Pairs whose skill points were computed (the rest were bounded away or failed a gate). */
  scored: number;
  /** Group and block bounds checked, and of those skipped. */
  bounds: number;
  skipped: number;
  /** Rankings copied from an alike resident's instead of searched for (see `alikeResidents`). */
  copied: number;
}

export interface RankOutcome {
  readonly ranked: Ranked;
  readonly stats: RankStats;
}

export function emptyRankStats(): RankStats {
  return { visited: 0, scored: 0, bounds: 0, skipped: 0, copied: 0 };
}

/** How many residents reach each concept. */
export function residentsReaching(model: Model): Int32Array {
  const R = model.residents;
  const count = new Int32Array(Math.max(1, model.concepts.length));
  for (let i = 0; i < R.creditTarget.length; i++) count[R.creditTarget[i]!]!++;
  return count;
}

/** The required known concept of opening `o` the fewest residents reach, −1 when it requires none. */
export function rarestRequired(model: Model, o: number, reachCount: Int32Array): number {
  const O = model.openings;
  let rarest = -1;
  for (let j = O.reqStart[o]!; j < O.reqStart[o + 1]!; j++) {
    const t = O.reqTarget[j]!;
    if (t >= 0 && O.reqRequired[j] === 1 && (rarest < 0 || reachCount[t]! < reachCount[rarest]!)) rarest = t;
  }
  return rarest;
}

/** How many residents hold each licence. */
export function licenceHolders(model: Model): Int32Array {
  const R = model.residents;
  const count = new Int32Array(Math.max(1, model.licences.length));
  for (let i = 0; i < R.licId.length; i++) count[R.licId[i]!]!++;
  return count;
}

/** The licence opening `o` requires that the fewest residents hold, −1 when it requires none. */
export function rarestLicence(model: Model, o: number, holders: Int32Array): number {
  const O = model.openings;
  let rarest = -1;
  for (let i = O.licStart[o]!; i < O.licStart[o + 1]!; i++) {
    const l = O.licId[i]!;
    if (rarest < 0 || holders[l]! < holders[rarest]!) rarest = l;
  }
  return rarest;
}
