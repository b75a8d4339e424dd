import type { NationalLevel, SkillLevel } from '@anju/shared';
import type { LicenceId, OccupationId } from '../ids.ts';
import type { Taxonomy } from '../taxonomy/taxonomy.ts';

/**
 * Which rule turned the text into a concept, strongest first: the name or id, an alias, a known name with
 * its role word swapped (挖掘机驾驶员 → 挖掘机司机, 木匠 → 木工), pinyin, a near spelling, a known name
 * inside a longer text.
 */
export type NormalizeRule = 'exact' | 'alias' | 'role' | 'pinyin' | 'fuzzy' | 'broader' | 'unknown';

/**
 * A concept the text may have meant, offered when the text is unknown or the match is not certain.
 *
 * @typeParam Id - {@link OccupationId} from `normalize`, {@link LicenceId} from `normalizeLicence`.
 */
export interface Suggestion<Id extends string = OccupationId | LicenceId> {
  /** The concept's id. */
  readonly code: Id;
  /** The concept's preferred Chinese name. */
  readonly name: string;
  /** 0..1: how likely the text meant this concept. */
  readonly confidence: number;
}

/**
 * Free text → taxonomy concept. `code` is the concept id, `null` when unknown (unknown stays unknown).
 *
 * @typeParam Id - {@link OccupationId} from `normalize`, {@link LicenceId} from `normalizeLicence`.
 */
export interface Normalized<Id extends string = OccupationId | LicenceId> {
  /** The text as given. */
  readonly input: string;
  /** The concept's id, `null` when the text names no known concept. */
  readonly code: Id | null;
  /** The concept's preferred Chinese name, `null` when unknown. */
  readonly name: string | null;
  /** The rule that fired. */
  readonly rule: NormalizeRule;
  /** 0..1; 1 for exact and alias hits. */
  readonly confidence: number;
  /**
   * A 职业技能等级 stated in the text itself (高级电工 → 三级/高级工), national numbering: 1 = 一级/高级技师 …
   * 5 = 五级/初级工. Not read from job titles (按摩技师) or shops' grades (高级月嫂).
   */
  readonly nationalLevel?: NationalLevel;
  /** The stated level by name: 三级/高级工. */
  readonly levelName?: string;
  /** Deprecated: the stated level as Anju's rank (1 = 五级 … 5 = 一级); read `nationalLevel`. */
  readonly level?: SkillLevel;
  /**
   * Set when the text names the concept only by the usual assumption, for staff to check: 「驾照」 →
   * 未注明准驾车型，按机动车驾驶证（C1 小型汽车）计.
   */
  readonly assumption?: string;
  /** Closest concepts, best first; filled when the text is unknown or the match is not certain. */
  readonly suggestions: readonly Suggestion<Id>[];
}

/** Turns residents' and employers' words for trades and licences into taxonomy ids. */
export interface Normalizer {
  /** The taxonomy the words are turned into concepts of. */
  readonly taxonomy: Taxonomy;
  /** A resident's or an employer's words for a trade → an occupation of the taxonomy. */
  normalize(text: string): Normalized<OccupationId>;
  /** Words for a licence or certificate (叉车证, 电工证, 驾照 C1) → a licence of the taxonomy. */
  normalizeLicence(text: string): Normalized<LicenceId>;
}
