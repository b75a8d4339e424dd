import type { Mobility, NationalLevel, OpeningKind, SkillLevel } from '@anju/shared';
import type { Normalized } from '../normalize/types.ts';
import type { Taxonomy } from '../taxonomy/taxonomy.ts';

/** What scoring needs besides the two records: the taxonomy and the year ages are counted in. */
export interface ScoreContext {
  readonly taxonomy: Taxonomy;
  /** Age = referenceYear − birthYear (year-granular). */
  readonly referenceYear: number;
}

/** How one free-text field of an input record was normalised; `field` names it, `index` its position. */
export interface TextOutcome {
  readonly field: 'skills' | 'licences' | 'occupation';
  readonly index: number;
  readonly result: Normalized;
}

/**
 * A resident ready for scoring: texts turned into concept ids. Priority (poverty status) is not carried:
 * it is never a score input.
 */
export interface PreparedResident {
  readonly id: string;
  readonly householdId: string;
  readonly birthYear: number | undefined;
  readonly countyCode: string;
  readonly mobility: Mobility;
  readonly expectedMonthlyWage: number | undefined;
  readonly noNightShift: boolean;
  readonly returnHomeDaily: boolean;
  readonly maxHoursPerWeek: number | undefined;
  /** Concept id → best stated level (`undefined` when no level is known). Unknown texts are not here. */
  readonly skills: ReadonlyMap<string, SkillLevel | undefined>;
  /**
   * Every licence id the resident's valid licences count as: what they hold, what those include (B2 → C1)
   * and their categories (低压电工作业 → 电工作业). Unknown texts and lapsed licences are not here.
   */
  readonly licences: ReadonlySet<string>;
  /** For each licence id a licence of the resident counts as (lapsed ones too), the holding it comes from. */
  readonly licenceSources: ReadonlyMap<string, LicenceHolding>;
  /** Skills not listed but shown by a licence held (叉车司机 by N1): concept → the licence id. */
  readonly attestedSkills: ReadonlyMap<string, string>;
  /** Every skill and licence text with its normalisation, in input order. */
  readonly normalization: readonly TextOutcome[];
  /** The texts that stayed unknown (never counted as a match). */
  readonly unknown: readonly TextOutcome[];
}

/** A licence as the resident holds it, after normalisation and the check of its dates. */
export interface LicenceHolding {
  /** The licence id the text named. */
  readonly id: string;
  /** The text as given. */
  readonly text: string;
  /** Set when the text named the licence only by assumption (驾照 → C1): what staff should check. */
  readonly assumption?: string;
  /** Set when the licence no longer counts on the day checked: past `validUntil`, or its 复审 overdue. */
  readonly lapsed?: { readonly reason: 'expired' | 'review-overdue'; readonly on: string };
  /** The licence has dates but no day was given to check them on. */
  readonly datesUnchecked?: true;
}

/** One thing an opening asks for: its main occupation or a listed skill. */
export interface PreparedRequirement {
  /** Concept id, `null` when the text is unknown (then nobody is credited for it). */
  readonly concept: string | null;
  readonly text: string;
  readonly minLevel: SkillLevel | undefined;
  readonly required: boolean;
  /** `occupation` for the opening's main concept (always required), `skill` for a listed skill. */
  readonly source: 'occupation' | 'skill';
}

/**
 * An opening ready to score: its texts turned into concept ids (`prepareOpenings`), with what could not be
 * read kept in `unknown`.
 */
export interface PreparedOpening {
  readonly id: string;
  readonly employerId: string;
  readonly title: string;
  readonly countyCode: string;
  readonly kind: OpeningKind | undefined;
  /** The main concept from `occupation`, `null` when unknown. */
  readonly occupation: string | null;
  /** Main occupation first, then listed skills; skills naming the same concept are merged. */
  readonly requirements: readonly PreparedRequirement[];
  /** Licence ids the opening lists (known ones); the taxonomy adds the legal preconditions of its trades. */
  readonly licences: readonly string[];
  readonly wage: { readonly min: number; readonly max: number };
  readonly headcount: number;
  readonly ageRange: { readonly min?: number; readonly max?: number } | undefined;
  readonly nightShift: boolean | undefined;
  readonly accommodation: boolean | undefined;
  readonly hoursPerWeek: number | undefined;
  readonly normalization: readonly TextOutcome[];
  readonly unknown: readonly TextOutcome[];
}

