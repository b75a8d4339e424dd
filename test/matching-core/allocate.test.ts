import {
  allocate,
  isMatchingError,
  type AllocationAgent,
  type AllocationObjective,
  type AllocationPair,
  type AllocationProblem,
  type AllocationResult,
  type AllocationSlot,
} from '@anju/matching-core';
import { benchAllocate, countyAllocationProblem } from '../../packages/matching-core/src/bench/index.ts';
import { expect } from 'chai';
import fc from 'fast-check';

import type { Highs } from 'highs';

// Builders: defaults plus overrides.
const agent = (id: string, overrides: Partial<AllocationAgent> = {}): AllocationAgent => ({
  id,
  householdId: `h-${id}`,
  ...overrides,
});
const slot = (id: string, capacity = 1): AllocationSlot => ({ id, capacity });
const pair = (agentId: string, slotId: string, score: number): AllocationPair => ({ agentId, slotId, score });
const problem = (overrides: Partial<AllocationProblem>): AllocationProblem => ({
  agents: [],
  slots: [],
  pairs: [],
  ...overrides,
});

const placed = (result: AllocationResult): Record<string, string> =>
  Object.fromEntries(result.assignments.map((a) => [a.agentId, a.slotId]));
const reasonOf = (result: AllocationResult, agentId: string) =>
  result.unassigned.find((u) => u.agentId === agentId)?.reason;

function expectMisuse(run: () => unknown, code: string, message: RegExp): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(isMatchingError(thrown), String(thrown)).to.be.true;
  if (isMatchingError(thrown)) {
    expect(thrown.code).to.equal(code);
    expect(thrown.message).to.match(message);
  }
}

