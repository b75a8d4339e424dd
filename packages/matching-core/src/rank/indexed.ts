/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays are read within bounds by construction */
// The indexed ranker. Candidates come from inverted lists keyed by (concept, county): an opening that
// requires a known concept can only be eligible for residents whose skills reach that concept. Openings
// that require no known concept (普工-like work) sit in one open list per county. Every list is kept in
// index (id) order and cut into blocks, and blocks into groups, each with the maxima of what the score
// depends on; a group, a block or a single pair is skipped when its upper bound cannot beat the current
// k-th match (block-max WAND style). Index order makes ties cheap: once k matches reach a bound, every
// later block with that bound is skipped. The pairs that are scored use the same functions as the naive
// reference, so the results are identical.
import { FACTOR_MAX, hoursPoints, locationPoints, wagePoints, type Relation } from '../score/points.ts';
import { TopK, allocateRanked, type Ranked } from './heap.ts';
import {
  ResidentScratch,
  loadedHoldsLicences,
  loadedSkillPoints,
  nonSkillPoints,
  pairHoldsLicences,
  pairSkillPoints,
  passesPersonalGates,
  relation,
  type Model,
} from './model.ts';

/** Items per block, and blocks per group. */
const BLOCK = 8;
const GROUP = 8;

export interface RankStats {
  /** Pairs whose skill points were computed (the rest were bounded away or failed a gate). */
  scored: number;
  /** Group and block bounds checked, and of those skipped. */
  bounds: number;
  skipped: number;
}

export interface RankOutcome {
  readonly ranked: Ranked;
  readonly stats: RankStats;
}

/**
 * Lists cut into blocks of `BLOCK` items and groups of `GROUP` blocks. List `l` has groups
 * `[listGroups[l], listGroups[l + 1])`, group `g` has blocks `[groupStart[g], groupStart[g + 1])`, block
 * `b` has items `items[blockStart[b] … blockStart[b + 1])`.
 */
interface Partition {
  readonly items: Int32Array;
  readonly blockStart: Int32Array;
  readonly groupStart: Int32Array;
  readonly listGroups: Int32Array;
  readonly blockMin: Int32Array;
  readonly groupMin: Int32Array;
}

function partition(lists: readonly (readonly number[])[]): Partition {
  const items: number[] = [];
  const blockStart: number[] = [];
  const groupStart: number[] = [];
  const listGroups: number[] = [0];
  const blockMin: number[] = [];
  const groupMin: number[] = [];
  for (const list of lists) {
    for (let g = 0; g < list.length; g += BLOCK * GROUP) {
      const groupEnd = Math.min(list.length, g + BLOCK * GROUP);
      groupStart.push(blockStart.length);
      groupMin.push(Math.min(...list.slice(g, groupEnd)));
      for (let b = g; b < groupEnd; b += BLOCK) {
        const block = list.slice(b, Math.min(groupEnd, b + BLOCK));
        blockStart.push(items.length);
        blockMin.push(Math.min(...block));
        items.push(...block);
      }
    }
    listGroups.push(groupStart.length);
  }
  blockStart.push(items.length);
  groupStart.push(blockMin.length);
  return {
    items: Int32Array.from(items),
    blockStart: Int32Array.from(blockStart),
    groupStart: Int32Array.from(groupStart),
    listGroups: Int32Array.from(listGroups),
    blockMin: Int32Array.from(blockMin),
    groupMin: Int32Array.from(groupMin),
  };
}

/** Calls `fill(at, from, to)` for every block and for every group, with their item ranges. */
function forEachRange(
  parts: Partition,
  fillBlock: (at: number, from: number, to: number) => void,
  fillGroup: (at: number, from: number, to: number) => void,
): void {
  for (let b = 0; b + 1 < parts.blockStart.length; b++)
    fillBlock(b, parts.blockStart[b]!, parts.blockStart[b + 1]!);
  for (let g = 0; g + 1 < parts.groupStart.length; g++) {
    fillGroup(g, parts.blockStart[parts.groupStart[g]!]!, parts.blockStart[parts.groupStart[g + 1]!]!);
  }
}

