import { expect } from 'chai';
import fc from 'fast-check';
import type { MatchOpening, MatchResident } from '@anju/shared';
import {
  prepareOpenings,
  prepareResidents,
  scoreMatch,
  type BlockingCode,
  type MatchScore,
  type ScoreFactorName,
} from '@anju/matching-core';
import { openingWithId, residentWithId } from './support/arbitraries.ts';
import {
  HOME,
  OTHER_PROVINCE,
  SAME_PROVINCE,
  aResident,
  anOpening,
  context,
  normalizer,
  prepareOpening,
  prepareResident,
} from './support/builders.ts';

function score(resident: MatchResident, opening: MatchOpening): MatchScore {
  return scoreMatch(prepareResident(resident), prepareOpening(opening), context);
}

function points(result: MatchScore, factor: ScoreFactorName): number {
  const found = result.factors.find((entry) => entry.factor === factor);
  if (found === undefined) throw new Error(`no ${factor} factor`);
  return found.points;
}

function detail(result: MatchScore, factor: ScoreFactorName): string {
  return result.factors.find((entry) => entry.factor === factor)?.detail ?? '';
}

function codes(result: MatchScore): BlockingCode[] {
  return result.blocking.map((entry) => entry.code);
}

const welder = aResident({ skills: [{ name: '电焊' }], licences: ['焊工证'] });
const welding = anOpening({ title: '电焊工', occupation: '焊工' });

describe('prepareResidents', () => {
  it('turns skill texts into concept ids, keeping the higher level of the same concept', () => {
    const [resident] = prepareResidents(
      [aResident({ skills: [{ name: '电焊', level: 2 }, { name: '焊工', level: 3 }, { name: '高级电工' }] })],
      normalizer,
    );
    expect([...resident!.skills]).to.deep.equal([
      ['welder', 3],
      ['electrician', 3],
    ]);
  });

  it('keeps unknown skill and licence texts as unknown, and reports every outcome', () => {
    const [resident] = prepareResidents(
      [aResident({ skills: [{ name: '挖掘机' }, { name: '保洁' }], licences: ['叉车证', '驾照'] })],
      normalizer,
    );
    expect([...resident!.skills.keys()]).to.deep.equal(['cleaner']);
    expect([...resident!.licences]).to.deep.equal(['forklift']);
    expect(resident!.normalization).to.have.length(4);
    expect(
      resident!.unknown.map((outcome) => [outcome.field, outcome.index, outcome.result.input]),
    ).to.deep.equal([
      ['skills', 0, '挖掘机'],
      ['licences', 1, '驾照'],
    ]);
  });

  it('does not carry poverty status: it can never reach a score', () => {
    const [resident] = prepareResidents(
      [aResident({ priority: { registeredPoor: true, monitored: true } })],
      normalizer,
    );
    expect(resident).to.not.have.property('priority');
  });

  it('does not mutate its inputs', () => {
    const residents = [aResident({ skills: [{ name: '电焊', level: 2 }], licences: ['焊工证'] })];
    const before = structuredClone(residents);
    prepareResidents(residents, normalizer);
    expect(residents).to.deep.equal(before);
  });
});

describe('prepareOpenings', () => {
  it('makes the occupation the main, required concept and merges a skill naming the same concept', () => {
    const [opening] = prepareOpenings(
      [
        anOpening({
          occupation: '焊工',
          skills: [
            { name: '电焊', minLevel: 2, required: false },
            { name: '气割', required: false },
          ],
        }),
      ],
      normalizer,
    );
    expect(opening!.occupation).to.equal('welder');
    expect(opening!.requirements).to.deep.equal([
      { concept: 'welder', text: '焊工', minLevel: 2, required: true, source: 'occupation' },
      { concept: 'gas-cutter', text: '气割', minLevel: undefined, required: false, source: 'skill' },
    ]);
  });

  it('keeps an unknown occupation as a requirement nobody is credited for, and lists unknown licences', () => {
    const [opening] = prepareOpenings(
      [anOpening({ occupation: '挖掘机司机', licences: ['特种证'] })],
      normalizer,
    );
    expect(opening!.occupation).to.equal(null);
    expect(opening!.requirements[0]).to.include({ concept: null, text: '挖掘机司机', required: true });
    expect(opening!.licences).to.deep.equal([]);
    expect(opening!.unknown.map((outcome) => outcome.field)).to.deep.equal(['occupation', 'licences']);
  });

  it('does not mutate its inputs', () => {
    const openings = [anOpening({ skills: [{ name: '叉车', required: true }], ageRange: { min: 18 } })];
    const before = structuredClone(openings);
    prepareOpenings(openings, normalizer);
    expect(openings).to.deep.equal(before);
  });
});