describe('allocate', () => {
  describe('total-score', () => {
    it('places an agent at its best eligible slot when there is room', () => {
      const result = allocate(
        problem({
          agents: [agent('r1')],
          slots: [slot('o1'), slot('o2')],
          pairs: [pair('r1', 'o1', 60), pair('r1', 'o2', 80)],
        }),
        { objective: 'total-score' },
      );
      expect(result.assignments).to.deep.equal([{ agentId: 'r1', slotId: 'o2', score: 80 }]);
      expect(result.objective).to.equal(80);
      expect(result.unassigned).to.deep.equal([]);
    });

    it('maximises the sum of scores, not the number of people placed', () => {
      // r1 at o1 and r2 left out (100) beats r1 at o2 and r2 at o1 (61).
      const result = allocate(
        problem({
          agents: [agent('r1'), agent('r2')],
          slots: [slot('o1'), slot('o2')],
          pairs: [pair('r1', 'o1', 100), pair('r1', 'o2', 1), pair('r2', 'o1', 60)],
        }),
        { objective: 'total-score' },
      );
      expect(placed(result)).to.deep.equal({ r1: 'o1' });
      expect(result.objective).to.equal(100);
    });

    it('moves someone to their second choice when that lets more score in', () => {
      const result = allocate(
        problem({
          agents: [agent('r1'), agent('r2')],
          slots: [slot('o1'), slot('o2')],
          pairs: [pair('r1', 'o1', 90), pair('r1', 'o2', 85), pair('r2', 'o1', 80)],
        }),
        { objective: 'total-score' },
      );
      expect(placed(result)).to.deep.equal({ r1: 'o2', r2: 'o1' });
      expect(result.objective).to.equal(165);
    });

    it('fills a slot up to its capacity and no further', () => {
      const result = allocate(
        problem({
          agents: [agent('r1'), agent('r2'), agent('r3')],
          slots: [slot('o1', 2)],
          pairs: [pair('r1', 'o1', 50), pair('r2', 'o1', 70), pair('r3', 'o1', 60)],
        }),
        { objective: 'total-score' },
      );
      expect(placed(result)).to.deep.equal({ r2: 'o1', r3: 'o1' });
    });

    it('when the opening is full, leaves the agent unassigned with CAPACITY_FULL naming the full slot', () => {
      const result = allocate(
        problem({
          agents: [agent('r1'), agent('r2')],
          slots: [slot('o1')],
          pairs: [pair('r1', 'o1', 90), pair('r2', 'o1', 40)],
        }),
        { objective: 'total-score' },
      );
      expect(reasonOf(result, 'r2')).to.deep.equal({
        code: 'CAPACITY_FULL',
        detail: 'the only eligible slot is full: o1 (1/1)',
        detailZh: '唯一符合条件的岗位已满员：o1 (1/1)',
        slotIds: ['o1'],
      });
    });

    it('when every eligible opening is full, lists them all in CAPACITY_FULL', () => {
      const result = allocate(
        problem({
          agents: [agent('r1'), agent('r2'), agent('r3')],
          slots: [slot('o1'), slot('o2')],
          pairs: [pair('r1', 'o1', 90), pair('r2', 'o2', 90), pair('r3', 'o1', 10), pair('r3', 'o2', 10)],
        }),
        { objective: 'total-score' },
      );
      expect(reasonOf(result, 'r3')).to.deep.equal({
        code: 'CAPACITY_FULL',
        detail: 'all 2 eligible slots are full: o1 (1/1), o2 (1/1)',
        detailZh: '符合条件的 2 个岗位均已满员：o1 (1/1)、o2 (1/1)',
        slotIds: ['o1', 'o2'],
      });
    });

    it('leaves an agent with no pair unassigned with NO_ELIGIBLE_SLOT and the caller’s reason', () => {
      const result = allocate(
        problem({
          agents: [agent('r1'), agent('r2')],
          slots: [slot('o1')],
          pairs: [pair('r1', 'o1', 50)],
          ineligible: new Map([['r2', 'needs a 叉车 licence for every opening']]),
        }),
        { objective: 'total-score' },
      );
      expect(reasonOf(result, 'r2')).to.deep.equal({
        code: 'NO_ELIGIBLE_SLOT',
        detail: 'needs a 叉车 licence for every opening',
        detailZh: '没有符合条件的岗位（needs a 叉车 licence for every opening）',
        slotIds: [],
      });
    });

    it('gives NO_ELIGIBLE_SLOT a default detail and ignores reasons for agents that do have pairs', () => {
      const result = allocate(
        problem({
          agents: [agent('r1'), agent('r2')],
          slots: [slot('o1', 0)],
          pairs: [pair('r1', 'o1', 50)],
          ineligible: { r1: 'not this one' },
        }),
        { objective: 'total-score' },
      );
      expect(reasonOf(result, 'r2')).to.deep.equal({
        code: 'NO_ELIGIBLE_SLOT',
        detail: 'no eligible slot was given for this agent',
        detailZh: '没有符合条件的岗位',
        slotIds: [],
      });
      expect(reasonOf(result, 'r1')?.code).to.equal('CAPACITY_FULL');
    });

    it('places an agent at a zero-score pair when the slot has room', () => {
      const result = allocate(
        problem({ agents: [agent('r1')], slots: [slot('o1')], pairs: [pair('r1', 'o1', 0)] }),
        { objective: 'total-score' },
      );
      expect(placed(result)).to.deep.equal({ r1: 'o1' });
      expect(result.objective).to.equal(0);
    });

    it('optimises scores rounded to hundredths and reports their exact sum', () => {
      const result = allocate(
        problem({
          agents: [agent('r1'), agent('r2'), agent('r3')],
          slots: [slot('o1', 3)],
          pairs: [pair('r1', 'o1', 33.333), pair('r2', 'o1', 33.336), pair('r3', 'o1', 0.1)],
        }),
        { objective: 'total-score' },
      );
      expect(result.objective).to.equal(66.77); // 33.33 + 33.34 + 0.10
      expect(result.assignments.map((a) => a.score)).to.deep.equal([33.333, 33.336, 0.1]);
    });

    it('ignores priority', () => {
      const base = problem({
        agents: [agent('r1'), agent('r2', { priority: true })],
        slots: [slot('o1')],
        pairs: [pair('r1', 'o1', 90), pair('r2', 'o1', 50)],
      });
      expect(placed(allocate(base, { objective: 'total-score' }))).to.deep.equal({ r1: 'o1' });
    });

    it('allocates training seats and interview slots the same way', () => {
      // A cohort with 2 seats and a booth with 1 interview slot: ids are all the engine knows.
      const result = allocate(
        problem({
          agents: [agent('r1'), agent('r2'), agent('r3')],
          slots: [slot('cohort-电工-2025', 2), slot('fair-6/booth-12/09:30', 1)],
          pairs: [
            pair('r1', 'cohort-电工-2025', 70),
            pair('r2', 'cohort-电工-2025', 75),
            pair('r3', 'cohort-电工-2025', 72),
            pair('r3', 'fair-6/booth-12/09:30', 60),
          ],
        }),
        { objective: 'total-score' },
      );
      expect(placed(result)).to.deep.equal({
        r1: 'cohort-电工-2025',
        r2: 'cohort-电工-2025',
        r3: 'fair-6/booth-12/09:30',
      });
    });
  });

  describe('households-first', () => {
    const twoMembersAndANeighbour = problem({
      agents: [
        agent('r1', { householdId: 'h1' }),
        agent('r2', { householdId: 'h1' }),
        agent('r3', { householdId: 'h2' }),
      ],
      slots: [slot('o1', 2)],
      pairs: [pair('r1', 'o1', 90), pair('r2', 'o1', 80), pair('r3', 'o1', 50)],
    });

    it('covers another household before placing a second member of the first', () => {
      const result = allocate(twoMembersAndANeighbour, { objective: 'households-first' });
      expect(placed(result)).to.deep.equal({ r1: 'o1', r3: 'o1' });
      expect(result.householdsCovered).to.equal(2);
      expect(result.objective).to.equal(140);
      // The same problem by total score places both members of h1.
      expect(placed(allocate(twoMembersAndANeighbour, { objective: 'total-score' }))).to.deep.equal({
        r1: 'o1',
        r2: 'o1',
      });
    });

    it('when the agent lost to the only member placed from another household, says HOUSEHOLD_ALREADY_COVERED', () => {
      const result = allocate(twoMembersAndANeighbour, { objective: 'households-first' });
      expect(reasonOf(result, 'r2')).to.deep.equal({
        code: 'HOUSEHOLD_ALREADY_COVERED',
        detail: 'household h1 already has r1 placed; o1 went to r3, the only member placed from household h2',
        detailZh:
          '本户（h1）已有 r1 安排就业；岗位 o1 给了 r3，其户（h2）仅此一人安排（每户至少一人就业优先）',
        slotIds: ['o1'],
      });
    });

    it('when the agent’s own household has no one placed, says CAPACITY_FULL', () => {
      const result = allocate(
        problem({
          agents: [agent('r1'), agent('r2')],
          slots: [slot('o1')],
          pairs: [pair('r1', 'o1', 90), pair('r2', 'o1', 40)],
        }),
        { objective: 'households-first' },
      );
      expect(placed(result)).to.deep.equal({ r1: 'o1' });
      expect(reasonOf(result, 'r2')?.code).to.equal('CAPACITY_FULL');
    });

    it('when the household is covered but the seats went to covered households too, says CAPACITY_FULL', () => {
      // h1 has r1 at o2; o1 holds r3 and r4, both from h2, so neither is its household's only member.
      const result = allocate(
        problem({
          agents: [
            agent('r1', { householdId: 'h1' }),
            agent('r2', { householdId: 'h1' }),
            agent('r3', { householdId: 'h2' }),
            agent('r4', { householdId: 'h2' }),
          ],
          slots: [slot('o1', 2), slot('o2')],
          pairs: [pair('r1', 'o2', 70), pair('r2', 'o1', 10), pair('r3', 'o1', 80), pair('r4', 'o1', 80)],
        }),
        { objective: 'households-first' },
      );
      expect(placed(result)).to.deep.equal({ r1: 'o2', r3: 'o1', r4: 'o1' });
      expect(reasonOf(result, 'r2')?.code).to.equal('CAPACITY_FULL');
    });

    it('covers a priority household before another when the households covered tie', () => {
      const result = allocate(
        problem({
          agents: [agent('r1'), agent('r2', { priority: true })],
          slots: [slot('o1')],
          pairs: [pair('r1', 'o1', 90), pair('r2', 'o1', 50)],
        }),
        { objective: 'households-first' },
      );
      expect(placed(result)).to.deep.equal({ r2: 'o1' });
      expect(result.priorityHouseholdsCovered).to.equal(1);
    });

    it('never lets priority cost a household its coverage', () => {
      // Placing priority r2 at o1 would leave r1's household uncovered: two households beat one.
      const result = allocate(
        problem({
          agents: [agent('r1'), agent('r2', { priority: true })],
          slots: [slot('o1'), slot('o2')],
          pairs: [pair('r1', 'o1', 90), pair('r2', 'o1', 95), pair('r2', 'o2', 20)],
        }),
        { objective: 'households-first' },
      );
      expect(placed(result)).to.deep.equal({ r1: 'o1', r2: 'o2' });
      expect(result.householdsCovered).to.equal(2);
    });

    it('treats a household as priority when any member has priority', () => {
      const result = allocate(
        problem({
          agents: [
            agent('r1', { householdId: 'h1' }),
            agent('r2', { householdId: 'h2' }),
            agent('r3', { householdId: 'h2', priority: true }),
          ],
          slots: [slot('o1')],
          pairs: [pair('r1', 'o1', 90), pair('r2', 'o1', 30)],
        }),
        { objective: 'households-first' },
      );
      expect(placed(result)).to.deep.equal({ r2: 'o1' });
      expect(reasonOf(result, 'r3')?.code).to.equal('NO_ELIGIBLE_SLOT');
    });

    it('then maximises the total score among the allocations that cover the most households', () => {
      const result = allocate(
        problem({
          agents: [agent('r1', { householdId: 'h1' }), agent('r2', { householdId: 'h1' }), agent('r3')],
          slots: [slot('o1'), slot('o2')],
          pairs: [pair('r1', 'o1', 60), pair('r2', 'o1', 95), pair('r3', 'o1', 70), pair('r3', 'o2', 40)],
        }),
        { objective: 'households-first' },
      );
      expect(placed(result)).to.deep.equal({ r2: 'o1', r3: 'o2' });
      expect(result.objective).to.equal(135);
    });
  });

  describe('misuse', () => {
    const ok = problem({ agents: [agent('r1')], slots: [slot('o1')], pairs: [pair('r1', 'o1', 50)] });

    it('rejects an unknown objective', () => {
      expectMisuse(
        () => allocate(ok, { objective: 'cheapest' as AllocationObjective }),
        'INVALID_OBJECTIVE',
        /cheapest/,
      );
    });

    it('rejects duplicate agent and slot ids', () => {
      expectMisuse(
        () => allocate({ ...ok, agents: [agent('r1'), agent('r1')] }, { objective: 'total-score' }),
        'INVALID_ALLOCATION_PROBLEM',
        /duplicate agent id "r1"/,
      );
      expectMisuse(
        () => allocate({ ...ok, slots: [slot('o1'), slot('o1')] }, { objective: 'total-score' }),
        'INVALID_ALLOCATION_PROBLEM',
        /duplicate slot id "o1"/,
      );
    });

    it('rejects pairs with unknown ids, a score outside 0..100, or given twice', () => {
      const cases: [AllocationPair[], RegExp][] = [
        [[pair('r9', 'o1', 50)], /pairs\[0\]: unknown agent "r9"/],
        [[pair('r1', 'o9', 50)], /pairs\[0\]: unknown slot "o9"/],
        [[pair('r1', 'o1', 100.5)], /score must be a number in 0\.\.100, got 100\.5/],
        [[pair('r1', 'o1', Number.NaN)], /got NaN/],
        [[pair('r1', 'o1', 50), pair('r1', 'o1', 60)], /duplicate pair \(r1, o1\)/],
      ];
      for (const [pairs, message] of cases) {
        expectMisuse(
          () => allocate({ ...ok, pairs }, { objective: 'households-first' }),
          'INVALID_ALLOCATION_PROBLEM',
          message,
        );
      }
    });

    it('rejects a capacity that is not a non-negative integer', () => {
      for (const capacity of [-1, 1.5, Number.POSITIVE_INFINITY]) {
        expectMisuse(
          () => allocate({ ...ok, slots: [slot('o1', capacity)] }, { objective: 'total-score' }),
          'INVALID_ALLOCATION_PROBLEM',
          /slots\[0\] \(o1\): capacity must be a non-negative integer/,
        );
      }
    });

    it('rejects an ineligibility reason for an unknown agent', () => {
      expectMisuse(
        () => allocate({ ...ok, ineligible: { r9: 'x' } }, { objective: 'total-score' }),
        'INVALID_ALLOCATION_PROBLEM',
        /ineligible: unknown agent "r9"/,
      );
    });
  });

  describe('properties', () => {
    let highs: Highs;
    before(async () => {
      // The ESM entry's default export is the loader (the typings describe the CommonJS shape).
      const { default: loadHighs } = await import('highs');
      highs = await loadHighs();
    });

    for (const objective of ['total-score', 'households-first'] as const) {
      describe(objective, () => {
        it('never exceeds a capacity, assigns only given pairs, places each agent at most once and explains everyone else', () => {
          fc.assert(
            fc.property(smallProblem(), (input) => {
              checkInvariants(input, allocate(input, { objective }), objective);
            }),
            { numRuns: 300 },
          );
        });

        it('gives the same allocation whatever the order of agents, slots and pairs', () => {
          fc.assert(
            fc.property(smallProblem(), fc.integer(), (input, seed) => {
              const shuffled = {
                ...input,
                agents: shuffle(input.agents, seed),
                slots: shuffle(input.slots, seed + 1),
                pairs: shuffle(input.pairs, seed + 2),
              };
              expect(allocate(shuffled, { objective })).to.deep.equal(allocate(input, { objective }));
            }),
            { numRuns: 150 },
          );
        });

        it('does not mutate its inputs', () => {
          fc.assert(
            fc.property(smallProblem(), (input) => {
              const before = structuredClone(input);
              allocate(deepFreeze(input), { objective });
              expect(input).to.deep.equal(before);
            }),
            { numRuns: 100 },
          );
        });

        it('reaches the same optimum as the HiGHS LP on small random instances', () => {
          fc.assert(
            fc.property(smallProblem(), (input) => {
              expect(levels(allocate(input, { objective }), objective)).to.deep.equal(
                highsLevels(highs, input, objective),
              );
            }),
            { numRuns: 150 },
          );
        });

        it('reaches the same optimum as the HiGHS LP on a few larger instances', () => {
          fc.assert(
            fc.property(largerProblem(), (input) => {
              const result = allocate(input, { objective });
              checkInvariants(input, result, objective);
              expect(levels(result, objective)).to.deep.equal(highsLevels(highs, input, objective));
            }),
            { numRuns: 8 },
          );
        });
      });
    }
  });
});

