/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays are read within bounds by construction */
// The partition both indexes are built on: (key, item) entries counting-sorted into one list per key, every
// list cut into blocks of `BLOCK` items and blocks into groups of `GROUP`, with the first (smallest) item of
// each. The searches bound, queue and visit these lists, groups and blocks.
import { MatchingError } from '../../errors.ts';
import { MAX_ENTRY_INDEX } from './queue-entry.ts';

/** Items per block, and blocks per group. */
const BLOCK = 8;
const GROUP = 8;

/**
 * Lists cut into blocks of `BLOCK` items and groups of `GROUP` blocks. List `l` has key `keys[l]` and groups
 * `[listGroups[l], listGroups[l + 1])`, group `g` has blocks `[groupStart[g], groupStart[g + 1])`, block
 * `b` has items `items[blockStart[b] … blockStart[b + 1])`. Items ascend within a list, so the first item
 * of a block, group or list is its smallest (`blockMin`, `groupMin`, `listMin`). `data[i]` is what the
 * entry of `items[i]` carried.
 */
export interface Partition {
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
export function partition(from: Entries, keySpace: number): Partition {
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
  // Blocks outnumber groups and lists: if a queue entry can name every block, it can name them all.
  if (blocks > MAX_ENTRY_INDEX) {
    throw new MatchingError('INTERNAL', `${blocks} blocks: a queue entry names at most ${MAX_ENTRY_INDEX}`);
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
export class Entries {
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
export function forEachRange(
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
