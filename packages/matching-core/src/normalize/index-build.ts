import type { Taxonomy } from '../taxonomy/taxonomy.ts';
import { charPinyinOf, cleanText, hasHan } from '../taxonomy/text.ts';
import { createIndexedMatcher, type SkillLabel, type SkillMatcher } from './matcher.ts';
import type { Normalized, Suggestion } from './types.ts';

/** Which labels a cleaned text names directly. */
export interface KeyHit {
  readonly id: string;
  readonly rule: 'exact' | 'alias';
  /** Set on labels that name the concept only by assumption (驾照 → C1): what staff are told. */
  readonly assumption?: string;
}

/** Everything the normaliser looks text up in, for one list (occupations or licences) of one taxonomy. */
export interface ConceptIndex {
  /** id → preferred name. */
  readonly names: ReadonlyMap<string, string>;
  /** Names, aliases and ids exactly as written in the data → the finished result, for the fast path. */
  readonly verbatim: ReadonlyMap<string, Normalized<string>>;
  /** Cleaned names and aliases → the concept. */
  readonly keys: ReadonlyMap<string, KeyHit>;
  /** Cleaned keys grouped by length, longest first, for finding a known name inside a longer text. */
  readonly keyLengths: readonly number[];
  /** Full toneless pinyin → concept ids (more than one when different concepts sound alike). */
  readonly pinyin: ReadonlyMap<string, readonly string[]>;
  /** Pinyin initials → concept ids. */
  readonly initials: ReadonlyMap<string, readonly string[]>;
  /**
   * Of concepts that text cannot tell apart, the one that is the same as or broader than all the others
   * (电焊工 and 点焊工 sound alike; 点焊工 is a kind of 焊工, so the answer is 焊工). Undefined when they
   * are different trades.
   */
  commonConcept(ids: readonly string[]): string | undefined;
  /** The nearest concept that all of `ids` are, or are kinds of (氩弧焊工, 二保焊工 → 焊工). */
  nearestCommonBroader(ids: readonly string[]): string | undefined;
  readonly matcher: SkillMatcher;
}

interface Concept {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  /** Labels that name the concept only by assumption (licences). */
  readonly assumedFor?: readonly string[];
}

const NONE: readonly Suggestion<string>[] = Object.freeze([]);

export type ConceptList = 'occupations' | 'licences';

// One index per taxonomy and list, built on first use and shared by every normaliser of that taxonomy.
const cache = new WeakMap<Taxonomy, Partial<Record<ConceptList, ConceptIndex>>>();

export function conceptIndex(taxonomy: Taxonomy, list: ConceptList): ConceptIndex {
  let entry = cache.get(taxonomy);
  if (entry === undefined) {
    entry = {};
    cache.set(taxonomy, entry);
  }
  const existing = entry[list];
  if (existing !== undefined) return existing;
  const built = buildIndex(taxonomy, list);
  entry[list] = built;
  return built;
}

