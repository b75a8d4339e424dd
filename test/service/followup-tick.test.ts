import { expect } from 'chai';
import {
  api,
  claims,
  residentBody,
  startTestApp,
  TOWNSHIP_A,
  type ApiClient,
  type TestApp,
} from './support.ts';

function ok(response: { status: number; text: string; body: unknown }, status = 200): unknown {
  expect(response.status, response.text).to.equal(status);
  return response.body;
}

const idOf = (response: { status: number; text: string; body: unknown }) =>
  (ok(response, 201) as { id: string }).id;

describe('POST /api/v1/followups/ticks (the monthly tick by hand)', function () {
  this.timeout(30_000);
  let t: TestApp;
  let admin: ApiClient;
  let staff: ApiClient;

  before(async () => {
    t = await startTestApp();
    admin = api(t.app, await t.token(claims.admin));
    staff = api(t.app, await t.token(claims.staffA));
    ok(
      await staff.post('/api/v1/grids', {
        townshipCode: TOWNSHIP_A,
        community: '锦绣社区',
        name: '第一网格',
        workers: [{ workerId: 'gw-1', name: '王专职', fullTime: true }],
      }),
      201,
    );
    const household = idOf(
      await staff.post('/api/v1/households', {
        townshipCode: TOWNSHIP_A,
        community: '锦绣社区',
        grid: '第一网格',
      }),
    );
    const employer = idOf(
      await admin.post('/api/v1/employers', {
        name: '帮扶车间',
        countyCode: '520121',
        kind: 'assistance-workshop',
      }),
    );
    for (const [n, startedOn] of [
      [1, '2026-10-15'],
      [2, '2026-11-01'],
      // starts after the 1st: not followed up in November
      [3, '2026-11-02'],
    ] as const) {
      const resident = idOf(await staff.post('/api/v1/residents', residentBody(household, 7000 + n)));
      ok(
        await staff.post('/api/v1/placements', {
          residentId: resident,
          employerId: employer,
          countyCode: '520121',
          startedOn,
          monthlyWage: 2600,
        }),
        201,
      );
    }
  });
  after(async () => {
    await t.close();
  });

  it('creates the month’s follow-ups for the placements active on the 1st, assigned to the grid worker', async () => {
    const outcome = ok(await admin.post('/api/v1/followups/ticks', { month: '2026-11' }));
    expect(outcome).to.deep.equal({
      tickId: 'monthly-follow-ups:2026-11',
      month: '2026-11',
      ran: true,
      placements: 2,
      created: 2,
    });
    const followUps = await t.services.models.followups.find({ month: '2026-11' }).lean();
    expect(followUps.map((f) => [f.status, f.assignedTo, f.dueOn])).to.deep.equal([
      ['pending', 'gw-1', '2026-11-25'],
      ['pending', 'gw-1', '2026-11-25'],
    ]);
  });

  it('runs once per month: calling again answers ran: false and creates nothing', async () => {
    const again = ok(await admin.post('/api/v1/followups/ticks', { month: '2026-11' }));
    expect(again).to.deep.equal({
      tickId: 'monthly-follow-ups:2026-11',
      month: '2026-11',
      ran: false,
      skipped: 'done',
    });
    expect(await t.services.models.followups.countDocuments({ month: '2026-11' })).to.equal(2);
  });

  it('is for admins only: staff are 403, and a bad month or an extra key is 400', async () => {
    expect((await staff.post('/api/v1/followups/ticks', { month: '2026-12' })).status).to.equal(403);
    expect((await admin.post('/api/v1/followups/ticks', { month: '2026-13' })).status).to.equal(400);
    expect((await admin.post('/api/v1/followups/ticks', { month: '2026-12', force: true })).status).to.equal(
      400,
    );
    expect(await t.services.models.ticks.countDocuments({ period: '2026-12' })).to.equal(0);
  });
});
