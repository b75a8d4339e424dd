import { expect } from 'chai';
import {
  COUNTY_PROFILE,
  countyYearFigures,
  scaleActivity,
  type ActivityProfile,
  type CountyYearFigures,
} from '@anju/matching-core/synthetic';
import type { KpiReport } from '@anju/shared';
import { loadCounty, type LoadedCounty } from '../../scripts/demo/county.ts';
import { loadCountyYear, type LoadedYear } from '../../scripts/demo/year.ts';
import { api, claims, startTestApp, type TestApp } from './support.ts';

// The full county (27,477 people) takes minutes to load; the suite loads the same profile scaled to
// 2,500 people (events — fairs, classes — as they are, counts of people scaled). The demo prints the
// full-size figures.
const PEOPLE = 2_500;
const activity = COUNTY_PROFILE.activity as ActivityProfile;
const scaled = scaleActivity(activity, PEOPLE, COUNTY_PROFILE.residents);

describe(`the county year (scaled to ${PEOPLE.toLocaleString('en')} people)`, function () {
  this.timeout(120_000);
  let t: TestApp;
  let loaded: LoadedCounty;
  let year: LoadedYear;
  let expected: CountyYearFigures;
  let report: KpiReport;

  before(async () => {
    t = await startTestApp();
    loaded = await loadCounty(t.services, () => undefined, { residents: PEOPLE });
    year = await loadCountyYear(t.services, loaded, () => undefined);
    expected = countyYearFigures(year.year, loaded.county);
    const admin = api(t.app, await t.token(claims.admin));
    const response = await admin.get(
      `/api/v1/reports/kpi?from=${activity.year}-01-01&to=${activity.year}-12-31`,
    );
    expect(response.status, response.text).to.equal(200);
    report = response.body as KpiReport;
  });
  after(async () => {
    await t.close();
  });

  it('reports the scaled profile’s fairs, classes, trained, certified and placements exactly', () => {
    expect(report.fairsHeld).to.equal(activity.fairs);
    expect(report.classes).to.equal(activity.classes);
    expect(report.trained).to.equal(scaled.trained);
    expect(report.certified).to.equal(scaled.certified);
    expect(report.placements.nearHome).to.equal(scaled.placements.nearHome);
    expect(report.placements.inProvince).to.equal(scaled.placements.inProvince);
    expect(report.placements.crossProvince).to.equal(scaled.placements.crossProvince);
    expect(report.placements.total).to.equal(
      scaled.placements.nearHome + scaled.placements.inProvince + scaled.placements.crossProvince,
    );
  });

  it('reports the intents, hires and near-home split the year’s records add up to', () => {
    expect(report.intents).to.equal(expected.intents);
    expect(report.hires).to.equal(expected.hires);
    expect(report.hires).to.be.greaterThan(0);
    expect(report.placements).to.deep.equal(expected.placements);
  });

  it('computes the income change from the follow-ups: at least the profile’s 3,000 元 a month', () => {
    expect(report.income.residents).to.equal(expected.income.residents);
    expect(report.income.averageBefore).to.be.closeTo(expected.income.averageBefore ?? NaN, 0.01);
    expect(report.income.averageAfter).to.be.closeTo(expected.income.averageAfter ?? NaN, 0.01);
    expect(report.income.averageChange).to.be.closeTo(expected.income.averageChange ?? NaN, 0.01);
    expect(report.income.averageChange).to.be.at.least(activity.monthlyIncomeGain);
  });

  it('certified residents carry the class’s certificate and level; last year’s trainees are not queued for re-matching', async () => {
    const { residents, rematchRequests } = t.services.models;
    const certifiedIds = year.year.cohorts
      .flatMap((cohort) => cohort.enrolled.filter((e) => e.certified).map((e) => e.residentId))
      .flatMap((id) => loaded.residentRecords.get(id)?.id ?? []);
    const withCertificates = await residents.collection.countDocuments({
      _id: { $in: certifiedIds },
      'certificates.0': { $exists: true },
    });
    expect(withCertificates).to.equal(scaled.certified);
    const withLevel = await residents.collection.countDocuments({
      _id: { $in: certifiedIds },
      'skills.nationalLevel': { $gte: 1, $lte: 5 },
    });
    expect(withLevel).to.equal(scaled.certified);
    // the classes award 五级 or 四级 (the synthetic year's ranks 1 and 2), in the national numbering
    const certifiedAt = await residents.collection.countDocuments({
      _id: { $in: certifiedIds },
      'certificates.nationalLevel': { $in: [4, 5] },
    });
    expect(certifiedAt).to.equal(scaled.certified);
    expect(await rematchRequests.countDocuments({ reason: 'training-completed' })).to.equal(0);
  });

  it('stores levels in the national numbering only: no rank on a resident, an opening or a class', async () => {
    const { residents, openings, cohorts } = t.services.models;
    for (const path of ['skills.level', 'certificates.level'])
      expect(await residents.collection.countDocuments({ [path]: { $exists: true } }), path).to.equal(0);
    expect(await openings.collection.countDocuments({ 'skills.minLevel': { $exists: true } })).to.equal(0);
    expect(await cohorts.collection.countDocuments({ level: { $exists: true } })).to.equal(0);
    expect(await cohorts.collection.countDocuments({ nationalLevel: { $in: [4, 5] } })).to.equal(
      year.year.cohorts.length,
    );
    // the register keeps the dates on the licence cards, for matching to check
    expect(
      await residents.collection.countDocuments({ 'licences.reviewDueBy': { $exists: true } }),
    ).to.be.greaterThan(0);
  });

  it('leaves the year’s follow-ups recorded and assigned to each household’s grid worker', async () => {
    const { followups } = t.services.models;
    const total = await followups.countDocuments({});
    expect(total).to.equal(year.followUps);
    const recorded = { status: 'recorded', assignedTo: { $exists: true } };
    expect(await followups.collection.countDocuments(recorded)).to.equal(total);
  });

  it('counts nothing of the year in the following year', async () => {
    const admin = api(t.app, await t.token(claims.admin));
    const next = activity.year + 1;
    const response = await admin.get(`/api/v1/reports/kpi?from=${next}-01-01&to=${next}-12-31`);
    const later = response.body as KpiReport;
    expect([later.fairsHeld, later.classes, later.trained, later.placements.total]).to.deep.equal([
      0, 0, 0, 0,
    ]);
  });
});
