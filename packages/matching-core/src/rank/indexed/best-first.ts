/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays are read within bounds by construction */
// The best-first driver's queue: the lists, groups and blocks a search has still to look at, best bound
// first. Both searches use it the same way: push `QueueEntry`s (see `queue-entry.ts`) with their bounds,
// then take the best while it can still beat the k-th match.
import type { Relation } from '../../score/points.ts';
import type { QueueEntry } from './queue-entry.ts';

/**
 * Lists, groups and blocks still to visit for one resident (or opening), best bound first and, among equal
 * bounds, lowest first item first: a binary heap of packed numeric keys. Taking the best first makes the
 * k-th score rise as early as possible, and the first entry that cannot beat it ends the search.
 */
export class BestFirst {
  /** Heap of packed keys, with the slot of each key alongside. */
  #keys = new Float64Array(256);
  #slotAt = new Int32Array(256);
  /** By slot: the entry, its bound, first item and relation. */
  #entry = new Int32Array(256);
  #bound = new Int32Array(256);
  #firstItem = new Int32Array(256);
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
   * Queues `entry` (a block, group or list) with its bound, an integer the search keeps with it
   * (`extra`), its first item and relation.
   */
  push(entry: QueueEntry, bound: number, extra: number, minItem: number, rel: Relation): void {
    const slot = this.#slots++;
    if (slot >= this.#entry.length) this.#grow();
    this.#entry[slot] = entry;
    this.#bound[slot] = bound;
    this.#firstItem[slot] = minItem;
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

  /** The slot of the best entry; read it with `entry`, `bound`, `firstItem`, `extra`, `rel`. */
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

  entry(slot: number): QueueEntry {
    return this.#entry[slot]! as QueueEntry;
  }

  bound(slot: number): number {
    return this.#bound[slot]!;
  }

  /** The smallest item under the entry: with the bound, whether it can still enter the top k. */
  firstItem(slot: number): number {
    return this.#firstItem[slot]!;
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
    this.#firstItem = grown(this.#firstItem, new Int32Array(n));
    this.#extra = grown(this.#extra, new Int32Array(n));
    this.#rel = grown(this.#rel, new Uint8Array(n));
  }
}

/** No score exceeds this; bounds are kept below it in queue keys. */
const FACTOR_MAX_TOTAL = 128;