/** How many residents reach each concept. */
function residentsReaching(model: Model): Int32Array {
  const R = model.residents;
  const count = new Int32Array(Math.max(1, model.concepts.length));
  for (let i = 0; i < R.creditTarget.length; i++) count[R.creditTarget[i]!]!++;
  return count;
}

/** The required known concept of opening `o` the fewest residents reach, −1 when it requires none. */
function rarestRequired(model: Model, o: number, reachCount: Int32Array): number {
  const O = model.openings;
  let rarest = -1;
  for (let j = O.reqStart[o]!; j < O.reqStart[o + 1]!; j++) {
    const t = O.reqTarget[j]!;
    if (t >= 0 && O.reqRequired[j] === 1 && (rarest < 0 || reachCount[t]! < reachCount[rarest]!)) rarest = t;
  }
  return rarest;
}

// ---------------------------------------------------------------------------------------------------
// Top-k openings per resident.

/** Maxima over a block or group of openings of what a resident's score for them depends on. */
class OpeningBounds {
  readonly maxWageMin: Float64Array;
  readonly maxWageMax: Float64Array;
  /** Smallest known weekly hours, Infinity when none is known. */
  readonly minHours: Float64Array;
  readonly anyAccommodation: Uint8Array;
  /** 60 in a concept list; the largest base skill points (no concept reached) in an open list. */
  readonly skillBound: Int32Array;

  constructor(size: number) {
    this.maxWageMin = new Float64Array(size).fill(-Infinity);
    this.maxWageMax = new Float64Array(size).fill(-Infinity);
    this.minHours = new Float64Array(size).fill(Infinity);
    this.anyAccommodation = new Uint8Array(size);
    this.skillBound = new Int32Array(size);
  }

  fill(model: Model, at: number, openings: Int32Array, from: number, to: number, open: boolean): void {
    const O = model.openings;
    for (let i = from; i < to; i++) {
      const o = openings[i]!;
      this.maxWageMin[at] = Math.max(this.maxWageMin[at]!, O.wageMin[o]!);
      this.maxWageMax[at] = Math.max(this.maxWageMax[at]!, O.wageMax[o]!);
      if (!Number.isNaN(O.hours[o]!)) this.minHours[at] = Math.min(this.minHours[at]!, O.hours[o]!);
      if (O.accommodation[o] === 1) this.anyAccommodation[at] = 1;
      this.skillBound[at] = Math.max(this.skillBound[at]!, open ? O.baseSkill[o]! : FACTOR_MAX.skills);
    }
  }
}

interface OpeningIndex {
  readonly parts: Partition;
  readonly blocks: OpeningBounds;
  readonly groups: OpeningBounds;
  /** List of (concept t, county c) at `posting[t * counties + c]`, −1 when empty. */
  readonly posting: Int32Array;
  /** List of the openings in county c that require no known concept, −1 when empty. */
  readonly open: Int32Array;
}

function buildOpeningIndex(model: Model): OpeningIndex {
  const O = model.openings;
  const counties = model.counties.length;
  const openBase = model.concepts.length * counties;
  const keyed = new Map<number, number[]>();
  const push = (key: number, o: number): void => {
    const list = keyed.get(key);
    if (list === undefined) keyed.set(key, [o]);
    else if (list[list.length - 1] !== o) list.push(o);
  };
  const reachCount = residentsReaching(model);
  for (let o = 0; o < O.n; o++) {
    const rarest = rarestRequired(model, o, reachCount);
    if (rarest >= 0) {
      // Eligible only for residents reaching every required concept: listing it under one is enough.
      push(rarest * counties + O.county[o]!, o);
      continue;
    }
    // Open to everyone; listed under its preferred concepts too, so those who reach one get exact scores.
    for (let j = O.reqStart[o]!; j < O.reqStart[o + 1]!; j++) {
      const t = O.reqTarget[j]!;
      if (t >= 0) push(t * counties + O.county[o]!, o);
    }
    push(openBase + O.county[o]!, o);
  }
  const keys = [...keyed.keys()].sort((a, b) => a - b);
  const parts = partition(keys.map((key) => keyed.get(key)!));
  const posting = new Int32Array(openBase).fill(-1);
  const open = new Int32Array(counties).fill(-1);
  keys.forEach((key, l) => {
    if (key >= openBase) open[key - openBase] = l;
    else posting[key] = l;
  });
  const blockIsOpen = new Uint8Array(parts.blockMin.length);
  const groupIsOpen = new Uint8Array(parts.groupMin.length);
  keys.forEach((key, l) => {
    if (key < openBase) return;
    for (let g = parts.listGroups[l]!; g < parts.listGroups[l + 1]!; g++) {
      groupIsOpen[g] = 1;
      for (let b = parts.groupStart[g]!; b < parts.groupStart[g + 1]!; b++) blockIsOpen[b] = 1;
    }
  });
  const blocks = new OpeningBounds(parts.blockMin.length);
  const groups = new OpeningBounds(parts.groupMin.length);
  forEachRange(
    parts,
    (b, from, to) => {
      blocks.fill(model, b, parts.items, from, to, blockIsOpen[b] === 1);
    },
    (g, from, to) => {
      groups.fill(model, g, parts.items, from, to, groupIsOpen[g] === 1);
    },
  );
  return { parts, blocks, groups, posting, open };
}

