// What a best-first queue entry stands for: a block of candidates, a group of blocks, or a whole list of
// the partition, and its index there. Packed into one int32 (the kind in the low bits) so that the queue
// keeps its entries in a typed array and a search allocates nothing; build entries with `blockEntry`,
// `groupEntry`, `listEntry` and read them back with `entryKind` and `entryIndex`.

declare const queueEntry: unique symbol;
/** A packed (kind, index): a number at run time, but only the functions below make or read one. */
export type QueueEntry = number & { readonly [queueEntry]: true };

/** The kinds of entry: the items of one block are scored, a group or list is expanded into its parts. */
export const BLOCK_ENTRY = 0;
export const GROUP_ENTRY = 1;
export const LIST_ENTRY = 2;
export type EntryKind = typeof BLOCK_ENTRY | typeof GROUP_ENTRY | typeof LIST_ENTRY;

const KIND_BITS = 2;
const KIND_MASK = (1 << KIND_BITS) - 1;

/** The largest block, group or list index an entry can hold (`partition` refuses more blocks). */
export const MAX_ENTRY_INDEX = 2 ** (31 - KIND_BITS) - 1;

export function blockEntry(block: number): QueueEntry {
  return ((block << KIND_BITS) | BLOCK_ENTRY) as QueueEntry;
}

export function groupEntry(group: number): QueueEntry {
  return ((group << KIND_BITS) | GROUP_ENTRY) as QueueEntry;
}

export function listEntry(list: number): QueueEntry {
  return ((list << KIND_BITS) | LIST_ENTRY) as QueueEntry;
}

export function entryKind(entry: QueueEntry): EntryKind {
  return (entry & KIND_MASK) as EntryKind;
}

/** The block, group or list index of `entry` (which of them: `entryKind`). */
export function entryIndex(entry: QueueEntry): number {
  return entry >> KIND_BITS;
}
