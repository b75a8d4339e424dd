/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays are read within bounds by construction */
// The reference for `skillGaps`: the first, plain implementation, kept as it was (as `rank/naive.ts` is for
// ranking). For every unmatched resident it scores every opening with the opening's plan added, keys the
// plans by strings and compares every pair of plans. A property test checks that `skillGaps` returns the
// same report, and `benchGaps` times it on a sample. Do not optimise it.
import {
  LEVEL_SLOTS,
  ResidentScratch,
  nonSkillPoints,
  passesPersonalGates,
  relation,
  scoreLoaded,
  type Model,
} from '../rank/model.ts';
import { FACTOR_MAX, levelFactor } from '../score/points.ts';
import type { PreparedOpening, PreparedResident, ScoreContext } from '../score/types.ts';
import { licenceCode, reportGaps, skillCode, type GapPlanner, type ResidentPlan } from './report.ts';
import type { SkillGapOptions, SkillGapReport } from './types.ts';

/** A planned item in model terms: a concept index at a level, or a licence index (level 0). */
interface PlanItem {
  readonly kind: 'skill' | 'licence';
  readonly index: number;
  readonly level: number;
}

interface Plan {
  readonly key: string;
  readonly items: readonly PlanItem[];
  /** Openings whose own plan this is. */
  readonly openings: number[];
}

/** The reference for `skillGaps`: same report, much slower at county scale. */
export function skillGapsReference(
  residents: readonly PreparedResident[],
  openings: readonly PreparedOpening[],
  context: ScoreContext,
  options: SkillGapOptions = {},
): SkillGapReport {
  return reportGaps(
    residents,
    openings,
    context,
    options,
    (model, cutoff) => new ReferencePlanner(model, cutoff),
  );
}

function itemKey(item: PlanItem): string {
  return `${item.kind}:${item.index.toString()}@${item.level.toString()}`;
}

/** The kinds and indices of `items` hashed into 31 bits (levels left out, as `covers` compares them). */
function itemMask(items: readonly PlanItem[]): number {
  let mask = 0;
  for (const item of items) mask |= 1 << ((item.index * 2 + (item.kind === 'skill' ? 1 : 0)) % 31);
  return mask;
}

/** Does `plan` cover `own`: every licence, and every skill at the same or a higher level? */
function covers(plan: readonly PlanItem[], own: readonly PlanItem[]): boolean {
  return own.every((needed) =>
    plan.some(
      (item) => item.kind === needed.kind && item.index === needed.index && item.level >= needed.level,
    ),
  );
}

/** Scores one resident against openings with planned items added to their scratch, then undoes them. */
export class ReferencePlanner implements GapPlanner {
  readonly #model: Model;
  readonly #cutoff: number;
  readonly #scratch: ResidentScratch;
  /** For each concept index, the concepts a skill in it earns credit towards: [target, credit, …]. */
  readonly #reach = new Map<number, number[]>();
  readonly #undoSlots: number[] = [];
  readonly #undoValues: number[] = [];
  readonly #undoLicences: number[] = [];

  constructor(model: Model, cutoff: number) {
    this.#model = model;
    this.#cutoff = cutoff;
    this.#scratch = new ResidentScratch(model);
  }

  plans(residents: readonly number[]): (ResidentPlan | undefined)[] {
    return residents.map((r) => this.#plan(r));
  }

  #plan(r: number): ResidentPlan | undefined {
    const best = this.#bestPlan(r);
    if (best === undefined) return undefined;
    const model = this.#model;
    return {
      items: best.items.map((item) =>
        item.kind === 'licence' ? licenceCode(item.index) : skillCode(model, item.index, item.level),
      ),
      openings: best.openings,
    };
  }

