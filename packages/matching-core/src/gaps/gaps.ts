/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays are read within bounds by construction */
import { MatchingError } from '../errors.ts';
import {
  LEVEL_SLOTS,
  OPENING_STRIDE,
  ResidentScratch,
  nonSkillPointsOf,
  passesOpeningGatesAt,
  relation,
  type Model,
} from '../rank/model.ts';
import { FACTOR_MAX, levelFactor, skillPoints, type Relation } from '../score/points.ts';
import type { PreparedOpening, PreparedResident, ScoreContext } from '../score/types.ts';
import { PlanPool } from './pool.ts';
import { licenceCode, reportGaps, skillCode, type GapPlanner, type ResidentPlan } from './report.ts';
import type { SkillGapOptions, SkillGapReport } from './types.ts';

/**
 * For residents left without an eligible opening at or above the cutoff: which skills (at a level) and
 * licences would unlock the most openings, and the training demand that adds up to.
 *
 * An opening's plan for a resident is what it asks that they lack: first the missing licences and
 * required skills (enough when the pair then scores at least the cutoff), else also every skill not fully
 * met. Openings blocked by age, mobility, night shifts or returning home have no plan. A set of items
 * unlocks every opening whose plan it contains (a higher level covers a lower one). Each resident gets the
 * set unlocking the most openings, then the smaller set, then the first by id; training demand counts
 * those sets per trade and level, and per licence. Equals `skillGapsReference` (gaps/reference.ts).
 */
export function skillGaps(
  residents: readonly PreparedResident[],
  openings: readonly PreparedOpening[],
  context: ScoreContext,
  options: SkillGapOptions = {},
): SkillGapReport {
  return reportGaps(residents, openings, context, options, (model, cutoff) => new FastPlanner(model, cutoff));
}

/**
 * What a plan depends on besides skills and licences, shared by residents alike in range, gates, wage and
 * hours: each opening's non-skill points (−1 when closed to them or out of reach of the cutoff), and the
 * openings of each plan for a resident with no skill or licence an opening asks for.
 */
interface Profile {
  readonly nonSkill: Int8Array;
  /** The distinct blank plans; the openings of plan `plans[i]` are `openings[start[i] … start[i + 1])`, ascending. */
  readonly plans: Int32Array;
  readonly start: Int32Array;
  readonly openings: Int32Array;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Non-skill points run from 0 to this; an opening's plan for a resident with no credit is kept per value. */
const NON_SKILL_VALUES = FACTOR_MAX.location + FACTOR_MAX.wage + FACTOR_MAX.hours + 1;
const NOT_YET = -2;
const NONE = -1;

/**
 * The plans of the reference planner without its per-pair objects and strings. Items are integer codes
 * (report.ts) and plans are interned once for the whole run in a `PlanPool`, which also knows which plan
 * covers which. The requirements of each opening are copied once, with their concepts' credit towards
 * each other, so adding a plan's items needs no scratch updates. An opening none of whose concepts or
 * licences the resident has gets the same plan for every such resident with the same non-skill points:
 * that plan is kept per opening and value, and the openings of each such plan per profile (what residents
 * alike in range, gates, wage and hours share); only the openings a resident's concepts or licences touch
 * are planned for them. Residents alike in all a plan depends on share one plan.
 */
export class FastPlanner implements GapPlanner {
  readonly #model: Model;
  readonly #cutoff: number;
  readonly #pool: PlanPool;
  readonly #scratch: ResidentScratch;
  /** Credits and licences of nobody: the scratch of a resident who reaches none of an opening's concepts. */
  readonly #blankCredit: Float64Array;
  readonly #blankLicence: Uint8Array;
  /** Known requirements of opening `o` are `[known[o], known[o + 1])` in requirement order. */
  readonly #known: Int32Array;
  readonly #knownSlot: Int32Array;
  readonly #knownConcept: Int32Array;
  readonly #knownMinLevel: Int32Array;
  readonly #knownWeight: Float64Array;
  readonly #knownRequired: Uint8Array;
  /** Credit of requirement a's concept towards requirement b's, K×K per opening from `cross[o]`. */
  readonly #cross: Int32Array;
  readonly #crossCredit: Float64Array;
  /** Openings asking for a concept / a licence: who the resident's credits and licences touch. */
  readonly #byConcept: Int32Array[];
  readonly #byLicence: Int32Array[];
  /** The plan of a blank resident per opening and non-skill points, `NOT_YET` until computed. */
  readonly #blankPlan: Int32Array;
  /** Age bounds of all openings, sorted: a resident's age class is where their age falls among them. */
  readonly #ageBounds: Float64Array;
  // Per-resident working state, reused.
  readonly #touched: Int32Array;
  readonly #changedAt: Int32Array;
  readonly #changed: number[] = [];
  readonly #profileOpening: Int32Array;
  readonly #profilePlan: Int32Array;
  /** Per plan id, zero between uses: counts for `#byPlan`. */
  #tallies = new Int32Array(1024);
  #epoch = 0;
  readonly #items: Int32Array;
  readonly #itemRequirement: Int32Array;
  readonly #credit: Float64Array;

