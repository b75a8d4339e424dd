/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays are read within bounds by construction */
// Residents who score the same against every opening. A county has many: neighbours with the same trades,
// the same range and no stated expectation. Their rankings are equal, so the ranker searches once for
// each kind and copies the result.
import { LEVEL_SLOTS, type Model } from './model.ts';

/**
 * For each resident, the lowest-indexed resident whose score equals theirs for every opening (themselves
 * when none comes earlier). Two residents score alike when every input the score reads of a resident is
 * equal: home county, range, returning home, night shifts, expectation, weekly hours, credits and
 * licences, and an age that passes and fails the same openings' age limits.
 */
export function alikeResidents(model: Model): Int32Array {
  const R = model.residents;
  const ages = new AgeClasses(model);
  const ageLow = new Int32Array(R.n);
  const ageHigh = new Int32Array(R.n);
  for (let r = 0; r < R.n; r++) {
    ageLow[r] = ages.low(model.referenceYear - R.birthYear[r]!);
    ageHigh[r] = ages.high(model.referenceYear - R.birthYear[r]!);
  }
  const alikeAt = (a: number, b: number): boolean =>
    R.county[a] === R.county[b] &&
    R.mobility[a] === R.mobility[b] &&
    R.returnHome[a] === R.returnHome[b] &&
    R.noNight[a] === R.noNight[b] &&
    ageLow[a] === ageLow[b] &&
    ageHigh[a] === ageHigh[b] &&
    same(R.expected[a]!, R.expected[b]!) &&
    same(R.maxHours[a]!, R.maxHours[b]!) &&
    sameRange(R.licStart, R.licId, 1, a, b) &&
    sameRange(R.creditStart, R.creditTarget, 1, a, b) &&
    sameRange(R.creditStart, R.creditValue, LEVEL_SLOTS, a, b);

  // Open addressing on a hash of the cheap fields; equal hashes are confirmed field by field.
  const size = 1 << Math.ceil(Math.log2(2 * R.n + 2));
  const table = new Int32Array(size).fill(-1);
  const hashes = new Int32Array(size);
  const alike = new Int32Array(R.n);
  for (let r = 0; r < R.n; r++) {
    let hash = Math.imul(R.county[r]! + 1, 0x9e3779b1);
    hash = Math.imul(hash ^ (R.mobility[r]! * 4 + R.returnHome[r]! * 2 + R.noNight[r]!), 0x85ebca6b);
    hash = Math.imul(hash ^ (ageLow[r]! * 977 + ageHigh[r]!), 0xc2b2ae35);
    hash = Math.imul(hash ^ (Number.isNaN(R.expected[r]!) ? -1 : R.expected[r]! | 0), 0x27d4eb2f);
    hash = Math.imul(hash ^ (Number.isNaN(R.maxHours[r]!) ? -1 : R.maxHours[r]! | 0), 0x27d4eb2f);
    for (let i = R.creditStart[r]!; i < R.creditStart[r + 1]!; i++) {
      // The concept, and the credit towards its highest level (what most tells levels apart).
      hash = Math.imul(hash ^ R.creditTarget[i]!, 0x165667b1);
      hash = Math.imul(hash ^ ((R.creditValue[(i + 1) * LEVEL_SLOTS - 1]! * 4096) | 0), 0x165667b1);
    }
    for (let i = R.licStart[r]!; i < R.licStart[r + 1]!; i++)
      hash = Math.imul(hash ^ ~R.licId[i]!, 0x165667b1);
    // MurmurHash3's finaliser: every input bit reaches the low bits the table is indexed by.
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    hash ^= hash >>> 16;
    let at = hash & (size - 1);
    alike[r] = r;
    for (; table[at]! >= 0; at = (at + 1) & (size - 1)) {
      if (hashes[at] === hash && alikeAt(table[at]!, r)) {
        alike[r] = table[at]!;
        break;
      }
    }
    if (alike[r] === r) {
      table[at] = r;
      hashes[at] = hash;
    }
  }
  return alike;
}

/** Do residents `a` and `b` have equal values in their ranges `[start[x] · width, start[x + 1] · width)`? */
function sameRange(
  start: Int32Array,
  values: Int32Array | Float64Array,
  width: number,
  a: number,
  b: number,
): boolean {
  const length = start[a + 1]! - start[a]!;
  if (length !== start[b + 1]! - start[b]!) return false;
  const fromA = start[a]! * width;
  const fromB = start[b]! * width;
  for (let i = 0; i < length * width; i++) {
    if (!same(values[fromA + i]!, values[fromB + i]!)) return false;
  }
  return true;
}

/** Equal, or both NaN (unknown). */
function same(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Ages as the openings' age limits see them. An age passes a limit `[min, max]` unless it is below `min`
 * or above `max`; with the distinct limits sorted, how many minimums an age reaches (`low`) and how many
 * maximums it exceeds (`high`) say which of every opening's limits it passes. Unknown ages pass every
 * limit and have a class of their own.
 */
class AgeClasses {
  readonly #mins: Float64Array;
  readonly #maxes: Float64Array;

  constructor(model: Model) {
    const O = model.openings;
    this.#mins = Float64Array.from(new Set(O.ageMin.filter((v) => !Number.isNaN(v)))).sort();
    this.#maxes = Float64Array.from(new Set(O.ageMax.filter((v) => !Number.isNaN(v)))).sort();
  }

  /** How many minimums are at most `age`; −1 when the age is unknown. */
  low(age: number): number {
    return Number.isNaN(age) ? -1 : countBelow(this.#mins, age, true);
  }

  /** How many maximums are below `age`; −1 when the age is unknown. */
  high(age: number): number {
    return Number.isNaN(age) ? -1 : countBelow(this.#maxes, age, false);
  }
}

/** How many of the ascending `values` are below `x` (or equal to it too, with `orEqual`). */
function countBelow(values: Float64Array, x: number, orEqual: boolean): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid]! < x || (orEqual && values[mid] === x)) low = mid + 1;
    else high = mid;
  }
  return low;
}
