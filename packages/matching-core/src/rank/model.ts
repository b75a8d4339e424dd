/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays are read within bounds by construction */
// Residents and openings compiled into typed arrays once per ranking call, so the per-pair score allocates
// nothing. The pair score below must equal `scoreMatch(...).score` for eligible pairs (a property test
// checks it): it calls the same point functions in the same order on the same credits.
import { provinceOf } from '@anju/shared';
import { MatchingError } from '../errors.ts';
import { conceptGraph, type ConceptGraph } from '../score/concepts.ts';
import {
  MOBILITY_REACH,
  hoursPoints,
  levelFactor,
  locationPoints,
  skillPoints,
  wagePoints,
  type Relation,
} from '../score/points.ts';
import type { PreparedOpening, PreparedResident, ScoreContext } from '../score/types.ts';

/** Credit slots per concept: one per minimum level 0 (none) … 5. */
export const LEVEL_SLOTS = 6;

export interface OpeningTable {
  readonly n: number;
  /** Sorted by id (UTF-16 code units), so index order is the tie-break order. */
  readonly records: readonly PreparedOpening[];
  readonly county: Int32Array;
  readonly accommodation: Uint8Array;
  readonly labourCooperation: Uint8Array;
  readonly wageMin: Float64Array;
  readonly wageMax: Float64Array;
  /** NaN when unknown. */
  readonly hours: Float64Array;
  /** −1 unknown, 0 no, 1 yes. */
  readonly night: Int8Array;
  /** NaN when there is no bound. */
  readonly ageMin: Float64Array;
  readonly ageMax: Float64Array;
  /** Requirements of opening `o` are `[reqStart[o], reqStart[o + 1])`. */
  readonly reqStart: Int32Array;
  /** Concept index, −1 when the text is unknown. */
  readonly reqTarget: Int32Array;
  readonly reqMinLevel: Uint8Array;
  readonly reqWeight: Float64Array;
  readonly reqRequired: Uint8Array;
  readonly totalWeight: Float64Array;
  readonly anyRequired: Uint8Array;
  /** Has a required requirement with a known concept: only residents reaching it can be eligible. */
  readonly knownRequired: Uint8Array;
  /** Skill points of a resident whose skills reach none of the opening's concepts. */
  readonly baseSkill: Int32Array;
  /** Required licences of opening `o` are `licId[licStart[o] … licStart[o + 1])`. */
  readonly licStart: Int32Array;
  readonly licId: Int32Array;
  /**
   * What scoring reads, one `OPENING_STRIDE`-wide record per opening (fields `AT_*`), and one
   * `REQUIREMENT_STRIDE`-wide record per requirement: a pair touches two cache lines, not fifteen arrays.
   */
  readonly record: Float64Array;
  readonly requirement: Float64Array;
  /**
   * The three arrays scoring reads, as the index's list-order copies hold them: every search passes
   * objects of one shape to the scoring functions, which then stay monomorphic.
   */
  readonly scoring: OpeningRecords;
}

export const OPENING_STRIDE = 16;
const AT_COUNTY = 0;
const AT_ACCOMMODATION = 1;
const AT_LABOUR_COOPERATION = 2;
const AT_WAGE_MIN = 3;
const AT_WAGE_MAX = 4;
const AT_HOURS = 5;
const AT_NIGHT = 6;
const AT_AGE_MIN = 7;
const AT_AGE_MAX = 8;
const AT_REQ_START = 9;
const AT_REQ_END = 10;
const AT_LIC_START = 11;
const AT_LIC_END = 12;
const AT_TOTAL_WEIGHT = 13;
const AT_ANY_REQUIRED = 14;
/** Requirement record: credit slot (concept × LEVEL_SLOTS + minimum level, −1 unknown), weight, required, concept. */
const REQUIREMENT_STRIDE = 4;

export interface ResidentTable {
  readonly n: number;
  /** Sorted by id. */
  readonly records: readonly PreparedResident[];
  readonly county: Int32Array;
  /** The widest relation accepted: 0 local, 1 province, 2 national. */
  readonly mobility: Uint8Array;
  readonly expected: Float64Array;
  readonly maxHours: Float64Array;
  readonly noNight: Uint8Array;
  readonly returnHome: Uint8Array;
  readonly birthYear: Float64Array;
  /** Concepts resident `r` earns credit towards: `creditTarget[creditStart[r] …)`, sorted by concept. */
  readonly creditStart: Int32Array;
  readonly creditTarget: Int32Array;
  /** `LEVEL_SLOTS` credits per entry, by the opening's minimum level. */
  readonly creditValue: Float64Array;
  /** Licences held (only those some opening needs), sorted. */
  readonly licStart: Int32Array;
  readonly licId: Int32Array;
  /**
   * What a search over many residents reads of each, one `RESIDENT_STRIDE`-wide record per resident
   * (fields `RESIDENT_*`): one cache line instead of a read from every array above.
   */
  readonly record: Float64Array;
}