/** Top-k eligible openings for each resident; slot `i` holds resident `i`, or `only[i]` when given. */
export function indexedByResident(
  model: Model,
  k: number,
  cutoff: number,
  only?: readonly number[],
): RankOutcome {
  const O = model.openings;
  const R = model.residents;
  const index = buildOpeningIndex(model);
  const { parts } = index;
  const counties = model.counties.length;
  const residents = only ?? [...R.records.keys()];
  const scratch = new ResidentScratch(model);
  const heap = new TopK(Math.min(k, O.n), cutoff);
  const ranked = allocateRanked(residents.length, k);
  const seen = new Int32Array(O.n).fill(-1);
  const stats: RankStats = { scored: 0, bounds: 0, skipped: 0 };

  // The resident being ranked and what their bounds depend on.
  let r = 0;
  let expected = Number.NaN;
  let maxHours = Number.NaN;
  let locationPlain = 0;
  let locationHoused = 0;
  const bound = (f: OpeningBounds, at: number): number => {
    const minHours = f.minHours[at]!;
    return (
      f.skillBound[at]! +
      (f.anyAccommodation[at] === 1 ? locationHoused : locationPlain) +
      wagePoints(expected, f.maxWageMin[at]!, f.maxWageMax[at]!) +
      (Number.isNaN(maxHours)
        ? FACTOR_MAX.hours
        : minHours === Infinity
          ? 0
          : hoursPoints(maxHours, minHours, false, 0))
    );
  };
  const scan = (list: number, rel: Relation, open: boolean): void => {
    locationPlain = locationPoints(rel, false);
    locationHoused = locationPoints(rel, true);
    for (let g = parts.listGroups[list]!; g < parts.listGroups[list + 1]!; g++) {
      stats.bounds++;
      if (!heap.admits(bound(index.groups, g), parts.groupMin[g]!)) {
        stats.skipped++;
        continue;
      }
      for (let b = parts.groupStart[g]!; b < parts.groupStart[g + 1]!; b++) {
        stats.bounds++;
        if (!heap.admits(bound(index.blocks, b), parts.blockMin[b]!)) {
          stats.skipped++;
          continue;
        }
        for (let i = parts.blockStart[b]!; i < parts.blockStart[b + 1]!; i++) {
          const o = parts.items[i]!;
          if (seen[o] === r) continue;
          seen[o] = r;
          // The pair's own bound: its exact non-skill points plus the most skill points it can give.
          if (!passesPersonalGates(model, r, o, rel) || !loadedHoldsLicences(model, scratch, o)) continue;
          const rest = nonSkillPoints(model, r, o, rel);
          if (!heap.admits((open ? O.baseSkill[o]! : FACTOR_MAX.skills) + rest, o)) continue;
          stats.scored++;
          const skill = loadedSkillPoints(model, scratch, o);
          if (skill >= 0) heap.offer(skill + rest, o);
        }
      }
    }
  };

  residents.forEach((resident, slot) => {
    r = resident;
    scratch.load(r);
    heap.reset();
    expected = R.expected[r]!;
    maxHours = R.maxHours[r]!;
    const home = R.county[r]!;
    const widest = R.returnHome[r] === 1 ? 0 : R.mobility[r]!;
    // Home county first, then the province, then further away: the k-th score rises early.
    for (let rel = 0; rel <= widest; rel++) {
      for (let c = 0; c < counties; c++) {
        if (relation(model, home, c) !== rel) continue;
        for (let i = R.creditStart[r]!; i < R.creditStart[r + 1]!; i++) {
          const list = index.posting[R.creditTarget[i]! * counties + c]!;
          if (list >= 0) scan(list, rel, false);
        }
        const list = index.open[c]!;
        if (list >= 0) scan(list, rel, true);
      }
    }
    heap.drainInto(ranked, slot);
  });
  scratch.clear();
  return { ranked, stats };
}

