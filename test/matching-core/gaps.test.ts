import { expect } from 'chai';
import fc from 'fast-check';
import type { MatchOpening, MatchResident } from '@anju/shared';
import {
  Taxonomy,
  createNormalizer,
  defaultTaxonomy,
  prepareOpenings,
  prepareResidents,
  scoreMatch,
  skillGaps,
  type GapItem,
  type PreparedOpening,
  type ScoreContext,
} from '@anju/matching-core';
import { generateCounty } from '@anju/matching-core/synthetic';
import { rankOpeningsNaive, skillGapsReference } from '@anju/matching-core/testing';
import { aCounty } from './support/arbitraries.ts';
import { randomCounty } from './support/random-county.ts';
import { createTestNormalizer } from './support/scoring-taxonomy.ts';
import {
  OTHER_PROVINCE,
  SAME_PROVINCE,
  aResident,
  anOpening,
  context,
  normalizer,
} from './support/builders.ts';

function gaps(residents: MatchResident[], openings: MatchOpening[], cutoff?: number) {
  return skillGaps(
    prepareResidents(residents, normalizer),
    prepareOpenings(openings, normalizer),
    context,
    cutoff === undefined ? {} : { cutoff },
  );
}

/** The resident with a plan's items added, through the same texts a bureau would record. */
function withPlan(resident: MatchResident, items: readonly GapItem[]): MatchResident {
  return {
    ...resident,
    skills: [
      ...resident.skills,
      ...items
        .filter((item) => item.kind === 'skill')
        .map((item) => ({ name: item.id, level: item.level ?? 1 })),
    ],
    licences: [
      ...(resident.licences ?? []),
      ...items.filter((item) => item.kind === 'licence').map((item) => item.id),
    ],
  };
}