describe('benchAllocate', () => {
  it('times both objectives on a given problem against HiGHS at the same optimum', async () => {
    const figures = await benchAllocate(countyAllocationProblem({ seed: 7, agents: 400, slots: 40 }));
    expect(figures.map((f) => f.name)).to.deep.equal([
      'allocate total-score, given problem',
      'allocate households-first, given problem',
    ]);
    for (const figure of figures) {
      expect(figure.items).to.be.greaterThan(3000);
      expect(figure.ratio).to.be.greaterThan(0);
      expect(figure.baseline).to.match(/HiGHS/);
      expect(figure.sameOptimum).to.equal(true);
    }
  });

  it('when HiGHS runs out of its time limit, reports a lower bound and compares no optimum', async () => {
    const problem = countyAllocationProblem({ seed: 7, agents: 200, slots: 20 });
    const figures = await benchAllocate(problem, { highsTimeLimitSeconds: 0 });
    expect(figures).to.have.length(2);
    for (const figure of figures) {
      expect(figure.sameOptimum).to.equal(false);
      expect(figure.baseline).to.match(/lower bound/);
    }
  });

  it('builds the same county from the same seed', () => {
    const options = { seed: 3, agents: 200, slots: 20 };
    expect(countyAllocationProblem(options)).to.deep.equal(countyAllocationProblem(options));
    expect(countyAllocationProblem(options)).not.to.deep.equal(
      countyAllocationProblem({ ...options, seed: 4 }),
    );
  });
});