// ---------------------------------------------------------------------------------------------------
// Top-k residents per opening.

/** Extremes over a block or group of residents of what their score for an opening depends on. */
class ResidentBounds {
  /** Smallest known wage expectation, NaN when none is known (wage points fall as it rises). */
  readonly minExpected: Float64Array;
  /** 1 when someone states no weekly hours limit. */
  readonly anyNoLimit: Uint8Array;
  readonly maxMaxHours: Float64Array;
  readonly maxMobility: Uint8Array;

  constructor(size: number) {
    this.minExpected = new Float64Array(size).fill(Number.NaN);
    this.anyNoLimit = new Uint8Array(size);
    this.maxMaxHours = new Float64Array(size).fill(-Infinity);
    this.maxMobility = new Uint8Array(size);
  }

  fill(model: Model, at: number, residents: Int32Array, from: number, to: number): void {
    const R = model.residents;
    for (let i = from; i < to; i++) {
      const r = residents[i]!;
      const expected = R.expected[r]!;
      if (!Number.isNaN(expected) && !(this.minExpected[at]! <= expected)) this.minExpected[at] = expected;
      if (Number.isNaN(R.maxHours[r]!)) this.anyNoLimit[at] = 1;
      else this.maxMaxHours[at] = Math.max(this.maxMaxHours[at]!, R.maxHours[r]!);
      this.maxMobility[at] = Math.max(this.maxMobility[at]!, R.mobility[r]!);
    }
  }
}

interface ResidentIndex {
  readonly parts: Partition;
  readonly blocks: ResidentBounds;
  readonly groups: ResidentBounds;
  /** List of the residents reaching concept t and living in county c at `posting[t * counties + c]`. */
  readonly posting: Int32Array;
  /** Residents reaching concept t, in any county: picks an opening's rarest required concept. */
  readonly reachCount: Int32Array;
  /** List of all residents living in county c. */
  readonly open: Int32Array;
}

function buildResidentIndex(model: Model): ResidentIndex {
  const R = model.residents;
  const counties = model.counties.length;
  const openBase = model.concepts.length * counties;
  const keyed = new Map<number, number[]>();
  const push = (key: number, r: number): void => {
    const list = keyed.get(key);
    if (list === undefined) keyed.set(key, [r]);
    else list.push(r);
  };
  for (let r = 0; r < R.n; r++) {
    for (let i = R.creditStart[r]!; i < R.creditStart[r + 1]!; i++) {
      push(R.creditTarget[i]! * counties + R.county[r]!, r);
    }
    push(openBase + R.county[r]!, r);
  }
  const keys = [...keyed.keys()].sort((a, b) => a - b);
  const parts = partition(keys.map((key) => keyed.get(key)!));
  const posting = new Int32Array(openBase).fill(-1);
  const open = new Int32Array(counties).fill(-1);
  keys.forEach((key, l) => {
    if (key >= openBase) open[key - openBase] = l;
    else posting[key] = l;
  });
  const blocks = new ResidentBounds(parts.blockMin.length);
  const groups = new ResidentBounds(parts.groupMin.length);
  forEachRange(
    parts,
    (b, from, to) => {
      blocks.fill(model, b, parts.items, from, to);
    },
    (g, from, to) => {
      groups.fill(model, g, parts.items, from, to);
    },
  );
  return { parts, blocks, groups, posting, reachCount: residentsReaching(model), open };
}

