import { MatchingError } from '../errors.ts';
import { scoreMatch } from '../score/score.ts';
import type { PreparedOpening, PreparedResident, ScoreContext } from '../score/types.ts';
import type { Ranked } from './heap.ts';
import { indexedByResident } from './indexed/openings-per-resident.ts';
import { indexedByOpening } from './indexed/residents-per-opening.ts';
import { compileModel, type Model } from './model.ts';
import { naiveByOpening, naiveByResident } from './naive.ts';
import type { OpeningRanking, RankOptions, ResidentRanking } from './types.ts';

/**
 * For each resident (in input order), the top-k eligible openings scoring at least the cutoff: score
 * descending, then opening id ascending. Uses the inverted index with score bounds; the result equals
 * `rankOpeningsNaive`.
 */
export function rankOpenings(
  residents: readonly PreparedResident[],
  openings: readonly PreparedOpening[],
  context: ScoreContext,
  options: RankOptions,
): ResidentRanking[] {
  const { k, cutoff } = checkOptions(options);
  const model = compileModel(residents, openings, context);
  return byResident(model, indexedByResident(model, k, cutoff).ranked, residents, context, options);
}

/** The reference for `rankOpenings`: every pair scored. Same result, much slower at county scale. */
export function rankOpeningsNaive(
  residents: readonly PreparedResident[],
  openings: readonly PreparedOpening[],
  context: ScoreContext,
  options: RankOptions,
): ResidentRanking[] {
  const { k, cutoff } = checkOptions(options);
  const model = compileModel(residents, openings, context);
  return byResident(model, naiveByResident(model, k, cutoff), residents, context, options);
}

/**
 * For each opening (in input order), the top-k eligible residents scoring at least the cutoff: score
 * descending, then resident id ascending. Indexed; equals `rankResidentsNaive`.
 */
export function rankResidents(
  residents: readonly PreparedResident[],
  openings: readonly PreparedOpening[],
  context: ScoreContext,
  options: RankOptions,
): OpeningRanking[] {
  const { k, cutoff } = checkOptions(options);
  const model = compileModel(residents, openings, context);
  return byOpening(model, indexedByOpening(model, k, cutoff).ranked, openings, context, options);
}

/** The reference for `rankResidents`: every pair scored. */
export function rankResidentsNaive(
  residents: readonly PreparedResident[],
  openings: readonly PreparedOpening[],
  context: ScoreContext,
  options: RankOptions,
): OpeningRanking[] {
  const { k, cutoff } = checkOptions(options);
  const model = compileModel(residents, openings, context);
  return byOpening(model, naiveByOpening(model, k, cutoff), openings, context, options);
}

export function checkOptions(options: RankOptions): { k: number; cutoff: number } {
  const cutoff = options.cutoff ?? 0;
  if (!Number.isInteger(options.k) || options.k < 1) {
    throw new MatchingError('INVALID_OPTIONS', `k must be a positive integer, got ${String(options.k)}`);
  }
  if (!Number.isFinite(cutoff)) {
    throw new MatchingError('INVALID_OPTIONS', `cutoff must be a finite number, got ${String(cutoff)}`);
  }
  return { k: options.k, cutoff };
}

function byResident(
  model: Model,
  ranked: Ranked,
  residents: readonly PreparedResident[],
  context: ScoreContext,
  options: RankOptions,
): ResidentRanking[] {
  const at = new Map(model.residents.records.map((resident, r) => [resident.id, r]));
  const openings = model.openings.records;
  return residents.map((resident) => {
    return {
      residentId: resident.id,
      matches: slotOf(ranked, at.get(resident.id)).map(([o, score]) => {
        const opening = openings[o];
        if (opening === undefined) throw new MatchingError('INTERNAL', 'ranked an unknown opening');
        return options.explain === true
          ? { openingId: opening.id, score, explanation: scoreMatch(resident, opening, context) }
          : { openingId: opening.id, score };
      }),
    };
  });
}

function byOpening(
  model: Model,
  ranked: Ranked,
  openings: readonly PreparedOpening[],
  context: ScoreContext,
  options: RankOptions,
): OpeningRanking[] {
  const at = new Map(model.openings.records.map((opening, o) => [opening.id, o]));
  const residents = model.residents.records;
  return openings.map((opening) => {
    return {
      openingId: opening.id,
      matches: slotOf(ranked, at.get(opening.id)).map(([r, score]) => {
        const resident = residents[r];
        if (resident === undefined) throw new MatchingError('INTERNAL', 'ranked an unknown resident');
        return options.explain === true
          ? { residentId: resident.id, score, explanation: scoreMatch(resident, opening, context) }
          : { residentId: resident.id, score };
      }),
    };
  });
}

/** The (item, score) pairs of one slot, best first. */
function slotOf(ranked: Ranked, slot: number | undefined): [number, number][] {
  if (slot === undefined) return [];
  const base = slot * ranked.k;
  return Array.from({ length: ranked.counts[slot] ?? 0 }, (_, i) => [
    ranked.items[base + i] ?? -1,
    ranked.scores[base + i] ?? 0,
  ]);
}
