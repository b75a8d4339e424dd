import { TopK, allocateRanked, type Ranked } from './heap.ts';
import { ResidentScratch, scoreLoaded, type Model } from './model.ts';

/**
 * Top-k openings per resident by scoring every pair: the reference the indexed ranker must equal. Slot `i`
 * holds resident `i`, or resident `only[i]` when given.
 */
export function naiveByResident(model: Model, k: number, cutoff: number, only?: readonly number[]): Ranked {
  const residents = only ?? [...model.residents.records.keys()];
  const scratch = new ResidentScratch(model);
  const heap = new TopK(Math.min(k, model.openings.n), cutoff);
  const ranked = allocateRanked(residents.length, k);
  residents.forEach((r, slot) => {
    scratch.load(r);
    heap.reset();
    for (let o = 0; o < model.openings.n; o++) {
      const score = scoreLoaded(model, scratch, r, o);
      if (score >= 0) heap.offer(score, o);
    }
    heap.drainInto(ranked, slot);
  });
  scratch.clear();
  return ranked;
}

/**
 * Top-k residents per opening by scoring every pair (residents loaded one at a time). Slot `i` holds
 * opening `i`, or opening `only[i]` when given; `among` limits the residents considered (for timing).
 */
export function naiveByOpening(
  model: Model,
  k: number,
  cutoff: number,
  only?: readonly number[],
  among?: readonly number[],
): Ranked {
  const openings = Int32Array.from(only ?? model.openings.records.keys());
  const residents = Int32Array.from(among ?? model.residents.records.keys());
  const heaps = Array.from(openings, () => new TopK(Math.min(k, model.residents.n), cutoff));
  const scratch = new ResidentScratch(model);
  for (const r of residents) {
    scratch.load(r);
    for (let i = 0; i < openings.length; i++) {
      const o = openings[i] ?? 0;
      const score = scoreLoaded(model, scratch, r, o);
      if (score >= 0) heaps[i]?.offer(score, r);
    }
  }
  scratch.clear();
  const ranked = allocateRanked(openings.length, k);
  heaps.forEach((heap, slot) => {
    heap.drainInto(ranked, slot);
  });
  return ranked;
}
