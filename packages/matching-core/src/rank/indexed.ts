/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays are read within bounds by construction */
// The indexed ranker. Candidates come from inverted lists keyed by (concept, county): an opening that
// requires a known concept can only be eligible for residents whose skills reach that concept. Openings
// that require no known concept (普工-like work) sit in one open list per county. Every list is kept in
// index (id) order and cut into blocks, and blocks into groups, each with the maxima of what the score
// depends on; a group, a block or a single pair is skipped when its upper bound cannot beat the current
// k-th match (block-max WAND style). Index order makes ties cheap: once k matches reach a bound, every
// later block with that bound is skipped. The pairs that are scored use the same functions as the naive
// reference, so the results are identical.
import {
  FACTOR_MAX,
  NO_SKILL_BASE,
  hoursPoints,
  skillPoints,
  locationPoints,
  wagePoints,
  type Relation,
} from '../score/points.ts';
import { alikeResidents } from './alike.ts';
import { TopK, allocateRanked, copySlot, type Ranked } from './heap.ts';
import {
  LEVEL_SLOTS,
  OPENING_STRIDE,
  RESIDENT_AGE,
  RESIDENT_EXPECTED,
  RESIDENT_MAX_HOURS,
  RESIDENT_NO_NIGHT,
  RESIDENT_REACH_HIGH,
  RESIDENT_REACH_LOW,
  RESIDENT_STRIDE,
  ResidentScratch,
  copyOpeningRecords,
  loadedHoldsLicencesAt,
  loadedSkillPointsAt,
  nonSkillPointsOf,
  passesOpeningGatesAt,
  pairHoldsLicences,
  creditOf,
  relation,
  type Model,
  type OpeningRecords,
} from './model.ts';

/** Items per block, and blocks per group. */
const BLOCK = 8;
const GROUP = 8;

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

/**
 * Lists cut into blocks of `BLOCK` items and groups of `GROUP` blocks. List `l` has key `keys[l]` and groups
 * `[listGroups[l], listGroups[l + 1])`, group `g` has blocks `[groupStart[g], groupStart[g + 1])`, block
 * `b` has items `items[blockStart[b] … blockStart[b + 1])`. Items ascend within a list, so the first item
 * of a block, group or list is its smallest (`blockMin`, `groupMin`, `listMin`). `data[i]` is what the
 * entry of `items[i]` carried.
 */
interface Partition {
  readonly keys: Int32Array;
  readonly items: Int32Array;
  readonly data: Int32Array;
  readonly blockStart: Int32Array;
  readonly groupStart: Int32Array;
  readonly listGroups: Int32Array;
  readonly blockMin: Int32Array;
  readonly groupMin: Int32Array;
  readonly listMin: Int32Array;
}

/**
 * (key, item) entries, items ascending, grouped into one list per key (keys ascending, `keySpace` bounds
 * them) and partitioned. A counting sort: stable, so every list keeps its items ascending.
 */
function partition(from: Entries, keySpace: number): Partition {
  const { keys: entryKeys, items: entryItems, data: entryData, size: entries } = from;
  const count = new Int32Array(keySpace + 1);
  for (let e = 0; e < entries; e++) count[entryKeys[e]! + 1]!++;
  let lists = 0;
  for (let key = 0; key < keySpace; key++) if (count[key + 1]! > 0) lists++;
  const keys = new Int32Array(lists);
  const listStart = new Int32Array(lists + 1);
  let blocks = 0;
  let groups = 0;
  for (let key = 0, l = 0; key < keySpace; key++) {
    const size = count[key + 1]!;
    count[key + 1] = count[key]! + size;
    if (size === 0) continue;
    keys[l] = key;
    listStart[++l] = count[key + 1]!;
    blocks += Math.ceil(size / BLOCK);
    groups += Math.ceil(size / (BLOCK * GROUP));
  }
  const items = new Int32Array(entries);
  const data = new Int32Array(entries);
  for (let e = 0; e < entries; e++) {
    const at = count[entryKeys[e]!]!++;
    items[at] = entryItems[e]!;
    data[at] = entryData[e]!;
  }
  const blockStart = new Int32Array(blocks + 1);
  const groupStart = new Int32Array(groups + 1);
  const listGroups = new Int32Array(lists + 1);
  let b = 0;
  let g = 0;
  for (let l = 0; l < lists; l++) {
    for (let from = listStart[l]!; from < listStart[l + 1]!; from += BLOCK) {
      if ((from - listStart[l]!) % (BLOCK * GROUP) === 0) groupStart[g++] = b;
      blockStart[b++] = from;
    }
    listGroups[l + 1] = g;
  }
  blockStart[b] = entries;
  groupStart[g] = b;
  return {
    keys,
    items,
    data,
    blockStart,
    groupStart,
    listGroups,
    blockMin: blockStart.subarray(0, blocks).map((at) => items[at]!),
    groupMin: groupStart.subarray(0, groups).map((at) => items[blockStart[at]!]!),
    listMin: listStart.subarray(0, lists).map((at) => items[at]!),
  };
}

/** Growable (key, item, data) entries for `partition`. */
class Entries {
  keys = new Int32Array(1024);
  items = new Int32Array(1024);
  data = new Int32Array(1024);
  size = 0;

  push(key: number, item: number, data = 0): void {
    if (this.size === this.keys.length) {
      const grown = (from: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const to = new Int32Array(from.length * 2);
        to.set(from);
        return to;
      };
      this.keys = grown(this.keys);
      this.items = grown(this.items);
      this.data = grown(this.data);
    }
    this.keys[this.size] = key;
    this.items[this.size] = item;
    this.data[this.size++] = data;
  }
}

/** Calls `fill(at, from, to)` for every block, group and list, with their item ranges. */
function forEachRange(
  parts: Partition,
  fillBlock: (at: number, from: number, to: number) => void,
  fillGroup: (at: number, from: number, to: number) => void,
  fillList: (at: number, from: number, to: number) => void = () => undefined,
): void {
  const { blockStart, groupStart, listGroups } = parts;
  for (let b = 0; b + 1 < blockStart.length; b++) fillBlock(b, blockStart[b]!, blockStart[b + 1]!);
  for (let g = 0; g + 1 < groupStart.length; g++) {
    fillGroup(g, blockStart[groupStart[g]!]!, blockStart[groupStart[g + 1]!]!);
  }
  for (let l = 0; l + 1 < listGroups.length; l++) {
    fillList(l, blockStart[groupStart[listGroups[l]!]!]!, blockStart[groupStart[listGroups[l + 1]!]!]!);
  }
}

/**
 * Groups and blocks still to visit for one resident (or opening), best bound first and, among equal
 * bounds, lowest first item first: a binary heap of packed numeric keys. Taking the best first makes the
 * k-th score rise as early as possible, and the first entry that cannot beat it ends the search.
 */
class BestFirst {
  /** Heap of packed keys, with the slot of each key alongside. */
  #keys = new Float64Array(256);
  #slotAt = new Int32Array(256);
  /** By slot: the entry, its bound and relation. */
  #entry = new Int32Array(256);
  #bound = new Int32Array(256);
  #extra = new Int32Array(256);
  #rel = new Uint8Array(256);
  #size = 0;
  #slots = 0;
  readonly #itemScale: number;

  /** `items` bounds the item indices (openings or residents). */
  constructor(items: number) {
    this.#itemScale = items + 1;
  }