  constructor(model: Model, cutoff: number) {
    this.#model = model;
    this.#cutoff = cutoff;
    this.#pool = new PlanPool(model);
    this.#scratch = new ResidentScratch(model);
    this.#blankCredit = new Float64Array(this.#scratch.credit.length);
    this.#blankLicence = new Uint8Array(this.#scratch.hasLicence.length);
    const O = model.openings;
    this.#known = new Int32Array(O.n + 1);
    this.#cross = new Int32Array(O.n + 1);
    const slot: number[] = [];
    const concept: number[] = [];
    const minLevel: number[] = [];
    const weight: number[] = [];
    const required: number[] = [];
    const crossCredit: number[] = [];
    let widest = 0;
    for (let o = 0; o < O.n; o++) {
      const from = concept.length;
      for (let j = O.reqStart[o]!; j < O.reqStart[o + 1]!; j++) {
        const t = O.reqTarget[j]!;
        if (t < 0) continue;
        slot.push(t * LEVEL_SLOTS + O.reqMinLevel[j]!);
        concept.push(t);
        minLevel.push(O.reqMinLevel[j]!);
        weight.push(O.reqWeight[j]!);
        required.push(O.reqRequired[j]!);
      }
      this.#known[o + 1] = concept.length;
      for (let a = from; a < concept.length; a++) {
        const reach = model.graph.reach(model.concepts[concept[a]!]!);
        for (let b = from; b < concept.length; b++)
          crossCredit.push(reach.get(model.concepts[concept[b]!]!) ?? 0);
      }
      this.#cross[o + 1] = crossCredit.length;
      widest = Math.max(widest, concept.length - from);
    }
    this.#knownSlot = Int32Array.from(slot);
    this.#knownConcept = Int32Array.from(concept);
    this.#knownMinLevel = Int32Array.from(minLevel);
    this.#knownWeight = Float64Array.from(weight);
    this.#knownRequired = Uint8Array.from(required);
    this.#crossCredit = Float64Array.from(crossCredit);
    this.#byConcept = invert(model.concepts.length, O.n, (o, add) => {
      for (let a = this.#known[o]!; a < this.#known[o + 1]!; a++) add(this.#knownConcept[a]!);
    });
    this.#byLicence = invert(model.licences.length, O.n, (o, add) => {
      for (let i = O.licStart[o]!; i < O.licStart[o + 1]!; i++) add(O.licId[i]!);
    });
    this.#blankPlan = new Int32Array(O.n * NON_SKILL_VALUES).fill(NOT_YET);
    const bounds = new Set<number>();
    for (let o = 0; o < O.n; o++) {
      if (!Number.isNaN(O.ageMin[o]!)) bounds.add(O.ageMin[o]!);
      if (!Number.isNaN(O.ageMax[o]!)) bounds.add(O.ageMax[o]!);
    }
    this.#ageBounds = Float64Array.from(bounds).sort();
    this.#touched = new Int32Array(O.n);
    let items = 0;
    for (let o = 0; o < O.n; o++) items = Math.max(items, 2 * widest + O.licStart[o + 1]! - O.licStart[o]!);
    this.#items = new Int32Array(Math.max(1, items));
    this.#itemRequirement = new Int32Array(Math.max(1, items));
    this.#credit = new Float64Array(Math.max(1, widest));
    this.#changedAt = new Int32Array(O.n);
    this.#profileOpening = new Int32Array(O.n);
    this.#profilePlan = new Int32Array(O.n);
  }

  plans(residents: readonly number[]): (ResidentPlan | undefined)[] {
    const R = this.#model.residents;
    const profiles = residents.map((r) => this.#profileKey(r));
    const groups = residents.map((r, i) =>
      [
        profiles[i],
        R.creditTarget.subarray(R.creditStart[r], R.creditStart[r + 1]).join(','),
        R.creditValue
          .subarray(R.creditStart[r]! * LEVEL_SLOTS, R.creditStart[r + 1]! * LEVEL_SLOTS)
          .join(','),
        R.licId.subarray(R.licStart[r], R.licStart[r + 1]).join(','),
      ].join('|'),
    );
    // One profile at a time, so that only one is held: residents alike in it are planned one after another.
    const order = residents.map((_, i) => i).sort((a, b) => compareText(profiles[a]!, profiles[b]!) || a - b);
    const planned = new Map<string, ResidentPlan | undefined>();
    let profileKey: string | undefined;
    let profile: Profile | undefined;
    for (const i of order) {
      if (planned.has(groups[i]!)) continue;
      if (profile === undefined || profileKey !== profiles[i]) {
        profileKey = profiles[i];
        profile = this.#newProfile(residents[i]!);
      }
      planned.set(groups[i]!, this.#planOf(residents[i]!, profile));
    }
    return groups.map((group) => planned.get(group));
  }

  /** Everything but skills and licences that the plans of `r` depend on. */
  #profileKey(r: number): string {
    const R = this.#model.residents;
    const age = this.#model.referenceYear - R.birthYear[r]!;
    let ageClass = -1;
    if (!Number.isNaN(age)) {
      // Below how many bounds, above how many: that decides every age gate.
      let below = 0;
      let above = 0;
      for (const bound of this.#ageBounds) {
        if (age < bound) below++;
        if (age > bound) above++;
      }
      ageClass = below * (this.#ageBounds.length + 1) + above;
    }
    return [
      R.county[r],
      R.mobility[r],
      R.returnHome[r],
      R.noNight[r],
      ageClass,
      R.expected[r],
      R.maxHours[r],
    ].join('|');
  }

  /** The non-skill points of every opening for `r` and, for a resident without skills or licences, the plans. */
  #newProfile(r: number): Profile {
    const model = this.#model;
    const R = model.residents;
    const O = model.openings;
    const relationOf = new Int32Array(model.counties.length);
    for (let c = 0; c < relationOf.length; c++) relationOf[c] = relation(model, R.county[r]!, c);
    const mobility = R.mobility[r]!;
    const returnHome = R.returnHome[r] === 1;
    const noNight = R.noNight[r] === 1;
    const age = model.referenceYear - R.birthYear[r]!;
    const nonSkill = new Int8Array(O.n).fill(-1);
    const opening = this.#profileOpening;
    const plan = this.#profilePlan;
    let n = 0;
    for (let o = 0; o < O.n; o++) {
      const rel = relationOf[O.county[o]!]! as Relation;
      if (rel > mobility || (returnHome && rel !== 0)) continue;
      const at = o * OPENING_STRIDE;
      if (!passesOpeningGatesAt(O.record, at, returnHome, noNight, age)) continue;
      const points = nonSkillPointsOf(O.record, at, rel, R.expected[r]!, R.maxHours[r]!, noNight);
      if (FACTOR_MAX.skills + points < this.#cutoff) continue;
      if (!Number.isInteger(points) || points < 0 || points >= NON_SKILL_VALUES) {
        throw new MatchingError('INTERNAL', `non-skill points ${String(points)} are not an integer 0–40`);
      }
      nonSkill[o] = points;
      const blank = this.#blankPlanFor(o, points);
      if (blank < 0) continue;
      opening[n] = o;
      plan[n++] = blank;
    }
    return { nonSkill, ...this.#byPlan(opening, plan, n) };
  }

  /** The openings `openings[0 … n)` grouped by their plans `plans[0 … n)` (first seen first), keeping their order. */
  #byPlan(
    openings: Int32Array,
    plans: Int32Array,
    n: number,
  ): { plans: Int32Array; start: Int32Array; openings: Int32Array } {
    if (this.#tallies.length < this.#pool.size) {
      this.#tallies = new Int32Array(Math.max(2 * this.#tallies.length, this.#pool.size));
    }
    const tallies = this.#tallies;
    const distinct: number[] = [];
    for (let i = 0; i < n; i++) if (tallies[plans[i]!]!++ === 0) distinct.push(plans[i]!);
    const start = new Int32Array(distinct.length + 1);
    for (let i = 0; i < distinct.length; i++) {
      start[i + 1] = start[i]! + tallies[distinct[i]!]!;
      // From here on, where the next opening of that plan goes.
      tallies[distinct[i]!] = start[i]!;
    }
    const grouped = new Int32Array(n);
    for (let i = 0; i < n; i++) grouped[tallies[plans[i]!]!++] = openings[i]!;
    for (const p of distinct) tallies[p] = 0;
    return { plans: Int32Array.from(distinct), start, openings: grouped };
  }

  #planOf(r: number, profile: Profile): ResidentPlan | undefined {
    const R = this.#model.residents;
    const pool = this.#pool;
    pool.beginResident();
    const { plans, start } = profile;
    for (let i = 0; i < plans.length; i++) pool.add(plans[i]!, start[i + 1]! - start[i]!);
    // Only openings asking for a concept the resident reaches or a licence they hold differ from blank.
    const epoch = ++this.#epoch;
    this.#changed.length = 0;
    this.#scratch.load(r);
    for (let i = R.creditStart[r]!; i < R.creditStart[r + 1]!; i++) {
      for (const o of this.#byConcept[R.creditTarget[i]!]!) this.#replan(o, profile, epoch);
    }
    for (let i = R.licStart[r]!; i < R.licStart[r + 1]!; i++) {
      for (const o of this.#byLicence[R.licId[i]!]!) this.#replan(o, profile, epoch);
    }
    this.#scratch.clear();
    const best = pool.best();
    if (best < 0) return undefined;
    const openings: number[] = [];
    for (let i = 0; i < plans.length; i++) {
      if (!pool.isCovered(plans[i]!)) continue;
      for (let j = start[i]!; j < start[i + 1]!; j++) {
        if (this.#changedAt[profile.openings[j]!] !== epoch) openings.push(profile.openings[j]!);
      }
    }
    const changed = this.#changed;
    for (let i = 0; i < changed.length; i += 2) {
      if (changed[i + 1]! >= 0 && pool.isCovered(changed[i + 1]!)) openings.push(changed[i]!);
    }
    return { items: pool.items(best), openings: Int32Array.from(openings).sort() };
  }

  /** Plans opening `o` with the loaded resident's credits and licences, once, and counts any change from blank. */
  #replan(o: number, profile: Profile, epoch: number): void {
    if (this.#touched[o] === epoch) return;
    this.#touched[o] = epoch;
    const nonSkill = profile.nonSkill[o]!;
    if (nonSkill < 0) return;
    const blank = this.#blankPlanFor(o, nonSkill);
    const plan = this.#openingPlanFor(o, nonSkill, this.#scratch.credit, this.#scratch.hasLicence);
    if (plan === blank) return;
    if (blank >= 0) this.#pool.add(blank, -1);
    if (plan >= 0) this.#pool.add(plan, 1);
    this.#changed.push(o, plan);
    this.#changedAt[o] = epoch;
  }

  /** The plan of opening `o` for a resident with no credit or licence it asks for, with integer points. */
  #blankPlanFor(o: number, nonSkill: number): number {
    const at = o * NON_SKILL_VALUES + nonSkill;
    let plan = this.#blankPlan[at]!;
    if (plan === NOT_YET) {
      plan = this.#openingPlanFor(o, nonSkill, this.#blankCredit, this.#blankLicence);
      this.#blankPlan[at] = plan;
    }
    return plan;
  }

  /**
   * The plan of opening `o` for a resident with these credits and licences (in range, past the personal
   * gates, with these non-skill points), or `NONE`: the reference planner's steps on the opening's own
   * requirements.
   */
  #openingPlanFor(o: number, nonSkill: number, credit: Float64Array, hasLicence: Uint8Array): number {
    const model = this.#model;
    const O = model.openings;
    const items = this.#items;
    const itemRequirement = this.#itemRequirement;
    let n = 0;
    for (let i = O.licStart[o]!; i < O.licStart[o + 1]!; i++) {
      const licence = O.licId[i]!;
      if (hasLicence[licence] === 0) {
        itemRequirement[n] = -1;
        items[n++] = licenceCode(licence);
      }
    }
    const first = this.#known[o]!;
    const end = this.#known[o + 1]!;
    for (let a = first; a < end; a++) {
      if (this.#knownRequired[a] === 1 && credit[this.#knownSlot[a]!] === 0) {
        itemRequirement[n] = a - first;
        items[n++] = skillCode(model, this.#knownConcept[a]!, Math.max(1, this.#knownMinLevel[a]!));
      }
    }
    const held = this.#credit;
    for (let a = first; a < end; a++) held[a - first] = credit[this.#knownSlot[a]!]!;
    this.#addCredit(o, 0, n);
    let score = this.#score(o, nonSkill);
    if (score < this.#cutoff) {
      const stage = n;
      for (let a = first; a < end; a++) {
        if (held[a - first]! < 1) {
          itemRequirement[n] = a - first;
          items[n++] = skillCode(model, this.#knownConcept[a]!, Math.max(1, this.#knownMinLevel[a]!));
        }
      }
      this.#addCredit(o, stage, n);
      score = this.#score(o, nonSkill);
    }
    if (n === 0 || score < 0 || score < this.#cutoff) return NONE;
    return this.#pool.intern(sortItems(model, items, n), n);
  }

  /** Raises the held credits of opening `o`'s requirements by the skill items `[from, to)`. */
  #addCredit(o: number, from: number, to: number): void {
    const first = this.#known[o]!;
    const k = this.#known[o + 1]! - first;
    const cross = this.#cross[o]!;
    const held = this.#credit;
    for (let i = from; i < to; i++) {
      const a = this.#itemRequirement[i]!;
      if (a < 0) continue;
      const level = Math.max(1, this.#knownMinLevel[first + a]!);
      for (let b = 0; b < k; b++) {
        const value =
          this.#crossCredit[cross + a * k + b]! * levelFactor(level, this.#knownMinLevel[first + b]!);
        if (value > held[b]!) held[b] = value;
      }
    }
  }

  /** The pair's score with the held credits and every licence: −1 when a required skill has no credit. */
  #score(o: number, nonSkill: number): number {
    const O = this.#model.openings;
    const first = this.#known[o]!;
    const held = this.#credit;
    let weightedCredit = 0;
    for (let a = first; a < this.#known[o + 1]!; a++) {
      const credit = held[a - first]!;
      if (credit === 0 && this.#knownRequired[a] === 1) return -1;
      weightedCredit += this.#knownWeight[a]! * credit;
    }
    return skillPoints(weightedCredit, O.totalWeight[o]!, O.anyRequired[o] === 1) + nonSkill;
  }
}

/** Sorts the first `n` codes by kind and index, keeping the order of equal ones (as the reference does). */
function sortItems(model: Model, items: Int32Array, n: number): Int32Array {
  const licences = model.licences.length;
  for (let i = 1; i < n; i++) {
    const code = items[i]!;
    const key = kindAndIndex(licences, code);
    let j = i - 1;
    while (j >= 0 && kindAndIndex(licences, items[j]!) > key) {
      items[j + 1] = items[j]!;
      j--;
    }
    items[j + 1] = code;
  }
  return items;
}

/** A code with the level left out: licences, then concepts, by index. */
function kindAndIndex(licences: number, code: number): number {
  return code < licences ? code : licences + Math.floor((code - licences) / LEVEL_SLOTS);
}

/** For each of `size` keys, the openings `keysOf` lists it for, ascending and without repeats. */
function invert(
  size: number,
  openings: number,
  keysOf: (o: number, add: (key: number) => void) => void,
): Int32Array[] {
  const lists: number[][] = Array.from({ length: size }, () => []);
  for (let o = 0; o < openings; o++) {
    keysOf(o, (key) => {
      const list = lists[key]!;
      if (list[list.length - 1] !== o) list.push(o);
    });
  }
  return lists.map((list) => Int32Array.from(list));
}
