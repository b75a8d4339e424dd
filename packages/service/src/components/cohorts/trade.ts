import { createNormalizer, defaultTaxonomy, type Normalizer } from '@anju/matching-core';

let normalizer: Normalizer | undefined;

/** The shipped taxonomy's normaliser, built on first use and shared (its indexes take a moment to build). */
export function tradeNormalizer(): Normalizer {
  normalizer ??= createNormalizer(defaultTaxonomy());
  return normalizer;
}

/** A trade's words (电焊, 电焊工（初级）) → its taxonomy concept, or undefined when unknown. */
export function tradeConcept(text: string): { code: string; name: string } | undefined {
  const normalized = tradeNormalizer().normalize(text);
  return normalized.code === null || normalized.name === null
    ? undefined
    : { code: normalized.code, name: normalized.name };
}