export const RESIDENT_STRIDE = 8;
/** 1 when the resident refuses night shifts. */
export const RESIDENT_NO_NIGHT = 0;
/** Age in the reference year, NaN when the birth year is unknown. */
export const RESIDENT_AGE = 1;
export const RESIDENT_EXPECTED = 2;
export const RESIDENT_MAX_HOURS = 3;
/** The concepts the resident reaches, hashed into 64 bits (bit t & 63), as two 32-bit halves. */
export const RESIDENT_REACH_LOW = 4;
export const RESIDENT_REACH_HIGH = 5;

export interface Model {
  readonly referenceYear: number;
  readonly graph: ConceptGraph;
  readonly concepts: readonly string[];
  readonly conceptIndex: ReadonlyMap<string, number>;
  readonly counties: readonly string[];
  readonly countyProvince: Int32Array;
  readonly licences: readonly string[];
  readonly openings: OpeningTable;
  readonly residents: ResidentTable;
}

function byId<T extends { readonly id: string }>(records: readonly T[], what: string): T[] {
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.id === sorted[i - 1]!.id) {
      throw new MatchingError('DUPLICATE_ID', `two ${what} have the id ${sorted[i]!.id}`);
    }
  }
  return sorted;
}

class Interner {
  readonly values: string[] = [];
  readonly #index = new Map<string, number>();
  intern(value: string): number {
    let index = this.#index.get(value);
    if (index === undefined) {
      index = this.values.length;
      this.values.push(value);
      this.#index.set(value, index);
    }
    return index;
  }
  get(value: string): number | undefined {
    return this.#index.get(value);
  }
  get index(): ReadonlyMap<string, number> {
    return this.#index;
  }
}

export function compileModel(
  residentRecords: readonly PreparedResident[],
  openingRecords: readonly PreparedOpening[],
  context: ScoreContext,
): Model {
  if (!Number.isFinite(context.referenceYear)) {
    throw new MatchingError('INVALID_CONTEXT', 'referenceYear must be a finite number');
  }
  const graph = conceptGraph(context.taxonomy);
  const concepts = new Interner();
  const counties = new Interner();
  const licences = new Interner();
  const openings = compileOpenings(byId(openingRecords, 'openings'), graph, concepts, counties, licences);
  const residents = compileResidents(
    byId(residentRecords, 'residents'),
    context.referenceYear,
    graph,
    concepts,
    counties,
    licences,
  );
  const provinces = new Interner();
  const countyProvince = Int32Array.from(counties.values, (code) => provinces.intern(provinceOf(code)));
  return {
    referenceYear: context.referenceYear,
    graph,
    concepts: concepts.values,
    conceptIndex: concepts.index,
    counties: counties.values,
    countyProvince,
    licences: licences.values,
    openings,
    residents,
  };
}

