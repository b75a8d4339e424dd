import { expect } from 'chai';
import fc from 'fast-check';
import type { MatchOpening, MatchResident } from '@anju/shared';
import {
  isMatchingError,
  prepareOpenings,
  prepareResidents,
  rankOpenings,
  rankResidents,
  scoreMatch,
  type PreparedOpening,
  type PreparedResident,
  type RankOptions,
} from '@anju/matching-core';
import { rankOpeningsNaive, rankResidentsNaive } from '@anju/matching-core/testing';
import { LICENCE_TEXTS, SKILL_TEXTS, aCounty } from './support/arbitraries.ts';
import { HOME, aResident, anOpening, context, normalizer } from './support/builders.ts';

function prepare(
  residents: MatchResident[],
  openings: MatchOpening[],
): [PreparedResident[], PreparedOpening[]] {
  return [prepareResidents(residents, normalizer), prepareOpenings(openings, normalizer)];
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The plainest possible reference: explain every pair, keep the eligible ones, sort, cut. */
function bruteForce(residents: PreparedResident[], openings: PreparedOpening[], options: RankOptions) {
  const cutoff = options.cutoff ?? 0;
  return residents.map((resident) => ({
    residentId: resident.id,
    matches: [...openings]
      .sort(byId)
      .map((opening) => ({ opening, result: scoreMatch(resident, opening, context) }))
      .filter(({ result }) => result.eligible && result.score >= cutoff)
      .sort((a, b) => b.result.score - a.result.score)
      .slice(0, options.k)
      .map(({ opening, result }) => ({ openingId: opening.id, score: result.score })),
  }));
}

/** Random counties where most openings require one or two licences and few residents hold any. */
const aLicensedCounty = (maxResidents: number, maxOpenings: number) =>
  fc
    .tuple(
      aCounty(maxResidents, maxOpenings),
      fc.array(fc.subarray([...LICENCE_TEXTS], { minLength: 0, maxLength: 2 }), { minLength: 1 }),
    )
    .map(([{ residents, openings }, needs]) => ({
      residents: residents.map((resident, i) => (i % 3 === 0 ? resident : { ...resident, licences: [] })),
      openings: openings.map((opening, i) => ({ ...opening, licences: needs[i % needs.length] ?? [] })),
    }));

// k = 1000 keeps every eligible pair, so the scores of all of them are compared, not only the best.
const options = fc.record({ k: fc.constantFrom(1, 2, 3, 4, 1000), cutoff: fc.constantFrom(0, 40, 60, 75) });

/**
 * A resident's twin under other ids (who scores alike), and residents who differ from them in one thing the
 * score reads: a year older or younger (perhaps across an age limit), expectation, night shifts, hours,
 * range, returning home daily, licences, skill level, trade.
 */
function lookalikes(resident: MatchResident): MatchResident[] {
  const as = (tag: string, changes: Partial<MatchResident>): MatchResident => ({
    ...resident,
    id: `${tag}-${resident.id}`,
    ...changes,
  });
  const constraints = resident.constraints ?? {};
  return [
    as('twin', { householdId: `twin-${resident.householdId}` }),
    ...(resident.birthYear === undefined
      ? []
      : [
          as('older', { birthYear: resident.birthYear - 1 }),
          as('younger', { birthYear: resident.birthYear + 1 }),
        ]),
    as('wage', { expectedMonthlyWage: (resident.expectedMonthlyWage ?? 3000) + 100 }),
    as('night', { constraints: { ...constraints, noNightShift: constraints.noNightShift !== true } }),
    as('hours', {
      constraints: { ...constraints, maxHoursPerWeek: (constraints.maxHoursPerWeek ?? 44) + 4 },
    }),
    as('range', { mobility: resident.mobility === 'local' ? 'national' : 'local' }),
    as('home', { constraints: { ...constraints, returnHomeDaily: constraints.returnHomeDaily !== true } }),
    as('licences', { licences: resident.licences?.length ? [] : [...LICENCE_TEXTS] }),
    as('level', {
      skills: resident.skills.map((skill) => ({ ...skill, level: ((skill.level ?? 0) % 5) + 1 })),
    }),
    as('trade', {
      skills: resident.skills.map((skill) => ({
        ...skill,
        name: SKILL_TEXTS[((SKILL_TEXTS as readonly string[]).indexOf(skill.name) + 7) % SKILL_TEXTS.length]!,
      })),
    }),
  ];
}

describe('rankOpenings', () => {
  const residents = [
    aResident({ id: 'r-1', skills: [{ name: '叉车' }], licences: ['叉车证'], expectedMonthlyWage: 3000 }),
  ];
  const openings = [
    anOpening({ id: 'o-3', occupation: '叉车司机', wage: { min: 3000, max: 4000 } }),
    anOpening({ id: 'o-2', wage: { min: 3000, max: 3500 } }),
    anOpening({ id: 'o-1', wage: { min: 3000, max: 3800 } }),
    anOpening({ id: 'o-4', occupation: '焊工' }),
  ];

  it('lists each resident’s eligible openings by score, then by opening id when scores tie', () => {
    const [r, o] = prepare(residents, openings);
    expect(rankOpenings(r, o, context, { k: 10 })).to.deep.equal([
      {
        residentId: 'r-1',
        matches: [
          { openingId: 'o-3', score: 100 },
          { openingId: 'o-1', score: 70 },
          { openingId: 'o-2', score: 70 },
        ],
      },
    ]);
  });

  it('keeps only the top k, and only matches at or above the cutoff', () => {
    const [r, o] = prepare(residents, openings);
    expect(rankOpenings(r, o, context, { k: 2 })[0]!.matches.map((m) => m.openingId)).to.deep.equal([
      'o-3',
      'o-1',
    ]);
    expect(
      rankOpenings(r, o, context, { k: 10, cutoff: 80 })[0]!.matches.map((m) => m.openingId),
    ).to.deep.equal(['o-3']);
  });

  it('with explain, attaches the full explanation of each match', () => {
    const [r, o] = prepare(residents, openings);
    const [ranking] = rankOpenings(r, o, context, { k: 1, explain: true });
    expect(ranking!.matches[0]!.explanation).to.deep.equal(scoreMatch(r[0]!, o[0]!, context));
  });

  it('answers in the residents’ input order, with an empty list for someone nothing fits', () => {
    const [r, o] = prepare(
      [aResident({ id: 'r-9', birthYear: 1950 }), ...residents],
      openings.map((opening) => ({ ...opening, ageRange: { max: 60 } })),
    );
    const ranking = rankOpenings(r, o, context, { k: 1 });
    expect(ranking.map((entry) => [entry.residentId, entry.matches.length])).to.deep.equal([
      ['r-9', 0],
      ['r-1', 1],
    ]);
  });

  it('rejects a k that is not a positive integer, and duplicate ids, as misuse', () => {
    const [r, o] = prepare(residents, openings);
    for (const k of [0, 1.5, Number.NaN]) {
      expect(() => rankOpenings(r, o, context, { k }))
        .to.throw()
        .that.satisfies(isMatchingError);
    }
    expect(() => rankOpenings([...r, ...r], o, context, { k: 1 }))
      .to.throw()
      .that.satisfies((error: unknown) => isMatchingError(error) && error.code === 'DUPLICATE_ID');
  });

  it('equals the naive all-pairs reference, which equals explaining every pair (random counties with many ties)', () => {
    fc.assert(
      fc.property(aCounty(8, 12), options, ({ residents: rs, openings: os }, rankOptions) => {
        const [r, o] = prepare(rs, os);
        const naive = rankOpeningsNaive(r, o, context, rankOptions);
        expect(rankOpenings(r, o, context, rankOptions)).to.deep.equal(naive);
        expect(naive).to.deep.equal(bruteForce(r, o, rankOptions));
      }),
      { numRuns: 150 },
    );
  });

  it('equals the naive reference on larger random counties, where lists span many blocks', () => {
    fc.assert(
      fc.property(aCounty(60, 150), options, ({ residents: rs, openings: os }, rankOptions) => {
        const [r, o] = prepare(rs, os);
        expect(rankOpenings(r, o, context, rankOptions)).to.deep.equal(
          rankOpeningsNaive(r, o, context, rankOptions),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('equals the naive reference when most openings require licences few residents hold', () => {
    fc.assert(
      fc.property(aLicensedCounty(40, 60), options, ({ residents: rs, openings: os }, rankOptions) => {
        const [r, o] = prepare(rs, os);
        expect(rankOpenings(r, o, context, rankOptions)).to.deep.equal(
          rankOpeningsNaive(r, o, context, rankOptions),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('equals the naive reference when residents share a profile (their ranking is searched once, then copied)', () => {
    fc.assert(
      fc.property(aCounty(20, 40), options, ({ residents: rs, openings: os }, rankOptions) => {
        const [r, o] = prepare([...rs, ...rs.flatMap(lookalikes)], os);
        expect(rankOpenings(r, o, context, rankOptions)).to.deep.equal(
          rankOpeningsNaive(r, o, context, rankOptions),
        );
      }),
      { numRuns: 80 },
    );
  });

  it('handles no residents or no openings', () => {
    const [r, o] = prepare(residents, openings);
    expect(rankOpenings([], o, context, { k: 3 })).to.deep.equal([]);
    expect(rankOpenings(r, [], context, { k: 3 })).to.deep.equal([{ residentId: 'r-1', matches: [] }]);
  });

  it('does not mutate its inputs', () => {
    const [r, o] = prepare(residents, openings);
    const before = structuredClone([r, o]);
    rankOpenings(r, o, context, { k: 3, explain: true });
    expect([r, o]).to.deep.equal(before);
  });
});

describe('rankResidents', () => {
  const openings = [anOpening({ id: 'o-1', occupation: '焊工', wage: { min: 3000, max: 4000 } })];
  const residents = [
    aResident({ id: 'r-4', skills: [{ name: '电焊' }], licences: ['焊工证'], expectedMonthlyWage: 3000 }),
    aResident({ id: 'r-2', skills: [{ name: '气割' }], licences: ['焊工证'], expectedMonthlyWage: 3000 }),
    aResident({ id: 'r-3', skills: [{ name: '电焊' }], licences: ['焊工证'], expectedMonthlyWage: 3000 }),
    aResident({ id: 'r-1', skills: [{ name: '电焊' }], expectedMonthlyWage: 3000 }),
    aResident({
      id: 'r-5',
      skills: [{ name: '电焊' }],
      licences: ['焊工证'],
      home: { countyCode: '520102' },
    }),
  ];

  it('lists each opening’s eligible residents by score, then by resident id', () => {
    const [r, o] = prepare(residents, openings);
    expect(rankResidents(r, o, context, { k: 10 })).to.deep.equal([
      {
        openingId: 'o-1',
        matches: [
          { residentId: 'r-3', score: 100 },
          { residentId: 'r-4', score: 100 },
          { residentId: 'r-2', score: 76 },
        ],
      },
    ]);
  });

  it('for work open to everyone, still ranks first the one resident with a preferred skill among many ties', () => {
    const [r, o] = prepare(
      [
        ...Array.from({ length: 30 }, (_, i) => aResident({ id: `r-${String(i).padStart(2, '0')}` })),
        aResident({ id: 'r-99', skills: [{ name: '焊工' }] }),
      ],
      [
        anOpening({
          skills: [
            { name: '焊工', minLevel: 1, required: false },
            { name: '整烫工', required: false },
          ],
        }),
      ],
    );
    const ranking = rankResidents(r, o, context, { k: 3 });
    expect(ranking).to.deep.equal(rankResidentsNaive(r, o, context, { k: 3 }));
    expect(ranking[0]!.matches.map((m) => m.residentId)).to.deep.equal(['r-99', 'r-00', 'r-01']);
  });

  it('equals the naive all-pairs reference on random counties', () => {
    fc.assert(
      fc.property(aCounty(60, 40), options, ({ residents: rs, openings: os }, rankOptions) => {
        const [r, o] = prepare(rs, os);
        expect(rankResidents(r, o, context, rankOptions)).to.deep.equal(
          rankResidentsNaive(r, o, context, rankOptions),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('equals the naive reference when most openings require licences few residents hold', () => {
    fc.assert(
      fc.property(aLicensedCounty(60, 40), options, ({ residents: rs, openings: os }, rankOptions) => {
        const [r, o] = prepare(rs, os);
        expect(rankResidents(r, o, context, rankOptions)).to.deep.equal(
          rankResidentsNaive(r, o, context, rankOptions),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('and the naive one agrees with rankOpenings pair by pair', () => {
    fc.assert(
      fc.property(aCounty(10, 10), ({ residents: rs, openings: os }) => {
        const [r, o] = prepare(rs, os);
        const all = { k: 1000 };
        const pairs = (entries: { id: string; matches: readonly { id: string; score: number }[] }[]) =>
          entries.flatMap((entry) => entry.matches.map((m) => `${entry.id}|${m.id}|${m.score}`)).sort();
        const byResident = rankOpeningsNaive(r, o, context, all).map((entry) => ({
          id: entry.residentId,
          matches: entry.matches.map((m) => ({ id: m.openingId, score: m.score })),
        }));
        const byOpening = rankResidentsNaive(r, o, context, all).flatMap((entry) =>
          entry.matches.map((m) => ({
            id: m.residentId,
            matches: [{ id: entry.openingId, score: m.score }],
          })),
        );
        expect(pairs(byOpening)).to.deep.equal(pairs(byResident));
      }),
      { numRuns: 50 },
    );
  });

  it('does not mutate its inputs', () => {
    const [r, o] = prepare(residents, openings);
    const before = structuredClone([r, o]);
    rankResidents(r, o, context, { k: 2 });
    expect([r, o]).to.deep.equal(before);
  });

  it('finds nobody for an opening only people out of range could fill', () => {
    const [r, o] = prepare(
      [aResident({ home: { countyCode: HOME }, mobility: 'local' })],
      [anOpening({ location: { countyCode: '440305' } })],
    );
    expect(rankResidents(r, o, context, { k: 3 })[0]!.matches).to.deep.equal([]);
  });
});
