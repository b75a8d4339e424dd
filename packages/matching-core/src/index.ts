// @anju/matching-core: the core. Taxonomy, normalisation, scoring, ranking, allocation and skill gaps.
// Synthetic data is at `@anju/matching-core/synthetic`, the naive reference implementations at
// `@anju/matching-core/testing`; the benchmark harnesses (src/bench) are repository tooling, in no entry.
export { MatchingError, isMatchingError, type MatchingErrorCode, type Result } from './errors.ts';
export type { LicenceId, OccupationId } from './ids.ts';
export { isCrossProvince } from './location.ts';
export { Taxonomy, licenceTitleOf } from './taxonomy/taxonomy.ts';
export { defaultTaxonomy, loadTaxonomy, type InvalidTaxonomy } from './taxonomy/load.ts';
export {
  SKILL_LEVEL_NAMES,
  type ConceptPinyin,
  type Licence,
  type LicenceKind,
  type Occupation,
  type OccupationFamily,
  type Substitute,
  type TaxonomyData,
} from './taxonomy/types.ts';
export { createNormalizer, type NormalizerOptions } from './normalize/normalizer.ts';
export type { NormalizeRule, Normalized, Normalizer, Suggestion } from './normalize/types.ts';
export { prepareOpenings, prepareResidents, type PrepareOptions } from './score/prepare.ts';
export { scoreMatch } from './score/score.ts';
export { FACTOR_MAX } from './score/points.ts';
export type {
  Blocking,
  BlockingCode,
  Counterfactual,
  LicenceCheck,
  LicenceHolding,
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
export { rankOpenings, rankResidents } from './rank/rank.ts';
export type {
  OpeningMatch,
  OpeningRanking,
  RankOptions,
  ResidentMatch,
  ResidentRanking,
} from './rank/types.ts';
export { allocate } from './allocate/allocate.ts';
export { ALLOCATION_CANDIDATES, allocationProblem } from './allocate/from-ranking.ts';
export type {
  AllocationAgent,
  AllocationObjective,
  AllocationOptions,
  AllocationPair,
  AllocationProblem,
  AllocationResult,
  AllocationSlot,
  Assignment,
  Unassigned,
  UnassignedCode,
  UnassignedReason,
} from './allocate/types.ts';
export { skillGaps } from './gaps/gaps.ts';
export type {
  GapItem,
  LicenceDemand,
  ResidentGap,
  SkillGapOptions,
  SkillGapReport,
  TrainingDemand,
} from './gaps/types.ts';