function compileOpenings(
  records: readonly PreparedOpening[],
  graph: ConceptGraph,
  concepts: Interner,
  counties: Interner,
  licences: Interner,
): OpeningTable {
  const n = records.length;
  const table = {
    n,
    records,
    county: new Int32Array(n),
    accommodation: new Uint8Array(n),
    labourCooperation: new Uint8Array(n),
    wageMin: new Float64Array(n),
    wageMax: new Float64Array(n),
    hours: new Float64Array(n),
    night: new Int8Array(n),
    ageMin: new Float64Array(n),
    ageMax: new Float64Array(n),
    reqStart: new Int32Array(n + 1),
    totalWeight: new Float64Array(n),
    anyRequired: new Uint8Array(n),
    knownRequired: new Uint8Array(n),
    baseSkill: new Int32Array(n),
    licStart: new Int32Array(n + 1),
  };
  const reqTarget: number[] = [];
  const reqMinLevel: number[] = [];
  const reqWeight: number[] = [];
  const reqRequired: number[] = [];
  const licId: number[] = [];
  records.forEach((opening, o) => {
    table.county[o] = counties.intern(opening.countyCode);
    table.accommodation[o] = opening.accommodation === true ? 1 : 0;
    table.labourCooperation[o] = opening.kind === 'labour-cooperation' ? 1 : 0;
    table.wageMin[o] = opening.wage.min;
    table.wageMax[o] = opening.wage.max;
    table.hours[o] = opening.hoursPerWeek ?? Number.NaN;
    table.night[o] = opening.nightShift === undefined ? -1 : opening.nightShift ? 1 : 0;
    table.ageMin[o] = opening.ageRange?.min ?? Number.NaN;
    table.ageMax[o] = opening.ageRange?.max ?? Number.NaN;
    let total = 0;
    let anyRequired = false;
    let knownRequired = false;
    for (const requirement of graph.requirements(opening)) {
      reqTarget.push(requirement.concept === null ? -1 : concepts.intern(requirement.concept));
      reqMinLevel.push(requirement.minLevel);
      reqWeight.push(requirement.weight);
      reqRequired.push(requirement.required ? 1 : 0);
      total += requirement.weight;
      anyRequired ||= requirement.required;
      knownRequired ||= requirement.required && requirement.concept !== null;
    }
    table.reqStart[o + 1] = reqTarget.length;
    table.totalWeight[o] = total;
    table.anyRequired[o] = anyRequired ? 1 : 0;
    table.knownRequired[o] = knownRequired ? 1 : 0;
    table.baseSkill[o] = skillPoints(0, total, anyRequired);
    for (const licence of graph.requiredLicences(opening)) licId.push(licences.intern(licence));
    table.licStart[o + 1] = licId.length;
  });
  const record = new Float64Array(n * OPENING_STRIDE);
  for (let o = 0; o < n; o++) {
    const at = o * OPENING_STRIDE;
    record[at + AT_COUNTY] = table.county[o]!;
    record[at + AT_ACCOMMODATION] = table.accommodation[o]!;
    record[at + AT_LABOUR_COOPERATION] = table.labourCooperation[o]!;
    record[at + AT_WAGE_MIN] = table.wageMin[o]!;
    record[at + AT_WAGE_MAX] = table.wageMax[o]!;
    record[at + AT_HOURS] = table.hours[o]!;
    record[at + AT_NIGHT] = table.night[o]!;
    record[at + AT_AGE_MIN] = table.ageMin[o]!;
    record[at + AT_AGE_MAX] = table.ageMax[o]!;
    record[at + AT_REQ_START] = table.reqStart[o]! * REQUIREMENT_STRIDE;
    record[at + AT_REQ_END] = table.reqStart[o + 1]! * REQUIREMENT_STRIDE;
    record[at + AT_LIC_START] = table.licStart[o]!;
    record[at + AT_LIC_END] = table.licStart[o + 1]!;
    record[at + AT_TOTAL_WEIGHT] = table.totalWeight[o]!;
    record[at + AT_ANY_REQUIRED] = table.anyRequired[o]!;
  }
  const requirement = new Float64Array(reqTarget.length * REQUIREMENT_STRIDE);
  reqTarget.forEach((target, j) => {
    const at = j * REQUIREMENT_STRIDE;
    requirement[at] = target < 0 ? -1 : target * LEVEL_SLOTS + reqMinLevel[j]!;
    requirement[at + 1] = reqWeight[j]!;
    requirement[at + 2] = reqRequired[j]!;
    requirement[at + 3] = target;
  });
  const requiredLicences = Int32Array.from(licId);
  return {
    ...table,
    reqTarget: Int32Array.from(reqTarget),
    reqMinLevel: Uint8Array.from(reqMinLevel),
    reqWeight: Float64Array.from(reqWeight),
    reqRequired: Uint8Array.from(reqRequired),
    licId: requiredLicences,
    record,
    requirement,
    scoring: openingRecords(record, requirement, requiredLicences),
  };
}

