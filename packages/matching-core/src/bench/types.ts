/** One benchmark figure: `ratio` compares the measured thing against `baseline`, both measured in the same run. */
export interface BenchFigure {
  readonly name: string;
  /** How many items (pairs, lookups, residents …) the figure covers. */
  readonly items: number;
  /** What the ratio is measured against. */
  readonly baseline: string;
  /** > 1 means faster than the baseline. */
  readonly ratio: number;
  readonly [detail: string]: unknown;
}

/** Why a benchmark failed: its result differed from its reference, a solver failed, or a process died. */
export type BenchErrorCode = 'BENCH_MISMATCH' | 'BENCH_FAILED' | 'BENCH_PROCESS_FAILED';

/** A benchmark harness's failure; the harnesses are repository tooling, outside the library's error codes. */
export class BenchError extends Error {
  override readonly name = 'BenchError' as const;
  constructor(
    readonly code: BenchErrorCode,
    message: string,
  ) {
    super(message);
  }
}
