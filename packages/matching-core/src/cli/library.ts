// The library calls behind the CLI, in one place. Each command of `anju-match` reaches the matching library
// only through `library` below; parts of the library that are not in this build throw NOT_CONNECTED (exit 1)
// instead of printing made-up results. Connect them here, mapping the library's results to the CLI's shapes.
import type { MatchOpening, MatchResident } from '@anju/shared';
import type { BenchFigure } from '../bench/types.ts';
import { MatchingError, type Result } from '../errors.ts';
import type { Normalized } from '../normalize/types.ts';
import { Taxonomy } from '../taxonomy/taxonomy.ts';
import type { TaxonomyData } from '../taxonomy/types.ts';

/** Validated input of `rank`, `allocate` and `gaps`. */
export interface MatchInput {
  readonly taxonomy: Taxonomy;
  readonly residents: readonly MatchResident[];
  readonly openings: readonly MatchOpening[];
}

/** One scored pair as the CLI prints it; an eligible pair has an empty `blocking`. */
export interface MatchLine {
  readonly score: number;
  readonly factors: unknown;
  readonly blocking: readonly unknown[];
  readonly missing: readonly unknown[];
}

export interface ResidentRanking {
  readonly residentId: string;
  readonly matches: readonly (MatchLine & { readonly openingId: string })[];
}

export interface OpeningRanking {
  readonly openingId: string;
  readonly matches: readonly (MatchLine & { readonly residentId: string })[];
}

export type AllocationObjective = 'total-score' | 'households-first';

export interface Allocation {
  readonly assignments: readonly {
    readonly residentId: string;
    readonly openingId: string;
    readonly score: number;
  }[];
  readonly unassigned: readonly { readonly residentId: string; readonly reason: unknown }[];
}

export interface MatchingLibrary {
  /** The taxonomy shipped with the package. */
  defaultTaxonomy(): Taxonomy;
  /** A user's taxonomy file, checked before use. */
  loadTaxonomy(data: unknown): Result<Taxonomy, { code: 'INVALID_TAXONOMY'; message: string }>;
  normalize(taxonomy: Taxonomy, texts: readonly string[]): readonly Normalized[];
  /** Top `top` openings per resident. */
  rankOpenings(input: MatchInput, top: number): readonly ResidentRanking[];
  /** Top `top` residents per opening. */
  rankResidents(input: MatchInput, top: number): readonly OpeningRanking[];
  allocate(input: MatchInput, objective: AllocationObjective): Allocation;
  /** Training demand: which skills and licences would unlock the most openings for unmatched residents. */
  skillGaps(input: MatchInput): unknown;
  bench(): Promise<readonly BenchFigure[]>;
}

function notConnected(part: string, calls: string): never {
  throw new MatchingError(
    'NOT_CONNECTED',
    `${part} is not part of this build yet (src/cli/library.ts must call ${calls})`,
  );
}

export const library: MatchingLibrary = {
  defaultTaxonomy: () => notConnected('the default taxonomy', 'defaultTaxonomy()'),
  loadTaxonomy: (data) => {
    // Stand-in until the taxonomy module's validating loader is connected: checks the shape the CLI relies on.
    const problem = taxonomyDataProblem(data);
    if (problem !== undefined) return { ok: false, code: 'INVALID_TAXONOMY', message: problem };
    return { ok: true, value: new Taxonomy(data as TaxonomyData) };
  },
  normalize: () => notConnected('normalisation', 'createNormalizer(taxonomy).normalize'),
  rankOpenings: () => notConnected('ranking', 'prepareResidents, prepareOpenings and rankOpenings'),
  rankResidents: () => notConnected('ranking', 'prepareResidents, prepareOpenings and rankResidents'),
  allocate: () => notConnected('allocation', 'allocate'),
  skillGaps: () => notConnected('skill gaps', 'skillGaps'),
  bench: () => notConnected('the benchmarks', 'the bench functions of src/bench/'),
};

function taxonomyDataProblem(data: unknown): string | undefined {
  if (!isRecord(data)) return 'expected a JSON object with version, occupations and licences';
  if (typeof data.version !== 'string') return 'version: expected a string';
  if (!Array.isArray(data.occupations)) return 'occupations: expected an array';
  if (!Array.isArray(data.licences)) return 'licences: expected an array';
  for (const [index, occupation] of (data.occupations as unknown[]).entries()) {
    if (!isRecord(occupation)) return `occupations[${index}]: expected an object`;
    for (const key of ['id', 'name', 'family']) {
      if (typeof occupation[key] !== 'string') return `occupations[${index}].${key}: expected a string`;
    }
    for (const key of ['aliases', 'substitutes', 'licences']) {
      if (!Array.isArray(occupation[key])) return `occupations[${index}].${key}: expected an array`;
    }
  }
  for (const [index, licence] of (data.licences as unknown[]).entries()) {
    if (!isRecord(licence) || typeof licence.id !== 'string' || typeof licence.name !== 'string') {
      return `licences[${index}]: expected an object with id and name`;
    }
    if (!Array.isArray(licence.aliases)) return `licences[${index}].aliases: expected an array`;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
