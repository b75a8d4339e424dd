// `anju levels`: records written while the service kept Anju's rank (1 = 五级 … 5 = 一级) are rewritten in
// the national numbering (1 = 一级 … 5 = 五级), once, leaving nothing to be read backwards.
import { expect } from 'chai';
import { Types } from 'mongoose';
import request from 'supertest';
import { importHash, migrateNationalLevels } from '@anju/service';
import type { ImportReport, Resident } from '@anju/shared';
import { buildLedger, sampleIdNumber } from '../../scripts/sample-sheets.ts';
import {
  api,
  claims,
  residentBody,
  startTestApp,
  TOWNSHIP_B,
  type ApiClient,
  type TestApp,
} from './support.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('migrateNationalLevels (anju levels)', () => {
  let t: TestApp;
  let staffB: ApiClient;
  let staffToken: string;
  const ids = {
    resident: '',
    imported: '',
    odd: '',
    opening: '',
    cohort: '',
    recommendation: new Types.ObjectId(),
  };
  let ledger: Buffer;

  const raw = (name: string) => t.services.db.db!.collection(name);
  const importLedger = async () => {
    const response = await request(t.app)
      .post('/api/v1/imports/residents?mode=commit')
      .set('Authorization', `Bearer ${staffToken}`)
      .set('Content-Type', XLSX)
      .send(ledger);
    expect(response.status, response.text).to.equal(200);
    return response.body as ImportReport;
  };

  before(async () => {
    t = await startTestApp({ LOG_LEVEL: 'warn' });
    staffToken = await t.token(claims.staffB);
    staffB = api(t.app, staffToken);
    const admin = api(t.app, await t.token(claims.admin));
    const household = (
      (await staffB.post('/api/v1/households', { townshipCode: TOWNSHIP_B, community: '和谐社区' })).body as {
        id: string;
      }
    ).id;
    ids.resident = (
      (await staffB.post('/api/v1/residents', residentBody(household, 4001))).body as { id: string }
    ).id;
    ids.odd = (
      (await staffB.post('/api/v1/residents', residentBody(household, 4002))).body as { id: string }
    ).id;
    const employer = (
      (await admin.post('/api/v1/employers', { name: '安居电力', countyCode: '520121' })).body as {
        id: string;
      }
    ).id;
    ids.opening = (
      (
        await admin.post('/api/v1/openings', {
          employerId: employer,
          kind: 'local',
          title: '维修电工',
          occupation: '电工',
          countyCode: '520121',
          wage: { min: 4000, max: 5000 },
          headcount: 1,
        })
      ).body as { id: string }
    ).id;
    ids.cohort = (
      (
        await staffB.post('/api/v1/cohorts', {
          providerId: 'school-1',
          title: '电工培训班',
          trade: '电工',
          seats: 10,
          hours: 40,
          startsOn: '2026-03-02',
          endsOn: '2026-03-20',
        })
      ).body as { id: string }
    ).id;
    // a resident written by an import, whose skills the import recorded
    ledger = await buildLedger({
      headers: ['姓名', '身份证号', '户主身份证号', '安置社区', '技能', '技能等级'],
      rows: [['钱多', sampleIdNumber(4003), sampleIdNumber(4003), '和谐社区', '电焊', '中级']],
    });
    expect((await importLedger()).totals).to.include({ created: 1 });
    const imported = await raw('residents').findOne({ name: '钱多' });
    ids.imported = String(imported!._id);

    // What the service wrote before: ranks (1 = 五级 … 5 = 一级).
    const oldSkills = [{ name: '焊工', level: 2 }];
    await raw('residents').updateOne(
      { _id: new Types.ObjectId(ids.imported) },
      {
        $set: {
          skills: oldSkills,
          'importHashes.skills': importHash(t.services.blindIndex, 'residents', 'skills', oldSkills),
        },
      },
    );
    await raw('residents').updateOne(
      { _id: new Types.ObjectId(ids.resident) },
      {
        $set: {
          skills: [{ name: '电焊', level: 4, years: 3 }, { name: '砌筑' }],
          certificates: [{ name: '焊工（五级/初级工）', level: 1, number: 'AJ-1' }],
        },
      },
    );
    await raw('residents').updateOne(
      { _id: new Types.ObjectId(ids.odd) },
      { $set: { skills: [{ name: '电焊', level: 9 }] } },
    );
    await raw('openings').updateOne(
      { _id: new Types.ObjectId(ids.opening) },
      { $set: { skills: [{ name: '电工', minLevel: 2, required: true }] } },
    );
    await raw('cohorts').updateOne({ _id: new Types.ObjectId(ids.cohort) }, { $set: { level: 2 } });
    await raw('recommendations').insertOne({
      _id: ids.recommendation,
      jobId: new Types.ObjectId(),
      run: 1,
      source: 'rematch',
      residentId: new Types.ObjectId(ids.resident),
      householdId: new Types.ObjectId(household),
      townshipCode: TOWNSHIP_B,
      openingId: new Types.ObjectId(ids.opening),
      employerId: new Types.ObjectId(employer),
      shareWithEmployers: true,
      score: 60,
      proposed: false,
      explanation: {
        factors: [],
        blocking: [],
        missing: [{ kind: 'skill', id: 'electrician', name: '电工', minLevel: 2, required: true }],
        unknowns: [],
        counterfactuals: [],
      },
      createdAt: new Date(),
      updatedAt: new Date(),
    });
  });
  after(async () => {
    await t.close();
  });

  it('in a dry run, counts the records holding a rank and leaves the unreadable one named; changes nothing', async () => {
    const before = JSON.stringify(await raw('residents').find({}).sort({ _id: 1 }).toArray());
    const outcome = await migrateNationalLevels(t.services, { dryRun: true });
    expect(outcome.found).to.deep.equal({ residents: 2, openings: 1, cohorts: 1, recommendations: 1 });
    expect(outcome.rewritten).to.equal(0);
    expect(outcome.unreadable).to.deep.equal([`residents:${ids.odd}`]);
    expect(JSON.stringify(await raw('residents').find({}).sort({ _id: 1 }).toArray())).to.equal(before);
  });

  it('rewrites every rank as a national level: 4 → 二级, 1 → 五级, an opening’s 2 → 四级, a cohort’s 2 → 四级', async () => {
    const updatedAt = (await raw('residents').findOne({ _id: new Types.ObjectId(ids.resident) }))!
      .updatedAt as Date;
    const outcome = await migrateNationalLevels(t.services);
    expect(outcome).to.deep.include({ rewritten: 5, changedMeanwhile: 0 });
    const resident = await raw('residents').findOne({ _id: new Types.ObjectId(ids.resident) });
    expect(resident!.skills).to.deep.equal([{ name: '电焊', years: 3, nationalLevel: 2 }, { name: '砌筑' }]);
    expect(resident!.certificates).to.deep.equal([
      { name: '焊工（五级/初级工）', number: 'AJ-1', nationalLevel: 5 },
    ]);
    expect(resident!.updatedAt).to.deep.equal(updatedAt);
    expect((await raw('openings').findOne({ _id: new Types.ObjectId(ids.opening) }))!.skills).to.deep.equal([
      { name: '电工', required: true, minNationalLevel: 4 },
    ]);
    const cohort = await raw('cohorts').findOne({ _id: new Types.ObjectId(ids.cohort) });
    expect(cohort).to.include({ nationalLevel: 4 });
    expect(cohort).not.to.have.property('level');
    const recommendation = await raw('recommendations').findOne<{ explanation: { missing: unknown[] } }>({
      _id: ids.recommendation,
    });
    expect(recommendation!.explanation.missing).to.deep.equal([
      { kind: 'skill', id: 'electrician', name: '电工', required: true, minNationalLevel: 4 },
    ]);
    // the API reads them again, in the national numbering
    const answer = await staffB.get(`/api/v1/residents/${ids.resident}`);
    expect(answer.status, answer.text).to.equal(200);
    expect((answer.body as Resident).skills[0]).to.deep.include({ nationalLevel: 2 });
    const cohortView = (await staffB.get(`/api/v1/cohorts/${ids.cohort}`)).body as { levelName?: string };
    expect(cohortView.levelName).to.equal('四级/中级工');
  });

  it('keeps the import’s record of a field it rewrote: the sheet’s next change applies, not taken for an edit', async () => {
    const imported = await raw('residents').findOne({ _id: new Types.ObjectId(ids.imported) });
    expect(imported!.skills).to.deep.equal([{ name: '焊工', nationalLevel: 4 }]);
    expect((imported!.importHashes as Record<string, string>).skills).to.equal(
      importHash(t.services.blindIndex, 'residents', 'skills', [{ name: '焊工', nationalLevel: 4 }]),
    );
    // the clerk raises the level in the sheet: the import writes it (no MANUAL_EDIT_KEPT)
    ledger = await buildLedger({
      headers: ['姓名', '身份证号', '户主身份证号', '安置社区', '技能', '技能等级'],
      rows: [['钱多', sampleIdNumber(4003), sampleIdNumber(4003), '和谐社区', '电焊', '高级']],
    });
    const again = await importLedger();
    expect(again.totals).to.include({ updated: 1 });
    expect(again.rows[0]!.warnings).to.deep.equal([]);
    const after = await raw('residents').findOne({ _id: new Types.ObjectId(ids.imported) });
    expect(after!.skills).to.deep.equal([{ name: '焊工', nationalLevel: 3 }]);
  });

  it('running it again finds nothing to do', async () => {
    const outcome = await migrateNationalLevels(t.services);
    expect(outcome.found).to.deep.equal({ residents: 0, openings: 0, cohorts: 0, recommendations: 0 });
    expect(outcome.unreadable).to.deep.equal([`residents:${ids.odd}`]);
  });
});