/** Instances small enough to hit every corner: empty households, zero capacities, zero scores, ties. */
function smallProblem(): fc.Arbitrary<AllocationProblem> {
  return randomProblem({ agents: [0, 10], households: 5, slots: [0, 5], capacity: 3, pairs: [0, 30] });
}

function largerProblem(): fc.Arbitrary<AllocationProblem> {
  return randomProblem({
    agents: [150, 250],
    households: 80,
    slots: [15, 30],
    capacity: 12,
    pairs: [800, 1500],
  });
}

/** Sizes as [min, max] lengths. */
function randomProblem(size: {
  agents: [number, number];
  households: number;
  slots: [number, number];
  capacity: number;
  pairs: [number, number];
}): fc.Arbitrary<AllocationProblem> {
  const score = fc.oneof(
    fc.integer({ min: 0, max: 10_000 }).map((hundredths) => hundredths / 100),
    fc.constantFrom(0, 50, 100),
    fc.double({ min: 0, max: 100, noNaN: true }),
  );
  return fc
    .record({
      agents: fc.array(fc.record({ household: fc.nat(size.households - 1), priority: fc.boolean() }), {
        minLength: size.agents[0],
        maxLength: size.agents[1],
      }),
      capacities: fc.array(fc.nat(size.capacity), { minLength: size.slots[0], maxLength: size.slots[1] }),
      pairs: fc.array(fc.record({ agent: fc.nat(), slot: fc.nat(), score }), {
        minLength: size.pairs[0],
        maxLength: size.pairs[1],
      }),
    })
    .map(({ agents, capacities, pairs }) => {
      const seen = new Set<string>();
      const eligible: AllocationPair[] = [];
      if (agents.length > 0 && capacities.length > 0) {
        for (const p of pairs) {
          const agentId = `r${p.agent % agents.length}`;
          const slotId = `o${p.slot % capacities.length}`;
          if (seen.has(`${agentId} ${slotId}`)) continue;
          seen.add(`${agentId} ${slotId}`);
          eligible.push({ agentId, slotId, score: p.score });
        }
      }
      return {
        agents: agents.map((a, i) => ({ id: `r${i}`, householdId: `h${a.household}`, priority: a.priority })),
        slots: capacities.map((capacity, j) => ({ id: `o${j}`, capacity })),
        pairs: eligible,
      };
    });
}