function compileResidents(
  records: readonly PreparedResident[],
  referenceYear: number,
  graph: ConceptGraph,
  concepts: Interner,
  counties: Interner,
  licences: Interner,
): ResidentTable {
  const n = records.length;
  const table = {
    n,
    records,
    county: new Int32Array(n),
    mobility: new Uint8Array(n),
    expected: new Float64Array(n),
    maxHours: new Float64Array(n),
    noNight: new Uint8Array(n),
    returnHome: new Uint8Array(n),
    birthYear: new Float64Array(n),
    creditStart: new Int32Array(n + 1),
    licStart: new Int32Array(n + 1),
  };
  const creditTarget: number[] = [];
  const creditValue: number[] = [];
  const licId: number[] = [];
  records.forEach((resident, r) => {
    table.county[r] = counties.intern(resident.countyCode);
    table.mobility[r] = MOBILITY_REACH[resident.mobility];
    table.expected[r] = resident.expectedMonthlyWage ?? Number.NaN;
    table.maxHours[r] = resident.maxHoursPerWeek ?? Number.NaN;
    table.noNight[r] = resident.noNightShift ? 1 : 0;
    table.returnHome[r] = resident.returnHomeDaily ? 1 : 0;
    table.birthYear[r] = resident.birthYear ?? Number.NaN;
    // Best credit per concept some opening asks for, per minimum level: max over the resident's skills.
    const credits = new Map<number, Float64Array>();
    for (const [concept, level] of resident.skills) {
      for (const [target, credit] of graph.reach(concept)) {
        const t = concepts.get(target);
        if (t === undefined) continue;
        let slots = credits.get(t);
        if (slots === undefined) {
          slots = new Float64Array(LEVEL_SLOTS);
          credits.set(t, slots);
        }
        for (let m = 0; m < LEVEL_SLOTS; m++) {
          const value = credit * levelFactor(level ?? 0, m);
          if (value > slots[m]!) slots[m] = value;
        }
      }
    }
    for (const t of [...credits.keys()].sort((a, b) => a - b)) {
      creditTarget.push(t);
      creditValue.push(...credits.get(t)!);
    }
    table.creditStart[r + 1] = creditTarget.length;
    const held: number[] = [];
    for (const licence of resident.licences) {
      const l = licences.get(licence);
      if (l !== undefined) held.push(l);
    }
    licId.push(...held.sort((a, b) => a - b));
    table.licStart[r + 1] = licId.length;
  });
  const record = new Float64Array(n * RESIDENT_STRIDE);
  for (let r = 0; r < n; r++) {
    const at = r * RESIDENT_STRIDE;
    let low = 0;
    let high = 0;
    for (let i = table.creditStart[r]!; i < table.creditStart[r + 1]!; i++) {
      const t = creditTarget[i]!;
      if ((t & 63) < 32) low |= 1 << (t & 31);
      else high |= 1 << (t & 31);
    }
    record[at + RESIDENT_NO_NIGHT] = table.noNight[r]!;
    record[at + RESIDENT_AGE] = referenceYear - table.birthYear[r]!;
    record[at + RESIDENT_EXPECTED] = table.expected[r]!;
    record[at + RESIDENT_MAX_HOURS] = table.maxHours[r]!;
    record[at + RESIDENT_REACH_LOW] = low;
    record[at + RESIDENT_REACH_HIGH] = high;
  }
  return {
    ...table,
    creditTarget: Int32Array.from(creditTarget),
    creditValue: Float64Array.from(creditValue),
    licId: Int32Array.from(licId),
    record,
  };
}

export function relation(model: Model, homeCounty: number, workCounty: number): Relation {
  if (homeCounty === workCounty) return 0;
  return model.countyProvince[homeCounty] === model.countyProvince[workCounty] ? 1 : 2;
}

/**
 * What scoring reads of openings: one `OPENING_STRIDE`-wide record each, their requirement records and
 * licence ids. The opening table has one in opening order; the index keeps copies in list order, so that
 * scoring a block of a list reads memory in order.
 */
export interface OpeningRecords {
  readonly record: Float64Array;
  readonly requirement: Float64Array;
  readonly licId: Int32Array;
}

/** Copies the records of `openings` (indices, repeats allowed) into a new `OpeningRecords`, in that order. */
export function copyOpeningRecords(model: Model, openings: Int32Array): OpeningRecords {
  const O = model.openings;
  let requirements = 0;
  let licences = 0;
  for (const o of openings) {
    requirements += O.reqStart[o + 1]! - O.reqStart[o]!;
    licences += O.licStart[o + 1]! - O.licStart[o]!;
  }
  const record = new Float64Array(openings.length * OPENING_STRIDE);
  const requirement = new Float64Array(requirements * REQUIREMENT_STRIDE);
  const licId = new Int32Array(licences);
  let j = 0;
  let l = 0;
  // Element by element: a subarray per opening would allocate three views for each.
  openings.forEach((o, i) => {
    const from = o * OPENING_STRIDE;
    const at = i * OPENING_STRIDE;
    for (let f = 0; f < OPENING_STRIDE; f++) record[at + f] = O.record[from + f]!;
    record[at + AT_REQ_START] = j;
    for (let x = O.record[from + AT_REQ_START]!; x < O.record[from + AT_REQ_END]!; x++) {
      requirement[j++] = O.requirement[x]!;
    }
    record[at + AT_REQ_END] = j;
    record[at + AT_LIC_START] = l;
    for (let x = O.record[from + AT_LIC_START]!; x < O.record[from + AT_LIC_END]!; x++)
      licId[l++] = O.licId[x]!;
    record[at + AT_LIC_END] = l;
  });
  return openingRecords(record, requirement, licId);
}