/** Top-k eligible residents for each opening; slot `o` holds opening `o`. */
export function indexedByOpening(model: Model, k: number, cutoff: number): RankOutcome {
  const O = model.openings;
  const R = model.residents;
  const index = buildResidentIndex(model);
  const { parts } = index;
  const counties = model.counties.length;
  const heap = new TopK(Math.min(k, R.n), cutoff);
  const ranked = allocateRanked(O.n, k);
  const seen = new Int32Array(R.n).fill(-1);
  const stats: RankStats = { scored: 0, bounds: 0, skipped: 0 };

  // The opening being filled and what the bounds depend on.
  let o = 0;
  let location = 0;
  let wageMin = 0;
  let wageMax = 0;
  let hours = Number.NaN;
  let skillBound = 0;
  let rel: Relation = 0;
  const admits = (f: ResidentBounds, at: number, minItem: number): boolean =>
    rel <= f.maxMobility[at]! &&
    heap.admits(
      skillBound +
        location +
        wagePoints(f.minExpected[at]!, wageMin, wageMax) +
        (f.anyNoLimit[at] === 1 ? FACTOR_MAX.hours : hoursPoints(f.maxMaxHours[at]!, hours, false, 0)),
      minItem,
    );
  const scan = (list: number): void => {
    location = locationPoints(rel, O.accommodation[o] === 1);
    for (let g = parts.listGroups[list]!; g < parts.listGroups[list + 1]!; g++) {
      stats.bounds++;
      if (!admits(index.groups, g, parts.groupMin[g]!)) {
        stats.skipped++;
        continue;
      }
      for (let b = parts.groupStart[g]!; b < parts.groupStart[g + 1]!; b++) {
        stats.bounds++;
        if (!admits(index.blocks, b, parts.blockMin[b]!)) {
          stats.skipped++;
          continue;
        }
        for (let i = parts.blockStart[b]!; i < parts.blockStart[b + 1]!; i++) {
          const r = parts.items[i]!;
          if (seen[r] === o) continue;
          seen[r] = o;
          if (!passesPersonalGates(model, r, o, rel) || !pairHoldsLicences(model, r, o)) continue;
          const rest = nonSkillPoints(model, r, o, rel);
          if (!heap.admits(skillBound + rest, r)) continue;
          stats.scored++;
          const skill = pairSkillPoints(model, r, o);
          if (skill >= 0) heap.offer(skill + rest, r);
        }
      }
    }
  };

  for (o = 0; o < O.n; o++) {
    heap.reset();
    wageMin = O.wageMin[o]!;
    wageMax = O.wageMax[o]!;
    hours = O.hours[o]!;
    // Only residents reaching the rarest required concept can be eligible; without one, everyone nearby.
    let rarest = -1;
    for (let j = O.reqStart[o]!; j < O.reqStart[o + 1]!; j++) {
      const t = O.reqTarget[j]!;
      if (
        t >= 0 &&
        O.reqRequired[j] === 1 &&
        (rarest < 0 || index.reachCount[t]! < index.reachCount[rarest]!)
      ) {
        rarest = t;
      }
    }
    for (let pass = 0; pass <= 2; pass++) {
      for (let c = 0; c < counties; c++) {
        rel = relation(model, c, O.county[o]!);
        if (rel !== pass) continue;
        skillBound = FACTOR_MAX.skills;
        if (rarest >= 0) {
          const list = index.posting[rarest * counties + c]!;
          if (list >= 0) scan(list);
          continue;
        }
        for (let j = O.reqStart[o]!; j < O.reqStart[o + 1]!; j++) {
          const t = O.reqTarget[j]!;
          const list = t >= 0 ? index.posting[t * counties + c]! : -1;
          if (list >= 0) scan(list);
        }
        skillBound = O.baseSkill[o]!;
        const list = index.open[c]!;
        if (list >= 0) scan(list);
      }
    }
    heap.drainInto(ranked, o);
  }
  return { ranked, stats };
}
