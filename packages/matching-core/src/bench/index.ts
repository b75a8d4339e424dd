// The benchmark harnesses: repository tooling (bench/, the repo's `anju-match bench`, tests), in no entry of
// the package. `benchAllocate` loads `highs`, a devDependency, so nothing public may reach this file.
export { BenchError, type BenchErrorCode, type BenchFigure } from './types.ts';
export { benchAll } from './county.ts';
export { benchNormalize, type NormalizeBenchOptions } from './normalize.ts';
export {
  evaluateNormalization,
  occupationCodeOf,
  verdictOf,
  type DistinctCase,
  type NormalizationEvaluation,
  type SynonymCase,
  type WordVerdict,
} from './evaluation.ts';
export {
  benchAllocate,
  countyAllocationProblem,
  type CapacityRegime,
  type CountyAllocationOptions,
} from './allocate.ts';
export { benchRank, type BenchRankOptions } from './rank.ts';
export { benchGaps, type BenchGapsOptions } from './gaps.ts';
export { figuresFromFreshProcess } from './fresh-process.ts';
