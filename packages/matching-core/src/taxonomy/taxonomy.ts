import type { Licence, Occupation, Substitute, TaxonomyData } from './types.ts';

/**
 * A loaded taxonomy: look-ups by id, narrower concepts and substitutability in both directions.
 * Build one with `loadTaxonomy` (validated) or `defaultTaxonomy()`.
 */
export class Taxonomy {
  readonly version: string;
  readonly occupations: readonly Occupation[];
  readonly licences: readonly Licence[];
  readonly #occupations = new Map<string, Occupation>();
  readonly #licences = new Map<string, Licence>();
  readonly #narrower = new Map<string, string[]>();
  readonly #substitutes = new Map<string, Substitute[]>();

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

  /** Occupations a worker of `id` can switch to, with their similarity (0..1), best first. */
  substitutesOf(id: string): readonly Substitute[] {
    return this.#substitutes.get(id) ?? [];
  }

  /** Similarity of `from` to `to`: 1 for the same concept, the substitute similarity, else 0. */
  similarity(from: string, to: string): number {
    if (from === to) return 1;
    return this.substitutesOf(from).find((substitute) => substitute.id === to)?.similarity ?? 0;
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
