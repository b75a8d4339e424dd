import type { Taxonomy } from '../taxonomy/taxonomy.ts';
import { BROADER_CREDIT, PREFERRED_WEIGHT, REQUIRED_WEIGHT } from './points.ts';
import type { PreparedOpening } from './types.ts';

/**
 * A requirement as it counts for a score, weight and level resolved: work that needs no skill (普工, 杂工)
 * is never required, only preferred, so it is open to everyone and experience in it adds points.
 */
export interface EffectiveRequirement {
  readonly concept: string | null;
  readonly text: string;
  /** 0 = no minimum. */
  readonly minLevel: number;
  readonly required: boolean;
  readonly weight: number;
}

/**
 * What the taxonomy says about concepts, with caches: how much a skill in one trade counts towards
 * another, which trades need no skill, which licences are legal preconditions.
 */
export class ConceptGraph {
  readonly #taxonomy: Taxonomy;
  readonly #ancestors = new Map<string, readonly string[]>();
  readonly #reach = new Map<string, ReadonlyMap<string, number>>();

  constructor(taxonomy: Taxonomy) {
    this.#taxonomy = taxonomy;
  }

  name(id: string): string {
    return this.#taxonomy.occupation(id)?.name ?? id;
  }

  /** Work anyone can be taken on for (普工, 杂工, 零工): never a required skill. */
  needsNoSkill(id: string): boolean {
    return this.#taxonomy.occupation(id)?.noSkillNeeded === true;
  }

  licenceTitle(id: string): string {
    return this.#taxonomy.licenceTitle(id);
  }

  /** Licences that are a legal precondition for working in `id`. */
  licencesOf(id: string): readonly string[] {
    return this.#taxonomy.occupation(id)?.licences ?? [];
  }

  /** Broader concepts of `id`, nearest first (cycles in user data are cut). */
  ancestors(id: string): readonly string[] {
    const cached = this.#ancestors.get(id);
    if (cached !== undefined) return cached;
    const chain: string[] = [];
    let current = this.#taxonomy.occupation(id)?.broader;
    while (current !== undefined && current !== id && !chain.includes(current)) {
      chain.push(current);
      current = this.#taxonomy.occupation(current)?.broader;
    }
    this.#ancestors.set(id, chain);
    return chain;
  }

  /**
   * How much a skill in `from` counts towards a requirement for `to`, 0..1: 1 for the same concept or a
   * narrower one (电弧焊工 is a 焊工), the taxonomy's similarity for a substitute, `BROADER_CREDIT` for a
   * broader one; 0 otherwise.
   */
  credit(from: string, to: string): number {
    if (from === to || this.ancestors(from).includes(to)) return 1;
    const similarity = this.#taxonomy.similarity(from, to);
    return this.ancestors(to).includes(from) ? Math.max(similarity, BROADER_CREDIT) : similarity;
  }

  /** Every concept a skill in `from` earns credit towards, with that credit. */
  reach(from: string): ReadonlyMap<string, number> {
    const cached = this.#reach.get(from);
    if (cached !== undefined) return cached;
    const targets = new Set<string>([from, ...this.ancestors(from)]);
    for (const substitute of this.#taxonomy.substitutesOf(from)) targets.add(substitute.id);
    const pending = [...this.#taxonomy.narrowerOf(from)];
    while (pending.length > 0) {
      const next = pending.pop();
      if (next === undefined || targets.has(next)) continue;
      targets.add(next);
      pending.push(...this.#taxonomy.narrowerOf(next));
    }
    const reach = new Map<string, number>();
    for (const target of [...targets].sort()) {
      const credit = this.credit(from, target);
      if (credit > 0) reach.set(target, credit);
    }
    this.#reach.set(from, reach);
    return reach;
  }

  /** The opening's requirements as they count, in their order. */
  requirements(opening: PreparedOpening): EffectiveRequirement[] {
    const effective: EffectiveRequirement[] = [];
    for (const requirement of opening.requirements) {
      const required =
        requirement.required && !(requirement.concept !== null && this.needsNoSkill(requirement.concept));
      effective.push({
        concept: requirement.concept,
        text: requirement.text,
        minLevel: requirement.minLevel ?? 0,
        required,
        weight: required ? REQUIRED_WEIGHT : PREFERRED_WEIGHT,
      });
    }
    return effective;
  }

  /**
   * Licences the opening legally needs: the ones it lists plus the preconditions of its main trade and of
   * every skill it requires, whether or not the work needs skill (a 食品厂普工 still needs a 健康证明).
   * Sorted, without repeats.
   */
  requiredLicences(opening: PreparedOpening): string[] {
    const licences = new Set(opening.licences);
    for (const requirement of opening.requirements) {
      if (requirement.required && requirement.concept !== null) {
        for (const licence of this.licencesOf(requirement.concept)) licences.add(licence);
      }
    }
    return [...licences].sort();
  }
}

const graphs = new WeakMap<Taxonomy, ConceptGraph>();

/** One graph per taxonomy, so its caches are shared by every score against it. */
export function conceptGraph(taxonomy: Taxonomy): ConceptGraph {
  let graph = graphs.get(taxonomy);
  if (graph === undefined) {
    graph = new ConceptGraph(taxonomy);
    graphs.set(taxonomy, graph);
  }
  return graph;
}