function checkInvariants(
  input: AllocationProblem,
  result: AllocationResult,
  objective: AllocationObjective,
): void {
  const given = new Map(input.pairs.map((p) => [`${p.agentId} ${p.slotId}`, p.score]));
  const capacity = new Map(input.slots.map((s) => [s.id, s.capacity]));
  const load = new Map<string, number>();
  const householdOf = new Map(input.agents.map((a) => [a.id, a.householdId]));
  const seen = new Set<string>();
  let hundredths = 0;
  for (const a of result.assignments) {
    expect(given.get(`${a.agentId} ${a.slotId}`), `${a.agentId} → ${a.slotId} was not given`).to.equal(
      a.score,
    );
    expect(seen.has(a.agentId), `${a.agentId} placed twice`).to.be.false;
    seen.add(a.agentId);
    load.set(a.slotId, (load.get(a.slotId) ?? 0) + 1);
    hundredths += Math.round(a.score * 100);
  }
  for (const [slotId, n] of load) expect(n).to.be.at.most(capacity.get(slotId)!);
  expect(Math.round(result.objective * 100)).to.equal(hundredths);
  const covered = new Set(result.assignments.map((a) => householdOf.get(a.agentId)));
  expect(result.householdsCovered).to.equal(covered.size);

  // Everyone not placed is explained, once, with a reason that holds.
  const ids = input.agents.map((a) => a.id).sort();
  expect(
    [...result.assignments.map((a) => a.agentId), ...result.unassigned.map((u) => u.agentId)].sort(),
  ).to.deep.equal(ids);
  expect(result.assignments.map((a) => a.agentId)).to.deep.equal(
    result.assignments.map((a) => a.agentId).sort(),
  );
  for (const { agentId, reason } of result.unassigned) {
    const eligible = input.pairs.filter((p) => p.agentId === agentId).map((p) => p.slotId);
    if (eligible.length === 0) {
      expect(reason.code).to.equal('NO_ELIGIBLE_SLOT');
      continue;
    }
    expect(reason.slotIds).to.deep.equal([...eligible].sort());
    for (const slotId of eligible)
      expect(load.get(slotId) ?? 0, `${slotId} has room`).to.equal(capacity.get(slotId));
    // Did one of its slots go to the only member placed from another household?
    const placedPerHousehold = new Map<string, number>();
    for (const a of result.assignments) {
      const h = householdOf.get(a.agentId)!;
      placedPerHousehold.set(h, (placedPerHousehold.get(h) ?? 0) + 1);
    }
    const lostToUncovered = result.assignments.some(
      (a) =>
        eligible.includes(a.slotId) &&
        householdOf.get(a.agentId) !== householdOf.get(agentId) &&
        placedPerHousehold.get(householdOf.get(a.agentId)!) === 1,
    );
    const householdCovered = covered.has(householdOf.get(agentId));
    expect(reason.code).to.equal(
      objective === 'households-first' && householdCovered && lostToUncovered
        ? 'HOUSEHOLD_ALREADY_COVERED'
        : 'CAPACITY_FULL',
    );
  }
}

