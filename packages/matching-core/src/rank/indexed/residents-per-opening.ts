/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays are read within bounds by construction */
// Top-k residents per opening: the index of residents (lists by concept, county, reach class and licence,
// each entry with the resident's facts copied in list order, with bounds per block, group and list) and
// the search that walks it best first for one opening after another.
import {
  FACTOR_MAX,
  NO_SKILL_BASE,
  hoursPoints,
  skillPoints,
  locationPoints,
  wagePoints,
  type Relation,
} from '../../score/points.ts';
import { TopK, allocateRanked } from '../heap.ts';
import {
  LEVEL_SLOTS,
  RESIDENT_AGE,
  RESIDENT_EXPECTED,
  RESIDENT_MAX_HOURS,
  RESIDENT_NO_NIGHT,
  RESIDENT_REACH_HIGH,
  RESIDENT_REACH_LOW,
  RESIDENT_STRIDE,
  pairHoldsLicences,
  creditOf,
  relation,
  type Model,
} from '../model.ts';
import { BestFirst } from './best-first.ts';
import { Entries, partition, type Partition } from './partition.ts';
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
  readonly stats: RankStats = emptyRankStats();
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
    const queue = this.#queue;
    const heap = this.heap;
    const counties = model.counties.length;
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
      if (!heap.admits(queue.bound(at), queue.firstItem(at))) {
        this.stats.skipped += queue.size;
        break;
      }
      queue.pop();
      // A block carries its skill bound; a group or list the concept of its list.
      const entry = queue.entry(at);
      const extra = queue.extra(at);
      switch (entryKind(entry)) {
        case BLOCK_ENTRY:
          this.#setLocation(queue.rel(at));
          this.#visit(entryIndex(entry), extra);
          break;
        case GROUP_ENTRY:
          this.#expand(entryIndex(entry), queue.rel(at), extra);
          break;
        case LIST_ENTRY:
          this.#expandList(entryIndex(entry), queue.rel(at), extra);
          break;
      }
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
      this.#queue.push(listEntry(list), bound, target, parts.listMin[list]!, rel);
    } else if (parts.groupStart[first + 1]! - parts.groupStart[first]! > 1) {
      const groups = this.#index.groups;
      const bound = this.#skillBound(groups, first) + this.#restBound(groups, first);
      if (bound < this.#cutoff) return;
      this.#queue.push(groupEntry(first), bound, target, parts.groupMin[first]!, rel);
    } else {
      this.#pushBlock(parts.groupStart[first]!, rel, this.#cutoff);
    }
  }

  /** Queues block `b` if its bound reaches `least`, with its skill bound (see `#visit`). */
  #pushBlock(b: number, rel: Relation, least: number): void {
    const blocks = this.#index.blocks;
    const skill = this.#skillBound(blocks, b);
    const bound = skill + this.#restBound(blocks, b);
    if (bound < least || !this.heap.admits(bound, this.#parts.blockMin[b]!)) {
      this.stats.skipped++;
      return;
    }
    this.#queue.push(blockEntry(b), bound, skill, this.#parts.blockMin[b]!, rel);
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
        this.#queue.push(groupEntry(g), bound, target, parts.groupMin[g]!, rel);
      else this.stats.skipped++;
    }
  }

  #expand(g: number, rel: Relation, target: number): void {
    const parts = this.#parts;
    this.#setLocation(rel);
    this.#setTarget(target);
    for (let b = parts.groupStart[g]!; b < parts.groupStart[g + 1]!; b++) {
      this.stats.bounds++;
      this.#pushBlock(b, rel, -Infinity);
    }
  }

  /**
   * Scores the residents of block `b`; `skillBound` bounds their skill points. In a list of everyone
   * (its block target −1) it is the base points, which do not bound those who reach a preferred concept: a
   * resident passed over there is not marked as seen, so their concept's list still scores them. The
   * lists visited hold only residents within range of the opening (see `lowestClass`) and holding the
   * licence they are keyed by: the gates left are night shifts, age and any further licence.
   */
  #visit(b: number, skillBound: number): void {
    const model = this.#model;
    const { items, blockStart } = this.#parts;
    const facts = this.#index.facts;
    const target = this.#index.blockTarget[b]!;
    const everyone = target < 0;
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
