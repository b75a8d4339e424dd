import type { MatchScore } from '../score/types.ts';

/** How many matches `rankOpenings` / `rankResidents` keep, from what score, and whether explained. */
export interface RankOptions {
  /** Matches kept per resident (or per opening); a positive integer. */
  readonly k: number;
  /** Keep only matches scoring at least this (0–100). Default 0: every eligible match. */
  readonly cutoff?: number;
  /** Attach the full explanation (`scoreMatch`) to every match kept. Default false. */
  readonly explain?: boolean;
}

/** An opening in a resident's ranking: its score and, with `explain`, the full explanation. */
export interface OpeningMatch {
  readonly openingId: string;
  readonly score: number;
  readonly explanation?: MatchScore;
}

/** A resident's best eligible openings: score descending, then opening id ascending. */
export interface ResidentRanking {
  readonly residentId: string;
  readonly matches: readonly OpeningMatch[];
}

/** A resident in an opening's ranking: their score and, with `explain`, the full explanation. */
export interface ResidentMatch {
  readonly residentId: string;
  readonly score: number;
  readonly explanation?: MatchScore;
}

/** An opening's best eligible residents: score descending, then resident id ascending. */
export interface OpeningRanking {
  readonly openingId: string;
  readonly matches: readonly ResidentMatch[];
}