function levels(result: AllocationResult, objective: AllocationObjective): number[] {
  const score = Math.round(result.objective * 100);
  return objective === 'total-score'
    ? [score]
    : [result.householdsCovered, result.priorityHouseholdsCovered, score];
}

/**
 * The optimum by HiGHS, from the definitions and nothing of the engine: an LP in CPLEX LP format with
 * x ∈ [0,1] per pair, Σx ≤ 1 per agent, Σx ≤ capacity per slot; households-first adds y_h ∈ [0,1] with
 * y_h ≤ Σx over the household's members and solves level by level, fixing each optimum. These LPs are
 * network flows (with the level rows as extra nodes), so their optima are integral.
 */
function highsLevels(highs: Highs, input: AllocationProblem, objective: AllocationObjective): number[] {
  const x = (i: number): string => `x${i}`;
  const rows: string[] = [];
  const agentTerms = new Map<string, string[]>();
  const slotTerms = new Map<string, string[]>();
  const householdTerms = new Map<string, string[]>();
  const householdOf = new Map(input.agents.map((a) => [a.id, a.householdId]));
  input.pairs.forEach((p, i) => {
    agentTerms.set(p.agentId, [...(agentTerms.get(p.agentId) ?? []), x(i)]);
    slotTerms.set(p.slotId, [...(slotTerms.get(p.slotId) ?? []), x(i)]);
    const h = householdOf.get(p.agentId)!;
    householdTerms.set(h, [...(householdTerms.get(h) ?? []), x(i)]);
  });
  for (const terms of agentTerms.values()) rows.push(`${terms.join(' + ')} <= 1`);
  for (const s of input.slots)
    if (slotTerms.has(s.id)) rows.push(`${slotTerms.get(s.id)!.join(' + ')} <= ${s.capacity}`);
  const households = [...householdTerms.keys()];
  const y = (h: string): string => `y${households.indexOf(h)}`;
  const priority = new Set(input.agents.filter((a) => a.priority === true).map((a) => a.householdId));
  if (objective === 'households-first') {
    for (const h of households) rows.push(`${y(h)} - ${householdTerms.get(h)!.join(' - ')} <= 0`);
  }
  const columns = [
    ...input.pairs.map((_, i) => x(i)),
    ...(objective === 'households-first' ? households.map(y) : []),
  ];
  const solve = (weights: string, extraRows: string[]): number => {
    if (columns.length === 0) return 0;
    const lp = [
      'Maximize',
      ` obj: ${weights || `0 ${columns[0]}`}`,
      'Subject To',
      ...[...rows, ...extraRows].map((r, i) => ` c${i}: ${r}`),
      'Bounds',
      ...columns.map((c) => ` 0 <= ${c} <= 1`),
      'End',
    ].join('\n');
    const solution = highs.solve(lp, {});
    expect(solution.Status).to.equal('Optimal');
    return Math.round(solution.ObjectiveValue);
  };
  const scoreTerms = input.pairs.map((p, i) => `${Math.round(p.score * 100)} ${x(i)}`).join(' + ');
  if (objective === 'total-score') return [solve(scoreTerms, [])];
  if (households.length === 0) return [0, 0, solve(scoreTerms, [])];
  const all = households.map(y).join(' + ');
  const priorityOnes = households.filter((h) => priority.has(h)).map(y);
  const others = households.filter((h) => !priority.has(h)).map(y);
  const covered = solve(all, []);
  const coveredPriority =
    priorityOnes.length === 0 ? 0 : solve(priorityOnes.join(' + '), [`${all} = ${covered}`]);
  const fixed = [`${all} = ${covered}`];
  if (priorityOnes.length > 0) fixed.push(`${priorityOnes.join(' + ')} = ${coveredPriority}`);
  if (others.length > 0) fixed.push(`${others.join(' + ')} = ${covered - coveredPriority}`);
  return [covered, coveredPriority, solve(scoreTerms, fixed)];
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  let state = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
