import { nationalLevelName, nationalLevelOf } from '@anju/shared';
/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays are read within bounds by construction */
// What both gap planners share: the item codes and the report built from each resident's plan.
import { indexedByResident } from '../rank/indexed/openings-per-resident.ts';
import { LEVEL_SLOTS, compileModel, type Model } from '../rank/model.ts';
import { checkOptions } from '../rank/rank.ts';
import type { PreparedOpening, PreparedResident, ScoreContext } from '../score/types.ts';
import type {
  GapItem,
  LicenceDemand,
  ResidentGap,
  SkillGapOptions,
  SkillGapReport,
  TrainingDemand,
} from './types.ts';

/**
 * A planned item as one integer: licence `l` is `l`, a skill in concept `t` at level `v` is
 * `L + t × LEVEL_SLOTS + v` (`L` = the model's licence count). Sorting codes sorts licences before skills,
 * then by index, then by level.
 */
export function licenceCode(licence: number): number {
  return licence;
}

export function skillCode(model: Model, concept: number, level: number): number {
  return model.licences.length + concept * LEVEL_SLOTS + level;
}

export function isLicenceCode(model: Model, code: number): boolean {
  return code < model.licences.length;
}

/** The licence or concept index of a code. */
export function codeIndex(model: Model, code: number): number {
  const L = model.licences.length;
  return code < L ? code : Math.floor((code - L) / LEVEL_SLOTS);
}

/** A rank in both numberings, the national one named: 1 → 五级/初级工 (national 5). */
function levelsOf(level: number): { nationalLevel: number; levelName: string; level: number } {
  const nationalLevel = nationalLevelOf(level);
  return { nationalLevel, levelName: nationalLevelName(nationalLevel), level };
}

/** The level of a skill code (0 for a licence). */
export function codeLevel(model: Model, code: number): number {
  const L = model.licences.length;
  return code < L ? 0 : (code - L) % LEVEL_SLOTS;
}

/** The reference planner's key of one item, `kind:index@level`; plans compare by these joined with `|`. */
export function codeKey(model: Model, code: number): string {
  const kind = isLicenceCode(model, code) ? 'licence' : 'skill';
  return `${kind}:${codeIndex(model, code).toString()}@${codeLevel(model, code).toString()}`;
}

/** A resident's chosen plan: item codes in plan order and the openings it unlocks, ascending. */
export interface ResidentPlan {
  readonly items: ArrayLike<number>;
  readonly openings: ArrayLike<number>;
}

/** Picks each unmatched resident's plan (`undefined` when no training unlocks anything). */
export interface GapPlanner {
  /** The plans of `residents`, in that order. */
  plans(residents: readonly number[]): (ResidentPlan | undefined)[];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function itemId(model: Model, code: number): string {
  const index = codeIndex(model, code);
  return isLicenceCode(model, code) ? model.licences[index]! : model.concepts[index]!;
}

function gapItem(model: Model, code: number): GapItem {
  const id = itemId(model, code);
  return isLicenceCode(model, code)
    ? { kind: 'licence', id, name: model.graph.licenceTitle(id) }
    : { kind: 'skill', id, name: model.graph.name(id), ...levelsOf(codeLevel(model, code)) };
}

interface Demand {
  readonly code: number;
  residents: number;
  /** Flags by opening, and how many are set. */
  readonly unlocked: Uint8Array;
  openings: number;
}

/** Checks the options, compiles the model and reports on its unmatched residents with `planner`'s plans. */
export function reportGaps(
  residents: readonly PreparedResident[],
  openings: readonly PreparedOpening[],
  context: ScoreContext,
  options: SkillGapOptions,
  planner: (model: Model, cutoff: number) => GapPlanner,
): SkillGapReport {
  const { cutoff } = checkOptions({
    k: 1,
    ...(options.cutoff === undefined ? {} : { cutoff: options.cutoff }),
  });
  const model = compileModel(residents, openings, context);
  return gapReport(model, unmatchedResidents(model, cutoff), planner(model, cutoff));
}

/** The report for the unmatched residents `unmatched` (ascending), each planned by `planner`. */
export function gapReport(model: Model, unmatched: readonly number[], planner: GapPlanner): SkillGapReport {
  const O = model.openings;
  const gaps: ResidentGap[] = [];
  const training = new Map<number, Demand>();
  const plans = planner.plans(unmatched);
  unmatched.forEach((r, i) => {
    const residentId = model.residents.records[r]!.id;
    const best = plans[i];
    if (best === undefined) {
      gaps.push({ residentId, items: [], openingsUnlocked: 0, openingIds: [] });
      return;
    }
    gaps.push({
      residentId,
      items: Array.from(best.items, (code) => gapItem(model, code)),
      openingsUnlocked: best.openings.length,
      openingIds: Array.from(best.openings, (o) => O.records[o]!.id),
    });
    for (let i = 0; i < best.items.length; i++) {
      const code = best.items[i]!;
      let entry = training.get(code);
      if (entry === undefined) {
        entry = { code, residents: 0, unlocked: new Uint8Array(O.n), openings: 0 };
        training.set(code, entry);
      }
      entry.residents++;
      for (let j = 0; j < best.openings.length; j++) {
        const o = best.openings[j]!;
        if (entry.unlocked[o] === 0) {
          entry.unlocked[o] = 1;
          entry.openings++;
        }
      }
    }
  });
  const demand = [...training.values()].sort(
    (a, b) =>
      b.residents - a.residents ||
      b.openings - a.openings ||
      compareText(itemId(model, a.code), itemId(model, b.code)) ||
      codeLevel(model, a.code) - codeLevel(model, b.code),
  );
  const headcount = (entry: Demand): number => {
    let sum = 0;
    for (let o = 0; o < O.n; o++) if (entry.unlocked[o] === 1) sum += O.records[o]!.headcount;
    return sum;
  };
  return {
    unmatched: gaps.length,
    residents: gaps,
    training: demand
      .filter((entry) => !isLicenceCode(model, entry.code))
      .map((entry): TrainingDemand => {
        const occupation = itemId(model, entry.code);
        return {
          occupation,
          name: model.graph.name(occupation),
          ...levelsOf(codeLevel(model, entry.code)),
          residents: entry.residents,
          openingsUnlocked: entry.openings,
          headcount: headcount(entry),
        };
      }),
    licences: demand
      .filter((entry) => isLicenceCode(model, entry.code))
      .map((entry): LicenceDemand => {
        const licence = itemId(model, entry.code);
        return {
          licence,
          name: model.graph.licenceTitle(licence),
          residents: entry.residents,
          openingsUnlocked: entry.openings,
          headcount: headcount(entry),
        };
      }),
  };
}

/** Residents without an eligible opening scoring at least `cutoff`, ascending. */
export function unmatchedResidents(model: Model, cutoff: number): number[] {
  const matched = indexedByResident(model, 1, cutoff).ranked;
  const unmatched: number[] = [];
  for (let r = 0; r < model.residents.n; r++) if ((matched.counts[r] ?? 0) === 0) unmatched.push(r);
  return unmatched;
}
