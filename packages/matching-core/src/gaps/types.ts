import type { NationalLevel, SkillLevel } from '@anju/shared';

/** Options of `skillGaps` (and `skillGapsReference`). */
export interface SkillGapOptions {
  /** A resident counts as matched when some eligible opening scores at least this. Default 0. */
  readonly cutoff?: number;
}

/** Something to learn or obtain: a trade at a level (职业技能等级) or a licence. */
export interface GapItem {
  readonly kind: 'skill' | 'licence';
  readonly id: string;
  readonly name: string;
  /** For skills: the level to reach, national numbering (5 = 五级/初级工 at least). */
  readonly nationalLevel?: NationalLevel;
  /** For skills: the level by name (五级/初级工). */
  readonly levelName?: string;
  /** Deprecated: the level as Anju's rank (1 = 五级 … 5 = 一级); read `nationalLevel`. */
  readonly level?: SkillLevel;
}

/** An unmatched resident and the smallest set of items that unlocks the most openings for them. */
export interface ResidentGap {
  readonly residentId: string;
  /** Empty when no training would make any opening eligible (e.g. all are out of the resident's range). */
  readonly items: readonly GapItem[];
  readonly openingsUnlocked: number;
  /** The openings unlocked, by id ascending. */
  readonly openingIds: readonly string[];
}

/** Residents whose best plan includes a trade at a level: the size of a training cohort. */
export interface TrainingDemand {
  readonly occupation: string;
  readonly name: string;
  /** The level to train to, national numbering (5 = 五级/初级工). */
  readonly nationalLevel: NationalLevel;
  readonly levelName: string;
  /** Deprecated: the level as Anju's rank (1 = 五级 … 5 = 一级); read `nationalLevel`. */
  readonly level: SkillLevel;
  readonly residents: number;
  /** Distinct openings those residents' plans unlock, and the sum of their headcounts. */
  readonly openingsUnlocked: number;
  readonly headcount: number;
}

/** Residents whose best plan includes a licence: the size of a licence course, and what it unlocks. */
export interface LicenceDemand {
  readonly licence: string;
  readonly name: string;
  readonly residents: number;
  readonly openingsUnlocked: number;
  readonly headcount: number;
}

/**
 * Training demand for residents left unmatched: per resident the smallest set of skills and licences that
 * unlocks the most openings, summed per trade and level and per licence to size cohorts.
 */
export interface SkillGapReport {
  /** Residents without an eligible opening at or above the cutoff. */
  readonly unmatched: number;
  /** One entry per unmatched resident, by resident id. */
  readonly residents: readonly ResidentGap[];
  /** By residents descending, then openings unlocked descending, then occupation id and level. */
  readonly training: readonly TrainingDemand[];
  /** By residents descending, then openings unlocked descending, then licence id. */
  readonly licences: readonly LicenceDemand[];
}
