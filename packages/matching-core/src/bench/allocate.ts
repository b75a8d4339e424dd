/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays are read within bounds by construction */
import { allocate } from '../allocate/allocate.ts';
import type {
  AllocationAgent,
  AllocationObjective,
  AllocationPair,
  AllocationProblem,
  AllocationSlot,
} from '../allocate/types.ts';
import { MatchingError } from '../errors.ts';
import { BenchError, type BenchFigure } from './types.ts';

export type CapacityRegime = 'tight' | 'plentiful';

export interface CountyAllocationOptions {
  readonly seed?: number;
  readonly agents?: number;
  readonly slots?: number;
  /** Mean number of eligible pairs per eligible agent. */
  readonly pairsPerAgent?: number;
  /** `tight`: seats for about 40 % of eligible agents; `plentiful`: for about 150 %. */
  readonly capacity?: CapacityRegime;
  /** `integer` like the scorer's points (many ties), or `hundredths`. Default `integer`. */
  readonly scores?: 'integer' | 'hundredths';
}

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same county on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUSEHOLD_SIZES = [1, 2, 3, 4, 5, 6, 7];
const HOUSEHOLD_SIZE_WEIGHTS = [0.1, 0.16, 0.22, 0.23, 0.15, 0.09, 0.05];

/**
 * A seeded random allocation problem shaped like the county (docs/domain.md): 27,500 residents in households
 * of 1–7 (37 % priority), 8 % with no eligible opening, 2,000 openings whose popularity is skewed (a few
 * general-labour openings are eligible for thousands, most for a few dozen), about 20 eligible pairs per
 * eligible resident (≈ 550 k pairs), fractional scores, and headcounts that follow popularity.
 */
