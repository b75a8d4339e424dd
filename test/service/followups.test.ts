import { expect } from 'chai';
import fc from 'fast-check';
import type { TokenClaims } from '@anju/shared';
import {
  bureauDate,
  createLogger,
  createMonthlyFollowUps,
  createServices,
  householdIncome,
  latestPerResident,
  openDatabase,
  prepareDatabase,
  runMonthlyFollowUpTick,
  scheduleMonthlyFollowUps,
  TICK_LEASE_MS,
  type IncomeRecord,
  type Services,
  type TickOutcome,
} from '@anju/service';
import {
  api,
  claims,
  residentBody,
  startTestApp,
  TOWNSHIP_A,
  TOWNSHIP_B,
  type ApiClient,
  type TestApp,
} from './support.ts';

interface FollowUp {
  id: string;
  placementId: string;
  residentId: string;
  status: string;
  month: string;
  assignedTo?: string;
  gridId?: string;
  dueOn?: string;
  jobStatus?: string;
  monthlyIncome?: number;
}
interface Alert {
  id: string;
  kind: string;
  status: string;
  householdId: string;
  resident: { id: string };
  perCapitaIncome?: number;
  householdSize?: number;
  line?: number;
  note?: string;
}
interface PageOf<T> {
  items: T[];
  total: number;
}

function ok<T>(response: { status: number; text: string; body: T }, status = 200): T {
  expect(response.status, response.text).to.equal(status);
  return response.body;
}

function expectProblem(
  response: { status: number; text: string; body: unknown },
  status: number,
  code: string,
) {
  expect(response.status, response.text).to.equal(status);
  expect((response.body as { code: string }).code).to.equal(code);
}

const gridWorker = (sub: string, township: string): TokenClaims => ({
  sub,
  role: 'grid-worker',
  townships: [township],
});

/** Months safely in the past, so the cron test below (which fires for the current month) never meets them. */
const MONTH = '2025-03';

