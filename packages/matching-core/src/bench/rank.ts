import { MatchingError } from '../errors.ts';
import type { Ranked } from '../rank/heap.ts';
import { indexedByResident } from '../rank/indexed/openings-per-resident.ts';
import { indexedByOpening } from '../rank/indexed/residents-per-opening.ts';
import type { RankOutcome } from '../rank/indexed/shared.ts';
import { compileModel } from '../rank/model.ts';
import { naiveByOpening, naiveByResident } from '../rank/naive.ts';
import type { PreparedOpening, PreparedResident, ScoreContext } from '../score/types.ts';
import { BenchError, type BenchFigure } from './types.ts';

export interface BenchRankOptions {
  /** Matches kept per resident / opening. Default 10. */
  readonly k?: number;
  /** Residents the naive scorer is timed on, spread evenly. Default 1,000. */
  readonly sampleResidents?: number;
  /** Openings whose indexed ranking is checked against the naive scorer. Default 200. */
  readonly sampleOpenings?: number;
  /** Timed runs of each side, interleaved; the fastest counts. Default 5. */
  readonly repeats?: number;
  /** Time top-k openings per resident. Default true. */
  readonly byResident?: boolean;
  /** Time top-k residents per opening. Default true. */
  readonly byOpening?: boolean;
}

/** `count` indices spread evenly over `[0, n)`: a fixed sample, the same in every run. */
export function evenSample(n: number, count: number): number[] {
  const size = Math.min(n, count);
  return Array.from({ length: size }, (_, i) => Math.floor((i * n) / size));
}

/**
 * CPU seconds `run` takes (user + system). CPU time, not wall time: on a shared machine the process waits
 * for a core at random moments, which wall time would count against whichever side ran then.
 */
export function cpuSeconds<T>(run: () => T): { value: T; seconds: number } {
  const start = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(start);
  return { value, seconds: (used.user + used.system) / 1e6 };
}

/**
 * Runs both sides once untimed (the JIT's warm-up), then `repeats` times, interleaved, and keeps the
 * fastest time of each: steady-state throughput, measured alike for both.
 */
function fastest<N, I>(
  repeats: number,
  naive: () => N,
  indexed: () => I,
): { naive: N; indexed: I; naiveSeconds: number; indexedSeconds: number } {
  naive();
  indexed();
  let best: { naive: N; indexed: I; naiveSeconds: number; indexedSeconds: number } | undefined;
  for (let i = 0; i < Math.max(1, repeats); i++) {
    const n = cpuSeconds(naive);
    const x = cpuSeconds(indexed);
    best = {
      naive: n.value,
      indexed: x.value,
      naiveSeconds: Math.min(best?.naiveSeconds ?? Infinity, n.seconds),
      indexedSeconds: Math.min(best?.indexedSeconds ?? Infinity, x.seconds),
    };
  }
  if (best === undefined) throw new MatchingError('INTERNAL', 'no timed run');
  return best;
}

/** Does slot `slotA` of `a` hold the same pairs as slot `slotB` of `b`? */
function sameSlot(a: Ranked, slotA: number, b: Ranked, slotB: number): boolean {
  const count = a.counts[slotA];
  if (count !== b.counts[slotB] || count === undefined) return false;
  for (let i = 0; i < count; i++) {
    if (a.items[slotA * a.k + i] !== b.items[slotB * b.k + i]) return false;
    if (a.scores[slotA * a.k + i] !== b.scores[slotB * b.k + i]) return false;
  }
  return true;
}

/** Throws unless slot `i` of `naive` equals slot `sample[i]` of `indexed` for every sampled resident or opening. */
function assertSameOnSample(naive: Ranked, indexed: Ranked, sample: readonly number[], what: string): void {
  sample.forEach((item, i) => {
    if (!sameSlot(naive, i, indexed, item)) {
      throw new BenchError(
        'BENCH_MISMATCH',
        `indexed ranking differs from naive for ${what} ${item.toString()}`,
      );
    }
  });
}

