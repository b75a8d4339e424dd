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
