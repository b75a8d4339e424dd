import type { BlindIndex } from '../../infra/crypto.ts';
import { canonicalJson } from '../../infra/http/idempotency.ts';
import type { ImportHashes } from '../residents/model.ts';

/** Drops undefined members, so `{ level: undefined }` and `{}` hash the same. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (value !== null && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => inner !== undefined)
        .map(([key, inner]) => [key, compact(inner)]),
    );
  return value;
}

/**
 * The HMAC of a field's value as an import wrote it. Keyed, so a stored hash of a low-entropy value
 * (a phone, 是/否) cannot be reversed by trying values, and kept apart per collection and field.
 */
export function importHash(
  blindIndex: BlindIndex,
  collection: string,
  field: string,
  value: unknown,
): string {
  return blindIndex.digest(`import:${collection}.${field}`, canonicalJson(compact(value)));
}

function isAbsent(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/** What an import does with one field of an existing record. */
export type FieldDecision =
  | 'unchanged' // the record already holds the sheet's value
  | 'write' // the field is empty, or still holds what the last import wrote: take the sheet's value
  | 'keep'; // staff changed it (since the last import, or before any): their value stays

/**
 * The three-way rule that keeps manual edits: compare the sheet's value, the record's current value and
 * the hash of the value the last import wrote (`recorded`).
 */
export function decideField(
  imported: string,
  current: unknown,
  currentHash: string | undefined,
  recorded: string | undefined,
): FieldDecision {
  if (currentHash === imported) return 'unchanged';
  if (isAbsent(current)) return 'write';
  if (recorded !== undefined && currentHash === recorded) return 'write';
  return 'keep';
}

/** One field an import maintains: the sheet column it comes from and how to read it off a stored record. */
export interface TrackedField<D> {
  readonly field: string;
  readonly column: string;
  current(doc: D): unknown;
}

export interface MergePlan {
  /** Fields to write, with the sheet's values. */
  readonly writes: Record<string, unknown>;
  /** `importHashes.<field>` entries to record alongside. */
  readonly hashes: ImportHashes;
  /** Columns whose manual edits are kept. */
  readonly kept: string[];
}

/** Plans the update of a stored record from a sheet row's values (only fields the row fills). */
export function planMerge<D extends { importHashes?: ImportHashes | undefined }>(
  blindIndex: BlindIndex,
  collection: string,
  doc: D,
  fields: readonly TrackedField<D>[],
  values: Readonly<Record<string, unknown>>,
): MergePlan {
  const writes: Record<string, unknown> = {};
  const hashes: ImportHashes = {};
  const kept: string[] = [];
  for (const tracked of fields) {
    const value = values[tracked.field];
    if (value === undefined) continue;
    const current = tracked.current(doc);
    // An empty list in the sheet against an empty field: nothing to say either way.
    if (isAbsent(value) && isAbsent(current)) continue;
    const imported = importHash(blindIndex, collection, tracked.field, value);
    const currentHash = isAbsent(current)
      ? undefined
      : importHash(blindIndex, collection, tracked.field, current);
    const decision = decideField(imported, current, currentHash, doc.importHashes?.[tracked.field]);
    if (decision === 'write') {
      writes[tracked.field] = value;
      hashes[tracked.field] = imported;
    } else if (decision === 'keep') kept.push(tracked.column);
  }
  return { writes, hashes, kept };
}

/** The hashes of every value a new record gets from the sheet. */
export function hashesOf(
  blindIndex: BlindIndex,
  collection: string,
  values: Readonly<Record<string, unknown>>,
): ImportHashes {
  const hashes: ImportHashes = {};
  for (const [field, value] of Object.entries(values))
    if (value !== undefined) hashes[field] = importHash(blindIndex, collection, field, value);
  return hashes;
}

/** `$set` entries for recorded hashes: `importHashes.<field>`. */
export function hashUpdates(hashes: ImportHashes): Record<string, string> {
  return Object.fromEntries(Object.entries(hashes).map(([field, hash]) => [`importHashes.${field}`, hash]));
}
