import type { SkillLevel } from '@anju/shared';

/** Which rule turned the text into a concept, strongest first. */
export type NormalizeRule = 'exact' | 'alias' | 'pinyin' | 'fuzzy' | 'broader' | 'unknown';

export interface Suggestion {
  readonly code: string;
  readonly name: string;
  readonly confidence: number;
}

/** Free text → taxonomy concept. `code` is the concept id, `null` when unknown (unknown stays unknown). */
export interface Normalized {
  readonly input: string;
  readonly code: string | null;
  readonly name: string | null;
  readonly rule: NormalizeRule;
  /** 0..1; 1 for exact and alias hits. */
  readonly confidence: number;
  /** A skill level stated in the text itself (高级电工 → 3), when there is one. */
  readonly level?: SkillLevel;
  /** Closest concepts, best first; filled when the text is unknown or the match is not certain. */
  readonly suggestions: readonly Suggestion[];
}

/** Turns residents' and employers' words for trades and licences into taxonomy ids. */
export interface Normalizer {
  normalize(text: string): Normalized;
  normalizeLicence(text: string): Normalized;
}
