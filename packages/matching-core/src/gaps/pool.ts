/* eslint-disable @typescript-eslint/no-non-null-assertion -- arrays are read within bounds by construction */
import type { Model } from '../rank/model.ts';
import { codeIndex, codeKey, codeLevel, isLicenceCode } from './report.ts';

/**
 * Every distinct plan of a run, interned: a plan is a sequence of item codes (licences, then skills, by
 * index), stored once in a flat pool and found again by a numeric hash. For each plan the pool keeps the
 * plans it covers (itself included), worked out once when the plan first appears, so a resident's best plan
 * is a sum over short lists instead of a comparison of every pair of their plans. Between
 * `beginResident` and `best`, it counts how many of one resident's openings have each plan.
 */
export class PlanPool {
  readonly #model: Model;
  #codes = new Int32Array(1024);
  #used = 0;
  readonly #start: number[] = [];
  readonly #length: number[] = [];
  readonly #mask: number[] = [];
  readonly #covers: number[][] = [];
  readonly #keys: (string | undefined)[] = [];
  readonly #byHash = new Map<number, number>();
  readonly #nextWithHash: number[] = [];
  // One resident at a time.
  #epoch = 0;
  readonly #seen: number[] = [];
  readonly #count: number[] = [];
  readonly #covered: number[] = [];
  readonly #plans: number[] = [];

  constructor(model: Model) {
    this.#model = model;
  }

  /** The id of the plan `items[0 … n)`, interned on first sight. */
  intern(items: Int32Array, n: number): number {
    let hash = 0x811c9dc5;
    for (let i = 0; i < n; i++) hash = Math.imul(hash ^ items[i]!, 0x01000193);
    const head = this.#byHash.get(hash);
    for (let p = head ?? -1; p >= 0; p = this.#nextWithHash[p]!) {
      if (this.#equals(p, items, n)) return p;
    }
    const id = this.#start.length;
    if (this.#used + n > this.#codes.length) {
      const grown = new Int32Array(Math.max(this.#codes.length * 2, this.#used + n));
      grown.set(this.#codes);
      this.#codes = grown;
    }
    this.#codes.set(items.subarray(0, n), this.#used);
    this.#start.push(this.#used);
    this.#length.push(n);
    this.#used += n;
    this.#nextWithHash.push(head ?? -1);
    this.#byHash.set(hash, id);
    let mask = 0;
    for (let i = 0; i < n; i++) {
      const code = items[i]!;
      mask |= 1 << ((codeIndex(this.#model, code) * 2 + (isLicenceCode(this.#model, code) ? 0 : 1)) % 31);
    }
    this.#mask.push(mask);
    this.#covers.push([id]);
    this.#keys.push(undefined);
    this.#seen.push(0);
    this.#count.push(0);
    this.#covered.push(0);
    for (let p = 0; p < id; p++) {
      // A plan can only cover one whose items all hash into its own mask: most pairs end there.
      if ((this.#mask[p]! & ~mask) === 0 && this.#coversPlan(id, p)) this.#covers[id]!.push(p);
      if ((mask & ~this.#mask[p]!) === 0 && this.#coversPlan(p, id)) this.#covers[p]!.push(id);
    }
    return id;
  }

  /** The items of plan `p`. */
  items(p: number): Int32Array {
    return this.#codes.slice(this.#start[p], this.#start[p]! + this.#length[p]!);
  }

  beginResident(): void {
    this.#epoch++;
    this.#plans.length = 0;
  }

  /** `openings` more (or, negative, fewer) of the resident's openings have plan `p` as their own. */
  add(p: number, openings: number): void {
    if (this.#seen[p] !== this.#epoch) {
      this.#seen[p] = this.#epoch;
      this.#count[p] = 0;
      this.#plans.push(p);
    }
    this.#count[p]! += openings;
  }

  /** How many plans are interned. */
  get size(): number {
    return this.#start.length;
  }

  /**
   * The resident's plan unlocking the most of their openings, then the one with fewer items, then the
   * first by the reference planner's key; −1 when they have none. Marks the plans it covers.
   */
  best(): number {
    const epoch = this.#epoch;
    let best = -1;
    let bestUnlocked = -1;
    for (const p of this.#plans) {
      // A plan no opening has any more (its openings differ from blank for this resident) is no candidate.
      if (this.#count[p] === 0) continue;
      let unlocked = 0;
      for (const q of this.#covers[p]!) if (this.#seen[q] === epoch) unlocked += this.#count[q]!;
      if (
        unlocked > bestUnlocked ||
        (unlocked === bestUnlocked &&
          (this.#length[p]! < this.#length[best]! ||
            (this.#length[p] === this.#length[best] && this.#key(p) < this.#key(best))))
      ) {
        best = p;
        bestUnlocked = unlocked;
      }
    }
    if (best >= 0) for (const q of this.#covers[best]!) this.#covered[q] = epoch;
    return best;
  }

  /** Does the plan `best` returned cover plan `p`, and is `p` one of the resident's plans? */
  isCovered(p: number): boolean {
    return this.#covered[p] === this.#epoch && this.#seen[p] === this.#epoch && this.#count[p]! > 0;
  }

  #equals(p: number, items: Int32Array, n: number): boolean {
    if (this.#length[p] !== n) return false;
    const start = this.#start[p]!;
    for (let i = 0; i < n; i++) if (this.#codes[start + i] !== items[i]) return false;
    return true;
  }

  /** Does plan `p` cover plan `q`: every licence of `q`, and every skill at the same or a higher level? */
  #coversPlan(p: number, q: number): boolean {
    const model = this.#model;
    const codes = this.#codes;
    const pStart = this.#start[p]!;
    const pEnd = pStart + this.#length[p]!;
    const qEnd = this.#start[q]! + this.#length[q]!;
    for (let j = this.#start[q]!; j < qEnd; j++) {
      const needed = codes[j]!;
      let found = false;
      for (let i = pStart; i < pEnd && !found; i++) {
        const code = codes[i]!;
        found =
          isLicenceCode(model, code) === isLicenceCode(model, needed) &&
          codeIndex(model, code) === codeIndex(model, needed) &&
          codeLevel(model, code) >= codeLevel(model, needed);
      }
      if (!found) return false;
    }
    return true;
  }

  /** The reference planner's string key of plan `p`, made when first compared. */
  #key(p: number): string {
    let key = this.#keys[p];
    if (key === undefined) {
      key = Array.from(this.#codes.subarray(this.#start[p], this.#start[p]! + this.#length[p]!), (code) =>
        codeKey(this.#model, code),
      ).join('|');
      this.#keys[p] = key;
    }
    return key;
  }
}
