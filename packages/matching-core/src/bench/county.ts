import type { MatchOpening, MatchResident } from '@anju/shared';
import { ALLOCATION_CANDIDATES, allocationProblem } from '../allocate/from-ranking.ts';
import { MatchingError } from '../errors.ts';
import { createNormalizer } from '../normalize/normalizer.ts';
import { prepareOpenings, prepareResidents } from '../score/prepare.ts';
import type { PreparedOpening, PreparedResident, ScoreContext } from '../score/types.ts';
import { generateCounty } from '../synthetic/generate.ts';
import { defaultTaxonomy } from '../taxonomy/load.ts';
import { benchAllocate } from './allocate.ts';
import { benchGaps } from './gaps.ts';
import { benchNormalize } from './normalize.ts';
import { figuresFromFreshProcess } from './fresh-process.ts';
import type { BenchFigure } from './types.ts';

/** The benchmark county: seed 42, 27,477 matching residents × 5,000 openings (the issue's figures). */
export const BENCH_COUNTY = Object.freeze({
  seed: 42,
  residents: 27_477,
  openings: 5_000,
  referenceYear: 2026,
  /** The day licences' dates are checked on. */
  asOf: '2026-06-30',
});

export interface BenchCountySize {
  readonly seed: number;
  readonly residents: number;
  readonly openings: number;
}

/**
 * The synthetic county the benchmarks run on. The generator counts people (children and elderly too); a
 * larger population is generated so that 27,477 working-age residents — the issue's figure — can be taken.
 * Another size is for tests of the benchmarks themselves.
 */
export function benchCounty(size: BenchCountySize = BENCH_COUNTY): {
  residents: MatchResident[];
  openings: MatchOpening[];
} {
  const county = generateCounty({
    seed: size.seed,
    taxonomy: defaultTaxonomy(),
    residents: Math.ceil(size.residents * 1.9),
    openings: size.openings,
  });
  return { residents: county.residents.slice(0, size.residents), openings: county.openings };
}

/** `benchCounty`, normalised against the default taxonomy and ready to score. */
export function preparedBenchCounty(size: BenchCountySize = BENCH_COUNTY): {
  residents: PreparedResident[];
  openings: PreparedOpening[];
  context: ScoreContext;
} {
  const { residents, openings } = benchCounty(size);
  const taxonomy = defaultTaxonomy();
  const normalizer = createNormalizer(taxonomy);
  return {
    residents: prepareResidents(residents, normalizer, { asOf: BENCH_COUNTY.asOf }),
    openings: prepareOpenings(openings, normalizer),
    context: { taxonomy, referenceYear: BENCH_COUNTY.referenceYear },
  };
}

/**
 * Each ranking direction timed in `processes` fresh Node processes, one after another (as JMH forks a JVM
 * per benchmark): within one process V8 compiles the rankers once, and how well it did that varies from
 * process to process (the same code settled at 0.21 s in one process and 0.33 s in the next); a process
 * that ran other benchmarks first also carries their garbage and compiled code. The figure is the median
 * process's, with every process's ratio alongside.
 */
async function rankInFreshProcesses(processes: number, log: (line: string) => void): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const by of ['resident', 'opening']) {
    const ratios: number[] = [];
    const runs: BenchFigure[] = [];
    for (let i = 0; i < processes; i++) {
      for (const run of await figuresFromFreshProcess('rank-process', ['--by', by, '--repeats', '10'])) {
        runs.push(run);
        ratios.push(Number(run.ratio.toFixed(2)));
        log(`rank per ${by}, process ${String(i + 1)} of ${String(processes)}: ${run.ratio.toFixed(1)}×`);
      }
    }
    const [median] = [...runs].sort((a, b) => a.ratio - b.ratio).slice(runs.length >> 1);
    if (median === undefined) throw new MatchingError('INTERNAL', `no ranking figure per ${by}`);
    figures.push({
      ...median,
      baseline: `${median.baseline}; median of ${String(runs.length)} fresh processes (${ratios.map((ratio) => `${String(ratio)}×`).join(', ')})`,
      processes: runs.length,
      ratioPerProcess: ratios,
    });
  }
  return figures;
}

/**
 * Every matching-core benchmark on the county from seed 42: normalisation, ranking (indexed vs naive, in
 * fresh processes), skill gaps (vs their reference), allocation (ours vs HiGHS on the same graph) and the
 * run's peak memory. Progress goes to `log`.
 */
export async function benchAll(log: (line: string) => void = console.error): Promise<BenchFigure[]> {
  const rssBefore = process.memoryUsage().rss;
  const figures: BenchFigure[] = [...benchNormalize({ log })];

  const rankFigures = await rankInFreshProcesses(3, log);
  figures.push(...rankFigures);

  const started = performance.now();
  const { residents: preparedResidents, openings: preparedOpenings, context } = preparedBenchCounty();
  log(
    `county: ${preparedResidents.length} residents × ${preparedOpenings.length} openings generated and ` +
      `normalised in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  figures.push(...benchGaps(preparedResidents, preparedOpenings, context, { log }));

  const problem = allocationProblem(preparedResidents, preparedOpenings, context);
  log(
    `allocation graph: ${problem.pairs.length} eligible pairs (best ${ALLOCATION_CANDIDATES} per resident)`,
  );
  figures.push(...(await benchAllocate(problem)));

  const peak = process.resourceUsage().maxRSS * 1024;
  figures.push({
    name: 'peak memory of the county run',
    items: preparedResidents.length * preparedOpenings.length,
    baseline: 'resident set size before the run',
    ratio: peak / rssBefore,
    peakMiB: Math.round(peak / 2 ** 20),
    beforeMiB: Math.round(rssBefore / 2 ** 20),
    rankProcessPeakMiB: Math.max(...rankFigures.map((figure) => Number(figure.processPeakMiB))),
  });
  return figures;
}