function buildIndex(taxonomy: Taxonomy, list: ConceptList): ConceptIndex {
  const concepts: readonly Concept[] = list === 'occupations' ? taxonomy.occupations : taxonomy.licences;
  const names = new Map<string, string>();
  const verbatim = new Map<string, Normalized<string>>();
  const keys = new Map<string, KeyHit>();
  const pinyin = new Map<string, string[]>();
  const initials = new Map<string, string[]>();
  const labels: SkillLabel[] = [];
  const lengths = new Set<number>();

  const addKey = (text: string, hit: KeyHit): void => {
    const key = cleanText(text);
    if (key === '' || keys.has(key)) return; // loadTaxonomy has rejected real conflicts
    keys.set(key, hit);
    lengths.add(key.length);
    // A guess never lands on an assumption: only the exact text earns it.
    if (hit.assumption === undefined) labels.push({ id: hit.id, text: key });
  };
  const addSound = (map: Map<string, string[]>, key: string, id: string): void => {
    const ids = map.get(key);
    if (ids === undefined) map.set(key, [id]);
    else if (!ids.includes(id)) ids.push(id);
  };

  for (const concept of concepts) {
    names.set(concept.id, concept.name);
    const exact: KeyHit = Object.freeze({ id: concept.id, rule: 'exact' });
    const alias: KeyHit = Object.freeze({ id: concept.id, rule: 'alias' });
    const known = (input: string, hit: KeyHit): void => {
      if (verbatim.has(input)) return;
      const base = {
        input,
        code: concept.id,
        name: concept.name,
        rule: hit.rule,
        confidence: 1,
        suggestions: NONE,
      };
      verbatim.set(
        input,
        Object.freeze(hit.assumption === undefined ? base : { ...base, assumption: hit.assumption }),
      );
    };
    known(concept.id, exact);
    known(concept.name, exact);
    for (const text of concept.aliases) known(text, alias);
    addKey(concept.name, exact);
    for (const text of concept.aliases) addKey(text, alias);
    if (list === 'licences') {
      // The title printed on the card names the licence too: 特种作业操作证（低压电工作业）.
      const title = taxonomy.licenceTitle(concept.id);
      known(title, exact);
      addKey(title, exact);
      const assumed: KeyHit = Object.freeze({
        id: concept.id,
        rule: 'alias',
        assumption: assumptionOf(taxonomy, concept.id),
      });
      for (const text of concept.assumedFor ?? []) {
        known(text, assumed);
        addKey(text, assumed);
      }
    }

    const sounds = taxonomy.pinyinOf(concept.id);
    for (const full of sounds?.full ?? []) {
      addSound(pinyin, full, concept.id);
      labels.push({ id: concept.id, text: full });
    }
    // Queries are read character by character (see charPinyinOf); index that reading of Han labels too.
    for (const text of [concept.name, ...concept.aliases]) {
      const key = cleanText(text);
      if (hasHan(key)) addSound(pinyin, charPinyinOf(key), concept.id);
    }
    for (const short of sounds?.initials ?? []) if (short.length >= 2) addSound(initials, short, concept.id);
  }
  // Retired ids still load, as what replaced them.
  for (const [retired, current] of taxonomy.retiredIds()) {
    const name = names.get(current);
    if (name === undefined || verbatim.has(retired)) continue;
    verbatim.set(
      retired,
      Object.freeze({ input: retired, code: current, name, rule: 'exact', confidence: 1, suggestions: NONE }),
    );
  }

  const commonConcept = (ids: readonly string[]): string | undefined =>
    ids.find((candidate) =>
      ids.every((id) => id === candidate || taxonomy.broaderOf(id).includes(candidate)),
    );

  const nearestCommonBroader = (ids: readonly string[]): string | undefined => {
    const [first] = ids;
    if (first === undefined) return undefined;
    return [first, ...taxonomy.broaderOf(first)].find((candidate) =>
      ids.every((id) => id === candidate || taxonomy.broaderOf(id).includes(candidate)),
    );
  };

  return {
    commonConcept,
    nearestCommonBroader,
    names,
    verbatim,
    keys,
    keyLengths: [...lengths].sort((a, b) => b - a),
    pinyin: freezeLists(pinyin),
    initials: freezeLists(initials),
    matcher: createIndexedMatcher(labels),
  };
}

/** What staff are told when a text names a licence only by the usual assumption. */
function assumptionOf(taxonomy: Taxonomy, id: string): string {
  const licence = taxonomy.licence(id);
  const unsaid = licence?.kind === 'driving' ? '准驾车型' : '作业项目';
  return `未注明${unsaid}，按${taxonomy.licenceTitle(id)}计`;
}

function freezeLists(map: Map<string, string[]>): ReadonlyMap<string, readonly string[]> {
  return new Map([...map].map(([key, ids]) => [key, Object.freeze(ids.sort())]));
}
