/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays are read within bounds by construction */

/** Top-k lists of many residents (or openings) in flat arrays: slot `s` holds `counts[s]` pairs at `s * k`. */
export interface Ranked {
  readonly k: number;
  readonly counts: Int32Array;
  readonly items: Int32Array;
  readonly scores: Int32Array;
}

export function allocateRanked(slots: number, k: number): Ranked {
  return {
    k,
    counts: new Int32Array(slots),
    items: new Int32Array(slots * k),
    scores: new Int32Array(slots * k),
  };
}

/** Copies slot `from` of `ranked` into slot `to`. */
export function copySlot(ranked: Ranked, from: number, to: number): void {
  const { k, counts, items, scores } = ranked;
  const count = (counts[to] = counts[from]!);
  for (let i = 0; i < count; i++) {
    items[to * k + i] = items[from * k + i]!;
    scores[to * k + i] = scores[from * k + i]!;
  }
}

/**
 * The best `k` (score, item) pairs seen: score descending, then item index ascending. A binary heap with
 * the worst kept at the root, on typed arrays, reused across residents with `reset()`.
 */
export class TopK {
  readonly capacity: number;
  readonly #scores: Int32Array;
  readonly #items: Int32Array;
  #size = 0;
  readonly #cutoff: number;

  constructor(capacity: number, cutoff: number) {
    this.capacity = capacity;
    this.#cutoff = cutoff;
    this.#scores = new Int32Array(Math.max(1, capacity));
    this.#items = new Int32Array(Math.max(1, capacity));
  }

  reset(): void {
    this.#size = 0;
  }

  get size(): number {
    return this.#size;
  }

  /**
   * Can an item scoring at most `bound`, with index at least `minItem`, still enter? Ties enter only with a
   * smaller index than the current worst.
   */
  admits(bound: number, minItem: number): boolean {
    if (bound < this.#cutoff) return false;
    if (this.#size < this.capacity) return true;
    const worst = this.#scores[0]!;
    return bound > worst || (bound === worst && minItem < this.#items[0]!);
  }

  offer(score: number, item: number): void {
    if (score < this.#cutoff || this.capacity === 0) return;
    if (this.#size < this.capacity) {
      let at = this.#size++;
      // Sift up: the worst rises to the root.
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!worse(score, item, this.#scores[parent]!, this.#items[parent]!)) break;
        this.#scores[at] = this.#scores[parent]!;
        this.#items[at] = this.#items[parent]!;
        at = parent;
      }
      this.#scores[at] = score;
      this.#items[at] = item;
      return;
    }
    if (worse(score, item, this.#scores[0]!, this.#items[0]!)) return;
    this.#siftDown(score, item, this.#size);
  }

  /**
   * Writes the kept pairs best first into slot `slot` of `into` and empties the heap. Allocation-free:
   * pops the worst into the last free place.
   */
  drainInto(into: Ranked, slot: number): void {
    const base = slot * into.k;
    into.counts[slot] = this.#size;
    while (this.#size > 0) {
      const last = --this.#size;
      into.scores[base + last] = this.#scores[0]!;
      into.items[base + last] = this.#items[0]!;
      if (last > 0) this.#siftDown(this.#scores[last]!, this.#items[last]!, last);
    }
  }

  /** Puts (score, item) at the root of a heap of `size` and sifts it down. */
  #siftDown(score: number, item: number, size: number): void {
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (
        right < size &&
        worse(this.#scores[right]!, this.#items[right]!, this.#scores[left]!, this.#items[left]!)
      ) {
        child = right;
      }
      if (!worse(this.#scores[child]!, this.#items[child]!, score, item)) break;
      this.#scores[at] = this.#scores[child]!;
      this.#items[at] = this.#items[child]!;
      at = child;
    }
    this.#scores[at] = score;
    this.#items[at] = item;
  }
}

function worse(scoreA: number, itemA: number, scoreB: number, itemB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && itemA > itemB);
}
