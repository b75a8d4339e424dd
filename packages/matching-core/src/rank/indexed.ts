/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays are read within bounds by construction */
// The indexed ranker. Candidates come from inverted lists keyed by (concept, county): an opening that
// requires a known concept can only be eligible for residents whose skills reach that concept. Openings
// that require no known concept (普工-like work) sit in one open list per county. Every list is cut into
// small blocks with the maxima of what the score depends on, so a whole block is skipped when its upper
// bound cannot beat the current k-th match (MaxScore / block-max WAND style). Scores of the pairs that
// are computed come from the same pair scorer as the naive reference, so the results are identical.
import { FACTOR_MAX, hoursPoints, locationPoints, wagePoints, type Relation } from '../score/points.ts';
import { TopK } from './heap.ts';
import { ResidentScratch, relation, scoreLoaded, scorePair, type Model } from './model.ts';

const BLOCK_SIZE = 16;

export interface RankStats {
  /** Pairs whose score was computed. */
  scored: number;
  /** Blocks whose bound was checked, and of those skipped. */
  blocks: number;
  skippedBlocks: number;
}

export interface RankOutcome {
  readonly results: { items: number[]; scores: number[] }[];
  readonly stats: RankStats;
}

/** Lists cut into blocks; list `l` has blocks `[listBlocks[l], listBlocks[l + 1])`. */
interface Blocks {
  readonly items: Int32Array;
  /** Items of block `b` are `items[blockStart[b] … blockStart[b + 1])`. */
  readonly blockStart: Int32Array;
  readonly listBlocks: Int32Array;
  readonly minItem: Int32Array;
}

function cutIntoBlocks(lists: readonly (readonly number[])[]): Blocks {
  const items: number[] = [];
  const blockStart: number[] = [];
  const listBlocks: number[] = [0];
  const minItem: number[] = [];
  for (const list of lists) {
    for (let from = 0; from < list.length; from += BLOCK_SIZE) {
      blockStart.push(items.length);
      const block = list.slice(from, from + BLOCK_SIZE);
      items.push(...block);
      minItem.push(Math.min(...block));
    }
    listBlocks.push(blockStart.length);
  }
  blockStart.push(items.length);
  return {
    items: Int32Array.from(items),
    blockStart: Int32Array.from(blockStart),
    listBlocks: Int32Array.from(listBlocks),
    minItem: Int32Array.from(minItem),
  };
}

// ---------------------------------------------------------------------------------------------------
// Top-k openings per resident.

interface OpeningIndex {
  readonly blocks: Blocks;
  /** List of (concept t, county c) at `posting[t * counties + c]`, −1 when empty. */
  readonly posting: Int32Array;
  /** List of openings in county c that require no known concept, −1 when empty. */
  readonly open: Int32Array;
  readonly maxWageMin: Float64Array;
  readonly maxWageMax: Float64Array;
  /** Smallest known weekly hours in the block, Infinity when none is known. */
  readonly minHours: Float64Array;
  readonly anyAccommodation: Uint8Array;
  /** Skill points bound: 60 in a concept list, the largest base skill points in an open list. */
  readonly skillBound: Int32Array;
}

function buildOpeningIndex(model: Model): OpeningIndex {
  const O = model.openings;
  const counties = model.counties.length;
  const keyed = new Map<number, number[]>();
  const push = (key: number, o: number): void => {
    const list = keyed.get(key);
    if (list === undefined) keyed.set(key, [o]);
    else if (list[list.length - 1] !== o) list.push(o);
  };
  const openKey = (c: number): number => model.concepts.length * counties + c;
  for (let o = 0; o < O.n; o++) {
    for (let j = O.reqStart[o]!; j < O.reqStart[o + 1]!; j++) {
      const t = O.reqTarget[j]!;
      if (t >= 0) push(t * counties + O.county[o]!, o);
    }
    if (O.knownRequired[o] === 0) push(openKey(O.county[o]!), o);
  }
  // Best-paying first, so the k-th score rises early and later blocks have low bounds.
  const order = (a: number, b: number): number =>
    O.wageMin[b]! - O.wageMin[a]! || O.wageMax[b]! - O.wageMax[a]! || a - b;
  const keys = [...keyed.keys()].sort((a, b) => a - b);
  const lists = keys.map((key) => keyed.get(key)!.sort(order));
  const blocks = cutIntoBlocks(lists);
  const posting = new Int32Array(model.concepts.length * counties).fill(-1);
  const open = new Int32Array(counties).fill(-1);
  const isOpenList = new Uint8Array(keys.length);
  keys.forEach((key, l) => {
    if (key >= model.concepts.length * counties) {
      open[key - model.concepts.length * counties] = l;
      isOpenList[l] = 1;
    } else posting[key] = l;
  });
  const nBlocks = blocks.minItem.length;
  const index = {
    blocks,
    posting,
    open,
    maxWageMin: new Float64Array(nBlocks).fill(-Infinity),
    maxWageMax: new Float64Array(nBlocks).fill(-Infinity),
    minHours: new Float64Array(nBlocks).fill(Infinity),
    anyAccommodation: new Uint8Array(nBlocks),
    skillBound: new Int32Array(nBlocks),
  };
  for (let l = 0; l < keys.length; l++) {
    for (let b = blocks.listBlocks[l]!; b < blocks.listBlocks[l + 1]!; b++) {
      for (let i = blocks.blockStart[b]!; i < blocks.blockStart[b + 1]!; i++) {
        const o = blocks.items[i]!;
        index.maxWageMin[b] = Math.max(index.maxWageMin[b]!, O.wageMin[o]!);
        index.maxWageMax[b] = Math.max(index.maxWageMax[b]!, O.wageMax[o]!);
        if (!Number.isNaN(O.hours[o]!)) index.minHours[b] = Math.min(index.minHours[b]!, O.hours[o]!);
        if (O.accommodation[o] === 1) index.anyAccommodation[b] = 1;
        const skill = isOpenList[l] === 1 ? O.baseSkill[o]! : FACTOR_MAX.skills;
        index.skillBound[b] = Math.max(index.skillBound[b]!, skill);
      }
    }
  }
  return index;
}

