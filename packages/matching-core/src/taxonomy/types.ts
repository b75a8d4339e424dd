import type { SkillLevel } from '@anju/shared';

/** Occupation families: the trades this population works in. */
export type OccupationFamily =
  | 'construction'
  | 'manufacturing'
  | 'garments'
  | 'electronics'
  | 'domestic-care'
  | 'catering'
  | 'logistics-driving'
  | 'security-cleaning'
  | 'agriculture-tea'
  | 'ecommerce'
  | 'beauty-hair'
  | 'vehicle-repair'
  | 'general';

/** A close occupation a worker can switch to; `similarity` 0..1 scales the credit a match earns. */
export interface Substitute {
  readonly id: string;
  readonly similarity: number;
}

/** One occupation concept of the taxonomy. */
export interface Occupation {
  /** Stable concept id (ASCII kebab-case), e.g. `welder`. */
  readonly id: string;
  /** Preferred Chinese name, e.g. 焊工. */
  readonly name: string;
  /** 职业分类大典 (2022) code such as `6-18-02-04`, where the occupation has one. */
  readonly code?: string;
  readonly family: OccupationFamily;
  /** Colloquial and alternative names (电焊, 电焊工, 烧焊 …); pinyin is derived, not listed. */
  readonly aliases: readonly string[];
  /** The broader concept, e.g. `arc-welder` → `welder`. */
  readonly broader?: string;
  readonly substitutes: readonly Substitute[];
  /** Licences (特种作业操作证 …) that are a legal precondition for the work: a gate, not a score. */
  readonly licences: readonly string[];
}

/** A licence or certificate that can gate work. */
export interface Licence {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
}

/** The taxonomy as data: what ships with the package and what a user may load instead. */
export interface TaxonomyData {
  readonly version: string;
  readonly occupations: readonly Occupation[];
  readonly licences: readonly Licence[];
}

/** The five 职业技能等级, index = stored level. */
export const SKILL_LEVEL_NAMES: Readonly<Record<SkillLevel, string>> = Object.freeze({
  1: '五级/初级工',
  2: '四级/中级工',
  3: '三级/高级工',
  4: '二级/技师',
  5: '一级/高级技师',
});