  #bestPlan(r: number): { items: readonly PlanItem[]; openings: number[] } | undefined {
    const plans = this.#plansOf(r);
    // A plan can only cover one whose items all hash into its own mask: most pairs end there.
    const masks = plans.map((plan) => itemMask(plan.items));
    let best: { plan: Plan; unlocked: number } | undefined;
    for (let p = 0; p < plans.length; p++) {
      const plan = plans[p]!;
      const mask = masks[p]!;
      // Each opening has exactly one plan of its own, so the openings unlocked add up without a set.
      let unlocked = 0;
      for (let q = 0; q < plans.length; q++) {
        if ((masks[q]! & ~mask) === 0 && covers(plan.items, plans[q]!.items))
          unlocked += plans[q]!.openings.length;
      }
      if (
        best === undefined ||
        unlocked > best.unlocked ||
        (unlocked === best.unlocked &&
          (plan.items.length < best.plan.items.length ||
            (plan.items.length === best.plan.items.length && plan.key < best.plan.key)))
      ) {
        best = { plan, unlocked };
      }
    }
    if (best === undefined) return undefined;
    const chosen = best.plan;
    const mask = itemMask(chosen.items);
    const openings: number[] = [];
    plans.forEach((own, q) => {
      if ((masks[q]! & ~mask) === 0 && covers(chosen.items, own.items)) openings.push(...own.openings);
    });
    return { items: chosen.items, openings: openings.sort((a, b) => a - b) };
  }

  #plansOf(r: number): Plan[] {
    const model = this.#model;
    const O = model.openings;
    const scratch = this.#scratch;
    scratch.load(r);
    const plans = new Map<string, Plan>();
    for (let o = 0; o < O.n; o++) {
      const rel = relation(model, model.residents.county[r]!, O.county[o]!);
      if (!passesPersonalGates(model, r, o, rel)) continue;
      if (FACTOR_MAX.skills + nonSkillPoints(model, r, o, rel) < this.#cutoff) continue;
      const items: PlanItem[] = [];
      for (let i = O.licStart[o]!; i < O.licStart[o + 1]!; i++) {
        const licence = O.licId[i]!;
        if (scratch.hasLicence[licence] === 0) items.push({ kind: 'licence', index: licence, level: 0 });
      }
      for (let j = O.reqStart[o]!; j < O.reqStart[o + 1]!; j++) {
        const t = O.reqTarget[j]!;
        if (t >= 0 && O.reqRequired[j] === 1 && scratch.credit[t * LEVEL_SLOTS + O.reqMinLevel[j]!] === 0) {
          items.push({ kind: 'skill', index: t, level: Math.max(1, O.reqMinLevel[j]!) });
        }
      }
      this.#apply(items);
      let score = scoreLoaded(model, scratch, r, o);
      if (score < this.#cutoff) {
        const more: PlanItem[] = [];
        for (let j = O.reqStart[o]!; j < O.reqStart[o + 1]!; j++) {
          const t = O.reqTarget[j]!;
          if (t >= 0 && scratch.credit[t * LEVEL_SLOTS + O.reqMinLevel[j]!]! < 1) {
            more.push({ kind: 'skill', index: t, level: Math.max(1, O.reqMinLevel[j]!) });
          }
        }
        this.#apply(more);
        items.push(...more);
        score = scoreLoaded(model, scratch, r, o);
      }
      this.#undo();
      if (items.length === 0 || score < 0 || score < this.#cutoff) continue;
      items.sort((a, b) => (a.kind === b.kind ? a.index - b.index : a.kind === 'licence' ? -1 : 1));
      const key = items.map(itemKey).join('|');
      let plan = plans.get(key);
      if (plan === undefined) {
        plan = { key, items, openings: [] };
        plans.set(key, plan);
      }
      plan.openings.push(o);
    }
    scratch.clear();
    return [...plans.values()];
  }

  /** Adds items to the loaded resident as `withItems` does for a counterfactual: max with what is held. */
  #apply(items: readonly PlanItem[]): void {
    const scratch = this.#scratch;
    for (const item of items) {
      if (item.kind === 'licence') {
        if (scratch.hasLicence[item.index] === 0) {
          scratch.hasLicence[item.index] = 1;
          this.#undoLicences.push(item.index);
        }
        continue;
      }
      const reach = this.#reachOf(item.index);
      for (let i = 0; i < reach.length; i += 2) {
        const base = reach[i]! * LEVEL_SLOTS;
        for (let m = 0; m < LEVEL_SLOTS; m++) {
          const value = reach[i + 1]! * levelFactor(item.level, m);
          if (value > scratch.credit[base + m]!) {
            this.#undoSlots.push(base + m);
            this.#undoValues.push(scratch.credit[base + m]!);
            scratch.credit[base + m] = value;
          }
        }
      }
    }
  }

  #undo(): void {
    const scratch = this.#scratch;
    // Newest first, so a slot changed twice gets its original value back.
    for (let i = this.#undoSlots.length - 1; i >= 0; i--)
      scratch.credit[this.#undoSlots[i]!] = this.#undoValues[i]!;
    for (const licence of this.#undoLicences) scratch.hasLicence[licence] = 0;
    this.#undoSlots.length = 0;
    this.#undoValues.length = 0;
    this.#undoLicences.length = 0;
  }

  #reachOf(t: number): number[] {
    let reach = this.#reach.get(t);
    if (reach === undefined) {
      reach = [];
      const model = this.#model;
      for (const [target, credit] of model.graph.reach(model.concepts[t]!)) {
        const index = model.conceptIndex.get(target);
        if (index !== undefined) reach.push(index, credit);
      }
      this.#reach.set(t, reach);
    }
    return reach;
  }
}
