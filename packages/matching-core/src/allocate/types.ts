/**
 * Someone to place: a resident (for openings, training seats or interview slots). `householdId` groups
 * the members of one 户; `priority` marks a registered-poor (建档立卡) or monitored (监测对象) household.
 */
export interface AllocationAgent {
  readonly id: string;
  readonly householdId: string;
  /** Acts only as an allocation priority in `households-first` (see `allocate`); never a score. */
  readonly priority?: boolean;
}

/** Something with room for `capacity` agents: an opening's headcount, a cohort's seats, a booth's slots. */
export interface AllocationSlot {
  readonly id: string;
  /** A non-negative integer. */
  readonly capacity: number;
}

/** An eligible (agent, slot) pair and its score, 0–100. Pairs not listed are not eligible. */
export interface AllocationPair {
  readonly agentId: string;
  readonly slotId: string;
  readonly score: number;
}

/** What `allocate` solves: who may go where (`pairs`, with scores), and how much room each slot has. */
export interface AllocationProblem {
  readonly agents: readonly AllocationAgent[];
  readonly slots: readonly AllocationSlot[];
  readonly pairs: readonly AllocationPair[];
  /**
   * Why an agent has no eligible pair (e.g. the scorer's blocking reasons), shown as the detail of
   * `NO_ELIGIBLE_SLOT`. Entries for agents that do have pairs are ignored.
   */
  readonly ineligible?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
}

/**
 * What `allocate` maximises: `total-score` the sum of the assigned pairs' scores; `households-first` first the
 * households with at least one member placed (priority households before the rest), then the total score.
 */
export type AllocationObjective = 'total-score' | 'households-first';

/** How `allocate` solves a problem. */
export interface AllocationOptions {
  readonly objective: AllocationObjective;
}

/** One agent placed in one slot. */
export interface Assignment {
  readonly agentId: string;
  readonly slotId: string;
  /** The pair's score as given. */
  readonly score: number;
}

/**
 * Why an agent was left out: `NO_ELIGIBLE_SLOT` no pair at all, `CAPACITY_FULL` every eligible slot went to
 * others, `HOUSEHOLD_ALREADY_COVERED` (households-first) the place went to a household with no one placed yet.
 */
export type UnassignedCode = 'NO_ELIGIBLE_SLOT' | 'CAPACITY_FULL' | 'HOUSEHOLD_ALREADY_COVERED';

/** The reason an agent was not placed, in English and Chinese, with the slots involved. */
export interface UnassignedReason {
  readonly code: UnassignedCode;
  /** One sentence for staff, naming the slots and people involved by id. */
  readonly detail: string;
  /** The same sentence in Chinese, for the bureau's staff. */
  readonly detailZh: string;
  /** The agent's eligible slots (all of them full), in id order; empty for `NO_ELIGIBLE_SLOT`. */
  readonly slotIds: readonly string[];
}

/** An agent left out of the allocation, and why. */
export interface Unassigned {
  readonly agentId: string;
  readonly reason: UnassignedReason;
}

/** An optimal allocation (exact, deterministic), with every unassigned agent explained. */
export interface AllocationResult {
  /** Sum of the assigned scores, each rounded to hundredths first (exact: computed in integers). */
  readonly objective: number;
  /** Households with at least one member placed. */
  readonly householdsCovered: number;
  /** Priority households with at least one member placed. */
  readonly priorityHouseholdsCovered: number;
  /** Sorted by agent id. */
  readonly assignments: readonly Assignment[];
  /** Every agent not placed, with a reason that holds for this allocation; sorted by agent id. */
  readonly unassigned: readonly Unassigned[];
}