describe('skillGaps', () => {
  const openings = [
    anOpening({ id: 'o-forklift-1', occupation: '叉车司机', headcount: 2 }),
    anOpening({ id: 'o-forklift-2', occupation: '叉车', headcount: 2 }),
    anOpening({
      id: 'o-forklift-far',
      occupation: '叉车司机',
      location: { countyCode: OTHER_PROVINCE },
      headcount: 9,
    }),
    anOpening({ id: 'o-weld', occupation: '焊工', headcount: 3 }),
    anOpening({
      id: 'o-sew',
      occupation: '缝纫工',
      skills: [{ name: '缝纫工', minLevel: 2, required: true }],
      headcount: 5,
    }),
    anOpening({ id: 'o-general', occupation: '普工', ageRange: { max: 45 }, headcount: 1 }),
  ];
  const residents = [
    aResident({ id: 'r-1', birthYear: 1970 }),
    aResident({ id: 'r-2', birthYear: 1970, skills: [{ name: '叉车' }] }),
    aResident({ id: 'r-3', birthYear: 1970, skills: [{ name: '平车工', level: 1 }] }),
    aResident({ id: 'r-4', birthYear: 1995 }),
    aResident({ id: 'r-5', home: { countyCode: SAME_PROVINCE }, mobility: 'local' }),
  ];

  it('for residents without an eligible opening, finds what unlocks the most and adds it up into training demand', () => {
    expect(gaps(residents, openings)).to.deep.equal({
      unmatched: 3,
      residents: [
        {
          residentId: 'r-1',
          items: [
            { kind: 'licence', id: 'forklift', name: '叉车司机证' },
            {
              kind: 'skill',
              id: 'forklift-driver',
              name: '叉车司机',
              nationalLevel: 5,
              levelName: '五级/初级工',
              level: 1,
            },
          ],
          openingsUnlocked: 2,
          openingIds: ['o-forklift-1', 'o-forklift-2'],
        },
        {
          residentId: 'r-2',
          items: [{ kind: 'licence', id: 'forklift', name: '叉车司机证' }],
          openingsUnlocked: 2,
          openingIds: ['o-forklift-1', 'o-forklift-2'],
        },
        // Lives in another county and works only locally: no training opens anything here.
        { residentId: 'r-5', items: [], openingsUnlocked: 0, openingIds: [] },
      ],
      training: [
        {
          occupation: 'forklift-driver',
          name: '叉车司机',
          nationalLevel: 5,
          levelName: '五级/初级工',
          level: 1,
          residents: 1,
          openingsUnlocked: 2,
          headcount: 4,
        },
      ],
      licences: [
        { licence: 'forklift', name: '叉车司机证', residents: 2, openingsUnlocked: 2, headcount: 4 },
      ],
    });
  });

  it('with a cutoff, also counts residents whose best match is below it, and raises levels to reach it', () => {
    const report = gaps([residents[2]!], [openings[3]!, openings[4]!], 80);
    expect(report.residents).to.deep.equal([
      {
        residentId: 'r-3',
        items: [
          {
            kind: 'skill',
            id: 'sewing-operator',
            name: '缝纫工',
            nationalLevel: 4,
            levelName: '四级/中级工',
            level: 2,
          },
        ],
        openingsUnlocked: 1,
        openingIds: ['o-sew'],
      },
    ]);
    expect(report.training).to.deep.equal([
      {
        occupation: 'sewing-operator',
        name: '缝纫工',
        nationalLevel: 4,
        levelName: '四级/中级工',
        level: 2,
        residents: 1,
        openingsUnlocked: 1,
        headcount: 5,
      },
    ]);
  });

  it('a higher level covers a lower one: 叉车 at 三级 unlocks the openings asking 五级 too', () => {
    const report = gaps(
      [aResident({ id: 'r-1', licences: ['叉车证'] })],
      [
        anOpening({ id: 'o-1', occupation: '叉车司机' }),
        anOpening({
          id: 'o-2',
          occupation: '叉车司机',
          skills: [{ name: '叉车', minLevel: 3, required: true }],
        }),
      ],
    );
    expect(report.residents[0]).to.deep.equal({
      residentId: 'r-1',
      items: [
        {
          kind: 'skill',
          id: 'forklift-driver',
          name: '叉车司机',
          nationalLevel: 3,
          levelName: '三级/高级工',
          level: 3,
        },
      ],
      openingsUnlocked: 2,
      openingIds: ['o-1', 'o-2'],
    });
  });

  it('on random counties: reports exactly the unmatched residents, and every opening a plan unlocks is eligible with it', () => {
    fc.assert(
      fc.property(aCounty(10, 12), fc.constantFrom(0, 60), ({ residents: rs, openings: os }, cutoff) => {
        const report = gaps(rs, os, cutoff);
        const preparedOpenings = prepareOpenings(os, normalizer);
        const unmatched = rankOpeningsNaive(prepareResidents(rs, normalizer), preparedOpenings, context, {
          k: 1,
          cutoff,
        })
          .filter((ranking) => ranking.matches.length === 0)
          .map((ranking) => ranking.residentId)
          .sort();
        expect(report.residents.map((gap) => gap.residentId)).to.deep.equal(unmatched);
        for (const gap of report.residents) {
          const resident = rs.find((candidate) => candidate.id === gap.residentId)!;
          const [trained] = prepareResidents([withPlan(resident, gap.items)], normalizer);
          for (const id of gap.openingIds) {
            const result = scoreMatch(
              trained!,
              preparedOpenings.find((opening) => opening.id === id)!,
              context,
            );
            expect(result.eligible && result.score >= cutoff, `${gap.residentId} × ${id}`).to.equal(true);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('is deterministic and does not mutate its inputs', () => {
    const preparedResidents = prepareResidents(residents, normalizer);
    const preparedOpenings = prepareOpenings(openings, normalizer);
    const before = structuredClone([preparedResidents, preparedOpenings]);
    const first = skillGaps(preparedResidents, preparedOpenings, context);
    expect(
      skillGaps([...preparedResidents].reverse(), [...preparedOpenings].reverse(), context),
    ).to.deep.equal(first);
    expect([preparedResidents, preparedOpenings]).to.deep.equal(before);
  });

  describe('equals skillGapsReference', () => {
    function bothOn(
      residents: MatchResident[],
      openings: MatchOpening[],
      scoring: { context: ScoreContext; normalizer: typeof normalizer },
      cutoff: number,
    ) {
      const preparedResidents = prepareResidents(residents, scoring.normalizer);
      const preparedOpenings = prepareOpenings(openings, scoring.normalizer);
      return {
        fast: skillGaps(preparedResidents, preparedOpenings, scoring.context, { cutoff }),
        reference: skillGapsReference(preparedResidents, preparedOpenings, scoring.context, { cutoff }),
      };
    }

    it('on random counties with many alike residents and ties: the same report, whatever the cutoff', () => {
      fc.assert(
        fc.property(
          aCounty(30, 24),
          fc.constantFrom(0, 40, 60, 70, 85),
          ({ residents: rs, openings: os }, cutoff) => {
            const { fast, reference } = bothOn(rs, os, { context, normalizer }, cutoff);
            expect(fast).to.deep.equal(reference);
          },
        ),
        { numRuns: 150 },
      );
    });

    it('on counties from the synthetic generator: the same report', () => {
      const taxonomy = defaultTaxonomy();
      const scoring = { context: { taxonomy, referenceYear: 2026 }, normalizer: createNormalizer(taxonomy) };
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(70, 80), (seed, cutoff) => {
          const county = generateCounty({ seed, taxonomy, residents: 260, openings: 90 });
          const { fast, reference } = bothOn(county.residents, county.openings, scoring, cutoff);
          expect(fast.unmatched).to.be.greaterThan(0);
          expect(fast).to.deep.equal(reference);
        }),
        { numRuns: 6 },
      );
    });

    it('on a skewed county (popular trades, a third general labour): the same report', () => {
      const county = randomCounty({ seed: 11, residents: 500, openings: 220, trades: 40 });
      const taxonomy = new Taxonomy(county.taxonomy);
      const scoring = {
        context: { taxonomy, referenceYear: 2025 },
        normalizer: createTestNormalizer(taxonomy),
      };
      for (const cutoff of [70, 85]) {
        const { fast, reference } = bothOn(county.residents, county.openings, scoring, cutoff);
        expect(fast.unmatched).to.be.greaterThan(0);
        expect(fast).to.deep.equal(reference);
      }
    });

    it('when the only reachable opening lists its trades in another order than an unreachable one: the same report', () => {
      // The first opening (by id) fixes the order the trades are known in; the second lists them the other way.
      const crossed = [
        anOpening({
          id: 'o-a',
          occupation: '焊工',
          skills: [{ name: '缝纫工', required: true }],
          location: { countyCode: OTHER_PROVINCE },
        }),
        anOpening({ id: 'o-b', occupation: '缝纫工', skills: [{ name: '焊工', required: true }] }),
      ];
      const { fast, reference } = bothOn([aResident({ id: 'r-1' })], crossed, { context, normalizer }, 0);
      expect(fast.residents[0]!.items.filter((item) => item.kind === 'skill')).to.have.length(2);
      expect(fast).to.deep.equal(reference);
    });

    it('with openings asking one trade twice at different levels (not merged by hand-made input): the same report', () => {
      const twice = (opening: PreparedOpening): PreparedOpening => ({
        ...opening,
        requirements: [
          ...opening.requirements,
          ...opening.requirements.map((requirement, i) => ({
            ...requirement,
            minLevel: i % 2 === 0 ? 3 : 1,
            required: i % 2 === 0,
          })),
        ],
      });
      const preparedResidents = prepareResidents(residents, normalizer);
      const preparedOpenings = prepareOpenings(openings, normalizer).map(twice);
      for (const cutoff of [0, 60, 80]) {
        expect(skillGaps(preparedResidents, preparedOpenings, context, { cutoff })).to.deep.equal(
          skillGapsReference(preparedResidents, preparedOpenings, context, { cutoff }),
        );
      }
    });
  });
});
