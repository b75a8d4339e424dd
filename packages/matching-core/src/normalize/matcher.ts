import Fuse, { type IFuseOptions } from 'fuse.js';

/** A text that names a concept: a cleaned name, alias or full pinyin. */
export interface SkillLabel {
  readonly id: string;
  readonly text: string;
}

export interface SkillMatch {
  readonly id: string;
  /** The label that matched best for this concept. */
  readonly text: string;
  /** 0..1, 1 for the same text. */
  readonly similarity: number;
}

/**
 * Fuzzy matching port: free text against a fixed list of labels, at most one match per concept, best
 * first, none below the matcher's minimum similarity. Built once per taxonomy; nothing outside this file
 * sees fuse.js.
 */
export interface SkillMatcher {
  match(query: string, limit: number): readonly SkillMatch[];
}

// Fuse's bitap takes patterns of at most 32 characters; longer texts are not typos of a trade name.
const MAX_QUERY_LENGTH = 32;

const FUSE_OPTIONS: Readonly<IFuseOptions<string>> = Object.freeze({
  includeScore: true,
  ignoreLocation: true, // a typo may sit anywhere in a short name
  ignoreFieldNorm: true,
  isCaseSensitive: true, // labels and queries are already lower-cased
  shouldSort: false,
  threshold: 0.5,
});

/**
 * Fuse's score is the share of the query's characters in error (0 perfect … 1 mismatch), found anywhere in
 * the label, so a short query inside a long label scores 0. Scaling by the length ratio keeps "电工" from
 * matching "维修电工" as if it were the same text.
 */
function similarityOf(score: number, queryLength: number, labelLength: number): number {
  const ratio = Math.min(queryLength, labelLength) / Math.max(queryLength, labelLength);
  return (1 - Math.min(1, Math.max(0, score))) * Math.sqrt(ratio);
}

/** Below this a match is noise, not even worth suggesting. */
const MIN_SIMILARITY = 0.5;

