import { expect } from 'chai';
import { defaultTaxonomy, isMatchingError } from '@anju/matching-core';
import {
  COUNTY_PROFILE,
  countyYearFigures,
  generateCounty,
  generateCountyYear,
  scaleActivity,
  type ActivityProfile,
  type SyntheticCounty,
} from '@anju/matching-core/synthetic';
import { provinceOf } from '@anju/shared';

const taxonomy = defaultTaxonomy();
const activity = COUNTY_PROFILE.activity as ActivityProfile;

function small(people = 2_500): SyntheticCounty {
  return generateCounty({ seed: 42, residents: people, taxonomy });
}

describe('generateCountyYear', () => {
  describe('for the county of docs/domain.md at full size', function () {
    this.timeout(60_000);
    let county: SyntheticCounty;
    before(() => {
      county = generateCounty({ seed: 42, taxonomy });
    });

    it('holds the profile’s 6 fairs and 23 classes, trains 1,500+, places 2,000+ near home and 290+ cross-province', () => {
      const figures = countyYearFigures(generateCountyYear({ seed: 42, county, taxonomy }), county);
      expect(figures.fairsHeld).to.equal(6);
      expect(figures.classes).to.equal(23);
      expect(figures.trained).to.equal(activity.trained).and.at.least(1_500);
      expect(figures.certified).to.equal(activity.certified).and.at.least(1_500);
      expect(figures.placements.nearHome).to.equal(activity.placements.nearHome).and.at.least(2_000);
      expect(figures.placements.crossProvince).to.equal(activity.placements.crossProvince).and.at.least(290);
      expect(figures.placements.inProvince).to.equal(activity.placements.inProvince);
    });

    it('gives those placed an average monthly income gain of 3,000 元 or more', () => {
      const figures = countyYearFigures(generateCountyYear({ seed: 42, county, taxonomy }), county);
      expect(figures.income.residents).to.equal(figures.placements.total);
      expect(figures.income.averageChange).to.be.at.least(activity.monthlyIncomeGain);
    });
  });

  describe('scaled', () => {
    const county = small();
    const year = generateCountyYear({ seed: 42, county, taxonomy });
    const scaled = scaleActivity(activity, 2_500, COUNTY_PROFILE.residents);

    it('scales counts of people to the county, keeps the fairs and classes', () => {
      const figures = countyYearFigures(year, county);
      expect([figures.fairsHeld, figures.classes]).to.deep.equal([activity.fairs, activity.classes]);
      expect([figures.trained, figures.certified]).to.deep.equal([scaled.trained, scaled.certified]);
      expect(figures.placements.nearHome).to.equal(scaled.placements.nearHome);
      expect(figures.placements.crossProvince).to.equal(scaled.placements.crossProvince);
    });

    it('is the same year for the same seed, another for another seed', () => {
      expect(generateCountyYear({ seed: 42, county, taxonomy })).to.deep.equal(year);
      expect(generateCountyYear({ seed: 43, county, taxonomy })).not.to.deep.equal(year);
    });

    it('never fills an opening beyond its headcount, and sends only residents free to go that far', () => {
      const openings = new Map(county.openings.map((opening) => [opening.id, opening]));
      const residents = new Map(county.residents.map((resident) => [resident.id, resident]));
      const filled = new Map<string, number>();
      for (const placement of year.placements) {
        filled.set(placement.openingId, (filled.get(placement.openingId) ?? 0) + 1);
        const mobility = residents.get(placement.residentId)?.mobility;
        const place = openings.get(placement.openingId)?.location.countyCode ?? '';
        if (provinceOf(place) !== provinceOf(COUNTY_PROFILE.homeCounty))
          expect(mobility).to.equal('national');
        else if (place !== COUNTY_PROFILE.homeCounty) expect(mobility).to.be.oneOf(['province', 'national']);
      }
      for (const [id, count] of filled) expect(count).to.be.at.most(openings.get(id)?.headcount ?? 0);
      expect(new Set(year.placements.map((p) => p.residentId)).size).to.equal(year.placements.length);
    });

    it('gives certified trainees 80 % of the sessions or more, the others less', () => {
      for (const cohort of year.cohorts)
        for (const enrolment of cohort.enrolled) {
          const share = enrolment.attended.length / cohort.sessions.length;
          if (enrolment.certified) expect(share).to.be.at.least(0.8);
          else expect(share).to.be.below(0.8);
        }
    });

    it('follows each placement up every month from its start to the year’s end, fair hires from the fair’s day', () => {
      const fairDays = new Set(year.fairs.map((fair) => fair.heldOn));
      for (const placement of year.placements) {
        const months = placement.followUps.map((f) => f.month);
        expect(months.every((month) => `${month}-01` >= placement.startedOn)).to.equal(true);
        expect(months.at(-1)).to.equal(`${year.year}-12`);
        if (placement.source === 'fair') expect(fairDays.has(placement.startedOn)).to.equal(true);
      }
    });

    it('does not mutate the county', () => {
      const before = JSON.stringify(county);
      generateCountyYear({ seed: 1, county, taxonomy });
      expect(JSON.stringify(county)).to.equal(before);
    });

    it('refuses, with INVALID_PROFILE, a year the county cannot hold', () => {
      const tooMany = { ...scaled, placements: { ...scaled.placements, crossProvince: 100_000 } };
      let caught: unknown;
      try {
        generateCountyYear({ seed: 42, county, taxonomy, activity: tooMany });
      } catch (error) {
        caught = error;
      }
      expect(isMatchingError(caught) && caught.code).to.equal('INVALID_PROFILE');
    });
  });
});
