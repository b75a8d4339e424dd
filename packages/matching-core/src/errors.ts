/**
 * Every code a {@link MatchingError} carries. Each one names misuse the caller could have avoided, or (for
 * `INTERNAL`) a broken invariant of the library itself; expected outcomes are never thrown (see
 * {@link Result}). The package README has the table of codes with the functions that throw them.
 */
export type MatchingErrorCode =
  /** An option is out of range or of the wrong type (`k`, `cutoff`, `asOf`, counts, fuzzy thresholds …). */
  | 'INVALID_OPTIONS'
  /** An argument is not what the function takes (e.g. `normalize` given something that is not a string). */
  | 'INVALID_INPUT'
  /** The scoring context is unusable (e.g. a `referenceYear` that is not a finite number). */
  | 'INVALID_CONTEXT'
  /** Two residents or two openings share an id. */
  | 'DUPLICATE_ID'
  /** An allocation problem with duplicate or unknown ids, scores outside 0..100 or bad capacities. */
  | 'INVALID_ALLOCATION_PROBLEM'
  /** An allocation objective other than `total-score` or `households-first`. */
  | 'INVALID_OBJECTIVE'
  /** An allocation too large to solve exactly in safe integers; split it (e.g. by county). */
  | 'PROBLEM_TOO_LARGE'
  /** The taxonomy shipped with the package failed its own checks (a packaging fault). */
  | 'INVALID_TAXONOMY'
  /** The taxonomy has no concepts to draw from (synthetic data). */
  | 'EMPTY_TAXONOMY'
  /** A synthetic-data seed that is not a safe integer. */
  | 'INVALID_SEED'
  /** A county profile or activity that cannot describe a county (synthetic data). */
  | 'INVALID_PROFILE'
  /** A random draw from an empty list (synthetic data). */
  | 'EMPTY_CHOICE'
  /** A broken invariant inside the library: a bug to report, not a caller's mistake. */
  | 'INTERNAL';

/**
 * Thrown only for misuse of the library (a broken invariant the caller could have avoided). Test for it with
 * {@link isMatchingError}, then switch on {@link MatchingError.code}.
 *
 * @example
 * ```ts
 * try {
 *   rankOpenings(residents, openings, context, { k: 0 });
 * } catch (error) {
 *   if (isMatchingError(error) && error.code === 'INVALID_OPTIONS') console.error(error.message);
 * }
 * ```
 */
export class MatchingError extends Error {
  /** Always `'MatchingError'`, also after the error crosses a realm or is serialised. */
  override readonly name = 'MatchingError' as const;
  /**
   * @param code - What was misused; one of {@link MatchingErrorCode}.
   * @param message - What was wrong, for a person.
   * @param options - The standard `ErrorOptions` (a `cause`).
   */
  constructor(
    /** What was misused; stable across versions. */
    readonly code: MatchingErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Whether `error` is a {@link MatchingError} (so its `code` is a {@link MatchingErrorCode}). */
export function isMatchingError(error: unknown): error is MatchingError {
  return error instanceof MatchingError;
}

/**
 * Expected outcomes are values: `{ ok: true, value }` or `{ ok: false, code, … }`, shaped like zod's
 * `safeParse`.
 *
 * @typeParam T - The value on success.
 * @typeParam E - The failure's fields, with a literal `code`.
 */
export type Result<T, E extends { code: string }> = { ok: true; value: T } | ({ ok: false } & E);
