import type {
  LicenceKind as SharedLicenceKind,
  OccupationFamily as SharedOccupationFamily,
  SkillLevel,
  TaxonomyData as SharedTaxonomyData,
  TaxonomyLicence,
  TaxonomyOccupation,
  TaxonomySubstitute,
} from '@anju/shared';

// The shapes come from the zod schemas in @anju/shared, so the data file, the service and the core agree.

/** Occupation families: the trades this population works in. */
export type OccupationFamily = SharedOccupationFamily;

/** What kind of document a licence is (特种作业操作证, 特种设备作业人员证, 驾驶证, 健康证 …). */
export type LicenceKind = SharedLicenceKind;

/** A close occupation a worker can switch to; `similarity` in (0, 1] scales the credit a match earns. */
export type Substitute = TaxonomySubstitute;

/** One occupation concept of the taxonomy (`id`, Chinese `name`, optional 职业分类大典 `code`, aliases …). */
export type Occupation = TaxonomyOccupation;

/** A licence or certificate that can gate work. */
export type Licence = TaxonomyLicence;

/** The taxonomy as data after validation: what ships with the package and what a user may load instead. */
export type TaxonomyData = SharedTaxonomyData;

/** Pinyin derived from a concept's Chinese name and aliases, toneless, ü written v. */
export interface ConceptPinyin {
  /** Of the name and every alias: 电焊工 → `dianhangong`. */
  readonly full: readonly string[];
  /** Of the name and the first three aliases (the most common spellings): 电焊工 → `dhg`. */
  readonly initials: readonly string[];
}

/** The five 职业技能等级, index = stored level. */
export const SKILL_LEVEL_NAMES: Readonly<Record<SkillLevel, string>> = Object.freeze({
  1: '五级/初级工',
  2: '四级/中级工',
  3: '三级/高级工',
  4: '二级/技师',
  5: '一级/高级技师',
});