function openingRecords(record: Float64Array, requirement: Float64Array, licId: Int32Array): OpeningRecords {
  return { record, requirement, licId };
}

/** The gates that do not depend on skills or licences: mobility, returning home, night shifts, age. */
export function passesPersonalGates(model: Model, r: number, o: number, rel: Relation): boolean {
  return passesPersonalGatesAt(model, model.openings.record, o * OPENING_STRIDE, r, rel);
}

/** `passesPersonalGates` for the opening whose record starts at `record[at]`. */
export function passesPersonalGatesAt(
  model: Model,
  record: Float64Array,
  at: number,
  r: number,
  rel: Relation,
): boolean {
  const R = model.residents;
  if (rel > R.mobility[r]!) return false;
  if (R.returnHome[r] === 1 && rel !== 0) return false;
  return passesOpeningGatesAt(
    record,
    at,
    R.returnHome[r] === 1,
    R.noNight[r] === 1,
    model.referenceYear - R.birthYear[r]!,
  );
}

/**
 * The personal gates that depend on the opening, for a resident within range (`rel` checked against
 * mobility and returning home): labour cooperation, night shifts, age. For searches that hold one
 * resident's facts in hand.
 */
export function passesOpeningGatesAt(
  record: Float64Array,
  at: number,
  returnHome: boolean,
  noNight: boolean,
  age: number,
): boolean {
  if (returnHome && record[at + AT_LABOUR_COOPERATION] === 1) return false;
  if (noNight && record[at + AT_NIGHT] === 1) return false;
  // NaN (unknown birth year, no bound) compares false: unknown age does not block.
  return !(age < record[at + AT_AGE_MIN]! || age > record[at + AT_AGE_MAX]!);
}

/** Location, wage and hours points of an in-range pair. */
export function nonSkillPoints(model: Model, r: number, o: number, rel: Relation): number {
  return nonSkillPointsAt(model, model.openings.record, o * OPENING_STRIDE, r, rel);
}

/** `nonSkillPoints` for the opening whose record starts at `record[at]`. */
export function nonSkillPointsAt(
  model: Model,
  record: Float64Array,
  at: number,
  r: number,
  rel: Relation,
): number {
  const R = model.residents;
  return nonSkillPointsOf(record, at, rel, R.expected[r]!, R.maxHours[r]!, R.noNight[r] === 1);
}

/** `nonSkillPointsAt` for a resident's expectation, weekly limit and night-shift refusal in hand. */
export function nonSkillPointsOf(
  record: Float64Array,
  at: number,
  rel: Relation,
  expected: number,
  maxHours: number,
  noNight: boolean,
): number {
  return (
    locationPoints(rel, record[at + AT_ACCOMMODATION] === 1) +
    wagePoints(expected, record[at + AT_WAGE_MIN]!, record[at + AT_WAGE_MAX]!) +
    hoursPoints(maxHours, record[at + AT_HOURS]!, noNight, record[at + AT_NIGHT]!)
  );
}

/**
 * Per-resident scratch for scoring one resident against many openings: the resident's credits spread
 * over a dense array by concept and minimum level, and the licences held as flags.
 */
export class ResidentScratch {
  readonly credit: Float64Array;
  readonly hasLicence: Uint8Array;
  readonly #model: Model;
  #resident = -1;

  constructor(model: Model) {
    this.#model = model;
    this.credit = new Float64Array(Math.max(1, model.concepts.length * LEVEL_SLOTS));
    this.hasLicence = new Uint8Array(Math.max(1, model.licences.length));
  }