/** Top-k eligible openings for each resident (or each resident index in `only`). */
export function indexedByResident(
  model: Model,
  k: number,
  cutoff: number,
  only?: readonly number[],
): RankOutcome {
  const O = model.openings;
  const R = model.residents;
  const index = buildOpeningIndex(model);
  const { blocks } = index;
  const counties = model.counties.length;
  const scratch = new ResidentScratch(model);
  const heap = new TopK(Math.min(k, O.n), cutoff);
  const seen = new Int32Array(O.n).fill(-1);
  const stats: RankStats = { scored: 0, blocks: 0, skippedBlocks: 0 };
  const results: { items: number[]; scores: number[] }[] = [];

  let expected = Number.NaN;
  let maxHours = Number.NaN;
  let r = 0;
  const scan = (list: number, rel: Relation): void => {
    const locationPlain = locationPoints(rel, false);
    const locationHoused = locationPoints(rel, true);
    for (let b = blocks.listBlocks[list]!; b < blocks.listBlocks[list + 1]!; b++) {
      stats.blocks++;
      const minHours = index.minHours[b]!;
      const bound =
        index.skillBound[b]! +
        (index.anyAccommodation[b] === 1 ? locationHoused : locationPlain) +
        wagePoints(expected, index.maxWageMin[b]!, index.maxWageMax[b]!) +
        (Number.isNaN(maxHours)
          ? FACTOR_MAX.hours
          : minHours === Infinity
            ? 0
            : hoursPoints(maxHours, minHours, false, 0));
      if (!heap.admits(bound, blocks.minItem[b]!)) {
        stats.skippedBlocks++;
        continue;
      }
      for (let i = blocks.blockStart[b]!; i < blocks.blockStart[b + 1]!; i++) {
        const o = blocks.items[i]!;
        if (seen[o] === r) continue;
        seen[o] = r;
        stats.scored++;
        const score = scoreLoaded(model, scratch, r, o);
        if (score >= 0) heap.offer(score, o);
      }
    }
  };

  for (const resident of only ?? R.records.keys()) {
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
          if (list >= 0) scan(list, rel);
        }
        const list = index.open[c]!;
        if (list >= 0) scan(list, rel);
      }
    }
    results.push(heap.drain());
  }
  scratch.clear();
  return { results, stats };
}

// ---------------------------------------------------------------------------------------------------
// Top-k residents per opening.

interface ResidentIndex {
  readonly blocks: Blocks;
  /** List of residents reaching concept t and living in county c at `posting[t * counties + c]`. */
  readonly posting: Int32Array;
  /** Residents reaching concept t, in any county: picks the rarest required concept of an opening. */
  readonly reachCount: Int32Array;
  /** All residents living in county c. */
  readonly open: Int32Array;
  /** Smallest known wage expectation in the block, NaN when none is known. */
  readonly minExpected: Float64Array;
  /** 1 when someone in the block states no weekly hours limit. */
  readonly anyNoLimit: Uint8Array;
  readonly maxMaxHours: Float64Array;
  readonly maxMobility: Uint8Array;
}

