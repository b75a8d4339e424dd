import { expect } from 'chai';
import fc from 'fast-check';
import {
  createNormalizer,
  defaultTaxonomy,
  loadTaxonomy,
  isCrossProvince,
  isMatchingError,
  Taxonomy,
} from '@anju/matching-core';
import {
  COUNTY_PROFILE,
  generateCounty,
  type CountyProfile,
  type SyntheticCounty,
} from '@anju/matching-core/synthetic';
import { MatchOpening, MatchResident, provinceOf, type TaxonomyDataInput } from '@anju/shared';
import { fixtureTaxonomy, fixtureTaxonomyData } from './support/taxonomy.ts';

const taxonomy = fixtureTaxonomy();
const shipped = defaultTaxonomy();

function county(
  overrides: { seed?: number; residents?: number; openings?: number; profile?: CountyProfile } = {},
) {
  return generateCounty({ seed: 7, residents: 2_000, taxonomy, ...overrides });
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function load(data: TaxonomyDataInput): Taxonomy {
  const loaded = loadTaxonomy(data);
  if (!loaded.ok) throw new Error(loaded.issues.join('\n'));
  return loaded.value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('generateCounty', () => {
  // The full county of docs/domain.md on the shipped taxonomy, generated once for the proportion checks.
  let full: SyntheticCounty;
  before(() => {
    full = generateCounty({ seed: 42, taxonomy: shipped });
  });

  describe('determinism', () => {
    it('with the same seed and options, produces an identical county', () => {
      expect(county({ seed: 11 })).to.deep.equal(county({ seed: 11 }));
    });

    it('with a different seed, produces a different county', () => {
      const a = county({ seed: 11 });
      const b = county({ seed: 12 });
      expect(a.residents).to.not.deep.equal(b.residents);
      expect(a.openings).to.not.deep.equal(b.openings);
      expect(a.households).to.not.deep.equal(b.households);
    });

    it('when only the number of openings changes, leaves residents and households unchanged', () => {
      const few = county({ openings: 10 });
      const many = county({ openings: 300 });
      expect(many.residents).to.deep.equal(few.residents);
      expect(many.households).to.deep.equal(few.households);
    });
  });

  describe('records', () => {
    it('every resident passes the shared MatchResident schema and every opening MatchOpening', () => {
      const invalid = [
        ...full.residents.map((r) => ({ id: r.id, parsed: MatchResident.safeParse(r) })),
        ...full.openings.map((o) => ({ id: o.id, parsed: MatchOpening.safeParse(o) })),
      ].filter(({ parsed }) => !parsed.success);
      expect(invalid.map(({ id, parsed }) => `${id}: ${JSON.stringify(parsed.error?.issues)}`)).to.deep.equal(
        [],
      );
    });

    it('gives every resident, household and opening a unique id', () => {
      expect(new Set(full.residents.map((r) => r.id)).size).to.equal(full.residents.length);
      expect(new Set(full.households.map((h) => h.id)).size).to.equal(full.households.length);
      expect(new Set(full.openings.map((o) => o.id)).size).to.equal(full.openings.length);
    });

    it('links every resident to the household that lists them, and nobody twice', () => {
      const listed = new Map<string, string>();
      for (const household of full.households) {
        for (const id of household.residentIds) listed.set(id, household.id);
      }
      expect(listed.size).to.equal(full.residents.length);
      expect(full.households.reduce((sum, h) => sum + h.residentIds.length, 0)).to.equal(
        full.residents.length,
      );
      const misplaced = full.residents.filter((r) => r.householdId !== listed.get(r.id));
      expect(misplaced.map((r) => r.id)).to.deep.equal([]);
    });

    it('aligns the truth with the records: one taxonomy id per skill and licence text', () => {
      const misaligned = [
        ...full.residents.filter((resident, index) => {
          const truth = full.truth.residents[index];
          return (
            truth?.id !== resident.id ||
            truth.skills.length !== resident.skills.length ||
            truth.licences.length !== (resident.licences?.length ?? 0) ||
            truth.skills.some((id) => shipped.occupation(id) === undefined) ||
            truth.licences.some((id) => shipped.licence(id) === undefined)
          );
        }),
        ...full.openings.filter((opening, index) => {
          const truth = full.truth.openings[index];
          return (
            truth?.id !== opening.id ||
            truth.skills.length !== opening.skills.length ||
            truth.licences.length !== (opening.licences?.length ?? 0)
          );
        }),
      ];
      expect(misaligned.map((record) => record.id)).to.deep.equal([]);
    });
  });

  describe('the county profile', () => {
    it('by default, has 27,477 residents in 7,451 households, 4 communities and 40 first-level grids', () => {
      expect(full.households).to.have.length(7_451);
      expect(full.households.reduce((sum, h) => sum + h.size, 0)).to.equal(27_477);
      expect(new Set(full.households.map((h) => h.community)).size).to.equal(4);
      expect(new Set(full.households.map((h) => h.grid)).size).to.equal(40);
      expect(full.openings).to.have.length(COUNTY_PROFILE.openings);
    });

    it('has 2,762 registered-poor households with 10,885 residents, and flags exactly their members', () => {
      const poor = full.households.filter((h) => h.registeredPoor);
      expect(poor).to.have.length(2_762);
      expect(poor.reduce((sum, h) => sum + h.size, 0)).to.equal(10_885);
      const poorHouseholds = new Set(poor.map((h) => h.id));
      const wronglyFlagged = full.residents.filter(
        (r) => (r.priority?.registeredPoor === true) !== poorHouseholds.has(r.householdId),
      );
      expect(wronglyFlagged.map((r) => r.id)).to.deep.equal([]);
    });

    it('puts only people aged 16–64 into the matching input and counts everyone else as dependants', () => {
      const ages = full.residents.flatMap((r) =>
        r.birthYear === undefined ? [] : [COUNTY_PROFILE.year - r.birthYear],
      );
      expect(Math.min(...ages)).to.be.at.least(16);
      expect(Math.max(...ages)).to.be.at.most(64);
      const odd = full.households.filter(
        (h) => h.size < 1 || h.size > 10 || h.residentIds.length + h.dependants !== h.size,
      );
      expect(odd.map((h) => h.id)).to.deep.equal([]);
      // Children, students and the elderly are a large part of a relocated county.
      expect(share(full.residents.length, 27_477)).to.be.within(0.4, 0.7);
    });

    it('lives in the home county, in one of the communities', () => {
      const communities = new Set(COUNTY_PROFILE.communities.map((c) => c.name));
      const elsewhere = full.residents.filter(
        (r) => r.home.countyCode !== COUNTY_PROFILE.homeCounty || !communities.has(r.home.community ?? ''),
      );
      expect(elsewhere.map((r) => r.id)).to.deep.equal([]);
    });

    it('scaled to any number of residents, keeps the proportions within rounding', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1_500 }), fc.integer(), (residents, seed) => {
          const scaled = generateCounty({ seed, residents, openings: 0, taxonomy });
          const people = scaled.households.reduce((sum, h) => sum + h.size, 0);
          expect(people).to.equal(residents);
          const households = scaled.households.length;
          expect(Math.abs(households - (residents * 7_451) / 27_477)).to.be.at.most(1);
          const poor = scaled.households.filter((h) => h.registeredPoor);
          expect(Math.abs(poor.length - (households * 2_762) / 7_451)).to.be.at.most(1);
          const poorPeople = poor.reduce((sum, h) => sum + h.size, 0);
          if (residents >= 200) expect(share(poorPeople, people)).to.be.closeTo(10_885 / 27_477, 0.01);
          for (const h of scaled.households) expect(h.size).to.be.within(1, 10);
        }),
        { numRuns: 30 },
      );
    });

    it('scales the openings with the residents unless told how many', () => {
      expect(county({ residents: 2_748 }).openings).to.have.length(200);
      expect(county({ openings: 33 }).openings).to.have.length(33);
    });

    it('shapes the county after a custom profile', () => {
      const profile: CountyProfile = {
        ...COUNTY_PROFILE,
        homeCounty: '450121',
        communities: [
          { name: '东区', weight: 2 },
          { name: '西区', weight: 1 },
        ],
        inProvince: [{ countyCode: '450102', name: '南宁', weight: 1 }],
        crossProvince: [{ countyCode: '441900', name: '东莞', weight: 1 }],
      };
      const custom = county({ profile });
      expect(new Set(custom.households.map((h) => h.community))).to.deep.equal(new Set(['东区', '西区']));
      for (const resident of custom.residents) expect(resident.home.countyCode).to.equal('450121');
      const places = new Set(custom.openings.map((o) => o.location.countyCode));
      expect([...places].sort()).to.deep.equal(['441900', '450102', '450121']);
    });
  });

  describe('skills', () => {
    const occupationCounts = (generated: SyntheticCounty): Map<string, number> => {
      const counts = new Map<string, number>();
      for (const truth of generated.truth.residents) {
        for (const id of truth.skills) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return counts;
    };

    it('have the trade mix of a relocated county: line work, construction, care, catering and delivery common, licensed trades rare', () => {
      const counts = occupationCounts(full);
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const shareOf = (...ids: string[]) =>
        share(
          ids.reduce((sum, id) => sum + (counts.get(id) ?? 0), 0),
          total,
        );
      const factory = shareOf('general-worker', 'electronics-assembler', 'assembly-line-worker', 'packer');
      const construction = shareOf(
        'construction-labourer',
        'construction-worker',
        'bricklayer',
        'rebar-worker',
      );
      const care = shareOf('domestic-worker', 'nanny', 'maternity-nurse', 'infant-carer', 'elderly-carer');
      const cateringDelivery = shareOf('cook', 'kitchen-helper', 'waiter', 'dishwasher', 'delivery-rider');
      for (const common of [factory, construction, care, cateringDelivery]) expect(common).to.be.above(0.05);
      expect(factory + construction).to.be.above(0.3);
      // Licensed trades: each well under the common ones.
      const licensed = [...counts].filter(([id]) =>
        shipped.occupation(id)!.licences.some((l) => !l.startsWith('health')),
      );
      for (const [id, n] of licensed) expect(share(n, total), id).to.be.below(0.02);
      expect(shareOf('general-worker')).to.be.above(shareOf('welder') * 5);
    });

    it('have levels mostly absent and low when present, stated in the national numbering', () => {
      const skills = full.residents.flatMap((r) => r.skills);
      const levelled = skills.filter((s) => s.nationalLevel !== undefined);
      expect(skills.every((s) => s.level === undefined)).to.be.true;
      expect(share(levelled.length, skills.length)).to.be.within(0.1, 0.4);
      expect(share(levelled.filter((s) => s.nationalLevel! <= 2).length, levelled.length)).to.be.below(0.08);
      expect(share(levelled.filter((s) => s.nationalLevel === 5).length, levelled.length)).to.be.above(0.4);
    });

    it('are written in everyday words, mostly not the taxonomy’s own names and aliases', () => {
      const texts = full.residents.flatMap((r) => r.skills.map((s) => s.name));
      expect(texts.some((t) => t.startsWith('会'))).to.be.true;
      expect(texts.some((t) => t.startsWith('做过') || t.startsWith('干过'))).to.be.true;
      expect(texts.some((t) => /^[a-z]{4,}$/.test(t))).to.be.true;
      let verbatim = 0;
      full.residents.forEach((resident, index) => {
        resident.skills.forEach((skill, k) => {
          const occupation = shipped.occupation(full.truth.residents[index]!.skills[k]!)!;
          if ([occupation.name, ...occupation.aliases].includes(skill.name)) verbatim++;
        });
      });
      expect(share(verbatim, texts.length)).to.be.below(0.5);
    });

    it('are mostly read by the shipped normaliser as the trade meant, or as a kind of it', () => {
      const normalizer = createNormalizer(shipped);
      let right = 0;
      let wrong = 0;
      let texts = 0;
      full.residents.slice(0, 4000).forEach((resident, index) => {
        resident.skills.forEach((skill, k) => {
          const meant = full.truth.residents[index]!.skills[k]!;
          const read = normalizer.normalize(skill.name).code;
          texts++;
          if (read === null) return;
          const related =
            read === meant ||
            shipped.broaderOf(read).includes(meant) ||
            shipped.broaderOf(meant).includes(read);
          if (related) right++;
          else wrong++;
        });
      });
      expect(share(right, texts)).to.be.above(0.75);
      expect(share(wrong, texts)).to.be.below(0.05);
    });

    it('come with the licence their trade needs for some of the residents who name it, some with dates on the card', () => {
      const holders = full.residents.filter((r) => (r.licences?.length ?? 0) > 0);
      expect(share(holders.length, full.residents.length)).to.be.within(0.05, 0.5);
      const welders = full.truth.residents.filter((t) => t.skills.includes('welder'));
      const licensed = welders.filter((t) => t.licences.includes('fusion-welding'));
      expect(share(licensed.length, welders.length)).to.be.within(0.3, 0.8);
      const dated = full.residents.flatMap((r) => r.licences ?? []).filter((l) => typeof l !== 'string');
      expect(dated.length).to.be.above(0);
      for (const licence of dated) expect(licence.validUntil).to.match(/^\d{4}-\d{2}-\d{2}$/);
    });
  });

  describe('constraints and mobility', () => {
    it('keeps most residents local, some in the province, some national; carers local and home daily', () => {
      const counts = { local: 0, province: 0, national: 0 };
      for (const resident of full.residents) counts[resident.mobility]++;
      expect(share(counts.local, full.residents.length)).to.be.within(0.55, 0.85);
      expect(counts.province).to.be.above(0);
      expect(counts.national).to.be.above(0);
      const carers = full.residents.filter((r) => r.constraints?.returnHomeDaily === true);
      expect(carers.length).to.be.above(0);
      for (const carer of carers) expect(carer.mobility).to.equal('local');
    });
  });

  describe('openings', () => {
    it('come in every kind: local, 帮扶车间, 公益性岗位, in-province and 劳务协作', () => {
      const kinds = new Set(full.openings.map((o) => o.kind ?? 'in-province'));
      expect([...kinds].sort()).to.deep.equal([
        'assistance-workshop',
        'in-province',
        'labour-cooperation',
        'local',
        'public-welfare',
      ]);
    });

    it('places 劳务协作 in another province with dormitories, in-province work outside the county, the rest at home', () => {
      const home = COUNTY_PROFILE.homeCounty;
      for (const opening of full.openings) {
        const where = opening.location.countyCode;
        if (opening.kind === 'labour-cooperation') {
          expect(isCrossProvince(home, where), opening.id).to.be.true;
        } else if (opening.kind === undefined) {
          expect(provinceOf(where)).to.equal(provinceOf(home));
          expect(where).to.not.equal(home);
        } else {
          expect(where, opening.id).to.equal(home);
        }
      }
      const cooperation = full.openings.filter((o) => o.kind === 'labour-cooperation');
      expect(
        share(cooperation.filter((o) => o.accommodation === true).length, cooperation.length),
      ).to.be.above(0.9);
    });

    it('pays 公益性岗位 near the minimum wage, 劳务协作 more than local work', () => {
      const minimum = (kind: string) => full.openings.filter((o) => o.kind === kind).map((o) => o.wage.min);
      for (const wage of minimum('public-welfare')) expect(wage).to.be.within(1_600, 2_000);
      expect(median(minimum('labour-cooperation'))).to.be.above(median(minimum('local')));
    });

    it('ask for every licence their trade legally needs, and for no other', () => {
      full.openings.forEach((opening, index) => {
        const truth = full.truth.openings[index]!;
        const occupation = shipped.occupation(truth.occupation)!;
        expect(truth.licences, opening.id).to.deep.equal(occupation.licences);
      });
    });

    it('need no skill for general labour, and usually require the trade for skilled work', () => {
      full.openings.forEach((opening, index) => {
        const occupation = shipped.occupation(full.truth.openings[index]!.occupation)!;
        if (occupation.noSkillNeeded === true) expect(opening.skills, opening.id).to.deep.equal([]);
      });
      const required = full.openings.filter((o) => o.skills.some((s) => s.required));
      expect(share(required.length, full.openings.length)).to.be.within(0.3, 0.9);
    });
  });

  describe('any taxonomy', () => {
    it('works with a taxonomy of one family, drawing every trade from it', () => {
      const small: TaxonomyDataInput = {
        version: 'small',
        occupations: [
          {
            id: 'barber',
            name: '理发师',
            family: 'beauty-hair',
            aliases: ['剃头'],
            substitutes: [],
            licences: [],
          },
          {
            id: 'nail-tech',
            name: '美甲师',
            family: 'beauty-hair',
            aliases: [],
            substitutes: [],
            licences: [],
          },
        ],
      };
      const generated = generateCounty({
        seed: 1,
        residents: 500,
        openings: 50,
        taxonomy: load(small),
      });
      const ids = new Set(generated.truth.residents.flatMap((t) => t.skills));
      expect([...ids].every((id) => id === 'barber' || id === 'nail-tech')).to.be.true;
      for (const opening of generated.openings) expect(MatchOpening.safeParse(opening).success).to.be.true;
    });

    it('does not mutate the taxonomy or the profile', () => {
      const data = deepFreeze(structuredClone(fixtureTaxonomyData));
      const before = JSON.stringify(data);
      const profile = deepFreeze(structuredClone(COUNTY_PROFILE));
      generateCounty({ seed: 3, residents: 800, taxonomy: load(data), profile });
      expect(JSON.stringify(data)).to.equal(before);
      expect(profile).to.deep.equal(COUNTY_PROFILE);
    });
  });

  describe('misuse', () => {
    const misuse = (run: () => unknown, code: string) => {
      let thrown: unknown;
      try {
        run();
      } catch (error) {
        thrown = error;
      }
      expect(isMatchingError(thrown), String(thrown)).to.be.true;
      expect(thrown).to.have.property('code', code);
    };

    it('rejects a seed that is not a safe integer, a negative count and an empty taxonomy with MatchingError', () => {
      misuse(() => generateCounty({ seed: 1.5, taxonomy }), 'INVALID_SEED');
      misuse(() => generateCounty({ seed: 1, residents: -1, taxonomy }), 'INVALID_OPTIONS');
      const empty = new Taxonomy({ version: 'empty', occupations: [], licences: [], retired: [] });
      misuse(() => generateCounty({ seed: 1, residents: 10, taxonomy: empty }), 'EMPTY_TAXONOMY');
    });

    it('rejects a profile whose 劳务协作 destination is in the home province', () => {
      const profile = {
        ...COUNTY_PROFILE,
        crossProvince: [{ countyCode: '520102', name: '贵阳', weight: 1 }],
      };
      misuse(() => generateCounty({ seed: 1, taxonomy, profile }), 'INVALID_PROFILE');
    });
  });
});