  get size(): number {
    return this.#size;
  }

  reset(): void {
    this.#size = 0;
    this.#slots = 0;
  }

  /**
   * Queues `entry` (a block b, a group −1 − g, a list −1 − groups − l) with its bound, an integer the
   * search keeps with it (`extra`), its first item and relation.
   */
  push(entry: number, bound: number, extra: number, minItem: number, rel: Relation): void {
    const slot = this.#slots++;
    if (slot >= this.#entry.length) this.#grow();
    this.#entry[slot] = entry;
    this.#bound[slot] = bound;
    this.#extra[slot] = extra;
    this.#rel[slot] = rel;
    // Best first: higher bound, then lower first item, then earlier push (the slot breaks ties).
    const key = (FACTOR_MAX_TOTAL - bound) * this.#itemScale + minItem;
    let at = this.#size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const parentKey = this.#keys[parent]!;
      if (parentKey < key || (parentKey === key && this.#slotAt[parent]! < slot)) break;
      this.#keys[at] = parentKey;
      this.#slotAt[at] = this.#slotAt[parent]!;
      at = parent;
    }
    this.#keys[at] = key;
    this.#slotAt[at] = slot;
  }

  /** The slot of the best entry; read it with `entry`, `bound`, `rel`. */
  peek(): number {
    return this.#slotAt[0]!;
  }

  pop(): void {
    const size = --this.#size;
    const key = this.#keys[size]!;
    const slot = this.#slotAt[size]!;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (right < size) {
        const rightKey = this.#keys[right]!;
        const leftKey = this.#keys[left]!;
        if (rightKey < leftKey || (rightKey === leftKey && this.#slotAt[right]! < this.#slotAt[left]!))
          child = right;
      }
      const childKey = this.#keys[child]!;
      if (childKey > key || (childKey === key && this.#slotAt[child]! > slot)) break;
      this.#keys[at] = childKey;
      this.#slotAt[at] = this.#slotAt[child]!;
      at = child;
    }
    this.#keys[at] = key;
    this.#slotAt[at] = slot;
  }

  entry(slot: number): number {
    return this.#entry[slot]!;
  }

  bound(slot: number): number {
    return this.#bound[slot]!;
  }

  extra(slot: number): number {
    return this.#extra[slot]!;
  }

  rel(slot: number): Relation {
    return this.#rel[slot] as Relation;
  }

  #grow(): void {
    const n = this.#entry.length * 2;
    const grown = <T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.#keys = grown(this.#keys, new Float64Array(n));
    this.#slotAt = grown(this.#slotAt, new Int32Array(n));
    this.#entry = grown(this.#entry, new Int32Array(n));
    this.#bound = grown(this.#bound, new Int32Array(n));
    this.#extra = grown(this.#extra, new Int32Array(n));
    this.#rel = grown(this.#rel, new Uint8Array(n));
  }
}

/** No score exceeds this; bounds are kept below it in queue keys. */
const FACTOR_MAX_TOTAL = 128;

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

/**
 * Maxima over a block or group of openings of what a resident's score for them depends on. For a list of
 * openings under concept t, the skill bound uses the share of the weight t carries in each opening and
 * which other concepts they ask for: a resident who reaches none of those gets credit for t alone. One
 * `OPENING_BOUND_STRIDE`-wide record per block, group or list (fields `OB_*`): a bound reads one record.
 */
class OpeningBounds {
  readonly data: Float64Array;

  constructor(size: number) {
    this.data = new Float64Array(size * OPENING_BOUND_STRIDE);
    for (let x = 0; x < this.data.length; x += OPENING_BOUND_STRIDE) {
      this.data[x + OB_WAGE_MIN] = -Infinity;
      this.data[x + OB_WAGE_MAX] = -Infinity;
      this.data[x + OB_MIN_HOURS] = Infinity;
      this.data[x + OB_TARGET] = -1;
      this.data[x + OB_MAX_SHARE_REQUIRED] = -1;
      this.data[x + OB_MIN_SHARE_REQUIRED] = 2;
      this.data[x + OB_MAX_SHARE_OPEN] = -1;
      this.data[x + OB_MIN_SHARE_OPEN] = 2;
      this.data[x + OB_MIN_LEVEL] = LEVEL_SLOTS - 1;
    }
  }

  fill(model: Model, at: number, openings: Int32Array, from: number, to: number, target: number): void {
    const O = model.openings;
    const d = this.data;
    const x = at * OPENING_BOUND_STRIDE;
    d[x + OB_TARGET] = target;
    for (let i = from; i < to; i++) {
      const o = openings[i]!;
      d[x + OB_WAGE_MIN] = Math.max(d[x + OB_WAGE_MIN]!, O.wageMin[o]!);
      d[x + OB_WAGE_MAX] = Math.max(d[x + OB_WAGE_MAX]!, O.wageMax[o]!);
      if (!Number.isNaN(O.hours[o]!)) d[x + OB_MIN_HOURS] = Math.min(d[x + OB_MIN_HOURS]!, O.hours[o]!);
      if (O.accommodation[o] === 1) d[x + OB_ACCOMMODATION] = 1;
      d[x + OB_BASE_SKILL] = Math.max(d[x + OB_BASE_SKILL]!, O.baseSkill[o]!);
      if (target < 0) continue;
      for (let j = O.reqStart[o]!; j < O.reqStart[o + 1]!; j++) {
        const t = O.reqTarget[j]!;
        if (t < 0) continue;
        if (t !== target) {
          const half = (t & 63) < 32 ? OB_OTHERS_LOW : OB_OTHERS_HIGH;
          d[x + half] = d[x + half]! | (1 << (t & 31));
          continue;
        }
        const share = O.reqWeight[j]! / O.totalWeight[o]!;
        d[x + OB_MIN_LEVEL] = Math.min(d[x + OB_MIN_LEVEL]!, O.reqMinLevel[j]!);
        const [most, least] =
          O.anyRequired[o] === 1
            ? [OB_MAX_SHARE_REQUIRED, OB_MIN_SHARE_REQUIRED]
            : [OB_MAX_SHARE_OPEN, OB_MIN_SHARE_OPEN];
        d[x + most] = Math.max(d[x + most]!, share);
        d[x + least] = Math.min(d[x + least]!, share);
      }
    }
  }

  /**
   * Most skill points any opening of entry `at` can give a resident with credits `credit` (by concept and
   * minimum level) reaching the concepts hashed into `reachLow`/`reachHigh`. Rounded up, so float rounding
   * can only loosen it.
   */
  skillBound(at: number, credit: Float64Array, reachLow: number, reachHigh: number): number {
    const d = this.data;
    const x = at * OPENING_BOUND_STRIDE;
    const target = d[x + OB_TARGET]!;
    if (target < 0) return d[x + OB_BASE_SKILL]!;
    // The credit for the list's concept at the lowest minimum level here (credit only falls as it rises).
    const c = credit[target * LEVEL_SLOTS + d[x + OB_MIN_LEVEL]!]!;
    const alone = (reachLow & d[x + OB_OTHERS_LOW]!) === 0 && (reachHigh & d[x + OB_OTHERS_HIGH]!) === 0;
    let fit = -Infinity;
    if (d[x + OB_MAX_SHARE_REQUIRED]! >= 0) {
      fit = alone ? d[x + OB_MAX_SHARE_REQUIRED]! * c : 1 - d[x + OB_MIN_SHARE_REQUIRED]! * (1 - c);
    }
    if (d[x + OB_MAX_SHARE_OPEN]! >= 0) {
      const share = alone ? d[x + OB_MAX_SHARE_OPEN]! * c : 1 - d[x + OB_MIN_SHARE_OPEN]! * (1 - c);
      fit = Math.max(fit, NO_SKILL_BASE + (1 - NO_SKILL_BASE) * share);
    }
    return Math.ceil(FACTOR_MAX.skills * fit);
  }

  /**
   * Most location, wage and hours points an opening of entry `at` can give a resident with this
   * expectation and weekly limit, at these location points without and with accommodation.
   */
  restBound(at: number, expected: number, maxHours: number, plain: number, housed: number): number {
    const d = this.data;
    const x = at * OPENING_BOUND_STRIDE;
    const minHours = d[x + OB_MIN_HOURS]!;
    return (
      (d[x + OB_ACCOMMODATION] === 1 ? housed : plain) +
      wagePoints(expected, d[x + OB_WAGE_MIN]!, d[x + OB_WAGE_MAX]!) +
      (Number.isNaN(maxHours)
        ? FACTOR_MAX.hours
        : minHours === Infinity
          ? 0
          : hoursPoints(maxHours, minHours, false, 0))
    );
  }
}

const OPENING_BOUND_STRIDE = 16;
const OB_WAGE_MIN = 0;
const OB_WAGE_MAX = 1;
/** Smallest known weekly hours, Infinity when none is known. */
const OB_MIN_HOURS = 2;
/** 1 when any opening offers accommodation. */
const OB_ACCOMMODATION = 3;
/** The list's concept, −1 for an open list (then `OB_BASE_SKILL` bounds the skill points). */
const OB_TARGET = 4;
const OB_BASE_SKILL = 5;
/** Share of the requirement weight on t, among openings with a required skill / without; −1 if none. */
const OB_MAX_SHARE_REQUIRED = 6;
const OB_MIN_SHARE_REQUIRED = 7;
const OB_MAX_SHARE_OPEN = 8;
const OB_MIN_SHARE_OPEN = 9;
/** Lowest minimum level asked for t. */
const OB_MIN_LEVEL = 10;
/** The other concepts asked for, hashed into 64 bits. */
const OB_OTHERS_LOW = 11;
const OB_OTHERS_HIGH = 12;

interface OpeningIndex {
  readonly parts: Partition;
  readonly blocks: OpeningBounds;
  readonly groups: OpeningBounds;
  readonly lists: OpeningBounds;
  /**
   * Lists are keyed by (concept, county, licence) in that order: the lists of concept t in county c are
   * `[placeFirst[t * counties + c], placeFirst[t * counties + c + 1])`, all of concept t from
   * `placeFirst[t * counties]` to `placeFirst[(t + 1) * counties]`; those of openings that require no
   * known concept at t = the number of concepts.
   */
  readonly placeFirst: Int32Array;
  /** The county of each list's openings. */
  readonly listCounty: Int32Array;
  /** The licence each list's openings require (−1 none): see `buildOpeningIndex`. */
  readonly listLicence: Int32Array;
  /** The records of `parts.items`, in list order. */
  readonly records: OpeningRecords;
}

/** How many residents hold each licence. */
function licenceHolders(model: Model): Int32Array {
  const R = model.residents;
  const count = new Int32Array(Math.max(1, model.licences.length));
  for (let i = 0; i < R.licId.length; i++) count[R.licId[i]!]!++;
  return count;
}

/** The licence opening `o` requires that the fewest residents hold, −1 when it requires none. */
function rarestLicence(model: Model, o: number, holders: Int32Array): number {
  const O = model.openings;
  let rarest = -1;
  for (let i = O.licStart[o]!; i < O.licStart[o + 1]!; i++) {
    const l = O.licId[i]!;
    if (rarest < 0 || holders[l]! < holders[rarest]!) rarest = l;
  }
  return rarest;
}

/**
 * Lists keyed by (concept, county, licence). An opening requiring a known concept is listed under the
 * rarest one, else under each preferred concept and the open "concept"; an opening requiring licences is
 * listed with the rarest of them, so a resident is only offered lists whose licence they hold.
 */
function buildOpeningIndex(model: Model): OpeningIndex {
  const O = model.openings;
  const counties = model.counties.length;
  const open = model.concepts.length;
  const licenceKeys = model.licences.length + 1;
  const entries = new Entries();
  const reachCount = residentsReaching(model);
  const holders = licenceHolders(model);
  for (let o = 0; o < O.n; o++) {
    const licence = rarestLicence(model, o, holders);
    const first = entries.size;
    const push = (t: number): void => {
      const key = (t * counties + O.county[o]!) * licenceKeys + licence + 1;
      for (let e = first; e < entries.size; e++) if (entries.keys[e] === key) return;
      entries.push(key, o);
    };
    const rarest = rarestRequired(model, o, reachCount);
    if (rarest >= 0) {
      // Eligible only for residents reaching every required concept: listing it under one is enough.
      push(rarest);
      continue;
    }
    // Open to everyone; listed under its preferred concepts too, so those who reach one get exact scores.
    for (let j = O.reqStart[o]!; j < O.reqStart[o + 1]!; j++) {
      const t = O.reqTarget[j]!;
      if (t >= 0) push(t);
    }
    push(open);
  }
  const parts = partition(entries, (open + 1) * counties * licenceKeys);
  const keys = parts.keys;
  const conceptOf = (key: number): number => Math.floor(key / (counties * licenceKeys));
  const placeFirst = new Int32Array((open + 1) * counties + 1);
  const listCounty = new Int32Array(keys.length);
  const listLicence = new Int32Array(keys.length);
  keys.forEach((key, l) => {
    placeFirst[Math.floor(key / licenceKeys) + 1] = l + 1;
    listCounty[l] = Math.floor(key / licenceKeys) % counties;
    listLicence[l] = (key % licenceKeys) - 1;
  });
  // Places without lists start where the previous one ended.
  for (let p = 1; p < placeFirst.length; p++) placeFirst[p] = Math.max(placeFirst[p]!, placeFirst[p - 1]!);
  // The concept of each block's and group's list (−1 for open lists).
  const blockTarget = new Int32Array(parts.blockMin.length);
  const groupTarget = new Int32Array(parts.groupMin.length);
  keys.forEach((key, l) => {
    const target = conceptOf(key) === open ? -1 : conceptOf(key);
    for (let g = parts.listGroups[l]!; g < parts.listGroups[l + 1]!; g++) {
      groupTarget[g] = target;
      for (let b = parts.groupStart[g]!; b < parts.groupStart[g + 1]!; b++) blockTarget[b] = target;
    }
  });
  const blocks = new OpeningBounds(parts.blockMin.length);
  const groups = new OpeningBounds(parts.groupMin.length);
  const listBounds = new OpeningBounds(keys.length);
  forEachRange(
    parts,
    (b, from, to) => {
      blocks.fill(model, b, parts.items, from, to, blockTarget[b]!);
    },
    (g, from, to) => {
      groups.fill(model, g, parts.items, from, to, groupTarget[g]!);
    },
    (l, from, to) => {
      const t = conceptOf(keys[l]!);
      listBounds.fill(model, l, parts.items, from, to, t === open ? -1 : t);
    },
  );
  return {
    parts,
    blocks,
    groups,
    lists: listBounds,
    placeFirst,
    listCounty,
    listLicence,
    records: copyOpeningRecords(model, parts.items),
  };
}

/** Top-k eligible openings for each resident; slot `i` holds resident `i`, or `only[i]` when given. */
export function indexedByResident(
  model: Model,
  k: number,
  cutoff: number,
  only?: readonly number[],
): RankOutcome {
  const slots = only?.length ?? model.residents.n;
  const search = new OpeningSearch(model, buildOpeningIndex(model), k, cutoff);
  const ranked = allocateRanked(slots, k);
  // A resident who scores like one already searched for gets a copy of that ranking.
  const alike = alikeResidents(model);
  const slotOf = new Int32Array(model.residents.n).fill(-1);
  for (let slot = 0; slot < slots; slot++) {
    const r = only?.[slot] ?? slot;
    const searched = slotOf[alike[r]!]!;
    if (searched >= 0) {
      copySlot(ranked, searched, slot);
      search.stats.copied++;
      continue;
    }
    search.run(r);
    search.heap.drainInto(ranked, slot);
    slotOf[alike[r]!] = slot;
  }
  search.scratch.clear();
  return { ranked, stats: search.stats };
}

/**
 * One resident's search for their best openings, reused from resident to resident. A class rather than
 * closures so the resident's numbers live in object fields, not in boxed closure variables.
 */
class OpeningSearch {
  readonly stats: RankStats = { visited: 0, scored: 0, bounds: 0, skipped: 0, copied: 0 };
  readonly scratch: ResidentScratch;
  readonly heap: TopK;
  readonly #model: Model;
  readonly #index: OpeningIndex;
  readonly #parts: Partition;
  readonly #queue: BestFirst;
  readonly #seen: Int32Array;
  readonly #cutoff: number;
  // The resident being searched for and what the bounds depend on.
  #r = -1;
  #expected = Number.NaN;
  #maxHours = Number.NaN;
  #returnHome = false;
  #noNight = false;
  #age = Number.NaN;
  #locationPlain = 0;
  #locationHoused = 0;
  #reachLow = 0;
  #reachHigh = 0;

  constructor(model: Model, index: OpeningIndex, k: number, cutoff: number) {
    this.#model = model;
    this.#index = index;
    this.#parts = index.parts;
    this.#cutoff = cutoff;
    this.scratch = new ResidentScratch(model);
    this.heap = new TopK(Math.min(k, model.openings.n), cutoff);
    this.#queue = new BestFirst(model.openings.n);
    this.#seen = new Int32Array(model.openings.n).fill(-1);
  }

  /** Fills `heap` with resident `r`'s best eligible openings. */
  run(r: number): void {
    const model = this.#model;
    const R = model.residents;
    const index = this.#index;
    const parts = this.#parts;
    const queue = this.#queue;
    const heap = this.heap;
    const groupCount = parts.groupMin.length;
    this.#r = r;
    this.scratch.load(r);
    heap.reset();
    queue.reset();
    this.#expected = R.expected[r]!;
    this.#maxHours = R.maxHours[r]!;
    this.#returnHome = R.returnHome[r] === 1;
    this.#noNight = R.noNight[r] === 1;
    this.#age = model.referenceYear - R.birthYear[r]!;
    this.#reachLow = R.record[r * RESIDENT_STRIDE + RESIDENT_REACH_LOW]!;
    this.#reachHigh = R.record[r * RESIDENT_STRIDE + RESIDENT_REACH_HIGH]!;
    const home = R.county[r]!;
    const widest = R.returnHome[r] === 1 ? 0 : R.mobility[r]!;
    const counties = model.counties.length;
    for (let i = R.creditStart[r]!; i <= R.creditStart[r + 1]!; i++) {
      // The resident's concepts, then the lists of openings that require none: in the home county only,
      // or in every county, those out of range skipped.
      const t = i < R.creditStart[r + 1]! ? R.creditTarget[i]! : model.concepts.length;
      const first = widest === 0 ? t * counties + home : t * counties;
      const end = widest === 0 ? first + 1 : first + counties;
      for (let l = index.placeFirst[first]!; l < index.placeFirst[end]!; l++) {
        const rel = relation(model, home, index.listCounty[l]!);
        if (rel > widest) continue;
        const licence = index.listLicence[l]!;
        if (licence >= 0 && this.scratch.hasLicence[licence] === 0) continue;
        this.#enqueue(l, rel);
      }
    }
    // Best bound first; the first entry that cannot beat the k-th match ends the search.
    while (queue.size > 0) {
      const at = queue.peek();
      const entry = queue.entry(at);
      // Entries: a block b, a group as −1 − g, a list as −1 − groups − l.
      const group = -1 - entry;
      const minItem =
        entry >= 0
          ? parts.blockMin[entry]!
          : group < groupCount
            ? parts.groupMin[group]!
            : parts.listMin[group - groupCount]!;
      if (!heap.admits(queue.bound(at), minItem)) {
        this.stats.skipped += queue.size;
        break;
      }
      queue.pop();
      if (entry >= 0) this.#visit(entry, queue.rel(at), queue.extra(at));
      else if (group < groupCount) this.#expand(group, queue.rel(at));
      else this.#expandList(group - groupCount, queue.rel(at));
    }
  }

  #setLocation(rel: Relation): void {
    this.#locationPlain = locationPoints(rel, false);
    this.#locationHoused = locationPoints(rel, true);
  }

  #skillBound(f: OpeningBounds, at: number): number {
    return f.skillBound(at, this.scratch.credit, this.#reachLow, this.#reachHigh);
  }

  #restBound(f: OpeningBounds, at: number): number {
    return f.restBound(at, this.#expected, this.#maxHours, this.#locationPlain, this.#locationHoused);
  }

  /**
   * Queues a list: as one entry when it has several groups, else its group, or its block when that is all
   * (most lists are that short).
   */
  #enqueue(list: number, rel: Relation): void {
    const parts = this.#parts;
    this.#setLocation(rel);
    const first = parts.listGroups[list]!;
    this.stats.bounds++;
    if (parts.listGroups[list + 1]! - first > 1) {
      const rest = this.#restBound(this.#index.lists, list);
      const bound = this.#skillBound(this.#index.lists, list) + rest;
      if (bound < this.#cutoff) return;
      this.#queue.push(-1 - parts.groupMin.length - list, bound, rest, parts.listMin[list]!, rel);
    } else if (parts.groupStart[first + 1]! - parts.groupStart[first]! > 1) {
      const rest = this.#restBound(this.#index.groups, first);
      const bound = this.#skillBound(this.#index.groups, first) + rest;
      if (bound < this.#cutoff) return;
      this.#queue.push(-1 - first, bound, rest, parts.groupMin[first]!, rel);
    } else {
      const b = parts.groupStart[first]!;
      const rest = this.#restBound(this.#index.blocks, b);
      const bound = this.#skillBound(this.#index.blocks, b) + rest;
      if (bound < this.#cutoff) return;
      this.#queue.push(b, bound, rest, parts.blockMin[b]!, rel);
    }
  }

  #expandList(list: number, rel: Relation): void {
    const parts = this.#parts;
    const groups = this.#index.groups;
    this.#setLocation(rel);
    for (let g = parts.listGroups[list]!; g < parts.listGroups[list + 1]!; g++) {
      this.stats.bounds++;
      const rest = this.#restBound(groups, g);
      const bound = this.#skillBound(groups, g) + rest;
      if (this.heap.admits(bound, parts.groupMin[g]!))
        this.#queue.push(-1 - g, bound, rest, parts.groupMin[g]!, rel);
      else this.stats.skipped++;
    }
  }

  #expand(g: number, rel: Relation): void {
    const parts = this.#parts;
    const blocks = this.#index.blocks;
    this.#setLocation(rel);
    for (let b = parts.groupStart[g]!; b < parts.groupStart[g + 1]!; b++) {
      this.stats.bounds++;
      const rest = this.#restBound(blocks, b);
      const bound = this.#skillBound(blocks, b) + rest;
      if (this.heap.admits(bound, parts.blockMin[b]!))
        this.#queue.push(b, bound, rest, parts.blockMin[b]!, rel);
      else this.stats.skipped++;
    }
  }

  /** Scores the openings of block `b`; `rest` bounds their non-skill points. */
  #visit(b: number, rel: Relation, rest: number): void {
    const parts = this.#parts;
    const seen = this.#seen;
    const scratch = this.scratch;
    const heap = this.heap;
    const r = this.#r;
    const records = this.#index.records;
    const record = records.record;
    // The list's county is within the resident's range (see `run`): only the opening's own gates remain.
    const returnHome = this.#returnHome;
    const noNight = this.#noNight;
    const age = this.#age;
    this.stats.visited += parts.blockStart[b + 1]! - parts.blockStart[b]!;
    for (let i = parts.blockStart[b]!; i < parts.blockStart[b + 1]!; i++) {
      const o = parts.items[i]!;
      if (seen[o] === r) continue;
      seen[o] = r;
      const at = i * OPENING_STRIDE;
      if (
        !passesOpeningGatesAt(record, at, returnHome, noNight, age) ||
        !loadedHoldsLicencesAt(records, at, scratch)
      ) {
        continue;
      }
      this.stats.scored++;
      // Exact skill points first (cheap); the rest only when the pair can still enter.
      const skill = loadedSkillPointsAt(records, at, scratch);
      if (skill >= 0 && heap.admits(skill + rest, o)) {
        heap.offer(skill + nonSkillPointsOf(record, at, rel, this.#expected, this.#maxHours, noNight), o);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Top-k residents per opening.

/**
 * Extremes over a block, group or list of residents of what their score for an opening depends on. In a
 * list of residents reaching concept t, also their best credit for t per minimum level and the concepts
 * they reach, hashed into 64 bits.
 */
class ResidentBounds {
  /** Smallest known wage expectation, NaN when none is known (wage points fall as it rises). */
  readonly minExpected: Float64Array;
  /** 1 when someone states no weekly hours limit. */
  readonly anyNoLimit: Uint8Array;
  readonly maxMaxHours: Float64Array;
  readonly maxCredit: Float64Array;
  readonly reachLow: Int32Array;
  readonly reachHigh: Int32Array;

  readonly size: number;

  constructor(size: number) {
    this.size = size;
    this.minExpected = new Float64Array(size).fill(Number.NaN);
    this.anyNoLimit = new Uint8Array(size);
    this.maxMaxHours = new Float64Array(size).fill(-Infinity);
    this.maxCredit = new Float64Array(size * LEVEL_SLOTS);
    this.reachLow = new Int32Array(size);
    this.reachHigh = new Int32Array(size);
  }

  /** The extremes of entries `[from, to)` (`facts`); `withCredit` in lists of a concept. */
  fill(at: number, facts: Float64Array, from: number, to: number, withCredit: boolean): void {
    const maxCredit = this.maxCredit;
    let minExpected = this.minExpected[at]!;
    let anyNoLimit = this.anyNoLimit[at]!;
    let maxMaxHours = this.maxMaxHours[at]!;
    let reachLow = this.reachLow[at]!;
    let reachHigh = this.reachHigh[at]!;
    for (let f = from * ENTRY_STRIDE; f < to * ENTRY_STRIDE; f += ENTRY_STRIDE) {
      const expected = facts[f + ENTRY_EXPECTED]!;
      if (!Number.isNaN(expected) && !(minExpected <= expected)) minExpected = expected;
      const maxHours = facts[f + ENTRY_MAX_HOURS]!;
      if (Number.isNaN(maxHours)) anyNoLimit = 1;
      else if (maxHours > maxMaxHours) maxMaxHours = maxHours;
      if (!withCredit) continue;
      reachLow |= facts[f + ENTRY_REACH_LOW]!;
      reachHigh |= facts[f + ENTRY_REACH_HIGH]!;
      for (let m = 0; m < LEVEL_SLOTS; m++) {
        const credit = facts[f + ENTRY_CREDIT + m]!;
        if (credit > maxCredit[at * LEVEL_SLOTS + m]!) maxCredit[at * LEVEL_SLOTS + m] = credit;
      }
    }
    this.minExpected[at] = minExpected;
    this.anyNoLimit[at] = anyNoLimit;
    this.maxMaxHours[at] = maxMaxHours;
    this.reachLow[at] = reachLow;
    this.reachHigh[at] = reachHigh;
  }

  /** Widens the extremes at `at` by those of entry `j` of `from` (a block or group it holds). */
  merge(at: number, from: ResidentBounds, j: number): void {
    const expected = from.minExpected[j]!;
    if (!Number.isNaN(expected) && !(this.minExpected[at]! <= expected)) this.minExpected[at] = expected;
    if (from.anyNoLimit[j] === 1) this.anyNoLimit[at] = 1;
    this.maxMaxHours[at] = Math.max(this.maxMaxHours[at]!, from.maxMaxHours[j]!);
    this.reachLow[at]! |= from.reachLow[j]!;
    this.reachHigh[at]! |= from.reachHigh[j]!;
    for (let m = 0; m < LEVEL_SLOTS; m++) {
      const slot = at * LEVEL_SLOTS + m;
      this.maxCredit[slot] = Math.max(this.maxCredit[slot]!, from.maxCredit[j * LEVEL_SLOTS + m]!);
    }
  }
}

/**
 * Residents are listed by how far they go: 0 must return home daily, 1 local, 2 province, 3 national. An
 * opening in another county is then never offered the lists of those who would not go there.
 */
const REACH_CLASSES = 4;

function reachClass(model: Model, r: number): number {
  const R = model.residents;
  return R.returnHome[r] === 1 ? 0 : R.mobility[r]! + 1;
}

/** The lowest reach class that may take an opening at `rel` from home. */
function lowestClass(rel: Relation, labourCooperation: boolean): number {
  if (rel === 0) return labourCooperation ? 1 : 0;
  return rel + 1;
}

interface ResidentIndex {
  readonly parts: Partition;
  /** What scoring and bounds read of each entry, in list order (`ENTRY_*` fields): see `entryFacts`. */
  readonly facts: Float64Array;
  /** The concept of each block's list, −1 in lists of everyone. */
  readonly blockTarget: Int32Array;
  readonly blocks: ResidentBounds;
  readonly groups: ResidentBounds;
  readonly lists: ResidentBounds;
  /**
   * List of the residents of reach class `m` living in county c and reaching concept t at
   * `list[(((t * counties) + c) * REACH_CLASSES + m) * (licences + 1)]`; t = number of concepts lists all of
   * them. At `… + 1 + l` the same, only those holding licence l: an opening requiring licences looks only
   * at the holders of the rarest. −1 when empty.
   */
  readonly list: Int32Array;
  /** Residents reaching concept t, in any county: picks an opening's rarest required concept. */
  readonly reachCount: Int32Array;
  /** Residents holding licence l: picks an opening's rarest required licence. */
  readonly holders: Int32Array;
}

/**
 * The concepts of the lists holding opening `o`'s candidates, written to `into`; returns how many. Only
 * residents reaching its rarest required concept can be eligible; without one, everyone nearby (the
 * number of concepts stands for them), and those reaching a concept it prefers may earn more than the
 * base skill points.
 */
function listConcepts(model: Model, o: number, reachCount: Int32Array, into: Int32Array): number {
  const O = model.openings;
  const rarest = rarestRequired(model, o, reachCount);
  if (rarest >= 0) {
    into[0] = rarest;
    return 1;
  }
  let count = 0;
  for (let j = O.reqStart[o]!; j < O.reqStart[o + 1]!; j++) {
    if (O.reqTarget[j]! >= 0) into[count++] = O.reqTarget[j]!;
  }
  into[count++] = model.concepts.length;
  return count;
}

/**
 * The licence key of the lists holding opening `o`'s candidates: with licences required, only holders of
 * the rarest can be eligible (1 + licence), else 0 (everyone).
 */
function listLicence(model: Model, o: number, holders: Int32Array): number {
  return 1 + rarestLicence(model, o, holders);
}

/** Fields of an entry's facts: the resident's, then their credit for the list's concept by minimum level. */
const ENTRY_STRIDE = 12;
const ENTRY_NO_NIGHT = 0;
const ENTRY_AGE = 1;
const ENTRY_EXPECTED = 2;
const ENTRY_MAX_HOURS = 3;
const ENTRY_REACH_LOW = 4;
const ENTRY_REACH_HIGH = 5;
const ENTRY_CREDIT = 6;

/**
 * The facts of every entry, copied into list order: a search reads a list's residents one after another
 * in memory instead of jumping across the resident table for each.
 */
function entryFacts(model: Model, parts: Partition): Float64Array {
  const { record, creditValue } = model.residents;
  const { items, data } = parts;
  const facts = new Float64Array(items.length * ENTRY_STRIDE);
  for (let i = 0; i < items.length; i++) {
    const f = items[i]! * RESIDENT_STRIDE;
    const at = i * ENTRY_STRIDE;
    facts[at + ENTRY_NO_NIGHT] = record[f + RESIDENT_NO_NIGHT]!;
    facts[at + ENTRY_AGE] = record[f + RESIDENT_AGE]!;
    facts[at + ENTRY_EXPECTED] = record[f + RESIDENT_EXPECTED]!;
    facts[at + ENTRY_MAX_HOURS] = record[f + RESIDENT_MAX_HOURS]!;
    facts[at + ENTRY_REACH_LOW] = record[f + RESIDENT_REACH_LOW]!;
    facts[at + ENTRY_REACH_HIGH] = record[f + RESIDENT_REACH_HIGH]!;
    const c = data[i]!;
    if (c < 0) continue;
    for (let m = 0; m < LEVEL_SLOTS; m++) facts[at + ENTRY_CREDIT + m] = creditValue[c * LEVEL_SLOTS + m]!;
  }
  return facts;
}

function buildResidentIndex(model: Model): ResidentIndex {
  const R = model.residents;
  const counties = model.counties.length;
  const everyone = model.concepts.length;
  const licenceKeys = model.licences.length + 1;
  const reachCount = residentsReaching(model);
  const holders = licenceHolders(model);
  // Only the lists some opening will look up: by concept and licence key.
  const wanted = new Uint8Array((everyone + 1) * licenceKeys);
  const concepts = new Int32Array(model.openings.reqTarget.length + 1);
  for (let o = 0; o < model.openings.n; o++) {
    const licence = listLicence(model, o, holders);
    const count = listConcepts(model, o, reachCount, concepts);
    for (let i = 0; i < count; i++) wanted[concepts[i]! * licenceKeys + licence] = 1;
  }
  const entries = new Entries();
  // Each entry carries the resident's credit entry for the list's concept (−1 in lists of everyone).
  const push = (t: number, r: number, credit: number): void => {
    const key = ((t * counties + R.county[r]!) * REACH_CLASSES + reachClass(model, r)) * licenceKeys;
    // The list regardless of licences, and one per licence held.
    if (wanted[t * licenceKeys] === 1) entries.push(key, r, credit);
    for (let i = R.licStart[r]!; i < R.licStart[r + 1]!; i++) {
      const licence = 1 + R.licId[i]!;
      if (wanted[t * licenceKeys + licence] === 1) entries.push(key + licence, r, credit);
    }
  };
  for (let r = 0; r < R.n; r++) {
    for (let i = R.creditStart[r]!; i < R.creditStart[r + 1]!; i++) push(R.creditTarget[i]!, r, i);
    push(everyone, r, -1);
  }
  const keySpace = (everyone + 1) * counties * REACH_CLASSES * licenceKeys;
  const parts = partition(entries, keySpace);
  const keys = parts.keys;
  const list = new Int32Array(keySpace).fill(-1);
  keys.forEach((key, l) => {
    list[key] = l;
  });
  const facts = entryFacts(model, parts);
  const blockTarget = new Int32Array(parts.blockMin.length);
  keys.forEach((key, l) => {
    const t = Math.floor(key / (counties * REACH_CLASSES * licenceKeys));
    for (
      let b = parts.groupStart[parts.listGroups[l]!]!;
      b < parts.groupStart[parts.listGroups[l + 1]!]!;
      b++
    ) {
      blockTarget[b] = t === everyone ? -1 : t;
    }
  });
  const blocks = new ResidentBounds(parts.blockMin.length);
  const groups = new ResidentBounds(parts.groupMin.length);
  const lists = new ResidentBounds(keys.length);
  // Blocks from their residents; groups and lists from the blocks and groups they hold (the same extremes).
  for (let b = 0; b < blocks.size; b++) {
    blocks.fill(b, facts, parts.blockStart[b]!, parts.blockStart[b + 1]!, blockTarget[b]! >= 0);
  }
  for (let g = 0; g < groups.size; g++) {
    for (let b = parts.groupStart[g]!; b < parts.groupStart[g + 1]!; b++) groups.merge(g, blocks, b);
  }
  for (let l = 0; l < lists.size; l++) {
    for (let g = parts.listGroups[l]!; g < parts.listGroups[l + 1]!; g++) lists.merge(l, groups, g);
  }
  return {
    parts,
    facts,
    blockTarget,
    blocks,
    groups,
    lists,
    list,
    reachCount,
    holders,
  };
}

/** Top-k eligible residents for each opening; slot `o` holds opening `o`. */
export function indexedByOpening(model: Model, k: number, cutoff: number): RankOutcome {
  const search = new ResidentSearch(model, buildResidentIndex(model), k, cutoff);
  const ranked = allocateRanked(model.openings.n, k);
  for (let o = 0; o < model.openings.n; o++) {
    search.run(o);
    search.heap.drainInto(ranked, o);
  }
  return { ranked, stats: search.stats };
}

/** One opening's search for its best eligible residents, reused from opening to opening. */
class ResidentSearch {
  readonly stats: RankStats = { visited: 0, scored: 0, bounds: 0, skipped: 0, copied: 0 };
  readonly heap: TopK;
  readonly #model: Model;
  readonly #index: ResidentIndex;
  readonly #parts: Partition;
  readonly #queue: BestFirst;
  readonly #seen: Int32Array;
  readonly #cutoff: number;
  // The opening being filled: what the bounds and its gates depend on, and its requirements.
  #o = -1;
  #wageMin = 0;
  #wageMax = 0;
  #hours = Number.NaN;
  #night = -1;
  #ageMin = Number.NaN;
  #ageMax = Number.NaN;
  #location = 0;
  /** Does the opening require more than the one licence its lists are keyed by? */
  #moreLicences = false;
  #requirements = 0;
  readonly #reqTarget: Int32Array;
  readonly #reqLevel: Int32Array;
  readonly #reqWeight: Float64Array;
  readonly #reqRequired: Uint8Array;
  /** The concepts of the lists holding the opening's candidates (see `listConcepts`). */
  readonly #concepts: Int32Array;
  // The concept of the list being bounded: its share of the weight, minimum level, the other concepts.
  #target = -2;
  #share = 0;
  #minLevel = 0;
  #othersLow = 0;
  #othersHigh = 0;

  constructor(model: Model, index: ResidentIndex, k: number, cutoff: number) {
    this.#model = model;
    this.#index = index;
    this.#parts = index.parts;
    this.#cutoff = cutoff;
    this.heap = new TopK(Math.min(k, model.residents.n), cutoff);
    this.#queue = new BestFirst(model.residents.n);
    this.#seen = new Int32Array(model.residents.n).fill(-1);
    const O = model.openings;
    let most = 0;
    for (let o = 0; o < O.n; o++) most = Math.max(most, O.reqStart[o + 1]! - O.reqStart[o]!);
    this.#reqTarget = new Int32Array(most);
    this.#reqLevel = new Int32Array(most);
    this.#reqWeight = new Float64Array(most);
    this.#reqRequired = new Uint8Array(most);
    this.#concepts = new Int32Array(most + 1);
  }

  /** Takes in what scoring opening `o` reads, so that scoring a resident reads only the resident. */
  #load(o: number): void {
    const O = this.#model.openings;
    this.#o = o;
    this.#wageMin = O.wageMin[o]!;
    this.#wageMax = O.wageMax[o]!;
    this.#hours = O.hours[o]!;
    this.#night = O.night[o]!;
    this.#ageMin = O.ageMin[o]!;
    this.#ageMax = O.ageMax[o]!;
    this.#moreLicences = O.licStart[o + 1]! - O.licStart[o]! > 1;
    this.#requirements = O.reqStart[o + 1]! - O.reqStart[o]!;
    for (let k = 0; k < this.#requirements; k++) {
      const j = O.reqStart[o]! + k;
      this.#reqTarget[k] = O.reqTarget[j]!;
      this.#reqLevel[k] = O.reqMinLevel[j]!;
      this.#reqWeight[k] = O.reqWeight[j]!;
      this.#reqRequired[k] = O.reqRequired[j]!;
    }
  }

  /**
   * Skill points of resident `r` for the loaded opening, or −1 when a required known skill is missing (as
   * `loadedSkillPoints`, in the same order), or −2 when they cannot make the heap with `rest` more points.
   * `f` is where their entry's facts start in a list of concept `target` (−1 for a list of everyone).
   * Credits for the opening's other concepts are looked up in the resident table (a jump in memory) only
   * when the resident reaches them and could still make the heap with full credit for them.
   */
  #skillPoints(r: number, f: number, target: number, rest: number): number {
    const facts = this.#index.facts;
    const O = this.#model.openings;
    const o = this.#o;
    let weightedCredit = 0;
    let lookUp = false;
    for (let k = 0; k < this.#requirements; k++) {
      const t = this.#reqTarget[k]!;
      if (t < 0) continue;
      // The concepts reached, hashed: most residents reach none of the opening's other concepts.
      const reached = (t & 63) < 32 ? facts[f + ENTRY_REACH_LOW]! : facts[f + ENTRY_REACH_HIGH]!;
      let credit = 0;
      if (t === target) credit = facts[f + ENTRY_CREDIT + this.#reqLevel[k]!]!;
      else if ((reached & (1 << (t & 31))) !== 0) {
        lookUp = true;
        credit = 1;
      }
      if (credit === 0 && this.#reqRequired[k] === 1) return -1;
      weightedCredit += this.#reqWeight[k]! * credit;
    }
    const total = O.totalWeight[o]!;
    const anyRequired = O.anyRequired[o] === 1;
    if (!lookUp) return skillPoints(weightedCredit, total, anyRequired);
    // Skill points only rise with credit: with full credit where unknown, an upper bound.
    if (!this.heap.admits(skillPoints(weightedCredit, total, anyRequired) + rest, r)) return -2;
    weightedCredit = 0;
    for (let k = 0; k < this.#requirements; k++) {
      const t = this.#reqTarget[k]!;
      if (t < 0) continue;
      const level = this.#reqLevel[k]!;
      const reached = (t & 63) < 32 ? facts[f + ENTRY_REACH_LOW]! : facts[f + ENTRY_REACH_HIGH]!;
      const credit =
        t === target
          ? facts[f + ENTRY_CREDIT + level]!
          : (reached & (1 << (t & 31))) === 0
            ? 0
            : creditOf(this.#model, r, t, level);
      if (credit === 0 && this.#reqRequired[k] === 1) return -1;
      weightedCredit += this.#reqWeight[k]! * credit;
    }
    return skillPoints(weightedCredit, total, anyRequired);
  }

  /** Fills `heap` with opening `o`'s best eligible residents. */
  run(o: number): void {
    const model = this.#model;
    const O = model.openings;
    const index = this.#index;
    const parts = this.#parts;
    const queue = this.#queue;
    const heap = this.heap;
    const counties = model.counties.length;
    const groupCount = parts.groupMin.length;
    const everyone = model.concepts.length;
    this.#load(o);
    this.#target = -2;
    heap.reset();
    queue.reset();
    const concepts = listConcepts(model, o, index.reachCount, this.#concepts);
    const licence = listLicence(model, o, index.holders);
    const licenceKeys = model.licences.length + 1;
    for (let c = 0; c < counties; c++) {
      const rel = relation(model, c, O.county[o]!);
      const from = lowestClass(rel, O.labourCooperation[o] === 1);
      for (let m = from; m < REACH_CLASSES; m++) {
        for (let i = 0; i < concepts; i++) {
          const t = this.#concepts[i]!;
          const list = index.list[((t * counties + c) * REACH_CLASSES + m) * licenceKeys + licence]!;
          this.#enqueue(list, rel, t === everyone ? -1 : t);
        }
      }
    }
    while (queue.size > 0) {
      const at = queue.peek();
      const entry = queue.entry(at);
      const group = -1 - entry;
      const minItem =
        entry >= 0
          ? parts.blockMin[entry]!
          : group < groupCount
            ? parts.groupMin[group]!
            : parts.listMin[group - groupCount]!;
      if (!heap.admits(queue.bound(at), minItem)) {
        this.stats.skipped += queue.size;
        break;
      }
      queue.pop();
      // A block carries its skill bound (as −1 − bound in a list of everyone); a group or list the
      // concept of its list.
      const extra = queue.extra(at);
      if (entry >= 0) {
        this.#setLocation(queue.rel(at));
        this.#visit(entry, extra < 0 ? -1 - extra : extra, extra < 0);
      } else if (group < groupCount) this.#expand(group, queue.rel(at), extra);
      else this.#expandList(group - groupCount, queue.rel(at), extra);
    }
  }

  /** Prepares bounds for lists under `target` (−1: everyone, bounded by the base skill points). */
  #setTarget(target: number): void {
    if (target === this.#target) return;
    this.#target = target;
    if (target < 0) return;
    const O = this.#model.openings;
    const o = this.#o;
    let low = 0;
    let high = 0;
    for (let j = O.reqStart[o]!; j < O.reqStart[o + 1]!; j++) {
      const t = O.reqTarget[j]!;
      if (t < 0) continue;
      if (t === target) {
        this.#share = O.reqWeight[j]! / O.totalWeight[o]!;
        this.#minLevel = O.reqMinLevel[j]!;
      } else if ((t & 63) < 32) low |= 1 << (t & 31);
      else high |= 1 << (t & 31);
    }
    this.#othersLow = low;
    this.#othersHigh = high;
  }

  /** Most skill points a resident of block, group or list `at` can earn (see `OpeningBounds.skillBound`). */
  #skillBound(f: ResidentBounds, at: number): number {
    const O = this.#model.openings;
    const o = this.#o;
    if (this.#target < 0) return O.baseSkill[o]!;
    const credit = f.maxCredit[at * LEVEL_SLOTS + this.#minLevel]!;
    const alone = (f.reachLow[at]! & this.#othersLow) === 0 && (f.reachHigh[at]! & this.#othersHigh) === 0;
    const share = alone ? this.#share * credit : 1 - this.#share * (1 - credit);
    const fit = O.anyRequired[o] === 1 ? share : NO_SKILL_BASE + (1 - NO_SKILL_BASE) * share;
    return Math.ceil(FACTOR_MAX.skills * fit);
  }

  #restBound(f: ResidentBounds, at: number): number {
    return (
      this.#location +
      wagePoints(f.minExpected[at]!, this.#wageMin, this.#wageMax) +
      (f.anyNoLimit[at] === 1 ? FACTOR_MAX.hours : hoursPoints(f.maxMaxHours[at]!, this.#hours, false, 0))
    );
  }

  #setLocation(rel: Relation): void {
    this.#location = locationPoints(rel, this.#model.openings.accommodation[this.#o] === 1);
  }

  /** Queues a list: as one entry when it has several groups, else its group, or its only block. */
  #enqueue(list: number, rel: Relation, target: number): void {
    if (list < 0) return;
    const parts = this.#parts;
    this.#setLocation(rel);
    this.#setTarget(target);
    const first = parts.listGroups[list]!;
    this.stats.bounds++;
    if (parts.listGroups[list + 1]! - first > 1) {
      const lists = this.#index.lists;
      const bound = this.#skillBound(lists, list) + this.#restBound(lists, list);
      if (bound < this.#cutoff) return;
      this.#queue.push(-1 - parts.groupMin.length - list, bound, target, parts.listMin[list]!, rel);
    } else if (parts.groupStart[first + 1]! - parts.groupStart[first]! > 1) {
      const groups = this.#index.groups;
      const bound = this.#skillBound(groups, first) + this.#restBound(groups, first);
      if (bound < this.#cutoff) return;
      this.#queue.push(-1 - first, bound, target, parts.groupMin[first]!, rel);
    } else {
      this.#pushBlock(parts.groupStart[first]!, rel, target, this.#cutoff);
    }
  }

  /** Queues block `b` if its bound reaches `least` (see `#visit` for what it carries). */
  #pushBlock(b: number, rel: Relation, target: number, least: number): void {
    const blocks = this.#index.blocks;
    const skill = this.#skillBound(blocks, b);
    const bound = skill + this.#restBound(blocks, b);
    if (bound < least || !this.heap.admits(bound, this.#parts.blockMin[b]!)) {
      this.stats.skipped++;
      return;
    }
    this.#queue.push(b, bound, target < 0 ? -1 - skill : skill, this.#parts.blockMin[b]!, rel);
  }

  #expandList(list: number, rel: Relation, target: number): void {
    const parts = this.#parts;
    const groups = this.#index.groups;
    this.#setLocation(rel);
    this.#setTarget(target);
    for (let g = parts.listGroups[list]!; g < parts.listGroups[list + 1]!; g++) {
      this.stats.bounds++;
      const bound = this.#skillBound(groups, g) + this.#restBound(groups, g);
      if (this.heap.admits(bound, parts.groupMin[g]!))
        this.#queue.push(-1 - g, bound, target, parts.groupMin[g]!, rel);
      else this.stats.skipped++;
    }
  }

  #expand(g: number, rel: Relation, target: number): void {
    const parts = this.#parts;
    this.#setLocation(rel);
    this.#setTarget(target);
    for (let b = parts.groupStart[g]!; b < parts.groupStart[g + 1]!; b++) {
      this.stats.bounds++;
      this.#pushBlock(b, rel, target, -Infinity);
    }
  }

  /**
   * Scores the residents of block `b`; `skillBound` bounds their skill points. In a list of everyone
   * (`everyone`) it is the base points, which do not bound those who reach a preferred concept: a
   * resident passed over there is not marked as seen, so their concept's list still scores them. The
   * lists visited hold only residents within range of the opening (see `lowestClass`) and holding the
   * licence they are keyed by: the gates left are night shifts, age and any further licence.
   */
  #visit(b: number, skillBound: number, everyone: boolean): void {
    const model = this.#model;
    const { items, blockStart } = this.#parts;
    const facts = this.#index.facts;
    const target = this.#index.blockTarget[b]!;
    const seen = this.#seen;
    const heap = this.heap;
    const o = this.#o;
    const nightShift = this.#night;
    this.stats.visited += blockStart[b + 1]! - blockStart[b]!;
    for (let i = blockStart[b]!; i < blockStart[b + 1]!; i++) {
      const r = items[i]!;
      if (seen[r] === o) continue;
      const f = i * ENTRY_STRIDE;
      const noNight = facts[f + ENTRY_NO_NIGHT] === 1;
      const age = facts[f + ENTRY_AGE]!;
      // NaN (unknown age, no bound) compares false: unknown age does not block.
      if (
        (noNight && nightShift === 1) ||
        age < this.#ageMin ||
        age > this.#ageMax ||
        (this.#moreLicences && !pairHoldsLicences(model, r, o))
      ) {
        seen[r] = o;
        continue;
      }
      const rest =
        this.#location +
        wagePoints(facts[f + ENTRY_EXPECTED]!, this.#wageMin, this.#wageMax) +
        hoursPoints(facts[f + ENTRY_MAX_HOURS]!, this.#hours, noNight, nightShift);
      if (!heap.admits(skillBound + rest, r)) {
        if (!everyone) seen[r] = o;
        continue;
      }
      seen[r] = o;
      this.stats.scored++;
      const skill = this.#skillPoints(r, f, target, rest);
      if (skill >= 0) heap.offer(skill + rest, r);
    }
  }
}
