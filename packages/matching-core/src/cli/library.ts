// The library calls behind the CLI, in one place: each command of `anju-match` reaches the matching library
// only through `library` below, which maps the library's results to the CLI's output shapes.
import type { MatchOpening, MatchResident } from '@anju/shared';
import { allocate } from '../allocate/allocate.ts';
import { allocationProblem } from '../allocate/from-ranking.ts';
import {
  evaluateNormalization,
  type DistinctCase,
  type NormalizationEvaluation,
  type SynonymCase,
} from '../bench/evaluation.ts';
import type { BenchFigure } from '../bench/types.ts';
import type { SkillGapReport } from '../gaps/types.ts';
import { skillGaps } from '../gaps/gaps.ts';
import type { Result } from '../errors.ts';
import { createNormalizer } from '../normalize/normalizer.ts';
import type { Normalized, Normalizer } from '../normalize/types.ts';
import { rankOpenings, rankResidents } from '../rank/rank.ts';
import { prepareOpenings, prepareResidents } from '../score/prepare.ts';
import type { MatchScore, PreparedOpening, PreparedResident, ScoreContext } from '../score/types.ts';
import { defaultTaxonomy, loadTaxonomy } from '../taxonomy/load.ts';
import type { Taxonomy } from '../taxonomy/taxonomy.ts';

/** Validated input of `rank`, `allocate` and `gaps`. */
export interface MatchInput {
  readonly taxonomy: Taxonomy;
  readonly residents: readonly MatchResident[];
  readonly openings: readonly MatchOpening[];
  /** The day licences' dates are checked on (YYYY-MM-DD); ages count in its year. */
  readonly asOf: string;
}

/** One scored pair as the CLI prints it; an eligible pair has an empty `blocking`. */
export interface MatchLine {
  readonly score: number;
  readonly factors: unknown;
  /** The licences the opening legally needs, each checked. */
  readonly licences: readonly unknown[];
  readonly blocking: readonly unknown[];
  readonly missing: readonly unknown[];
  /** What the score could not use, and what staff should check (an assumed licence class …). */
  readonly unknowns: readonly unknown[];
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
  normalizeLicences(taxonomy: Taxonomy, texts: readonly string[]): readonly Normalized[];
  /** Top `top` openings per resident. */
  rankOpenings(input: MatchInput, top: number): readonly ResidentRanking[];
  /** Top `top` residents per opening. */
  rankResidents(input: MatchInput, top: number): readonly OpeningRanking[];
  allocate(input: MatchInput, objective: AllocationObjective): Allocation;
  /** Training demand: which skills and licences would unlock the most openings for unmatched residents. */
  skillGaps(input: MatchInput, cutoff: number): SkillGapReport;
  /** The benchmarks; only the repository's command has them (they are not in the package). */
  bench?: () => Promise<readonly BenchFigure[]>;
  /** Normalisation precision and recall on an evaluation set, with the shipped taxonomy. */
  evaluate(synonyms: readonly SynonymCase[], distinct: readonly DistinctCase[]): NormalizationEvaluation;
}

/** Normalisers are built once per taxonomy: building the fuzzy index is the expensive part. */
const normalizers = new WeakMap<Taxonomy, Normalizer>();
function normalizerFor(taxonomy: Taxonomy): Normalizer {
  let normalizer = normalizers.get(taxonomy);
  if (normalizer === undefined) {
    normalizer = createNormalizer(taxonomy);
    normalizers.set(taxonomy, normalizer);
  }
  return normalizer;
}

/** Prepared records and the scoring context: licences checked and ages counted on `asOf`. */
function prepare(input: MatchInput): {
  residents: PreparedResident[];
  openings: PreparedOpening[];
  context: ScoreContext;
} {
  const normalizer = normalizerFor(input.taxonomy);
  return {
    residents: prepareResidents(input.residents, normalizer, { asOf: input.asOf }),
    openings: prepareOpenings(input.openings, normalizer),
    context: { taxonomy: input.taxonomy, referenceYear: Number(input.asOf.slice(0, 4)) },
  };
}

function line(explanation: MatchScore | undefined, score: number): MatchLine {
  return {
    score,
    factors: explanation?.factors ?? [],
    licences: explanation?.licences ?? [],
    blocking: explanation?.blocking ?? [],
    missing: explanation?.missing ?? [],
    unknowns: explanation?.unknowns ?? [],
  };
}

export const library: MatchingLibrary = {
  defaultTaxonomy,
  loadTaxonomy(data) {
    const loaded = loadTaxonomy(data);
    if (loaded.ok) return loaded;
    return { ok: false, code: 'INVALID_TAXONOMY', message: loaded.issues.join('; ') };
  },
  normalize(taxonomy, texts) {
    const normalizer = normalizerFor(taxonomy);
    return texts.map((text) => normalizer.normalize(text));
  },
  normalizeLicences(taxonomy, texts) {
    const normalizer = normalizerFor(taxonomy);
    return texts.map((text) => normalizer.normalizeLicence(text));
  },
  rankOpenings(input, top) {
    const { residents, openings, context } = prepare(input);
    return rankOpenings(residents, openings, context, { k: top, explain: true }).map((ranking) => ({
      residentId: ranking.residentId,
      matches: ranking.matches.map((match) => ({
        openingId: match.openingId,
        ...line(match.explanation, match.score),
      })),
    }));
  },
  rankResidents(input, top) {
    const { residents, openings, context } = prepare(input);
    return rankResidents(residents, openings, context, { k: top, explain: true }).map((ranking) => ({
      openingId: ranking.openingId,
      matches: ranking.matches.map((match) => ({
        residentId: match.residentId,
        ...line(match.explanation, match.score),
      })),
    }));
  },
  allocate(input, objective) {
    const { residents, openings, context } = prepare(input);
    const result = allocate(allocationProblem(residents, openings, context), { objective });
    return {
      assignments: result.assignments.map(({ agentId, slotId, score }) => ({
        residentId: agentId,
        openingId: slotId,
        score,
      })),
      unassigned: result.unassigned.map(({ agentId, reason }) => ({ residentId: agentId, reason })),
    };
  },
  skillGaps(input, cutoff) {
    const { residents, openings, context } = prepare(input);
    return skillGaps(residents, openings, context, { cutoff });
  },
  evaluate: (synonyms, distinct) =>
    evaluateNormalization(normalizerFor(defaultTaxonomy()), synonyms, distinct),
};
