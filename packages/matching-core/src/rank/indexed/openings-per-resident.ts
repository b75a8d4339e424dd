/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays are read within bounds by construction */
// Top-k openings per resident: the index of openings (lists by concept, county and licence, with bounds
// per block, group and list) and the search that walks it best first for one resident after another.
import {
  FACTOR_MAX,
  NO_SKILL_BASE,
  hoursPoints,
  locationPoints,
  wagePoints,
  type Relation,
} from '../../score/points.ts';
import { alikeResidents } from '../alike.ts';
import { TopK, allocateRanked, copySlot } from '../heap.ts';
import {
  LEVEL_SLOTS,
  OPENING_STRIDE,
  RESIDENT_REACH_HIGH,
  RESIDENT_REACH_LOW,
  RESIDENT_STRIDE,
  ResidentScratch,
  copyOpeningRecords,
  loadedHoldsLicencesAt,
  loadedSkillPointsAt,
  nonSkillPointsOf,
  passesOpeningGatesAt,
  relation,
  type Model,
  type OpeningRecords,
} from '../model.ts';
import { BestFirst } from './best-first.ts';
import { Entries, forEachRange, partition, type Partition } from './partition.ts';
import {
  BLOCK_ENTRY,
  GROUP_ENTRY,
  LIST_ENTRY,
  blockEntry,
  entryIndex,
  entryKind,
  groupEntry,
  listEntry,
} from './queue-entry.ts';
import {
  emptyRankStats,
  licenceHolders,
  rarestLicence,
  rarestRequired,
  residentsReaching,
  type RankOutcome,
  type RankStats,
} from './shared.ts';

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
  readonly stats: RankStats = emptyRankStats();
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
    const queue = this.#queue;
    const heap = this.heap;
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
      if (!heap.admits(queue.bound(at), queue.firstItem(at))) {
        this.stats.skipped += queue.size;
        break;
      }
      queue.pop();
      const entry = queue.entry(at);
      switch (entryKind(entry)) {
        case BLOCK_ENTRY:
          this.#visit(entryIndex(entry), queue.rel(at), queue.extra(at));
          break;
        case GROUP_ENTRY:
          this.#expand(entryIndex(entry), queue.rel(at));
          break;
        case LIST_ENTRY:
          this.#expandList(entryIndex(entry), queue.rel(at));
          break;
      }
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
      this.#queue.push(listEntry(list), bound, rest, parts.listMin[list]!, rel);
    } else if (parts.groupStart[first + 1]! - parts.groupStart[first]! > 1) {
      const rest = this.#restBound(this.#index.groups, first);
      const bound = this.#skillBound(this.#index.groups, first) + rest;
      if (bound < this.#cutoff) return;
      this.#queue.push(groupEntry(first), bound, rest, parts.groupMin[first]!, rel);
    } else {
      const b = parts.groupStart[first]!;
      const rest = this.#restBound(this.#index.blocks, b);
      const bound = this.#skillBound(this.#index.blocks, b) + rest;
      if (bound < this.#cutoff) return;
      this.#queue.push(blockEntry(b), bound, rest, parts.blockMin[b]!, rel);
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
        this.#queue.push(groupEntry(g), bound, rest, parts.groupMin[g]!, rel);
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
        this.#queue.push(blockEntry(b), bound, rest, parts.blockMin[b]!, rel);
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
