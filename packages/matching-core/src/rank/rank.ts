import { MatchingError } from '../errors.ts';
import { scoreMatch } from '../score/score.ts';
import type { PreparedOpening, PreparedResident, ScoreContext } from '../score/types.ts';
import { indexedByOpening, indexedByResident } from './indexed.ts';
import { compileModel, type Model } from './model.ts';
import { naiveByOpening, naiveByResident } from './naive.ts';
import type { OpeningRanking, RankOptions, ResidentRanking } from './types.ts';

type Ranked = readonly { items: number[]; scores: number[] }[];

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
  return byResident(model, indexedByResident(model, k, cutoff).results, residents, context, options);
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
  return byOpening(model, indexedByOpening(model, k, cutoff).results, openings, context, options);
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
    throw new MatchingError('BAD_OPTION', `k must be a positive integer, got ${String(options.k)}`);
  }
  if (!Number.isFinite(cutoff)) {
    throw new MatchingError('BAD_OPTION', `cutoff must be a finite number, got ${String(cutoff)}`);
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
    const { items, scores } = ranked[at.get(resident.id) ?? -1] ?? { items: [], scores: [] };
    return {
      residentId: resident.id,
      matches: items.map((o, i) => {
        const opening = openings[o];
        const score = scores[i] ?? 0;
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
    const { items, scores } = ranked[at.get(opening.id) ?? -1] ?? { items: [], scores: [] };
    return {
      openingId: opening.id,
      matches: items.map((r, i) => {
        const resident = residents[r];
        const score = scores[i] ?? 0;
        if (resident === undefined) throw new MatchingError('INTERNAL', 'ranked an unknown resident');
        return options.explain === true
          ? { residentId: resident.id, score, explanation: scoreMatch(resident, opening, context) }
          : { residentId: resident.id, score };
      }),
    };
  });
}