function figure(
  name: string,
  pairs: number,
  baseline: string,
  sampledPairs: number,
  run: { indexed: RankOutcome; naiveSeconds: number; indexedSeconds: number },
  detail: Record<string, unknown>,
): BenchFigure {
  const naiveRate = sampledPairs / run.naiveSeconds;
  const indexedRate = pairs / run.indexedSeconds;
  return {
    name,
    items: pairs,
    baseline,
    ratio: indexedRate / naiveRate,
    naivePairsPerSecond: Math.round(naiveRate),
    indexedPairsPerSecond: Math.round(indexedRate),
    naiveSampleSeconds: run.naiveSeconds,
    indexedSeconds: run.indexedSeconds,
    pairsVisitedByIndex: run.indexed.stats.visited,
    pairsScoredByIndex: run.indexed.stats.scored,
    rankingsCopiedByIndex: run.indexed.stats.copied,
    identicalOnSample: true,
    ...detail,
  };
}

/**
 * Times the indexed ranker on the whole county against the naive all-pairs scorer. The naive scorer runs
 * on a fixed sample of residents (every n/sample-th) against every opening, in both directions, and its
 * rate is extrapolated: per pair it then does what a full run does (timed once on the whole county it ran
 * at 20.3 M pairs/s per resident and 15.9–16.1 M per opening, against 19.1 M and 16–18 M sampled). Both
 * scorers share the per-pair code, so the ratio is what the index saves. The indexed results must equal
 * the naive ones on the samples, else this throws. Pairs per second count every pair of the county for
 * the index (the pairs it did not have to score included) and the pairs actually scored for the naive
 * scorer. Both sides run once untimed, then `repeats` times, interleaved, and the fastest counts: the
 * JIT needs a few runs of the county to settle, for both (the indexed ranker's first, cold run of the
 * county takes about twice its steady time).
 */
export function benchRank(
  residents: readonly PreparedResident[],
  openings: readonly PreparedOpening[],
  context: ScoreContext,
  options: BenchRankOptions = {},
): BenchFigure[] {
  const k = options.k ?? 10;
  const repeats = options.repeats ?? 5;
  const compiled = cpuSeconds(() => compileModel(residents, openings, context));
  const model = compiled.value;
  const pairs = model.residents.n * model.openings.n;
  const detail = {
    residents: model.residents.n,
    openings: model.openings.n,
    k,
    repeats,
    timing: 'CPU time, fastest of the interleaved repeats',
    compileSeconds: compiled.seconds,
  };
  const figures: BenchFigure[] = [];

  const residentSample = evenSample(model.residents.n, options.sampleResidents ?? 1000);
  if (options.byResident ?? true) {
    const byResident = fastest(
      repeats,
      () => naiveByResident(model, k, 0, residentSample),
      () => indexedByResident(model, k, 0),
    );
    assertSameOnSample(byResident.naive, byResident.indexed.ranked, residentSample, 'resident');
    figures.push(
      figure(
        `rank: top-${k.toString()} openings per resident, indexed vs naive`,
        pairs,
        `naive all-pairs scorer, timed on a fixed sample of ${residentSample.length.toString()} of ${model.residents.n.toString()} residents and extrapolated`,
        residentSample.length * model.openings.n,
        byResident,
        { ...detail, sample: residentSample.length },
      ),
    );
  }

  if (options.byOpening ?? true) {
    // Timed on every opening against a sample of residents: the naive scorer then keeps all 5,000 top-k
    // heaps as a full run does. On a sample of openings its few heaps stay in cache and it ran 1.2–2×
    // faster per pair than on the whole county, which no full run would.
    const byOpening = fastest(
      repeats,
      () => naiveByOpening(model, k, 0, undefined, residentSample),
      () => indexedByOpening(model, k, 0),
    );
    const openingSample = evenSample(model.openings.n, options.sampleOpenings ?? 200);
    const naive = naiveByOpening(model, k, 0, openingSample);
    assertSameOnSample(naive, byOpening.indexed.ranked, openingSample, 'opening');
    figures.push(
      figure(
        `rank: top-${k.toString()} residents per opening, indexed vs naive`,
        pairs,
        `naive all-pairs scorer, timed on every opening for a fixed sample of ${residentSample.length.toString()} of ${model.residents.n.toString()} residents and extrapolated; its results checked on ${openingSample.length.toString()} openings`,
        residentSample.length * model.openings.n,
        byOpening,
        { ...detail, sample: residentSample.length, checkedOpenings: openingSample.length },
      ),
    );
  }
  return figures;
}
