/* eslint-disable @typescript-eslint/no-non-null-assertion -- sample indices are within bounds by construction */
import { FastPlanner } from '../gaps/gaps.ts';
import { ReferencePlanner } from '../gaps/reference.ts';
import { gapReport, unmatchedResidents, type ResidentPlan } from '../gaps/report.ts';
import { compileModel } from '../rank/model.ts';
import type { PreparedOpening, PreparedResident, ScoreContext } from '../score/types.ts';
import { cpuSeconds, evenSample } from './rank.ts';
import { BenchError, type BenchFigure } from './types.ts';

export interface BenchGapsOptions {
  /** The cutoff a resident counts as matched at. Default 70, as the service asks for cohort proposals. */
  readonly cutoff?: number;
  /** Unmatched residents the reference planner is timed on, spread evenly. Default 250. */
  readonly sampleResidents?: number;
  /** Where the human-readable line goes; default none. */
  readonly log?: (line: string) => void;
}

function samePlan(a: ResidentPlan | undefined, b: ResidentPlan | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const same = (x: ArrayLike<number>, y: ArrayLike<number>): boolean =>
    x.length === y.length && Array.from(x).every((value, i) => value === y[i]);
  return same(a.items, b.items) && same(a.openings, b.openings);
}

/**
 * Times `skillGaps` on the whole county against its reference (`skillGapsReference`), in CPU seconds. The
 * reference plans a fixed sample of the unmatched residents (every n/sample-th) and its time is
 * extrapolated to all of them; compiling the model and finding the unmatched residents are shared and
 * counted on both sides. The fast plans of the sample must equal the reference's, else this throws.
 */
export function benchGaps(
  residents: readonly PreparedResident[],
  openings: readonly PreparedOpening[],
  context: ScoreContext,
  options: BenchGapsOptions = {},
): BenchFigure[] {
  const cutoff = options.cutoff ?? 70;
  const compiled = cpuSeconds(() => compileModel(residents, openings, context));
  const model = compiled.value;
  const found = cpuSeconds(() => unmatchedResidents(model, cutoff));
  const unmatched = found.value;
  const fast = cpuSeconds(() => gapReport(model, unmatched, new FastPlanner(model, cutoff)));
  const sample = evenSample(unmatched.length, options.sampleResidents ?? 250).map((i) => unmatched[i]!);
  const reference = cpuSeconds(() => new ReferencePlanner(model, cutoff).plans(sample));
  const check = new FastPlanner(model, cutoff).plans(sample);
  sample.forEach((r, i) => {
    if (!samePlan(check[i], reference.value[i])) {
      throw new BenchError(
        'BENCH_MISMATCH',
        `skillGaps differs from its reference for resident ${r.toString()}`,
      );
    }
  });
  const shared = compiled.seconds + found.seconds;
  const seconds = shared + fast.seconds;
  const referenceSeconds =
    shared + (sample.length === 0 ? 0 : (reference.seconds * unmatched.length) / sample.length);
  const figure: BenchFigure = {
    name: `gaps: skill gaps at cutoff ${cutoff.toString()}, skillGaps vs its reference`,
    items: unmatched.length,
    baseline: `skillGapsReference, timed on a fixed sample of ${sample.length.toString()} of ${unmatched.length.toString()} unmatched residents and extrapolated`,
    ratio: referenceSeconds / seconds,
    seconds,
    referenceSeconds,
    referenceSampleSeconds: reference.seconds,
    sharedSeconds: shared,
    unmatched: unmatched.length,
    residents: model.residents.n,
    openings: model.openings.n,
    cutoff,
    sample: sample.length,
    identicalOnSample: true,
    timing: 'CPU time, one run each',
  };
  options.log?.(
    `gaps: ${unmatched.length.toString()} unmatched residents at cutoff ${cutoff.toString()}: ` +
      `${seconds.toFixed(2)} s against ≈ ${referenceSeconds.toFixed(1)} s for the reference ` +
      `(${(referenceSeconds / seconds).toFixed(1)}×)`,
  );
  return [figure];
}