function buildResidentIndex(model: Model): ResidentIndex {
  const R = model.residents;
  const counties = model.counties.length;
  const keyed = new Map<number, number[]>();
  const push = (key: number, r: number): void => {
    const list = keyed.get(key);
    if (list === undefined) keyed.set(key, [r]);
    else list.push(r);
  };
  const reachCount = new Int32Array(Math.max(1, model.concepts.length));
  const openBase = model.concepts.length * counties;
  for (let r = 0; r < R.n; r++) {
    for (let i = R.creditStart[r]!; i < R.creditStart[r + 1]!; i++) {
      const t = R.creditTarget[i]!;
      reachCount[t]!++;
      push(t * counties + R.county[r]!, r);
    }
    push(openBase + R.county[r]!, r);
  }
  // Lowest wage expectation first (unknown last): they take the most wage points.
  const order = (a: number, b: number): number => {
    const ea = R.expected[a]!;
    const eb = R.expected[b]!;
    if (Number.isNaN(ea) !== Number.isNaN(eb)) return Number.isNaN(ea) ? 1 : -1;
    return (Number.isNaN(ea) ? 0 : ea - eb) || a - b;
  };
  const keys = [...keyed.keys()].sort((a, b) => a - b);
  const blocks = cutIntoBlocks(keys.map((key) => keyed.get(key)!.sort(order)));
  const posting = new Int32Array(model.concepts.length * counties).fill(-1);
  const open = new Int32Array(counties).fill(-1);
  keys.forEach((key, l) => {
    if (key >= openBase) open[key - openBase] = l;
    else posting[key] = l;
  });
  const nBlocks = blocks.minItem.length;
  const index = {
    blocks,
    posting,
    reachCount,
    open,
    minExpected: new Float64Array(nBlocks).fill(Number.NaN),
    anyNoLimit: new Uint8Array(nBlocks),
    maxMaxHours: new Float64Array(nBlocks).fill(-Infinity),
    maxMobility: new Uint8Array(nBlocks),
  };
  for (let b = 0; b < nBlocks; b++) {
    for (let i = blocks.blockStart[b]!; i < blocks.blockStart[b + 1]!; i++) {
      const r = blocks.items[i]!;
      const expected = R.expected[r]!;
      if (!Number.isNaN(expected) && !(index.minExpected[b]! <= expected)) index.minExpected[b] = expected;
      if (Number.isNaN(R.maxHours[r]!)) index.anyNoLimit[b] = 1;
      else index.maxMaxHours[b] = Math.max(index.maxMaxHours[b]!, R.maxHours[r]!);
      index.maxMobility[b] = Math.max(index.maxMobility[b]!, R.mobility[r]!);
    }
  }
  return index;
}

/** Top-k eligible residents for each opening. */
export function indexedByOpening(model: Model, k: number, cutoff: number): RankOutcome {
  const O = model.openings;
  const R = model.residents;
  const index = buildResidentIndex(model);
  const { blocks } = index;
  const counties = model.counties.length;
  const heap = new TopK(Math.min(k, R.n), cutoff);
  const seen = new Int32Array(R.n).fill(-1);
  const stats: RankStats = { scored: 0, blocks: 0, skippedBlocks: 0 };
  const results: { items: number[]; scores: number[] }[] = [];

  let o = 0;
  const scan = (list: number, rel: Relation, skillBound: number): void => {
    const location = locationPoints(rel, O.accommodation[o] === 1);
    const wageMin = O.wageMin[o]!;
    const wageMax = O.wageMax[o]!;
    const hours = O.hours[o]!;
    for (let b = blocks.listBlocks[list]!; b < blocks.listBlocks[list + 1]!; b++) {
      stats.blocks++;
      const bound =
        skillBound +
        location +
        wagePoints(index.minExpected[b]!, wageMin, wageMax) +
        (index.anyNoLimit[b] === 1 ? FACTOR_MAX.hours : hoursPoints(index.maxMaxHours[b]!, hours, false, 0));
      if (rel > index.maxMobility[b]! || !heap.admits(bound, blocks.minItem[b]!)) {
        stats.skippedBlocks++;
        continue;
      }
      for (let i = blocks.blockStart[b]!; i < blocks.blockStart[b + 1]!; i++) {
        const r = blocks.items[i]!;
        if (seen[r] === o) continue;
        seen[r] = o;
        stats.scored++;
        const score = scorePair(model, r, o);
        if (score >= 0) heap.offer(score, r);
      }
    }
  };

  for (o = 0; o < O.n; o++) {
    heap.reset();
    const work = O.county[o]!;
    // The rarest required concept bounds the candidates; without one, everyone nearby is a candidate.
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
    for (let rel = 0; rel <= 2; rel++) {
      for (let c = 0; c < counties; c++) {
        if (relation(model, c, work) !== rel) continue;
        if (rarest >= 0) {
          const list = index.posting[rarest * counties + c]!;
          if (list >= 0) scan(list, rel, FACTOR_MAX.skills);
          continue;
        }
        for (let j = O.reqStart[o]!; j < O.reqStart[o + 1]!; j++) {
          const t = O.reqTarget[j]!;
          const list = t >= 0 ? index.posting[t * counties + c]! : -1;
          if (list >= 0) scan(list, rel, FACTOR_MAX.skills);
        }
        const list = index.open[c]!;
        if (list >= 0) scan(list, rel, O.baseSkill[o]!);
      }
    }
    results.push(heap.drain());
  }
  return { results, stats };
}
