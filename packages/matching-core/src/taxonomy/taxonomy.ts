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
  readonly #replacedBy = new Map<string, string>();
  readonly #licenceClosure = new Map<string, readonly string[]>();

  /** Trusts `data`; `loadTaxonomy` validates before it calls this. */
  constructor(data: TaxonomyData) {
    this.version = data.version;
    this.occupations = data.occupations;
    this.licences = data.licences;
    for (const occupation of data.occupations) this.#occupations.set(occupation.id, occupation);
    for (const licence of data.licences) this.#licences.set(licence.id, licence);
    for (const retired of data.retired) this.#replacedBy.set(retired.id, retired.replacedBy);
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

  /** The occupation with this id, or with the id it replaced (a retired id still loads). */
  occupation(id: string): Occupation | undefined {
    return this.#occupations.get(this.current(id));
  }

  /** The licence with this id, or with the id it replaced. */
  licence(id: string): Licence | undefined {
    return this.#licences.get(this.current(id));
  }

  /** Every retired id with the id in use for it. */
  retiredIds(): readonly (readonly [string, string])[] {
    return [...this.#replacedBy.keys()].map((id) => [id, this.current(id)] as const);
  }

  /** The id in use for `id`: itself, or what a retired id was replaced by (followed to the end). */
  current(id: string): string {
    let current = id;
    for (let hops = 0; hops < 16; hops++) {
      const next = this.#replacedBy.get(current);
      if (next === undefined) return current;
      current = next;
    }
    return current;
  }

  /**
   * Every licence that holding `id` counts as: itself, what it covers (准驾车型 B2 → C1, C2, C3, C4: the
   * regulation's table lists each class's inclusions in full, so covers are not chained), and the
   * categories of each (低压电工作业 → 电工作业). Sorted; empty for an unknown id.
   */
  licencesHeldWith(id: string): readonly string[] {
    const start = this.current(id);
    const cached = this.#licenceClosure.get(start);
    if (cached !== undefined) return cached;
    const held = new Set<string>();
    const licence = this.#licences.get(start);
    for (const item of licence === undefined ? [] : [start, ...licence.covers]) {
      // Up the categories: an item counts as its category, a category as the one above.
      for (let at = this.#licences.get(item); at !== undefined && !held.has(at.id);) {
        held.add(at.id);
        at = at.broader === undefined ? undefined : this.#licences.get(at.broader);
      }
    }
    const closure = Object.freeze([...held].sort());
    this.#licenceClosure.set(start, closure);
    return closure;
  }

  /**
   * How a licence is named to people: the document and the item (特种作业操作证（低压电工作业）,
   * 特种设备作业人员证（N1 叉车司机）, 机动车驾驶证（C1 小型汽车）); the id itself when unknown.
   */
  licenceTitle(id: string): string {
    const licence = this.licence(id);
    return licence === undefined ? id : licenceTitleOf(licence);
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

/** The document each kind of licence is written on, for titles. */
const DOCUMENTS: Readonly<Partial<Record<NonNullable<Licence['kind']>, string>>> = Object.freeze({
  'special-operation': '特种作业操作证',
  'special-equipment': '特种设备作业人员证',
  'construction-special': '建筑施工特种作业操作资格证',
});

/** A licence's title: its document and item, in the words printed on the card. */
export function licenceTitleOf(licence: Licence): string {
  const item = licence.code === undefined ? licence.name : `${licence.code} ${licence.name}`;
  if (licence.kind === 'driving' && licence.code !== undefined) return `机动车驾驶证（${item}）`;
  const document = licence.kind === undefined ? undefined : DOCUMENTS[licence.kind];
  if (document === undefined) return item;
  // 建筑起重机械司机（塔式起重机）already has brackets of its own.
  return item.includes('（') ? `${document}：${item}` : `${document}（${item}）`;
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
