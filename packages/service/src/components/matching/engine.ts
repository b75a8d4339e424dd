import {
  createNormalizer,
  defaultTaxonomy,
  type MatchScore,
  type Normalizer,
  type Taxonomy,
} from '@anju/matching-core';
import { NationalLevel, nationalLevelName, type MatchExplanation } from '@anju/shared';
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

/** The core's explanation in the shape it is stored: levels in the national numbering only. */
export function storedExplanation(score: MatchScore): StoredExplanation {
  return {
    factors: score.factors.map(({ factor, points, max, detail }) => ({ factor, points, max, detail })),
    blocking: score.blocking.map(({ code, detail }) => ({ code, detail })),
    missing: score.missing.map((item) => ({
      kind: item.kind,
      id: item.id,
      name: item.name,
      ...(item.minNationalLevel === undefined ? {} : { minNationalLevel: item.minNationalLevel }),
      required: item.required,
    })),
    licences: score.licences.map(({ id, title, held, detail }) => ({ id, title, held, detail })),
    unknowns: score.unknowns.map(({ code, detail }) => ({ code, detail })),
    counterfactuals: score.counterfactuals.map((counterfactual) => ({
      detail: counterfactual.change.detail,
      add: counterfactual.change.add.map((item) => item.name),
      score: counterfactual.score,
      eligible: counterfactual.eligible,
    })),
  };
}

/** What staff must check about a licence: named only by the usual assumption, or its dates unchecked. */
const LICENCE_UNKNOWNS: ReadonlySet<string> = new Set(['LICENCE_ASSUMED', 'LICENCE_DATES_UNCHECKED']);

/** The level asked by name (四级/中级工), or undefined when none or not a national level. */
function levelNameOf(minNationalLevel: number | undefined): string | undefined {
  const level = NationalLevel.safeParse(minNationalLevel);
  return level.success ? nationalLevelName(level.data) : undefined;
}

/**
 * The reasons staff read beside a score, in order: each factor, each licence the opening legally needs
 * as checked (持有「B2驾照」，机动车驾驶证（B2 大型货车）准许此项; …应于 … 前复审，已逾期), what to verify
 * about a licence, and any other gate that blocks.
 */
export function whyLines(explanation: StoredExplanation): string[] {
  return [
    ...explanation.factors.map((factor) => factor.detail),
    ...(explanation.licences ?? []).map((check) => check.detail),
    ...explanation.unknowns.filter((unknown) => LICENCE_UNKNOWNS.has(unknown.code)).map((u) => u.detail),
    // Licence gates are in the checks above already.
    ...explanation.blocking
      .filter((blocking) => !blocking.code.startsWith('LICENCE_'))
      .map((blocking) => blocking.detail),
  ];
}

/** A stored explanation as the API shows it: level names beside the national levels, and the reasons. */
export function explanationView(explanation: StoredExplanation): MatchExplanation {
  return {
    factors: explanation.factors,
    blocking: explanation.blocking,
    missing: explanation.missing.map((item) => {
      const levelName = levelNameOf(item.minNationalLevel);
      return { ...item, ...(levelName === undefined ? {} : { levelName }) };
    }),
    licences: explanation.licences ?? [],
    unknowns: explanation.unknowns,
    counterfactuals: explanation.counterfactuals,
    why: whyLines(explanation),
  };
}
