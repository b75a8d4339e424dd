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
export * from './api/index.ts';
