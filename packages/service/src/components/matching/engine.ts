import {
  createNormalizer,
  defaultTaxonomy,
  type MatchScore,
  type Normalizer,
  type Taxonomy,
} from '@anju/matching-core';
import type { StoredExplanation } from './model.ts';

let shared: { taxonomy: Taxonomy; normalizer: Normalizer } | undefined;

/** The shipped taxonomy and its normaliser, built once per process (indexes are not cheap). */
export function matchingEngine(): { taxonomy: Taxonomy; normalizer: Normalizer } {
  if (shared === undefined) {
    const taxonomy = defaultTaxonomy();
    shared = { taxonomy, normalizer: createNormalizer(taxonomy) };
  }
  return shared;
}

/** The core's explanation in the shape it is stored and shown. */
export function storedExplanation(score: MatchScore): StoredExplanation {
  return {
    factors: score.factors.map(({ factor, points, max, detail }) => ({ factor, points, max, detail })),
    blocking: score.blocking.map(({ code, detail }) => ({ code, detail })),
    missing: score.missing.map((item) => ({
      kind: item.kind,
      id: item.id,
      name: item.name,
      ...(item.minLevel === undefined ? {} : { minLevel: item.minLevel }),
      required: item.required,
    })),
    unknowns: score.unknowns.map(({ code, detail }) => ({ code, detail })),
    counterfactuals: score.counterfactuals.map((counterfactual) => ({
      detail: counterfactual.change.detail,
      add: counterfactual.change.add.map((item) => item.name),
      score: counterfactual.score,
      eligible: counterfactual.eligible,
    })),
  };
}
