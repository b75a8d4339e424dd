import type { Taxonomy } from '../taxonomy/taxonomy.ts';
import type { Licence, Occupation, OccupationFamily } from '../taxonomy/types.ts';
import { WeightedTable } from './random.ts';

/** How common each occupation family is in some population, relative to the others. */
export type FamilyWeights = Readonly<Record<OccupationFamily, number>>;

/** Within a family, the k-th occupation is 1/k^ZIPF as common as the first: a few trades dominate. */
const ZIPF = 1.1;

/**
 * The taxonomy seen as something to draw from. Works with any taxonomy: families missing from it are skipped,
 * and within a family top-level concepts come first, then the data's own order.
 */
export class Catalogue {
  readonly taxonomy: Taxonomy;
  readonly #families = new Map<OccupationFamily, readonly Occupation[]>();
  readonly #familyTables = new Map<OccupationFamily, WeightedTable<Occupation>>();
  readonly #uniform: WeightedTable<Occupation>;
  readonly #substitutes = new Map<string, WeightedTable<Occupation>>();
  /** Licences weighted by how many occupations require them: the ones people commonly hold. */
  readonly commonLicences: WeightedTable<Licence>;

  constructor(taxonomy: Taxonomy) {
    this.taxonomy = taxonomy;
    const grouped = new Map<OccupationFamily, Occupation[]>();
    for (const occupation of taxonomy.occupations) {
      const list = grouped.get(occupation.family) ?? [];
      list.push(occupation);
      grouped.set(occupation.family, list);
    }
    for (const [family, list] of grouped) {
      const ordered = [
        ...list.filter((occupation) => occupation.broader === undefined),
        ...list.filter((occupation) => occupation.broader !== undefined),
      ];
      this.#families.set(family, ordered);
      this.#familyTables.set(
        family,
        new WeightedTable(ordered.map((occupation, k) => [occupation, zipf(k)])),
      );
    }
    this.#uniform = new WeightedTable(taxonomy.occupations.map((occupation) => [occupation, 1]));
    const required = new Map<string, number>();
    for (const occupation of taxonomy.occupations) {
      for (const id of occupation.licences) required.set(id, (required.get(id) ?? 0) + 1);
    }
    this.commonLicences = new WeightedTable(
      taxonomy.licences.map((licence) => [licence, required.get(licence.id) ?? 0]),
    );
  }

  get isEmpty(): boolean {
    return this.#uniform.size === 0;
  }

  /** Occupations weighted by family, Zipf within a family; uniform when no weighted family is present. */
  occupations(weights: FamilyWeights): WeightedTable<Occupation> {
    const entries: [Occupation, number][] = [];
    for (const [family, list] of this.#families) {
      const familyWeight = weights[family];
      const total = list.reduce((sum, _occupation, k) => sum + zipf(k), 0);
      list.forEach((occupation, k) => entries.push([occupation, (familyWeight * zipf(k)) / total]));
    }
    const table = new WeightedTable(entries);
    return table.size > 0 ? table : this.#uniform;
  }

  /** Families present in the taxonomy, by weight; every present family when none of them is weighted. */
  families(weights: FamilyWeights): WeightedTable<OccupationFamily> {
    const present = [...this.#families.keys()];
    const table = new WeightedTable(present.map((family) => [family, weights[family]]));
    return table.size > 0 ? table : new WeightedTable(present.map((family) => [family, 1]));
  }

  family(family: OccupationFamily): WeightedTable<Occupation> | undefined {
    return this.#familyTables.get(family);
  }

  /** Licences the occupation legally needs that the taxonomy knows. */
  licencesOf(occupation: Occupation): Licence[] {
    return occupation.licences.flatMap((id) => {
      const licence = this.taxonomy.licence(id);
      return licence === undefined ? [] : [licence];
    });
  }

  /** Close occupations weighted by similarity. */
  substitutes(occupation: Occupation): WeightedTable<Occupation> {
    let table = this.#substitutes.get(occupation.id);
    if (table === undefined) {
      table = new WeightedTable(
        this.taxonomy.substitutesOf(occupation.id).flatMap((substitute) => {
          const found = this.taxonomy.occupation(substitute.id);
          return found === undefined ? [] : [[found, substitute.similarity] as const];
        }),
      );
      this.#substitutes.set(occupation.id, table);
    }
    return table;
  }
}

function zipf(rank: number): number {
  return 1 / (rank + 1) ** ZIPF;
}
