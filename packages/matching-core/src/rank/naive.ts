import { TopK } from './heap.ts';
import { ResidentScratch, scoreLoaded, type Model } from './model.ts';

/**
 * Top-k openings per resident by scoring every pair: the reference the indexed ranker must equal. Returns
 * one entry per resident index, or per index of `only` when given.
 */
export function naiveByResident(
  model: Model,
  k: number,
  cutoff: number,
  only?: readonly number[],
): { items: number[]; scores: number[] }[] {
  const scratch = new ResidentScratch(model);
  const heap = new TopK(Math.min(k, model.openings.n), cutoff);
  const results: { items: number[]; scores: number[] }[] = [];
  for (const r of only ?? model.residents.records.keys()) {
    scratch.load(r);
    heap.reset();
    for (let o = 0; o < model.openings.n; o++) {
      const score = scoreLoaded(model, scratch, r, o);
      if (score >= 0) heap.offer(score, o);
    }
    results.push(heap.drain());
  }
  scratch.clear();
  return results;
}

/**
 * Top-k residents per opening by scoring every pair (residents loaded one at a time). One entry per
 * opening index, or per index of `only` when given.
 */
export function naiveByOpening(
  model: Model,
  k: number,
  cutoff: number,
  only?: readonly number[],
): { items: number[]; scores: number[] }[] {
  const openings = only ?? [...model.openings.records.keys()];
  const heaps = openings.map(() => new TopK(Math.min(k, model.residents.n), cutoff));
  const scratch = new ResidentScratch(model);
  for (let r = 0; r < model.residents.n; r++) {
    scratch.load(r);
    for (let i = 0; i < openings.length; i++) {
      const o = openings[i] ?? 0;
      const score = scoreLoaded(model, scratch, r, o);
      if (score >= 0) heaps[i]?.offer(score, r);
    }
  }
  scratch.clear();
  return heaps.map((heap) => heap.drain());
}