describe('monthly income follow-ups: tick, visits, alerts, re-matching, overdue', () => {
  let t: TestApp;
  let staffA: ApiClient, staffB: ApiClient, admin: ApiClient;
  /** gw-a-1 is grid A's full-time worker, gw-a-2 its part-time one; gw-b-1 works in township B. */
  let workerA: ApiClient, partTimeA: ApiClient, workerB: ApiClient;
  let gridA: string;
  /** H1 (4 people): h1a, h1b; H2 (5 people): h2a, h2b; H3 in township B: h3a. */
  const resident: Record<string, string> = {};
  const household: Record<string, string> = {};
  const placement: Record<string, string> = {};
  const followUpOf = async (who: string): Promise<FollowUp> => {
    const list = ok<PageOf<FollowUp>>(
      await admin.get(`/api/v1/followups?placementId=${placement[who]!}&month=${MONTH}`),
    );
    expect(list.items, who).to.have.length(1);
    return list.items[0]!;
  };

  before(async () => {
    t = await startTestApp({
      LOG_LEVEL: 'warn',
      MONITORING_LINE_MONTHLY_PER_CAPITA: '600',
      FOLLOWUP_DUE_DAY: '25',
    });
    staffA = api(t.app, await t.token(claims.staffA));
    staffB = api(t.app, await t.token(claims.staffB));
    admin = api(t.app, await t.token(claims.admin));
    workerA = api(t.app, await t.token(gridWorker('gw-a-1', TOWNSHIP_A)));
    partTimeA = api(t.app, await t.token(gridWorker('gw-a-2', TOWNSHIP_A)));
    workerB = api(t.app, await t.token(gridWorker('gw-b-1', TOWNSHIP_B)));

    gridA = ok<{ id: string }>(
      await staffA.post('/api/v1/grids', {
        townshipCode: TOWNSHIP_A,
        community: '幸福社区',
        name: '第三网格',
        workers: [
          { workerId: 'gw-a-2', name: '李兼职', fullTime: false },
          { workerId: 'gw-a-1', name: '王专职', fullTime: true },
        ],
      }),
      201,
    ).id;
    ok(
      await staffB.post('/api/v1/grids', {
        townshipCode: TOWNSHIP_B,
        community: '和谐社区',
        name: '第一网格',
        workers: [{ workerId: 'gw-b-1', name: '张专职', fullTime: true }],
      }),
      201,
    );
    const employer = ok<{ id: string }>(
      await admin.post('/api/v1/employers', {
        name: '帮扶车间',
        countyCode: '520121',
        kind: 'assistance-workshop',
      }),
      201,
    ).id;
    const homes = [
      ['H1', staffA, TOWNSHIP_A, '幸福社区', '第三网格', 4],
      ['H2', staffA, TOWNSHIP_A, '幸福社区', '第三网格', 5],
      ['H3', staffB, TOWNSHIP_B, '和谐社区', '第一网格', undefined],
    ] as const;
    for (const [name, client, townshipCode, community, grid, size] of homes)
      household[name] = ok<{ id: string }>(
        await client.post('/api/v1/households', {
          townshipCode,
          community,
          grid,
          ...(size === undefined ? {} : { size }),
        }),
        201,
      ).id;
    const people = [
      ['h1a', 'H1', staffA, '2025-01-10', undefined],
      ['h1b', 'H1', staffA, '2025-02-01', undefined],
      ['h2a', 'H2', staffA, '2025-02-15', undefined],
      // at work since long before any month a test runs, so the cron test has a placement too
      ['h2b', 'H2', staffA, '2020-01-01', undefined],
      ['h3a', 'H3', staffB, '2025-01-05', undefined],
      // not followed in March: ended in February, or started after the 1st
      ['ended', 'H1', staffA, '2025-01-01', '2025-02-20'],
      ['late', 'H2', staffA, '2025-03-05', undefined],
    ] as const;
    let n = 3000;
    for (const [who, home, client, startedOn, endedOn] of people) {
      resident[who] = ok<{ id: string }>(
        await client.post('/api/v1/residents', residentBody(household[home]!, (n += 1))),
        201,
      ).id;
      placement[who] = ok<{ id: string }>(
        await client.post('/api/v1/placements', {
          residentId: resident[who],
          employerId: employer,
          countyCode: '520121',
          startedOn,
          monthlyWage: 2500,
        }),
        201,
      ).id;
      if (endedOn !== undefined) ok(await client.patch(`/api/v1/placements/${placement[who]}`, { endedOn }));
    }
  });
  after(async () => {
    await t.close();
  });

  it('the tick creates one pending follow-up per placement active on the 1st, assigned to the grid’s full-time worker', async () => {
    const outcome = await runMonthlyFollowUpTick(t.services, MONTH);
    expect(outcome).to.deep.include({
      tickId: `monthly-follow-ups:${MONTH}`,
      ran: true,
      placements: 5,
      created: 5,
    });
    const mine = ok<PageOf<FollowUp>>(await workerA.get(`/api/v1/followups?month=${MONTH}`));
    expect(mine.items.map((f) => f.placementId).sort()).to.deep.equal(
      ['h1a', 'h1b', 'h2a', 'h2b'].map((who) => placement[who]).sort(),
    );
    for (const followUp of mine.items)
      expect(followUp).to.include({
        status: 'pending',
        assignedTo: 'gw-a-1',
        gridId: gridA,
        dueOn: '2025-03-25',
      });
    const theirs = ok<PageOf<FollowUp>>(await workerB.get('/api/v1/followups'));
    expect(theirs.items.map((f) => f.placementId)).to.deep.equal([placement.h3a]);
    expect(theirs.items[0]).to.include({ assignedTo: 'gw-b-1' });
  });

  it('running the tick again creates nothing new', async () => {
    const again = await runMonthlyFollowUpTick(t.services, MONTH);
    expect(again).to.deep.equal({
      tickId: `monthly-follow-ups:${MONTH}`,
      month: MONTH,
      ran: false,
      skipped: 'done',
    });
    // and the creation underneath is idempotent by itself
    expect(await createMonthlyFollowUps(t.services, MONTH)).to.deep.equal({ placements: 5, created: 0 });
    expect(await t.services.models.followups.countDocuments({ month: MONTH })).to.equal(5);
    expect(await t.services.models.ticks.countDocuments({ period: MONTH })).to.equal(1);
  });

  it('an ad-hoc follow-up for a placement and month the tick already covered is 409 DUPLICATE', async () => {
    expectProblem(
      await staffA.post('/api/v1/followups', {
        placementId: placement.h1a,
        month: MONTH,
        employed: true,
        monthlyIncome: 3000,
      }),
      409,
      'DUPLICATE',
    );
  });

  it('lists a grid’s overdue follow-ups: pending after the due day, not on it', async () => {
    const onTheDay = ok<PageOf<FollowUp>>(
      await workerA.get(`/api/v1/followups/overdue?grid=${gridA}&asOf=2025-03-25`),
    );
    expect(onTheDay.total).to.equal(0);
    const dayAfter = ok<PageOf<FollowUp>>(
      await staffA.get(`/api/v1/followups/overdue?grid=${gridA}&asOf=2025-03-26`),
    );
    expect(dayAfter.total).to.equal(4);
  });

  it('the grid worker records the visits; a lost job raises an alert and a re-match request', async () => {
    const record = async (who: string, body: Record<string, unknown>) =>
      ok<FollowUp>(await workerA.post(`/api/v1/followups/${(await followUpOf(who)).id}/record`, body));
    expect(await record('h1a', { jobStatus: 'employed', monthlyIncome: 3000, note: '在岗' })).to.include({
      status: 'recorded',
      jobStatus: 'employed',
      monthlyIncome: 3000,
    });
    const lost = await record('h1b', { jobStatus: 'job-lost', monthlyIncome: 0, note: '工厂停产' });
    const alerts = ok<PageOf<Alert>>(await staffA.get(`/api/v1/alerts?householdId=${household.H1!}`));
    // H1 keeps 3,000 元 for 4 people (750 ≥ 600): the lost job is its only alert
    expect(alerts.items.map((a) => a.kind)).to.deep.equal(['job-lost']);
    expect(alerts.items[0]).to.include({ status: 'open' });
    expect(alerts.items[0]!.resident.id).to.equal(resident.h1b);
    const requests = await t.services.models.rematchRequests.find({ reason: 'job-lost' }).lean();
    expect(requests.map((r) => [r.residentId.toString(), r.source, r.state])).to.deep.equal([
      [resident.h1b, `followup:${lost.id}`, 'pending'],
    ]);
  });

  it('a household whose income per person falls under the monitoring line raises an alert and asks to re-match its members', async () => {
    const followUp = await followUpOf('h2a');
    ok(
      await workerA.post(`/api/v1/followups/${followUp.id}/record`, {
        jobStatus: 'changed-job',
        monthlyIncome: 2000,
      }),
    );
    const alerts = ok<PageOf<Alert>>(await workerA.get(`/api/v1/alerts?kind=income-below-line`));
    expect(alerts.items).to.have.length(1);
    // 2,000 元 for 5 people; h2b's visit is still pending, so it adds nothing yet
    expect(alerts.items[0]).to.include({
      householdId: household.H2,
      perCapitaIncome: 400,
      householdSize: 5,
      line: 600,
      status: 'open',
    });
    const requests = await t.services.models.rematchRequests.find({ reason: 'income-below-line' }).lean();
    expect(requests.map((r) => r.residentId.toString()).sort()).to.deep.equal(
      [resident.h2a, resident.h2b, resident.late].sort(),
    );
    for (const request of requests) expect(request.source).to.equal(`household:${household.H2!}:${MONTH}`);
  });

  it('recording the same visit again raises nothing twice', async () => {
    const [alerts, requests] = [
      await t.services.models.alerts.countDocuments({}),
      await t.services.models.rematchRequests.countDocuments({}),
    ];
    ok(
      await workerA.post(`/api/v1/followups/${(await followUpOf('h1b')).id}/record`, {
        jobStatus: 'job-lost',
        monthlyIncome: 0,
      }),
    );
    ok(
      await workerA.post(`/api/v1/followups/${(await followUpOf('h2a')).id}/record`, {
        jobStatus: 'changed-job',
        monthlyIncome: 2000,
      }),
    );
    expect(await t.services.models.alerts.countDocuments({})).to.equal(alerts);
    expect(await t.services.models.rematchRequests.countDocuments({})).to.equal(requests);
  });

  it('the overdue list keeps what is still pending', async () => {
    const overdue = ok<PageOf<FollowUp>>(
      await workerA.get(`/api/v1/followups/overdue?grid=${gridA}&asOf=2025-03-26`),
    );
    expect(overdue.items.map((f) => f.placementId)).to.deep.equal([placement.h2b]);
  });

  it('staff acknowledge an alert once (409 ALREADY_ACKNOWLEDGED after); grid workers may not', async () => {
    const [alert] = ok<PageOf<Alert>>(await staffA.get('/api/v1/alerts?kind=job-lost')).items;
    expectProblem(
      await workerA.post(`/api/v1/alerts/${alert!.id}/acknowledge`, { note: '已走访' }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await staffB.post(`/api/v1/alerts/${alert!.id}/acknowledge`, { note: '已走访' }),
      404,
      'NOT_FOUND',
    );
    const acknowledged = ok<Alert>(
      await staffA.post(`/api/v1/alerts/${alert!.id}/acknowledge`, { note: '已电话联系，推荐帮扶车间岗位' }),
    );
    expect(acknowledged).to.include({ status: 'acknowledged', note: '已电话联系，推荐帮扶车间岗位' });
    expectProblem(
      await staffA.post(`/api/v1/alerts/${alert!.id}/acknowledge`, { note: '再次处理' }),
      409,
      'ALREADY_ACKNOWLEDGED',
    );
    expect(ok<PageOf<Alert>>(await staffA.get('/api/v1/alerts?status=open')).total).to.equal(1);
  });

  it('SEC-01/SEC-02: another township’s staff and grid workers, and an unassigned worker, see nothing (404 / empty)', async () => {
    const h1a = await followUpOf('h1a');
    const [alert] = ok<PageOf<Alert>>(await staffA.get('/api/v1/alerts')).items;
    for (const outsider of [staffB, workerB, partTimeA]) {
      expectProblem(await outsider.get(`/api/v1/followups/${h1a.id}`), 404, 'NOT_FOUND');
      expectProblem(
        await outsider.post(`/api/v1/followups/${h1a.id}/record`, {
          jobStatus: 'job-lost',
          monthlyIncome: 0,
        }),
        404,
        'NOT_FOUND',
      );
      expectProblem(await outsider.get(`/api/v1/alerts/${alert!.id}`), 404, 'NOT_FOUND');
      const seen = ok<PageOf<FollowUp>>(
        await outsider.get(`/api/v1/followups?placementId=${placement.h1a!}`),
      );
      expect(seen.total).to.equal(0);
    }
    expect(ok<PageOf<Alert>>(await staffB.get('/api/v1/alerts')).total).to.equal(0);
    expect(ok<PageOf<Alert>>(await partTimeA.get('/api/v1/alerts')).total).to.equal(0);
    // another township's grid is not found; one's own grids only
    expectProblem(await staffB.get(`/api/v1/followups/overdue?grid=${gridA}`), 404, 'NOT_FOUND');
    expectProblem(await workerB.get(`/api/v1/grids/${gridA}`), 404, 'NOT_FOUND');
    expect(
      ok<PageOf<{ id: string }>>(await workerA.get('/api/v1/grids')).items.map((g) => g.id),
    ).to.deep.equal([gridA]);
    // the record was not changed by any of them
    expect(await followUpOf('h1a')).to.include({ jobStatus: 'employed', monthlyIncome: 3000 });
    // grid workers record visits; they do not create follow-ups or grids
    expectProblem(
      await workerA.post('/api/v1/followups', {
        placementId: placement.h1a,
        month: '2025-04',
        employed: true,
        monthlyIncome: 1,
      }),
      403,
      'FORBIDDEN',
    );
  });

  it('Q-08: three scheduler instances firing the same tick at once → exactly one runs; one set of follow-ups, one tick record', async () => {
    const instances = await Promise.all([1, 2, 3].map(() => instanceOn(t)));
    try {
      const month = '2025-04';
      const outcomes = await Promise.all(
        instances.map((services, i) =>
          runMonthlyFollowUpTick(services, month, { instanceId: `api-${String(i)}` }),
        ),
      );
      expect(outcomes.filter((o) => o.ran)).to.have.length(1);
      for (const outcome of outcomes.filter((o) => !o.ran))
        expect(outcome.skipped).to.be.oneOf(['done', 'running-elsewhere']);
      // April: h1a, h1b, h2a, h2b, h3a and the late starter (5 March)
      expect(await t.services.models.followups.countDocuments({ month })).to.equal(6);
      expect(await t.services.models.ticks.countDocuments({ period: month })).to.equal(1);
      const tick = await t.services.models.ticks.findById(`monthly-follow-ups:${month}`).lean();
      expect(tick).to.include({
        state: 'done',
        created: 6,
        owner: `api-${String(outcomes.findIndex((o) => o.ran))}`,
      });

      // the same through the cron tasks themselves (node-cron, Asia/Shanghai, noOverlap), for this month
      const tasks = instances.map((services, i) =>
        scheduleMonthlyFollowUps(services, { instanceId: `cron-${String(i)}`, start: false }),
      );
      const fired = (await Promise.all(tasks.map((task) => task.execute()))) as TickOutcome[];
      const thisMonth = bureauDate(new Date()).slice(0, 7);
      expect(fired.filter((o) => o.ran)).to.have.length(1);
      expect(fired.every((o) => o.month === thisMonth)).to.equal(true);
      expect(await t.services.models.ticks.countDocuments({ period: thisMonth })).to.equal(1);
      const first = `${thisMonth}-01`;
      const placements = await t.services.models.placements.find({}, { startedOn: 1, endedOn: 1 }).lean();
      const active = placements.filter(
        (p) => p.startedOn <= first && (p.endedOn === undefined || p.endedOn >= first),
      ).length;
      expect(active).to.be.at.least(1);
      expect(await t.services.models.followups.countDocuments({ month: thisMonth })).to.equal(active);
      for (const task of tasks) await task.destroy();
    } finally {
      await Promise.all(instances.map((services) => services.db.close()));
    }
  });

  it('a tick whose owner died is taken over once its lease has expired, not before', async () => {
    const month = '2025-05';
    const now = new Date('2025-05-01T00:00:05+08:00');
    await t.services.models.ticks.create({
      _id: `monthly-follow-ups:${month}`,
      job: 'monthly-follow-ups',
      period: month,
      state: 'running',
      owner: 'crashed-instance',
      leaseUntil: new Date(now.getTime() + 1000),
      startedAt: now,
    });
    expect(await runMonthlyFollowUpTick(t.services, month, { now })).to.include({
      ran: false,
      skipped: 'running-elsewhere',
    });
    expect(await t.services.models.followups.countDocuments({ month })).to.equal(0);
    const later = new Date(now.getTime() + TICK_LEASE_MS);
    expect(await runMonthlyFollowUpTick(t.services, month, { now: later, instanceId: 'rescuer' })).to.include(
      {
        ran: true,
        created: 6,
      },
    );
    expect(await t.services.models.ticks.findById(`monthly-follow-ups:${month}`).lean()).to.include({
      state: 'done',
      owner: 'rescuer',
    });
  });

  it('the cron task fires at 00:00 on the 1st, Asia/Shanghai time', () => {
    const task = scheduleMonthlyFollowUps(t.services, { start: false });
    try {
      expect(task.getPattern()).to.equal('0 0 1 * *');
      for (const next of task.getNextRuns(3)) {
        expect(bureauDate(next).slice(8)).to.equal('01');
        // midnight in Shanghai is 16:00 UTC the day before
        expect([next.getUTCHours(), next.getUTCMinutes()]).to.deep.equal([16, 0]);
      }
    } finally {
      void task.destroy();
    }
  });
});

/** Another service instance on the same database: its own connection, models and scheduler. */
async function instanceOn(t: TestApp): Promise<Services> {
  const db = openDatabase(t.config.MONGODB_URI, t.services.db.name);
  await db.asPromise();
  const services = createServices(t.config, db, createLogger('silent'));
  await prepareDatabase(services);
  return services;
}

describe('household income monitoring rules', () => {
  const record = (residentId: string, month: string, monthlyIncome: number, at: number): IncomeRecord => ({
    residentId,
    month,
    monthlyIncome,
    recordedAt: new Date(at),
  });

  it('latestPerResident takes each member’s latest month up to the one assessed, and a correction over the first recording', () => {
    const records = [
      record('a', '2026-02', 3000, 1),
      record('a', '2026-03', 0, 2),
      record('a', '2026-04', 5000, 3),
      record('b', '2026-03', 1000, 5),
      record('b', '2026-03', 1800, 6),
    ];
    const snapshot = JSON.stringify(records);
    const latest = latestPerResident(records, '2026-03');
    expect([...latest.values()].map((r) => [r.residentId, r.monthlyIncome])).to.deep.equal([
      ['a', 0],
      ['b', 1800],
    ]);
    expect(JSON.stringify(records), 'does not mutate its inputs').to.equal(snapshot);
  });

  it('householdIncome divides by everyone in the household and compares with the line (equal is not under)', () => {
    const latest = latestPerResident([record('a', '2026-03', 2400, 1)], '2026-03');
    expect(householdIncome(latest, 4, 600)).to.deep.equal({
      householdIncome: 2400,
      householdSize: 4,
      perCapitaIncome: 600,
      belowLine: false,
    });
    expect(householdIncome(latest, 5, 600)).to.include({ perCapitaIncome: 480, belowLine: true });
    expect(householdIncome(new Map(), 0, 600)).to.include({
      householdSize: 1,
      perCapitaIncome: 0,
      belowLine: true,
    });
  });

  it('more income never raises an alert that less income would not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(20_000), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 10 }),
        fc.nat(20_000),
        (incomes, size, extra) => {
          const records = incomes.map((income, i) => record(String(i), '2026-03', income, i));
          const richer = records.map((r, i) =>
            i === 0 ? { ...r, monthlyIncome: r.monthlyIncome + extra } : r,
          );
          const poor = householdIncome(latestPerResident(records, '2026-03'), size, 600);
          const rich = householdIncome(latestPerResident(richer, '2026-03'), size, 600);
          if (!poor.belowLine) expect(rich.belowLine).to.equal(false);
          expect(rich.perCapitaIncome).to.be.at.least(poor.perCapitaIncome);
        },
      ),
    );
  });
});