describe('scoreMatch', () => {
  describe('skills factor', () => {
    it('gives all 60 points to a resident with the trade the opening is for', () => {
      const result = score(welder, welding);
      expect(points(result, 'skills')).to.equal(60);
      expect(detail(result, 'skills')).to.equal('焊工（必需）：有');
      expect(result.missing).to.deep.equal([]);
    });

    it('credits a substitutable occupation at its similarity (气割工 for 焊工: 0.6 → 36)', () => {
      const result = score(aResident({ skills: [{ name: '气割' }], licences: ['焊工证'] }), welding);
      expect(points(result, 'skills')).to.equal(36);
      expect(result.eligible).to.equal(true);
      expect(detail(result, 'skills')).to.contain('气割工').and.contain('相近').and.contain('60%');
      expect(result.missing).to.deep.equal([{ kind: 'skill', id: 'welder', name: '焊工', required: true }]);
    });

    it('counts a narrower trade in full (电弧焊工 is a 焊工) and a broader one at half (焊工 for 电弧焊工)', () => {
      const arcWelder = aResident({ skills: [{ name: '电弧焊工' }], licences: ['焊工证'] });
      expect(points(score(arcWelder, welding), 'skills')).to.equal(60);
      expect(points(score(welder, anOpening({ occupation: '电弧焊工' })), 'skills')).to.equal(30);
    });

    it('when the level is below the minimum, credits half plus the share of the level reached, and says what is missing', () => {
      const opening = anOpening({
        occupation: '焊工',
        skills: [{ name: '焊工', minLevel: 3, required: true }],
      });
      const result = score(
        aResident({ skills: [{ name: '焊工', level: 1 }], licences: ['焊工证'] }),
        opening,
      );
      expect(points(result, 'skills')).to.equal(40); // 60 × (0.5 + 0.5 × 1/3)
      expect(detail(result, 'skills')).to.contain('等级不足');
      expect(result.missing).to.deep.equal([
        { kind: 'skill', id: 'welder', name: '焊工', minNationalLevel: 3, minLevel: 3, required: true },
      ]);
    });

    it('treats an unknown level as below any minimum and says so', () => {
      const opening = anOpening({
        occupation: '焊工',
        skills: [{ name: '焊工', minLevel: 2, required: true }],
      });
      const result = score(welder, opening);
      expect(points(result, 'skills')).to.equal(30);
      expect(result.unknowns.map((entry) => entry.code)).to.include('SKILL_LEVEL_UNKNOWN');
    });

    it('gives half the skill points to everyone for work that needs no skill (普工), and preferred skills add the rest', () => {
      expect(points(score(aResident(), anOpening()), 'skills')).to.equal(30);
      expect(detail(score(aResident(), anOpening()), 'skills')).to.contain('不要求技能');
      // 普工 itself counts as a preferred skill: experience in it adds points, its absence shuts nobody out.
      expect(points(score(aResident({ skills: [{ name: '普工' }] }), anOpening()), 'skills')).to.equal(60);
      const preferForklift = anOpening({ skills: [{ name: '叉车', required: false }] });
      expect(points(score(aResident(), preferForklift), 'skills')).to.equal(30);
      expect(points(score(aResident({ skills: [{ name: '叉车' }] }), preferForklift), 'skills')).to.equal(45);
      const both = aResident({ skills: [{ name: '叉车' }, { name: '普工' }] });
      expect(points(score(both, preferForklift), 'skills')).to.equal(60);
    });

    it('weighs a required skill twice a preferred one (仓库保管员 without the preferred 叉车: 40)', () => {
      const opening = anOpening({ occupation: '仓库保管员', skills: [{ name: '叉车', required: false }] });
      const result = score(aResident({ skills: [{ name: '仓管' }] }), opening);
      expect(points(result, 'skills')).to.equal(40);
      expect(result.missing).to.deep.equal([
        { kind: 'skill', id: 'forklift-driver', name: '叉车司机', required: false },
      ]);
    });

    it('credits nobody for a requirement whose text is unknown, without blocking anyone', () => {
      const result = score(welder, anOpening({ occupation: '挖掘机司机' }));
      expect(points(result, 'skills')).to.equal(0);
      expect(result.eligible).to.equal(true);
      expect(result.unknowns.map((entry) => entry.code)).to.include('REQUIREMENT_UNKNOWN');
    });
  });

  describe('location factor', () => {
    it('gives 15 points for work in the home county', () => {
      expect(points(score(aResident(), anOpening()), 'location')).to.equal(15);
    });

    it('gives 10 points in another county of the province, 12 with accommodation', () => {
      const resident = aResident({ mobility: 'province' });
      const opening = anOpening({ location: { countyCode: SAME_PROVINCE } });
      expect(points(score(resident, opening), 'location')).to.equal(10);
      expect(points(score(resident, { ...opening, accommodation: true }), 'location')).to.equal(12);
    });

    it('gives 6 points in another province, 9 with accommodation, to someone willing to go anywhere', () => {
      const resident = aResident({ mobility: 'national' });
      const opening = anOpening({ location: { countyCode: OTHER_PROVINCE }, kind: 'labour-cooperation' });
      expect(points(score(resident, opening), 'location')).to.equal(6);
      const housed = score(resident, { ...opening, accommodation: true });
      expect(points(housed, 'location')).to.equal(9);
      expect(detail(housed, 'location')).to.equal('工作地在省外（广东省深圳市南山区），包住');
    });

    it('names the place from GB/T 2260, not by its code', () => {
      expect(detail(score(aResident(), anOpening()), 'location')).to.equal(
        '工作地在本县（贵州省黔西南布依族苗族自治州兴义市）',
      );
    });
  });

  describe('wage factor', () => {
    const expecting = aResident({ expectedMonthlyWage: 3000 });

    it('gives no wage points when the expectation is unknown, and says so', () => {
      const result = score(aResident(), anOpening());
      expect(points(result, 'wage')).to.equal(0);
      expect(result.unknowns.map((entry) => entry.code)).to.include('WAGE_EXPECTATION_UNKNOWN');
    });

    it('gives all 15 points when even the minimum meets the expectation', () => {
      expect(points(score(expecting, anOpening({ wage: { min: 3000, max: 4000 } })), 'wage')).to.equal(15);
    });

    it('gives 10 for a maximum that meets it plus up to 5 for the minimum (2500–3500 for 3000: 13)', () => {
      expect(points(score(expecting, anOpening({ wage: { min: 2500, max: 3500 } })), 'wage')).to.equal(13);
    });

    it('falls to 0 as the maximum falls to half the expectation (1500–2000 for 3000: 3; 1000–1500: 0)', () => {
      expect(points(score(expecting, anOpening({ wage: { min: 1500, max: 2000 } })), 'wage')).to.equal(3);
      expect(points(score(expecting, anOpening({ wage: { min: 1000, max: 1500 } })), 'wage')).to.equal(0);
    });
  });

  describe('hours factor', () => {
    const limited = aResident({ constraints: { maxHoursPerWeek: 48 } });

    it('gives all 10 points without a stated weekly limit, and within the limit', () => {
      expect(points(score(aResident(), anOpening({ hoursPerWeek: 60 })), 'hours')).to.equal(10);
      expect(points(score(limited, anOpening({ hoursPerWeek: 44 })), 'hours')).to.equal(10);
    });

    it('takes a point per hour over the limit (52 h for 48: 6; 70 h: 0)', () => {
      expect(points(score(limited, anOpening({ hoursPerWeek: 52 })), 'hours')).to.equal(6);
      expect(points(score(limited, anOpening({ hoursPerWeek: 70 })), 'hours')).to.equal(0);
    });

    it('gives nothing when the resident has a limit and the opening does not state its hours', () => {
      const result = score(limited, anOpening());
      expect(points(result, 'hours')).to.equal(0);
      expect(result.unknowns.map((entry) => entry.code)).to.include('HOURS_UNKNOWN');
    });

    it('gives at most half to someone who refuses night shifts when the opening does not say', () => {
      const refuses = aResident({ constraints: { noNightShift: true } });
      const unknown = score(refuses, anOpening());
      expect(points(unknown, 'hours')).to.equal(5);
      expect(unknown.unknowns.map((entry) => entry.code)).to.include('NIGHT_SHIFT_UNKNOWN');
      expect(points(score(refuses, anOpening({ nightShift: false })), 'hours')).to.equal(10);
    });
  });

  describe('blocking gates', () => {
    it('LICENCE_REQUIRED: a welder without the welding licence (a precondition of the trade) is blocked', () => {
      const result = score(aResident({ skills: [{ name: '电焊' }] }), welding);
      expect(result.eligible).to.equal(false);
      expect(codes(result)).to.deep.equal(['LICENCE_REQUIRED']);
      expect(result.blocking[0]!.detail).to.contain('焊接与热切割作业操作证');
      expect(result.missing).to.deep.equal([
        { kind: 'licence', id: 'welding', name: '焊接与热切割作业操作证', required: true },
      ]);
    });

    it('LICENCE_REQUIRED: a licence the opening lists (健康证) gates as well', () => {
      const result = score(
        aResident({ skills: [{ name: '帮厨' }] }),
        anOpening({ occupation: '厨工', licences: ['健康证'] }),
      );
      expect(codes(result)).to.deep.equal(['LICENCE_REQUIRED']);
    });

    it('REQUIRED_SKILL_MISSING: an electrician is not eligible for a welding opening', () => {
      const result = score(aResident({ skills: [{ name: '电工' }], licences: ['焊工证'] }), welding);
      expect(codes(result)).to.deep.equal(['REQUIRED_SKILL_MISSING']);
      expect(result.blocking[0]!.detail).to.contain('焊工');
    });

    it('AGE_OUT_OF_RANGE: someone aged 50 for an 18–45 opening', () => {
      const result = score(aResident({ birthYear: 1975 }), anOpening({ ageRange: { min: 18, max: 45 } }));
      expect(codes(result)).to.deep.equal(['AGE_OUT_OF_RANGE']);
      expect(result.blocking[0]!.detail).to.contain('50 岁');
    });

    it('an unknown birth year does not block an age range; it is reported as unknown', () => {
      const noBirthYear = aResident();
      delete noBirthYear.birthYear;
      const result = score(noBirthYear, anOpening({ ageRange: { min: 18, max: 45 } }));
      expect(result.eligible).to.equal(true);
      expect(result.unknowns.map((entry) => entry.code)).to.deep.equal([
        'BIRTH_YEAR_UNKNOWN',
        'WAGE_EXPECTATION_UNKNOWN',
      ]);
    });

    it('NIGHT_SHIFT_REFUSED: someone who refuses night shifts, for an opening with them', () => {
      const result = score(
        aResident({ constraints: { noNightShift: true } }),
        anOpening({ nightShift: true }),
      );
      expect(codes(result)).to.deep.equal(['NIGHT_SHIFT_REFUSED']);
    });

    it('MUST_RETURN_HOME_DAILY: outside the home county, or any labour-cooperation opening', () => {
      const resident = aResident({ mobility: 'national', constraints: { returnHomeDaily: true } });
      expect(codes(score(resident, anOpening({ location: { countyCode: SAME_PROVINCE } })))).to.deep.equal([
        'MUST_RETURN_HOME_DAILY',
      ]);
      expect(codes(score(resident, anOpening({ kind: 'labour-cooperation' })))).to.deep.equal([
        'MUST_RETURN_HOME_DAILY',
      ]);
      expect(score(resident, anOpening({ kind: 'assistance-workshop' })).eligible).to.equal(true);
    });

    it('OUT_OF_MOBILITY_RANGE: a local resident and another county, a provincial one and another province (0 location points)', () => {
      const local = score(
        aResident({ mobility: 'local' }),
        anOpening({ location: { countyCode: SAME_PROVINCE } }),
      );
      expect(codes(local)).to.deep.equal(['OUT_OF_MOBILITY_RANGE']);
      expect(points(local, 'location')).to.equal(0);
      const provincial = score(
        aResident({ mobility: 'province' }),
        anOpening({ location: { countyCode: OTHER_PROVINCE } }),
      );
      expect(codes(provincial)).to.deep.equal(['OUT_OF_MOBILITY_RANGE']);
      expect(
        score(aResident({ mobility: 'province' }), anOpening({ location: { countyCode: HOME } })).eligible,
      ).to.equal(true);
    });
  });

  describe('counterfactuals', () => {
    it('with a 叉车 licence this becomes eligible at 85', () => {
      const driver = aResident({ skills: [{ name: '叉车' }] });
      const result = score(driver, anOpening({ occupation: '叉车司机' }));
      expect(result.eligible).to.equal(false);
      expect(result.counterfactuals).to.deep.equal([
        {
          change: {
            add: [{ kind: 'licence', id: 'forklift', name: '叉车司机证', required: true }],
            detail: '取得叉车司机证后',
          },
          score: 85,
          eligible: true,
        },
      ]);
    });

    it('with the preferred 叉车 skill a 仓管 goes from 65 to 85', () => {
      const opening = anOpening({ occupation: '仓库保管员', skills: [{ name: '叉车', required: false }] });
      const result = score(aResident({ skills: [{ name: '仓管' }] }), opening);
      expect(result.score).to.equal(65);
      expect(
        result.counterfactuals.map((entry) => [entry.change.detail, entry.score, entry.eligible]),
      ).to.deep.equal([['学会叉车司机后', 85, true]]);
    });

    it('with several missing items, rescores each alone and then all together', () => {
      const result = score(aResident(), welding);
      expect(codes(result)).to.deep.equal(['LICENCE_REQUIRED', 'REQUIRED_SKILL_MISSING']);
      expect(
        result.counterfactuals.map((entry) => [entry.change.detail, entry.score, entry.eligible]),
      ).to.deep.equal([
        ['取得焊接与热切割作业操作证后', 25, false],
        ['学会焊工后', 85, false],
        ['补齐以上全部', 85, true],
      ]);
    });

    it('raises a skill to the level asked (四级/中级工)', () => {
      const opening = anOpening({
        occupation: '缝纫工',
        skills: [{ name: '缝纫工', minLevel: 2, required: true }],
      });
      const result = score(aResident({ skills: [{ name: '平车工', level: 1 }] }), opening);
      expect(result.counterfactuals.map((entry) => [entry.change.detail, entry.score])).to.deep.equal([
        ['学会缝纫工并达到四级/中级工后', 85],
      ]);
    });
  });

  describe('invariants', () => {
    const pair = fc.tuple(residentWithId('r-1'), openingWithId('o-1'));

    it('the factors sum to the score, an integer 0–100, each within its maximum', () => {
      fc.assert(
        fc.property(pair, ([resident, opening]) => {
          const result = score(resident, opening);
          expect(result.score).to.equal(result.factors.reduce((sum, factor) => sum + factor.points, 0));
          expect(Number.isInteger(result.score)).to.equal(true);
          expect(result.score).to.be.within(0, 100);
          for (const factor of result.factors) expect(factor.points).to.be.within(0, factor.max);
          expect(result.eligible).to.equal(result.blocking.length === 0);
        }),
      );
    });

    it('poverty status, household and community never change a score or its explanation', () => {
      const protectedFields = fc.record({
        priority: fc.record({ registeredPoor: fc.boolean(), monitored: fc.boolean() }),
        householdId: fc.constantFrom('h-a', 'h-b'),
        community: fc.constantFrom('安置社区一', '安置社区四'),
      });
      fc.assert(
        fc.property(pair, protectedFields, ([resident, opening], changed) => {
          const other: MatchResident = {
            ...resident,
            householdId: changed.householdId,
            home: { ...resident.home, community: changed.community },
            priority: changed.priority,
          };
          expect(score(other, opening)).to.deep.equal(score(resident, opening));
        }),
      );
    });

    it('is deterministic: the same inputs give the same explanation', () => {
      fc.assert(
        fc.property(pair, ([resident, opening]) => {
          expect(score(resident, opening)).to.deep.equal(
            score(structuredClone(resident), structuredClone(opening)),
          );
        }),
      );
    });

    it('never counts missing data as a match: removing a known wage expectation or skill level never raises the score', () => {
      fc.assert(
        fc.property(pair, ([resident, opening]) => {
          const withoutWage = { ...resident };
          delete withoutWage.expectedMonthlyWage;
          // A level stated in the text itself (高级电工) is still known once the level field is gone.
          const withoutLevels = {
            ...resident,
            skills: resident.skills.map((skill) =>
              normalizer.normalize(skill.name).level === undefined ? { name: skill.name } : skill,
            ),
          };
          const known = score(resident, opening).score;
          expect(score(withoutWage, opening).score).to.be.at.most(known);
          expect(score(withoutLevels, opening).score).to.be.at.most(known);
        }),
      );
    });

    it('does not mutate its inputs', () => {
      fc.assert(
        fc.property(pair, ([resident, opening]) => {
          const preparedResident = prepareResident(resident);
          const preparedOpening = prepareOpening(opening);
          const before = structuredClone([preparedResident, preparedOpening]);
          scoreMatch(preparedResident, preparedOpening, context);
          expect([preparedResident, preparedOpening]).to.deep.equal(before);
        }),
        { numRuns: 30 },
      );
    });
  });
});
