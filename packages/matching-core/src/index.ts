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
export { allocate } from './allocate/allocate.ts';
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