/** The factors a score is made of; `FACTOR_MAX` gives each one's most points. */
export type ScoreFactorName = 'skills' | 'location' | 'wage' | 'hours';

/** One factor's contribution; the `points` of all factors sum to the score. */
export interface ScoreFactor {
  readonly factor: ScoreFactorName;
  readonly points: number;
  readonly max: number;
  readonly detail: string;
}

/** Hard gates: a pair with any of these is not eligible, whatever its score. */
export type BlockingCode =
  | 'LICENCE_REQUIRED'
  /** The resident's licence for it is past its 有效期 or its 复审 is overdue. */
  | 'LICENCE_LAPSED'
  | 'REQUIRED_SKILL_MISSING'
  | 'AGE_OUT_OF_RANGE'
  | 'NIGHT_SHIFT_REFUSED'
  | 'MUST_RETURN_HOME_DAILY'
  | 'OUT_OF_MOBILITY_RANGE';

/** A hard gate that makes a pair ineligible, with a sentence for staff. */
export interface Blocking {
  readonly code: BlockingCode;
  readonly detail: string;
}

/** A skill (at a level) or licence the opening asks for that the resident does not fully have. */
export interface MissingItem {
  readonly kind: 'skill' | 'licence';
  readonly id: string;
  readonly name: string;
  /** The level asked, national numbering (4 = 四级/中级工). */
  readonly minNationalLevel?: NationalLevel;
  /** Deprecated: the level asked as Anju's rank (1 = 五级 … 5 = 一级); read `minNationalLevel`. */
  readonly minLevel?: SkillLevel;
  /** Licences are always required; a skill is required when the opening says so or it is the main trade. */
  readonly required: boolean;
}

/** Data the score could not use because it is missing; it earned no points and did not count as a match. */
export type UnknownCode =
  | 'BIRTH_YEAR_UNKNOWN'
  | 'WAGE_EXPECTATION_UNKNOWN'
  | 'HOURS_UNKNOWN'
  | 'NIGHT_SHIFT_UNKNOWN'
  | 'SKILL_LEVEL_UNKNOWN'
  | 'REQUIREMENT_UNKNOWN'
  /** A gate opened on a licence text that names it only by assumption (驾照 → C1). */
  | 'LICENCE_ASSUMED'
  /** A gate opened on a dated licence, but no day was given to check the dates on. */
  | 'LICENCE_DATES_UNCHECKED';

/** Data the score could not use, with what staff should check. */
export interface UnknownInput {
  readonly code: UnknownCode;
  readonly detail: string;
}

/** "With a 叉车 licence this becomes 82": the score after adding `add` to the resident. */
export interface Counterfactual {
  readonly change: { readonly add: readonly MissingItem[]; readonly detail: string };
  readonly score: number;
  readonly eligible: boolean;
}

/** A licence the opening legally needs, and whether the resident has it. */
export interface LicenceCheck {
  readonly id: string;
  /** 特种作业操作证（低压电工作业）. */
  readonly title: string;
  readonly held: boolean;
  /** 持有「B2驾照」，机动车驾驶证（B2 大型货车）准许此项; 缺少…; …已于 2024-05-01 过期. */
  readonly detail: string;
}

/**
 * A resident × opening score, 0–100, explained: each factor's points, the licence checks, the blocking gates,
 * what is missing, what was unknown, and what would change the score (counterfactuals).
 */
export interface MatchScore {
  readonly residentId: string;
  readonly openingId: string;
  /** Integer 0–100, the sum of the factors' points. */
  readonly score: number;
  /** No blocking gate. */
  readonly eligible: boolean;
  readonly factors: readonly ScoreFactor[];
  /** Each licence the opening legally needs, checked. */
  readonly licences: readonly LicenceCheck[];
  readonly blocking: readonly Blocking[];
  readonly missing: readonly MissingItem[];
  readonly unknowns: readonly UnknownInput[];
  readonly counterfactuals: readonly Counterfactual[];
}
