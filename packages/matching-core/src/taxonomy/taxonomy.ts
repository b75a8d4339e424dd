import { cleanText, hasHan, pinyinOf } from './text.ts';
import type { ConceptPinyin, Licence, Occupation, Substitute, TaxonomyData } from './types.ts';

/**
 * A loaded taxonomy: look-ups by id, broader/narrower concepts, substitutability in both directions and
 * the pinyin of every name and alias. Build one with `loadTaxonomy` (validated) or `defaultTaxonomy()`.
 */
export class Taxonomy {
  readonly version: string;
  readonly occupations: readonly Occupation[];
  readonly licences: readonly Licence[];
  readonly #occupations = new Map<string, Occupation>();
  readonly #licences = new Map<string, Licence>();
  readonly #narrower = new Map<string, string[]>();
  readonly #substitutes = new Map<string, Substitute[]>();
  readonly #pinyin = new Map<string, ConceptPinyin>();

  /** Trusts `data`; `loadTaxonomy` validates before it calls this. */
  constructor(data: TaxonomyData) {
    this.version = data.version;
    this.occupations = data.occupations;
    this.licences = data.licences;
    for (const occupation of data.occupations) this.#occupations.set(occupation.id, occupation);
    for (const licence of data.licences) this.#licences.set(licence.id, licence);
    for (const occupation of data.occupations) {
      if (occupation.broader !== undefined) {
        const siblings = this.#narrower.get(occupation.broader) ?? [];
        siblings.push(occupation.id);
        this.#narrower.set(occupation.broader, siblings);
      }
      // Substitutability is symmetric; keep the larger similarity when both sides list it.
      for (const substitute of occupation.substitutes) {
        this.#linkSubstitute(occupation.id, substitute.id, substitute.similarity);
        this.#linkSubstitute(substitute.id, occupation.id, substitute.similarity);
      }
    }
    // Derived here rather than listed in the data, so a user's own taxonomy gets pinyin too.
    for (const concept of [...data.occupations, ...data.licences]) {
      this.#pinyin.set(concept.id, derivePinyin(concept.name, concept.aliases));
    }
  }

  occupation(id: string): Occupation | undefined {
    return this.#occupations.get(id);
  }

  licence(id: string): Licence | undefined {
    return this.#licences.get(id);
  }

  narrowerOf(id: string): readonly string[] {
    return this.#narrower.get(id) ?? [];
  }

  /** The chain of broader concepts of `id`, nearest first (`tig-welder` → [`welder`]). */
  broaderOf(id: string): readonly string[] {
    const chain: string[] = [];
    let current = this.#occupations.get(id)?.broader;
    // The bound guards a hand-built taxonomy with a cycle; `loadTaxonomy` rejects those.
    while (current !== undefined && chain.length < this.occupations.length) {
      chain.push(current);
      current = this.#occupations.get(current)?.broader;
    }
    return chain;
  }

  /** Occupations a worker of `id` can switch to, with their similarity (0..1), best first. */
  substitutesOf(id: string): readonly Substitute[] {
    return this.#substitutes.get(id) ?? [];
  }

  /** Similarity of `from` to `to`: 1 for the same concept, the substitute similarity, else 0. */
  similarity(from: string, to: string): number {
    if (from === to) return 1;
    return this.substitutesOf(from).find((substitute) => substitute.id === to)?.similarity ?? 0;
  }

  /** Pinyin of an occupation's or licence's Chinese name and aliases (full and initials). */
  pinyinOf(id: string): ConceptPinyin | undefined {
    return this.#pinyin.get(id);
  }

  #linkSubstitute(from: string, to: string, similarity: number): void {
    const list = this.#substitutes.get(from) ?? [];
    const existing = list.findIndex((substitute) => substitute.id === to);
    if (existing === -1) list.push({ id: to, similarity });
    else if ((list[existing]?.similarity ?? 0) < similarity) list[existing] = { id: to, similarity };
    list.sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id));
    this.#substitutes.set(from, list);
  }
}

/** Aliases are listed most common first; only the name and the first few answer to initials. */
const ALIASES_WITH_INITIALS = 3;

function derivePinyin(name: string, aliases: readonly string[]): ConceptPinyin {
  const full = new Set<string>();
  const initials = new Set<string>();
  [name, ...aliases].forEach((label, i) => {
    const cleaned = cleanText(label);
    if (!hasHan(cleaned)) return;
    const derived = pinyinOf(cleaned);
    full.add(derived.full);
    // Initials are short and collide a lot (dhg: 电焊工, 打荷工, 打灰工); rarer spellings would only add noise.
    if (i <= ALIASES_WITH_INITIALS) initials.add(derived.initials);
  });
  return Object.freeze({ full: Object.freeze([...full]), initials: Object.freeze([...initials]) });
}
