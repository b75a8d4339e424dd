import { MatchingError } from '../errors.ts';
import type { Ranked } from '../rank/heap.ts';
import { indexedByOpening, indexedByResident } from '../rank/indexed.ts';
import { compileModel } from '../rank/model.ts';
import { naiveByOpening, naiveByResident } from '../rank/naive.ts';
import type { PreparedOpening, PreparedResident, ScoreContext } from '../score/types.ts';
import type { BenchFigure } from './types.ts';

export interface BenchRankOptions {
  /** Matches kept per resident / opening. Default 10. */
  readonly k?: number;
  /** Residents (and openings) the naive scorer is timed on, evenly spread. Default 1,000 / 200. */
  readonly sampleResidents?: number;
  readonly sampleOpenings?: number;
}

/** `count` indices spread evenly over `[0, n)`: a fixed sample, the same in every run. */
function evenSample(n: number, count: number): number[] {
  const size = Math.min(n, count);
  return Array.from({ length: size }, (_, i) => Math.floor((i * n) / size));
}

/**
 * CPU seconds of this process since `from` (user + system). CPU time, not wall time: on a shared machine
 * the process waits for a core at random moments, which wall time would count against whichever side ran then.
 */
function seconds(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
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

/**
 * Times the indexed ranker on the whole county against the naive all-pairs scorer, both directions. The
 * naive scorer runs on a fixed sample (every n/sample-th resident or opening) and its rate is extrapolated;
 * the indexed results for the sample must be identical to the naive ones, else this throws.
 */
export function benchRank(
  residents: readonly PreparedResident[],
  openings: readonly PreparedOpening[],
  context: ScoreContext,
  options: BenchRankOptions = {},
): BenchFigure[] {
  const k = options.k ?? 10;
  const compileStart = process.cpuUsage();
  const model = compileModel(residents, openings, context);
  const compileSeconds = seconds(compileStart);
  const pairs = model.residents.n * model.openings.n;
  const figures: BenchFigure[] = [];

  {
    const sample = evenSample(model.residents.n, options.sampleResidents ?? 1000);
    let start = process.cpuUsage();
    const naive = naiveByResident(model, k, 0, sample);
    const naiveSeconds = seconds(start);
    start = process.cpuUsage();
    const indexed = indexedByResident(model, k, 0);
    const indexedSeconds = seconds(start);
    sample.forEach((r, i) => {
      if (!sameSlot(naive, i, indexed.ranked, r)) {
        throw new MatchingError('BENCH_MISMATCH', `indexed ranking differs from naive for resident ${r}`);
      }
    });
    const naiveRate = (sample.length * model.openings.n) / naiveSeconds;
    const indexedRate = pairs / indexedSeconds;
    figures.push({
      name: `rank: top-${k} openings per resident, indexed vs naive`,
      items: pairs,
      baseline: `naive all-pairs scorer, timed on a fixed sample of ${sample.length} of ${model.residents.n} residents and extrapolated`,
      ratio: indexedRate / naiveRate,
      residents: model.residents.n,
      openings: model.openings.n,
      naivePairsPerSecond: Math.round(naiveRate),
      indexedPairsPerSecond: Math.round(indexedRate),
      naiveSampleSeconds: naiveSeconds,
      indexedSeconds,
      pairsScoredByIndex: indexed.stats.scored,
      identicalOnSample: true,
      compileSeconds,
    });
  }

  {
    const sample = evenSample(model.openings.n, options.sampleOpenings ?? 200);
    let start = process.cpuUsage();
    const naive = naiveByOpening(model, k, 0, sample);
    const naiveSeconds = seconds(start);
    start = process.cpuUsage();
    const indexed = indexedByOpening(model, k, 0);
    const indexedSeconds = seconds(start);
    sample.forEach((o, i) => {
      if (!sameSlot(naive, i, indexed.ranked, o)) {
        throw new MatchingError('BENCH_MISMATCH', `indexed ranking differs from naive for opening ${o}`);
      }
    });
    const naiveRate = (sample.length * model.residents.n) / naiveSeconds;
    const indexedRate = pairs / indexedSeconds;
    figures.push({
      name: `rank: top-${k} residents per opening, indexed vs naive`,
      items: pairs,
      baseline: `naive all-pairs scorer, timed on a fixed sample of ${sample.length} of ${model.openings.n} openings and extrapolated`,
      ratio: indexedRate / naiveRate,
      residents: model.residents.n,
      openings: model.openings.n,
      naivePairsPerSecond: Math.round(naiveRate),
      indexedPairsPerSecond: Math.round(indexedRate),
      naiveSampleSeconds: naiveSeconds,
      indexedSeconds,
      pairsScoredByIndex: indexed.stats.scored,
      identicalOnSample: true,
      compileSeconds,
    });
  }
  return figures;
}
