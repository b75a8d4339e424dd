/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays are read within bounds by construction */
import { checkOptions } from '../rank/rank.ts';
import { indexedByResident } from '../rank/indexed.ts';
import {
  LEVEL_SLOTS,
  ResidentScratch,
  compileModel,
  nonSkillPoints,
  passesPersonalGates,
  relation,
  scoreLoaded,
  type Model,
} from '../rank/model.ts';
import { FACTOR_MAX, levelFactor } from '../score/points.ts';
import type { PreparedOpening, PreparedResident, ScoreContext } from '../score/types.ts';
import type {
  GapItem,
  LicenceDemand,
  ResidentGap,
  SkillGapOptions,
  SkillGapReport,
  TrainingDemand,
} from './types.ts';

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

/**
 * For residents left without an eligible opening at or above the cutoff: which skills (at a level) and
 * licences would unlock the most openings, and the training demand that adds up to.
 *
 * An opening's plan for a resident is what it asks that they lack: first the missing licences and
 * required skills (enough when the pair then scores at least the cutoff), else also every skill not fully
 * met. Openings blocked by age, mobility, night shifts or returning home have no plan. A set of items
 * unlocks every opening whose plan it contains (a higher level covers a lower one). Each resident gets the
 * set unlocking the most openings, then the smaller set, then the first by id; training demand counts
 * those sets per trade and level, and per licence.
 */
export function skillGaps(
  residents: readonly PreparedResident[],
  openings: readonly PreparedOpening[],
  context: ScoreContext,
  options: SkillGapOptions = {},
): SkillGapReport {
  const { cutoff } = checkOptions({
    k: 1,
    ...(options.cutoff === undefined ? {} : { cutoff: options.cutoff }),
  });
  const model = compileModel(residents, openings, context);
  const matched = indexedByResident(model, 1, cutoff).ranked;
  const planner = new Planner(model, cutoff);
  const gaps: ResidentGap[] = [];
  const training = new Map<string, { item: PlanItem; residents: number; openings: Set<number> }>();
  for (let r = 0; r < model.residents.n; r++) {
    if ((matched.counts[r] ?? 0) > 0) continue;
    const best = planner.bestPlan(r);
    const residentId = model.residents.records[r]!.id;
    if (best === undefined) {
      gaps.push({ residentId, items: [], openingsUnlocked: 0, openingIds: [] });
      continue;
    }
    gaps.push({
      residentId,
      items: best.items.map((item) => gapItem(model, item)),
      openingsUnlocked: best.openings.length,
      openingIds: best.openings.map((o) => model.openings.records[o]!.id),
    });
    for (const item of best.items) {
      const key = itemKey(item);
      let entry = training.get(key);
      if (entry === undefined) {
        entry = { item, residents: 0, openings: new Set() };
        training.set(key, entry);
      }
      entry.residents++;
      for (const o of best.openings) entry.openings.add(o);
    }
  }
  const demand = [...training.values()].sort(
    (a, b) =>
      b.residents - a.residents ||
      b.openings.size - a.openings.size ||
      compareText(itemId(model, a.item), itemId(model, b.item)) ||
      a.item.level - b.item.level,
  );
  const headcount = (set: ReadonlySet<number>): number =>
    [...set].reduce((sum, o) => sum + model.openings.records[o]!.headcount, 0);
  return {
    unmatched: gaps.length,
    residents: gaps,
    training: demand
      .filter((entry) => entry.item.kind === 'skill')
      .map((entry): TrainingDemand => ({
        occupation: model.concepts[entry.item.index]!,
        name: model.graph.name(model.concepts[entry.item.index]!),
        level: entry.item.level,
        residents: entry.residents,
        openingsUnlocked: entry.openings.size,
        headcount: headcount(entry.openings),
      })),
    licences: demand
      .filter((entry) => entry.item.kind === 'licence')
      .map((entry): LicenceDemand => ({
        licence: model.licences[entry.item.index]!,
        name: model.graph.licenceName(model.licences[entry.item.index]!),
        residents: entry.residents,
        openingsUnlocked: entry.openings.size,
        headcount: headcount(entry.openings),
      })),
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function itemId(model: Model, item: PlanItem): string {
  return item.kind === 'skill' ? model.concepts[item.index]! : model.licences[item.index]!;
}

function itemKey(item: PlanItem): string {
  return `${item.kind}:${item.index.toString()}@${item.level.toString()}`;
}

function gapItem(model: Model, item: PlanItem): GapItem {
  const id = itemId(model, item);
  return item.kind === 'skill'
    ? { kind: 'skill', id, name: model.graph.name(id), level: item.level }
    : { kind: 'licence', id, name: model.graph.licenceName(id) };
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
class Planner {
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

  bestPlan(r: number): { items: readonly PlanItem[]; openings: number[] } | undefined {
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
