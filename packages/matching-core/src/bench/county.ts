import type { MatchOpening, MatchResident } from '@anju/shared';
import { ALLOCATION_CANDIDATES, allocationProblem } from '../allocate/from-ranking.ts';
import { createNormalizer } from '../normalize/normalizer.ts';
import { prepareOpenings, prepareResidents } from '../score/prepare.ts';
import type { ScoreContext } from '../score/types.ts';
import { generateCounty } from '../synthetic/generate.ts';
import { defaultTaxonomy } from '../taxonomy/load.ts';
import { benchAllocate } from './allocate.ts';
import { benchGaps } from './gaps.ts';
import { benchNormalize } from './normalize.ts';
import { benchRank } from './rank.ts';
import type { BenchFigure } from './types.ts';

/** The benchmark county: seed 42, 27,477 matching residents × 5,000 openings (the figures). */
export const BENCH_COUNTY = Object.freeze({
  seed: 42,
  residents: 27_477,
  openings: 5_000,
  referenceYear: 2026,
});

/**
 * The synthetic county the benchmarks run on. The generator counts people (children and elderly too); a
 * larger population is generated so that 27,477 working-age residents — the figure — can be taken.
 */
export function benchCounty(): { residents: MatchResident[]; openings: MatchOpening[] } {
  const county = generateCounty({
    seed: BENCH_COUNTY.seed,
    taxonomy: defaultTaxonomy(),
    residents: Math.ceil(BENCH_COUNTY.residents * 1.9),
    openings: BENCH_COUNTY.openings,
  });
  return { residents: county.residents.slice(0, BENCH_COUNTY.residents), openings: county.openings };
}

/**
 * Every matching-core benchmark on the county from seed 42: normalisation, ranking (indexed vs naive),
 * skill gaps (vs their reference), allocation (ours vs HiGHS on the same graph) and the run's peak memory. Progress goes to `log`.
 */
export async function benchAll(log: (line: string) => void = console.error): Promise<BenchFigure[]> {
  const rssBefore = process.memoryUsage().rss;
  const figures: BenchFigure[] = [...benchNormalize({ log })];

  const started = performance.now();
  const { residents, openings } = benchCounty();
  const taxonomy = defaultTaxonomy();
  const normalizer = createNormalizer(taxonomy);
  const context: ScoreContext = { taxonomy, referenceYear: BENCH_COUNTY.referenceYear };
  const preparedResidents = prepareResidents(residents, normalizer);
  const preparedOpenings = prepareOpenings(openings, normalizer);
  log(
    `county: ${residents.length} residents × ${openings.length} openings generated and normalised in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  figures.push(...benchRank(preparedResidents, preparedOpenings, context));
  figures.push(...benchGaps(preparedResidents, preparedOpenings, context, { log }));

  const problem = allocationProblem(preparedResidents, preparedOpenings, context);
  log(
    `allocation graph: ${problem.pairs.length} eligible pairs (best ${ALLOCATION_CANDIDATES} per resident)`,
  );
  figures.push(...(await benchAllocate(problem)));

  const peak = process.resourceUsage().maxRSS * 1024;
  figures.push({
    name: 'peak memory of the county run',
    items: residents.length * openings.length,
    baseline: 'resident set size before the run',
    ratio: peak / rssBefore,
    peakMiB: Math.round(peak / 2 ** 20),
    beforeMiB: Math.round(rssBefore / 2 ** 20),
  });
  return figures;
}
