import { expect } from 'chai';
import { Types } from 'mongoose';
import { api, claims, seedResidents, startTestApp, TOWNSHIP_A, type TestApp } from './support.ts';

describe('SeatLedger.repair: claims cut off by a lost database', () => {
  let t: TestApp;
  let staff: string;
  let residentIds: string[];
  before(async () => {
    t = await startTestApp({ LOG_LEVEL: 'warn' });
    staff = await t.token(claims.staffA);
    ({ residentIds } = await seedResidents(t.app, staff, TOWNSHIP_A, 4, 8100));
  });
  after(async () => {
    await t.close();
  });

  async function cohortWithSeats(seats: number): Promise<Types.ObjectId> {
    const created = await api(t.app, staff).post('/api/v1/cohorts', {
      providerId: 'provider-repair',
      title: '家政服务员培训班',
      trade: '家政',
      seats,
      hours: 40,
      startsOn: '2026-07-01',
      endsOn: '2026-07-20',
    });
    return new Types.ObjectId((created.body as { id: string }).id);
  }

  /** The state a claim leaves when its request loses the database after inserting its entry. */
  async function cutOffClaim(cohortId: Types.ObjectId, residentId: string, seatTaken: boolean) {
    const { enrollments, cohorts } = t.services.models;
    const _id = new Types.ObjectId();
    await enrollments.insertMany([
      {
        _id,
        holderId: cohortId,
        cohortId,
        providerId: 'provider-repair',
        residentId: new Types.ObjectId(residentId),
        townshipCode: TOWNSHIP_A,
        status: 'claiming',
        activeKey: `${cohortId.toString()}:${residentId}`,
        createdBy: 'staff-a',
      },
    ]);
    if (seatTaken)
      await cohorts.updateOne({ _id: cohortId }, { $inc: { taken: 1 }, $push: { claimed: _id } });
    return _id;
  }

  async function state(cohortId: Types.ObjectId) {
    const { enrollments, cohorts } = t.services.models;
    const cohort = await cohorts.findById(cohortId, { taken: 1 }).lean();
    const entries = await enrollments.find({ cohortId }, { status: 1 }).sort({ _id: 1 }).lean();
    return { taken: cohort?.taken, statuses: entries.map((entry) => entry.status) };
  }

  it('a claim that takes a seat is logged on its cohort under the entry id', async () => {
    const cohortId = await cohortWithSeats(1);
    const enrolled = await api(t.app, staff).post(`/api/v1/cohorts/${cohortId.toString()}/enrollments`, {
      residentId: residentIds[0],
    });
    const cohort = await t.services.models.cohorts.findById(cohortId, { claimed: 1 }).lean();
    expect(cohort?.claimed?.map(String)).to.deep.equal([(enrolled.body as { id: string }).id]);
  });

  it('a claim cut off after its seat was taken is enrolled: the seat is used, not leaked', async () => {
    const cohortId = await cohortWithSeats(2);
    await cutOffClaim(cohortId, residentIds[0]!, true);
    expect(await state(cohortId)).to.deep.equal({ taken: 1, statuses: ['claiming'] });
    expect(await t.services.cohortSeats.repair(cohortId, 0)).to.equal(1);
    expect(await state(cohortId)).to.deep.equal({ taken: 1, statuses: ['enrolled'] });
  });

  it('a claim cut off before its seat claim joins the waitlist and gets a free seat in turn', async () => {
    const cohortId = await cohortWithSeats(1);
    await cutOffClaim(cohortId, residentIds[0]!, false);
    await t.services.cohortSeats.repair(cohortId, 0);
    expect(await state(cohortId)).to.deep.equal({ taken: 1, statuses: ['enrolled'] });
  });

  it('in a full cohort, a cut-off claim joins the waitlist and is promoted when a seat frees', async () => {
    const cohortId = await cohortWithSeats(1);
    const first = await api(t.app, staff).post(`/api/v1/cohorts/${cohortId.toString()}/enrollments`, {
      residentId: residentIds[1],
    });
    expect((first.body as { status: string }).status).to.equal('enrolled');
    await cutOffClaim(cohortId, residentIds[2]!, false);
    await t.services.cohortSeats.repair(cohortId, 0);
    expect(await state(cohortId)).to.deep.equal({ taken: 1, statuses: ['enrolled', 'waitlisted'] });
    // cancelling the seat promotes the repaired claim
    const cancel = await api(t.app, staff).post(
      `/api/v1/cohorts/${cohortId.toString()}/enrollments/${(first.body as { id: string }).id}/cancel`,
    );
    expect(cancel.status).to.equal(200);
    expect(await state(cohortId)).to.deep.equal({ taken: 1, statuses: ['cancelled', 'enrolled'] });
  });

  it('leaves a claim that may still be running alone', async () => {
    const cohortId = await cohortWithSeats(2);
    await cutOffClaim(cohortId, residentIds[3]!, true);
    expect(await t.services.cohortSeats.repair(cohortId)).to.equal(0);
    expect(await state(cohortId)).to.deep.equal({ taken: 1, statuses: ['claiming'] });
  });
});
