import type { Taxonomy } from '../taxonomy/taxonomy.ts';
import type { Licence, Occupation } from '../taxonomy/types.ts';
import { WeightedTable } from './random.ts';
import { tradesFor, type OpeningSetting, type Trade } from './trades.ts';

/** A trade of the county's mix with the taxonomy concept its words mean. */
export interface TradeEntry {
  readonly trade: Trade;
  readonly occupation: Occupation;
}

/**
 * The county's trades seen as something to draw from, against one taxonomy: who has worked in what, who
 * recruits for what, and the close trades people move between.
 */
export class Catalogue {
  readonly taxonomy: Taxonomy;
  readonly entries: readonly TradeEntry[];
  /** Trades by how many residents have worked in them. */
  readonly residents: WeightedTable<TradeEntry>;
  /** Trades the county runs training classes for. */
  readonly trainable: readonly TradeEntry[];
  readonly #byConcept = new Map<string, TradeEntry>();
  readonly #settings = new Map<OpeningSetting, WeightedTable<TradeEntry>>();
  readonly #close = new Map<string, WeightedTable<TradeEntry>>();
  readonly #substitutes = new Map<string, WeightedTable<Occupation>>();
  /** Licences weighted by how many of the county's trades require them: the ones people commonly hold. */
  readonly commonLicences: WeightedTable<Licence>;

  constructor(taxonomy: Taxonomy) {
    this.taxonomy = taxonomy;
    this.entries = tradesFor(taxonomy).flatMap((trade) => {
      const occupation = taxonomy.occupation(trade.concept);
      return occupation === undefined ? [] : [{ trade, occupation }];
    });
    for (const entry of this.entries) this.#byConcept.set(entry.occupation.id, entry);
    this.residents = new WeightedTable(this.entries.map((entry) => [entry, entry.trade.share]));
    this.trainable = this.entries.filter((entry) => entry.trade.trains === true);
    const required = new Map<string, number>();
    for (const { occupation } of this.entries) {
      for (const id of occupation.licences) required.set(id, (required.get(id) ?? 0) + 1);
    }
    this.commonLicences = new WeightedTable(
      taxonomy.licences.map((licence) => [licence, required.get(licence.id) ?? 0]),
    );
  }

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  /** The trades one kind of employer recruits for, by weight; every trade when none is weighted. */
  forSetting(setting: OpeningSetting): WeightedTable<TradeEntry> {
    let table = this.#settings.get(setting);
    if (table === undefined) {
      table = new WeightedTable(this.entries.map((entry) => [entry, entry.trade.recruits?.[setting] ?? 0]));
      if (table.size === 0) table = this.residents;
      this.#settings.set(setting, table);
    }
    return table;
  }

  /** The county's trades close to `entry` (taxonomy substitutes), weighted by similarity. */
  closeTrades(entry: TradeEntry): WeightedTable<TradeEntry> {
    let table = this.#close.get(entry.occupation.id);
    if (table === undefined) {
      table = new WeightedTable(
        this.taxonomy.substitutesOf(entry.occupation.id).flatMap((substitute) => {
          const found = this.#byConcept.get(substitute.id);
          return found === undefined ? [] : [[found, substitute.similarity] as const];
        }),
      );
      this.#close.set(entry.occupation.id, table);
    }
    return table;
  }

  /** The county's entry for a concept, when it is one of its trades. */
  entryOf(concept: string): TradeEntry | undefined {
    return this.#byConcept.get(concept);
  }

  /** Licences the occupation legally needs that the taxonomy knows. */
  licencesOf(occupation: Occupation): Licence[] {
    return occupation.licences.flatMap((id) => {
      const licence = this.taxonomy.licence(id);
      return licence === undefined ? [] : [licence];
    });
  }

  /** Close occupations (any in the taxonomy) weighted by similarity, for the skills an opening prefers. */
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
