import { MatchingError } from '../errors.ts';

/**
 * A seeded pseudo-random stream: sfc32 (passes PractRand) seeded through splitmix32. Written out here so the
 * synthetic county is the same on every machine and Node version, which `Math.random` cannot promise.
 */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** `seed` is any safe integer; `stream` names an independent stream from the same seed. */
  constructor(seed: number, stream = '') {
    if (!Number.isSafeInteger(seed))
      throw new MatchingError('INVALID_SEED', `seed must be a safe integer, got ${seed}`);
    let state = (seed >>> 0) ^ hashText(`${Math.floor(seed / 2 ** 32)}/${stream}`);
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      words.push((z ^ (z >>> 16)) >>> 0);
    }
    [this.#a, this.#b, this.#c, this.#d] = words as [number, number, number, number];
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t0 = (this.#a + this.#b) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#d = (this.#d + 1) | 0;
    const t = (t0 + this.#d) | 0;
    this.#c = (this.#c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** An integer in [min, max] where small values are more likely (density falling linearly). */
  intLow(min: number, max: number): number {
    const u = this.next();
    return min + Math.floor((max - min + 1) * u * u);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new MatchingError('EMPTY_CHOICE', 'cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }
}

/** Picks items in proportion to their weights; items with weight 0 are never picked. */
export class WeightedTable<T> {
  readonly #items: T[] = [];
  readonly #cumulative: number[] = [];

  constructor(entries: Iterable<readonly [T, number]>) {
    let total = 0;
    for (const [item, weight] of entries) {
      if (!(weight > 0)) continue;
      total += weight;
      this.#items.push(item);
      this.#cumulative.push(total);
    }
  }

  get size(): number {
    return this.#items.length;
  }

  pick(random: Random): T {
    const total = this.#cumulative.at(-1);
    if (total === undefined)
      throw new MatchingError('EMPTY_CHOICE', 'cannot pick from an empty weighted table');
    const target = random.next() * total;
    let low = 0;
    let high = this.#cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#cumulative[middle] as number) > target) high = middle;
      else low = middle + 1;
    }
    return this.#items[low] as T;
  }
}

/** Splits `total` into integer parts proportional to `weights` (largest remainder), summing exactly to `total`. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0 || sum <= 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((value, index) => ({ index, rest: value - Math.floor(value) }));
  byRemainder.sort((x, y) => y.rest - x.rest || x.index - y.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    parts[index] = (parts[index] as number) + 1;
    left--;
  }
  return parts;
}

/** FNV-1a, 32 bits. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
