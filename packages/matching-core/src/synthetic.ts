// @anju/matching-core/synthetic: a deterministic county from a seed, shaped like the relocated county in
// docs/county-speech.txt, for demos, tests and benchmarks. Apart from the core so its trade tables and
// name lists stay out of the core's entry.
export {
  generateCounty,
  type GenerateCountyOptions,
  type SyntheticCounty,
  type SyntheticHousehold,
  type SyntheticTruth,
} from './synthetic/generate.ts';
export type { OpeningTruth } from './synthetic/openings.ts';
export type { ResidentTruth } from './synthetic/residents.ts';
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
