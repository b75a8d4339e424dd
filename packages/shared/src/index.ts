export { CountyCode, provinceOf } from './region.ts';
export {
  MatchOpening,
  MatchResident,
  Mobility,
  OpeningKind,
  OpeningSkill,
  ResidentSkill,
  SkillLevel,
} from './matching.ts';
export {
  ConceptId,
  LicenceKind,
  OccupationCode,
  OccupationFamily,
  TaxonomyData,
  TaxonomyLicence,
  TaxonomyOccupation,
  TaxonomySubstitute,
  type TaxonomyDataInput,
} from './taxonomy.ts';
