import type { Normalizer } from '../normalize/types.ts';
import type { Taxonomy } from '../taxonomy/taxonomy.ts';

/** Words that name one trade, and the 职业分类大典 occupation it belongs to (an outside source's case). */
export interface SynonymCase {
  readonly words: readonly string[];
  readonly occupation: { readonly code: string; readonly name: string };
}

/** Two words that must never be read as the same concept. */
export interface DistinctCase {
  readonly a: string;
  readonly b: string;
}

/** How one word of a synonym group was read. */
export type WordVerdict = 'right' | 'wrong' | 'unknown';

export interface NormalizationEvaluation {
  readonly words: number;
  /** Read as a concept of the expected 大典 occupation (the concept itself or a 工种 under it). */
  readonly right: number;
  /** Read as a concept of another occupation, or one the 大典 cannot place. */
  readonly wrong: number;
  readonly unknown: number;
  /** right ÷ (right + wrong): of the words read, the share read right. */
  readonly precision: number;
  /** right ÷ words: of all the words, the share read right. */
  readonly recall: number;
  readonly groups: number;
  /** Groups whose words all land on one concept. */
  readonly groupsUnified: number;
  readonly pairs: number;
  /** Must-differ pairs read as one and the same concept. */
  readonly pairsMerged: number;
}

/** The 大典 code a concept falls under: its own, else its nearest broader concept's. */
export function occupationCodeOf(taxonomy: Taxonomy, id: string): string | undefined {
  for (const concept of [id, ...taxonomy.broaderOf(id)]) {
    const code = taxonomy.occupation(concept)?.code;
    if (code !== undefined) return code;
  }
  return undefined;
}

/** How `normalizer` reads one word of a group whose 大典 occupation is `code`. */
export function verdictOf(normalizer: Normalizer, word: string, code: string): WordVerdict {
  const read = normalizer.normalize(word).code;
  if (read === null) return 'unknown';
  return occupationCodeOf(normalizer.taxonomy, read) === code ? 'right' : 'wrong';
}

/**
 * Precision and recall of normalisation on an evaluation set from outside sources (synonym groups with
 * their 大典 occupation, must-differ pairs), run through `normalizer` as it is.
 */
export function evaluateNormalization(
  normalizer: Normalizer,
  synonyms: readonly SynonymCase[],
  distinct: readonly DistinctCase[],
): NormalizationEvaluation {
  let words = 0;
  let right = 0;
  let wrong = 0;
  let groupsUnified = 0;
  for (const group of synonyms) {
    const concepts = new Set<string | null>();
    for (const word of group.words) {
      words++;
      concepts.add(normalizer.normalize(word).code);
      const verdict = verdictOf(normalizer, word, group.occupation.code);
      if (verdict === 'right') right++;
      else if (verdict === 'wrong') wrong++;
    }
    if (concepts.size === 1 && !concepts.has(null)) groupsUnified++;
  }
  let pairsMerged = 0;
  for (const pair of distinct) {
    const a = normalizer.normalize(pair.a).code;
    if (a !== null && a === normalizer.normalize(pair.b).code) pairsMerged++;
  }
  const round = (value: number): number => Math.round(value * 1000) / 1000;
  return {
    words,
    right,
    wrong,
    unknown: words - right - wrong,
    precision: round(right + wrong === 0 ? 0 : right / (right + wrong)),
    recall: round(words === 0 ? 0 : right / words),
    groups: synonyms.length,
    groupsUnified,
    pairs: distinct.length,
    pairsMerged,
  };
}