  load(r: number): void {
    this.clear();
    const R = this.#model.residents;
    for (let i = R.creditStart[r]!; i < R.creditStart[r + 1]!; i++) {
      const base = R.creditTarget[i]! * LEVEL_SLOTS;
      for (let m = 0; m < LEVEL_SLOTS; m++) this.credit[base + m] = R.creditValue[i * LEVEL_SLOTS + m]!;
    }
    for (let i = R.licStart[r]!; i < R.licStart[r + 1]!; i++) this.hasLicence[R.licId[i]!] = 1;
    this.#resident = r;
  }

  clear(): void {
    const r = this.#resident;
    if (r < 0) return;
    const R = this.#model.residents;
    for (let i = R.creditStart[r]!; i < R.creditStart[r + 1]!; i++) {
      const base = R.creditTarget[i]! * LEVEL_SLOTS;
      for (let m = 0; m < LEVEL_SLOTS; m++) this.credit[base + m] = 0;
    }
    for (let i = R.licStart[r]!; i < R.licStart[r + 1]!; i++) this.hasLicence[R.licId[i]!] = 0;
    this.#resident = -1;
  }
}

/** Does the loaded resident hold every licence opening `o` requires? */
export function loadedHoldsLicences(model: Model, scratch: ResidentScratch, o: number): boolean {
  return loadedHoldsLicencesAt(model.openings.scoring, o * OPENING_STRIDE, scratch);
}

/** `loadedHoldsLicences` for the opening whose record starts at `records.record[at]`. */
export function loadedHoldsLicencesAt(
  records: OpeningRecords,
  at: number,
  scratch: ResidentScratch,
): boolean {
  const { record, licId } = records;
  for (let i = record[at + AT_LIC_START]!; i < record[at + AT_LIC_END]!; i++) {
    if (scratch.hasLicence[licId[i]!] === 0) return false;
  }
  return true;
}

/**
 * Skill points of the loaded resident for opening `o`, or −1 when a required known skill is missing.
 * Allocation-free.
 */
export function loadedSkillPoints(model: Model, scratch: ResidentScratch, o: number): number {
  return loadedSkillPointsAt(model.openings.scoring, o * OPENING_STRIDE, scratch);
}

/** `loadedSkillPoints` for the opening whose record starts at `records.record[at]`. */
export function loadedSkillPointsAt(records: OpeningRecords, at: number, scratch: ResidentScratch): number {
  const { record, requirement } = records;
  let weightedCredit = 0;
  for (let j = record[at + AT_REQ_START]!; j < record[at + AT_REQ_END]!; j += REQUIREMENT_STRIDE) {
    const slot = requirement[j]!;
    if (slot < 0) continue;
    const credit = scratch.credit[slot]!;
    if (credit === 0 && requirement[j + 2] === 1) return -1;
    weightedCredit += requirement[j + 1]! * credit;
  }
  return skillPoints(weightedCredit, record[at + AT_TOTAL_WEIGHT]!, record[at + AT_ANY_REQUIRED] === 1);
}

/** The score of the loaded resident `r` for opening `o`, or −1 when a gate blocks the pair. */
export function scoreLoaded(model: Model, scratch: ResidentScratch, r: number, o: number): number {
  const rel = relation(model, model.residents.county[r]!, model.openings.county[o]!);
  if (!passesPersonalGates(model, r, o, rel) || !loadedHoldsLicences(model, scratch, o)) return -1;
  const skill = loadedSkillPoints(model, scratch, o);
  return skill < 0 ? -1 : skill + nonSkillPoints(model, r, o, rel);
}

/** The resident's credit for a concept at a minimum level, looked up without scratch (0 when none). */
export function creditOf(model: Model, r: number, target: number, minLevel: number): number {
  const R = model.residents;
  for (let i = R.creditStart[r]!; i < R.creditStart[r + 1]!; i++) {
    const t = R.creditTarget[i]!;
    if (t === target) return R.creditValue[i * LEVEL_SLOTS + minLevel]!;
    if (t > target) return 0;
  }
  return 0;
}

function holdsLicence(model: Model, r: number, licence: number): boolean {
  const R = model.residents;
  for (let i = R.licStart[r]!; i < R.licStart[r + 1]!; i++) {
    if (R.licId[i] === licence) return true;
  }
  return false;
}

/** Does resident `r` hold every licence opening `o` requires? (Without scratch.) */
export function pairHoldsLicences(model: Model, r: number, o: number): boolean {
  const O = model.openings;
  for (let i = O.licStart[o]!; i < O.licStart[o + 1]!; i++) {
    if (!holdsLicence(model, r, O.licId[i]!)) return false;
  }
  return true;
}