export function countyAllocationProblem(options: CountyAllocationOptions = {}): AllocationProblem {
  const next = random(options.seed ?? 42);
  const agentCount = options.agents ?? 27_500;
  const slotCount = options.slots ?? 2_000;
  const meanPairs = options.pairsPerAgent ?? 23.5;
  const unit = options.scores === 'hundredths' ? 100 : 1;
  const seatsPerAgent = (options.capacity ?? 'tight') === 'tight' ? 0.4 : 1.5;

  const agents: AllocationAgent[] = [];
  let household = 0;
  while (agents.length < agentCount) {
    let pick = next();
    let size = HOUSEHOLD_SIZES[HOUSEHOLD_SIZES.length - 1]!;
    for (const [i, weight] of HOUSEHOLD_SIZE_WEIGHTS.entries()) {
      if ((pick -= weight) < 0) {
        size = HOUSEHOLD_SIZES[i]!;
        break;
      }
    }
    const householdId = `h${String(household++).padStart(5, '0')}`;
    const priority = next() < 0.37;
    for (let k = 0; k < size && agents.length < agentCount; k++) {
      agents.push({ id: `r${String(agents.length).padStart(5, '0')}`, householdId, priority });
    }
  }

  // Zipf-like popularity: opening i is chosen with weight 1 / (i + 8)^0.9.
  const cumulative = new Float64Array(slotCount);
  let sum = 0;
  for (let i = 0; i < slotCount; i++) cumulative[i] = sum += 1 / Math.pow(i + 8, 0.9);
  const pickSlot = (): number => {
    const x = next() * sum;
    let lo = 0;
    let hi = slotCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const slotIds = Array.from({ length: slotCount }, (_, i) => `o${String(i).padStart(4, '0')}`);
  const slotAppeal = Array.from({ length: slotCount }, () => next());

  const pairs: AllocationPair[] = [];
  const pairsPerSlot = new Int32Array(slotCount);
  const seen = new Int32Array(slotCount).fill(-1);
  const ineligible: Record<string, string> = {};
  let eligibleAgents = 0;
  for (const [a, agent] of agents.entries()) {
    if (next() < 0.08) {
      ineligible[agent.id] = 'no labour capacity recorded';
      continue;
    }
    eligibleAgents++;
    const skill = next();
    const wanted = Math.min(slotCount >> 1, 1 + Math.floor(-Math.log(1 - next()) * (meanPairs - 1)));
    for (let k = 0; k < wanted; k++) {
      const j = pickSlot();
      if (seen[j] === a) continue;
      seen[j] = a;
      const raw = 15 + 45 * next() + 25 * skill + 15 * slotAppeal[j]!;
      pairs.push({
        agentId: agent.id,
        slotId: slotIds[j]!,
        score: Math.round(Math.min(100, raw) * unit) / unit,
      });
      pairsPerSlot[j]!++;
    }
  }

  // Headcounts follow demand: seatsPerAgent × (the slot's share of eligible agents), with noise.
  const slots: AllocationSlot[] = slotIds.map((id, j) => {
    const share = (pairsPerSlot[j]! / Math.max(1, pairs.length)) * eligibleAgents;
    const noise = Math.exp((next() - 0.5) * 1.2);
    return { id, capacity: Math.max(1, Math.round(share * seatsPerAgent * noise)) };
  });
  return { agents, slots, pairs, ineligible };
}

/**
 * The optimum levels in integer hundredths: `[score]`, or `[households, priority households, score]`;
 * `undefined` when HiGHS hit its time limit first (`seconds` is then that limit, about).
 */
export interface HighsOptimum {
  readonly levels: readonly number[] | undefined;
  readonly seconds: number;
}

/**
 * The same allocation as a linear program solved by HiGHS (an independent solver): x ∈ [0,1] per pair,
 * agent rows Σx ≤ 1, slot rows Σx ≤ capacity, and for households-first y_h ∈ [0,1] with
 * y_h ≤ Σ x of the household's members. households-first is solved level by level, fixing each optimum
 * as an equality row (Σ y = H, then Σ y over priority households = P and over the others = H − P).
 * Every one of these LPs is a network flow with side rows that keep it one, so its optimum is integral.
 * The households-first levels are solved by HiGHS's interior-point method (with crossover to a vertex):
 * they are so degenerate that its dual simplex, the default, ran for more than 25 minutes on the bench
 * county's graph without finishing the first level, where the interior-point method solves all three in
 * about 4 minutes. HiGHS is a dev dependency, loaded only here.
 */
export async function highsOptimum(
  problem: AllocationProblem,
  objective: AllocationObjective,
  timeLimitSeconds = Infinity,
): Promise<HighsOptimum> {
  const { default: loadHighs } = await import('highs');
  const highs = await loadHighs();
  const agentRow = new Map(problem.agents.map((a, i) => [a.id, i]));
  const slotRow = new Map(problem.slots.map((s, j) => [s.id, problem.agents.length + j]));
  const households = [...new Set(problem.agents.map((a) => a.householdId))];
  const firstHouseholdRow = problem.agents.length + problem.slots.length;
  const householdRow = new Map(households.map((h, i) => [h, firstHouseholdRow + i]));
  const priority = new Set(problem.agents.filter((a) => a.priority === true).map((a) => a.householdId));
  const householdOfAgent = problem.agents.map((a) => householdRow.get(a.householdId)!);
  const pairCount = problem.pairs.length;
  const withHouseholds = objective === 'households-first';
  const baseRows = firstHouseholdRow + (withHouseholds ? households.length : 0);
  const levelRows = withHouseholds ? 3 : 0;
  const numRows = baseRows + levelRows;
  const numCols = pairCount + (withHouseholds ? households.length : 0);

  const starts = new Int32Array(numCols + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const weights = new Float64Array(numCols);
  for (let p = 0; p < pairCount; p++) {
    const pair = problem.pairs[p]!;
    const a = agentRow.get(pair.agentId);
    const j = slotRow.get(pair.slotId);
    if (a === undefined || j === undefined)
      throw new MatchingError('INVALID_ALLOCATION_PROBLEM', 'unknown id in pair');
    indices.push(a, j);
    values.push(1, 1);
    if (withHouseholds) {
      indices.push(householdOfAgent[a]!);
      values.push(-1);
    }
    weights[p] = Math.round(pair.score * 100);
    starts[p + 1] = indices.length;
  }
  if (withHouseholds) {
    // y_h: its household row, the "all households" level row and its priority or other level row.
    for (const [i, h] of households.entries()) {
      indices.push(firstHouseholdRow + i, baseRows, baseRows + (priority.has(h) ? 1 : 2));
      values.push(1, 1, 1);
      starts[pairCount + i + 1] = indices.length;
    }
  }
  const rowUpper = new Float64Array(numRows);
  const rowLower = new Float64Array(numRows).fill(-highs.infinity);
  for (let a = 0; a < problem.agents.length; a++) rowUpper[a] = 1;
  for (const [j, slot] of problem.slots.entries()) rowUpper[problem.agents.length + j] = slot.capacity;
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(1);
  const matrix = { format: 'csc' as const, numRows, numCols, starts, indices, values };

  let seconds = 0;
  /** The optimum, or undefined when the time left ran out first. */
  const solve = (cost: Float64Array): number | undefined => {
    const model = highs.createModel({
      numCols,
      numRows,
      sense: highs.constants.objectiveSense.maximize,
      colCost: cost,
      colLower,
      colUpper,
      rowLower,
      rowUpper,
      matrix,
    });
    try {
      const left = timeLimitSeconds - seconds;
      if (left <= 0) return undefined;
      model.options.set({
        output_flag: false,
        ...(withHouseholds ? { solver: 'ipm' } : {}),
        ...(Number.isFinite(left) ? { time_limit: left } : {}),
      });
      const started = performance.now();
      model.run();
      seconds += (performance.now() - started) / 1000;
      if (model.getModelStatus() === highs.constants.modelStatus.timeLimit) return undefined;
      if (model.getModelStatus() !== highs.constants.modelStatus.optimal) {
        throw new BenchError(
          'BENCH_FAILED',
          `HiGHS did not reach an optimum (status ${model.getModelStatus()})`,
        );
      }
      return Math.round(model.getObjectiveValue());
    } finally {
      model.dispose();
    }
  };

  if (!withHouseholds) {
    const score = solve(weights);
    return { levels: score === undefined ? undefined : [score], seconds };
  }
  const covered = new Float64Array(numCols);
  const coveredPriority = new Float64Array(numCols);
  for (const [i, h] of households.entries()) {
    covered[pairCount + i] = 1;
    if (priority.has(h)) coveredPriority[pairCount + i] = 1;
  }
  // Level rows start free; each level's optimum becomes an equality for the next.
  for (let r = baseRows; r < numRows; r++) rowUpper[r] = highs.infinity;
  const householdsCovered = solve(covered);
  if (householdsCovered === undefined) return { levels: undefined, seconds };
  rowLower[baseRows] = rowUpper[baseRows] = householdsCovered;
  const priorityCovered = solve(coveredPriority);
  if (priorityCovered === undefined) return { levels: undefined, seconds };
  rowLower[baseRows + 1] = rowUpper[baseRows + 1] = priorityCovered;
  rowLower[baseRows + 2] = rowUpper[baseRows + 2] = householdsCovered - priorityCovered;
  const score = solve(weights);
  return { levels: score === undefined ? undefined : [householdsCovered, priorityCovered, score], seconds };
}

const OBJECTIVES: readonly AllocationObjective[] = ['total-score', 'households-first'];

/**
 * HiGHS's time on a given (county-scale) problem is capped, so that a graph it finds hard still gives a
 * figure (a lower bound). On the bench county's graph it needs about 13 s for total-score and 4 minutes
 * for households-first.
 */
export const HIGHS_TIME_LIMIT_SECONDS = 900;

/**
 * Times `allocate` against the HiGHS LP on the same graph, for both objectives, asserting the same
 * optimum (every level). Without a problem: the seeded county (seed 42) with tight and with plentiful
 * capacity. Ours is timed for the whole call (validation, network, solve, reasons; median of three after
 * a warm-up run); HiGHS for its solves only, once. Prints one line per figure to stderr;
 * `ratio` = HiGHS time / our time. On a given problem HiGHS stops at `HIGHS_TIME_LIMIT_SECONDS` (or
 * `highsTimeLimitSeconds`); when it does, the ratio is a lower bound and the optimum is not compared
 * (`sameOptimum: false`).
 */
export async function benchAllocate(
  problem?: AllocationProblem,
  options: { readonly highsTimeLimitSeconds?: number } = {},
): Promise<BenchFigure[]> {
  const timeLimit =
    options.highsTimeLimitSeconds ?? (problem === undefined ? Infinity : HIGHS_TIME_LIMIT_SECONDS);
  const cases =
    problem === undefined
      ? (['tight', 'plentiful'] as const).map((capacity) => ({
          label: `county seed 42, ${capacity} capacity`,
          problem: countyAllocationProblem({ seed: 42, capacity }),
        }))
      : [{ label: 'given problem', problem }];
  const figures: BenchFigure[] = [];
  for (const { label, problem: instance } of cases) {
    const seats = instance.slots.reduce((sum, slot) => sum + slot.capacity, 0);
    for (const objective of OBJECTIVES) {
      // Ours is cheap enough to time three times (median); HiGHS once.
      const times: number[] = [];
      let result = allocate(instance, { objective });
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        result = allocate(instance, { objective });
        times.push((performance.now() - started) / 1000);
      }
      const seconds = times.sort((x, y) => x - y)[1]!;
      const reference = await highsOptimum(instance, objective, timeLimit);
      const score = Math.round(result.objective * 100);
      const ours =
        objective === 'total-score'
          ? [score]
          : [result.householdsCovered, result.priorityHouseholdsCovered, score];
      if (reference.levels !== undefined && ours.join() !== reference.levels.join()) {
        throw new BenchError(
          'BENCH_FAILED',
          `${objective} on ${label}: allocate found [${ours.join(', ')}], HiGHS [${reference.levels.join(', ')}]`,
        );
      }
      const figure: BenchFigure = {
        name: `allocate ${objective}, ${label}`,
        items: instance.pairs.length,
        baseline:
          reference.levels === undefined
            ? `HiGHS LP on the same graph, stopped at its ${timeLimit.toString()} s limit before the optimum: the ratio is a lower bound`
            : 'HiGHS LP on the same graph, same optimum asserted',
        ratio: reference.seconds / seconds,
        sameOptimum: reference.levels !== undefined,
        seconds,
        baselineSeconds: reference.seconds,
        agents: instance.agents.length,
        slots: instance.slots.length,
        seats,
        placed: result.assignments.length,
        objective: result.objective,
        householdsCovered: result.householdsCovered,
        priorityHouseholdsCovered: result.priorityHouseholdsCovered,
      };
      console.error(
        `${figure.name}: ${instance.agents.length} agents × ${instance.slots.length} slots, ` +
          `${instance.pairs.length} pairs, ${seats} seats → ${seconds.toFixed(2)} s vs HiGHS ` +
          `${reference.seconds.toFixed(2)} s${reference.levels === undefined ? ' (time limit, no optimum)' : ''} ` +
          `(${reference.levels === undefined ? '≥ ' : ''}${figure.ratio.toFixed(1)}×), placed ${result.assignments.length}`,
      );
      figures.push(figure);
    }
  }
  return figures;
}