function bestPerConcept(
  labels: readonly SkillLabel[],
  hits: readonly { index: number; score: number }[],
  queryLength: number,
  limit: number,
): SkillMatch[] {
  const best = new Map<string, SkillMatch>();
  for (const hit of hits) {
    const label = labels[hit.index];
    if (label === undefined) continue;
    const similarity = similarityOf(hit.score, queryLength, label.text.length);
    if (similarity < MIN_SIMILARITY) continue;
    const current = best.get(label.id);
    if (current === undefined || similarity > current.similarity) {
      best.set(label.id, { id: label.id, text: label.text, similarity });
    }
  }
  return [...best.values()]
    .sort((a, b) => b.similarity - a.similarity || compare(a.id, b.id))
    .slice(0, limit);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Plain fuse.js over every label: the reference the indexed matcher is measured against. */
export function createFullScanMatcher(labels: readonly SkillLabel[]): SkillMatcher {
  const frozen = Object.freeze([...labels]);
  const fuse = new Fuse(
    frozen.map((label) => label.text),
    FUSE_OPTIONS,
  );
  return Object.freeze({
    match(query: string, limit: number): readonly SkillMatch[] {
      if (query.length === 0 || query.length > MAX_QUERY_LENGTH) return [];
      const hits = fuse.search(query).map((result) => ({ index: result.refIndex, score: result.score ?? 1 }));
      return bestPerConcept(frozen, hits, query.length, limit);
    },
  });
}

export interface IndexedMatcherOptions {
  /** How many labels, ranked by shared character bigrams, fuse.js scores per query; default 8. */
  readonly candidates?: number;
  /** Labels sharing less (Dice coefficient of bigrams) are not worth scoring; default 0.2. */
  readonly minOverlap?: number;
}

/**
 * fuse.js fronted by a character-bigram index: only the labels sharing the most bigrams (adjacent pairs
 * and pairs one character apart, so one wrong middle character still leaves a shared pair) are scored.
 */
export function createIndexedMatcher(
  labels: readonly SkillLabel[],
  options: IndexedMatcherOptions = {},
): SkillMatcher {
  const candidates = options.candidates ?? 8;
  const minOverlap = options.minOverlap ?? 0.2;
  const frozen = Object.freeze([...labels]);
  const gramCounts = new Int32Array(frozen.length);
  const lists = new Map<string, number[]>();
  frozen.forEach((label, index) => {
    const grams = gramsOf(label.text);
    gramCounts[index] = grams.size;
    for (const gram of grams) {
      const list = lists.get(gram);
      if (list === undefined) lists.set(gram, [index]);
      else list.push(index);
    }
  });
  const postings = new Map<string, Int32Array>();
  for (const [gram, list] of lists) postings.set(gram, Int32Array.from(list));

  // Scratch space reused across queries: matching is synchronous, so one query at a time.
  const shared = new Int32Array(frozen.length);
  const touched: number[] = [];
  const fuse = new Fuse<string>([], FUSE_OPTIONS);

  return Object.freeze({
    match(query: string, limit: number): readonly SkillMatch[] {
      if (query.length < 2 || query.length > MAX_QUERY_LENGTH) return [];
      const grams = gramsOf(query);
      for (const gram of grams) {
        const posting = postings.get(gram);
        if (posting === undefined) continue;
        for (const index of posting) {
          if (shared[index] === 0) touched.push(index);
          shared[index] = (shared[index] ?? 0) + 1;
        }
      }
      // Keep the best few by Dice coefficient; a full sort would cost more than fuse.js itself.
      const ranked: { index: number; dice: number }[] = [];
      for (const index of touched) {
        const dice = (2 * (shared[index] ?? 0)) / (grams.size + (gramCounts[index] ?? 0));
        shared[index] = 0;
        if (dice < minOverlap) continue;
        const worst = ranked[ranked.length - 1];
        if (ranked.length === candidates && worst !== undefined && !better(dice, index, worst)) continue;
        let at = ranked.length;
        while (at > 0 && better(dice, index, ranked[at - 1] ?? worstCandidate)) at--;
        ranked.splice(at, 0, { index, dice });
        if (ranked.length > candidates) ranked.pop();
      }
      touched.length = 0;
      // fuse.js costs microseconds a label: skip labels that cannot reach the minimum even if every shared
      // character lined up (similarity ≤ shared characters / query length × √length ratio).
      const worthScoring = ranked.filter(
        (candidate) => similarityBound(query, frozen[candidate.index]?.text ?? '') >= MIN_SIMILARITY,
      );
      if (worthScoring.length === 0) return [];

      fuse.setCollection(worthScoring.map((candidate) => frozen[candidate.index]?.text ?? ''));
      const hits = fuse.search(query).map((result) => ({
        index: worthScoring[result.refIndex]?.index ?? -1,
        score: result.score ?? 1,
      }));
      return bestPerConcept(frozen, hits, query.length, limit);
    },
  });
}

function similarityBound(query: string, label: string): number {
  const available = new Map<string, number>();
  for (const char of query) available.set(char, (available.get(char) ?? 0) + 1);
  let shared = 0;
  for (const char of label) {
    const left = available.get(char) ?? 0;
    if (left > 0) {
      available.set(char, left - 1);
      shared++;
    }
  }
  return (
    (shared / query.length) *
    Math.sqrt(Math.min(query.length, label.length) / Math.max(query.length, label.length))
  );
}

const worstCandidate = { index: Number.MAX_SAFE_INTEGER, dice: -1 };

/** Higher Dice first; the lower label index breaks ties, so results never depend on iteration order. */
function better(dice: number, index: number, than: { index: number; dice: number }): boolean {
  return dice > than.dice || (dice === than.dice && index < than.index);
}

function gramsOf(text: string): Set<string> {
  const chars = Array.from(text);
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    grams.add(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
    if (i + 2 < chars.length) grams.add(`${chars[i] ?? ''}\u0000${chars[i + 2] ?? ''}`);
  }
  return grams;
}
