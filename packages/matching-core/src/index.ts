export { MatchingError, isMatchingError, type Result } from './errors.ts';
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
export {
  generateCounty,
  type GenerateCountyOptions,
  type SyntheticCounty,
  type SyntheticHousehold,
  type SyntheticTruth,
} from './synthetic/generate.ts';
export type { OpeningTruth } from './synthetic/openings.ts';
export {
  COUNTY_PROFILE,
  type ActivityProfile,
  type CountyProfile,
  type Destination,
} from './synthetic/profile.ts';
export {
  countyYearFigures,
  generateCountyYear,
  scaleActivity,
  type CountyYear,
  type CountyYearFigures,
  type GenerateCountyYearOptions,
  type SyntheticCohort,
  type SyntheticEnrolment,
  type SyntheticFair,
  type SyntheticFairStep,
  type SyntheticPlacement,
  type SyntheticReach,
  type SyntheticRegistration,
} from './synthetic/year.ts';
export type { ResidentTruth } from './synthetic/residents.ts';
export { createNormalizer, type NormalizerOptions } from './normalize/normalizer.ts';
export type { NormalizeRule, Normalized, Normalizer, Suggestion } from './normalize/types.ts';
export type { SkillLabel, SkillMatch, SkillMatcher } from './normalize/matcher.ts';
export type { BenchFigure } from './bench/types.ts';
export { benchNormalize, type NormalizeBenchOptions } from './bench/normalize.ts';
export {
  evaluateNormalization,
  occupationCodeOf,
  verdictOf,
  type DistinctCase,
  type NormalizationEvaluation,
  type SynonymCase,
  type WordVerdict,
} from './bench/evaluation.ts';
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
export {
  benchAllocate,
  countyAllocationProblem,
  type CapacityRegime,
  type CountyAllocationOptions,
} from './bench/allocate.ts';

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
export { rankOpenings, rankOpeningsNaive, rankResidents, rankResidentsNaive } from './rank/rank.ts';
export type {
  OpeningMatch,
  OpeningRanking,
  RankOptions,
  ResidentMatch,
  ResidentRanking,
} from './rank/types.ts';
export { skillGaps } from './gaps/gaps.ts';
export { skillGapsReference } from './gaps/reference.ts';
export type {
  GapItem,
  LicenceDemand,
  ResidentGap,
  SkillGapOptions,
  SkillGapReport,
  TrainingDemand,
} from './gaps/types.ts';
export { benchRank, type BenchRankOptions } from './bench/rank.ts';
export { benchGaps, type BenchGapsOptions } from './bench/gaps.ts';
