/** Thrown only for misuse of the library (a broken invariant the caller could have avoided). */
export class MatchingError extends Error {
  override readonly name = 'MatchingError' as const;
  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export function isMatchingError(error: unknown): error is MatchingError {
  return error instanceof MatchingError;
}

/** Expected outcomes are values: `{ ok: true, value }` or `{ ok: false, code, … }`. */
export type Result<T, E extends { code: string }> = { ok: true; value: T } | ({ ok: false } & E);
