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
export {
  generateCounty,
  type GenerateCountyOptions,
  type SyntheticCounty,
  type SyntheticHousehold,
  type SyntheticTruth,
} from './synthetic/generate.ts';
export type { OpeningTruth } from './synthetic/openings.ts';
export { COUNTY_PROFILE, type CountyProfile, type Destination } from './synthetic/profile.ts';
export type { ResidentTruth } from './synthetic/residents.ts';
