export { MatchingError, isMatchingError, type Result } from './errors.ts';
export { isCrossProvince } from './location.ts';
export { Taxonomy } from './taxonomy/taxonomy.ts';
export {
  SKILL_LEVEL_NAMES,
  type Licence,
  type Occupation,
  type OccupationFamily,
  type Substitute,
  type TaxonomyData,
} from './taxonomy/types.ts';

// Scoring, ranking and skill gaps (issue 3 parts 3, 4, 6).
export type { NormalizeRule, Normalized, Normalizer, Suggestion } from './normalize/types.ts';
export type { BenchFigure } from './bench/types.ts';
export { prepareOpenings, prepareResidents } from './score/prepare.ts';
export { scoreMatch } from './score/score.ts';
export { FACTOR_MAX } from './score/points.ts';
export type {
  Blocking,
  BlockingCode,
  Counterfactual,
  MatchScore,
  MissingItem,
  PreparedOpening,
  PreparedRequirement,
  PreparedResident,
  ScoreContext,
  ScoreFactor,
  ScoreFactorName,
  TextOutcome,
  UnknownCode,
  UnknownInput,
} from './score/types.ts';
export { rankOpenings, rankOpeningsNaive, rankResidents, rankResidentsNaive } from './rank/rank.ts';
export type {
  OpeningMatch,
  OpeningRanking,
  RankOptions,
  ResidentMatch,
  ResidentRanking,
} from './rank/types.ts';
export { skillGaps } from './gaps/gaps.ts';
export type {
  GapItem,
  LicenceDemand,
  ResidentGap,
  SkillGapOptions,
  SkillGapReport,
  TrainingDemand,
} from './gaps/types.ts';
export { benchRank, type BenchRankOptions } from './bench/rank.ts';
