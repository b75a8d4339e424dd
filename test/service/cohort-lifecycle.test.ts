import { expect } from 'chai';
import fc from 'fast-check';
import type request from 'supertest';
import {
  TRANSITIONS,
  attendanceShare,
  certificateNumber,
  higherNationalLevel,
  planTransition,
  trainingAward,
  withAward,
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

interface Cohort {
  id: string;
  status: string;
  tradeCode?: string;
  tradeName?: string;
  nationalLevel?: number;
  levelName?: string;
  certified?: number;
  startedAt?: string;
  completedAt?: string;
}
interface Resident {
  id: string;
  skills: { name: string; nationalLevel?: number; code?: string }[];
  certificates: { name: string; nationalLevel?: number; number?: string; issuedOn?: string }[];
  updatedAt: string;
}
interface Progress {
  heldHours: number;
  requiredHours: number;
  items: {
    enrollmentId: string;
    resident: { id: string };
    attendedHours: number;
    share: number;
    meetsShare: boolean;
    certificateNumber?: string;
  }[];
}

function expectProblem(response: request.Response, status: number, code: string): void {
  expect(response.status, response.text).to.equal(status);
  expect((response.body as { code: string }).code).to.equal(code);
}

/** The body of a response expected to have `status`. */
function ok<T>(response: { status: number; text: string; body: T }, status = 200): T {
  expect(response.status, response.text).to.equal(status);
  return response.body;
}

describe('training lifecycle: open → running → completed, attendance, certificates, re-matching', () => {
  let t: TestApp;
  let staffA: ApiClient;
  let staffB: ApiClient;
  let provider: ApiClient;
  let otherProvider: ApiClient;
  let employer: ApiClient;
  /**
   * r1 already says 电焊 at 五级; r2 has no skills; r3 attends too little; rB lives in township B and is
   * already a 二级/技师 welder, above the 四级 the class awards.
   */
  let r1: string, r2: string, r3: string, rB: string;
  let householdA: string;
  let cohortId: string;
  const sessions: string[] = [];
  const PROVIDER = 'vocational-school-1';

  const resident = async (id: string) => ok<Resident>(await staffA.get(`/api/v1/residents/${id}`));

  before(async () => {
    t = await startTestApp({ LOG_LEVEL: 'warn' });
    staffA = api(t.app, await t.token(claims.staffA));
    staffB = api(t.app, await t.token(claims.staffB));
    provider = api(t.app, await t.token(claims.provider(PROVIDER)));
    otherProvider = api(t.app, await t.token(claims.provider('another-school')));
    employer = api(t.app, await t.token(claims.employer('aaaaaaaaaaaaaaaaaaaaaaaa')));
    const household = (householdA = ok<{ id: string }>(
      await staffA.post('/api/v1/households', { townshipCode: TOWNSHIP_A, community: '幸福社区' }),
      201,
    ).id);
    const householdB = ok<{ id: string }>(
      await staffB.post('/api/v1/households', { townshipCode: TOWNSHIP_B, community: '和谐社区' }),
      201,
    ).id;
    const create = async (client: ApiClient, body: Record<string, unknown>) =>
      ok<{ id: string }>(await client.post('/api/v1/residents', body), 201).id;
    r1 = await create(
      staffA,
      residentBody(household, 2001, { skills: [{ name: '电焊', nationalLevel: 5, years: 2 }] }),
    );
    r2 = await create(staffA, residentBody(household, 2002, { skills: [{ name: '砌筑' }] }));
    r3 = await create(staffA, residentBody(household, 2003, { skills: [] }));
    rB = await create(
      staffB,
      residentBody(householdB, 2004, { skills: [{ name: '电焊', nationalLevel: 2 }] }),
    );
  });
  after(async () => {
    await t.close();
  });

  it('opens a cohort with its trade read as a taxonomy concept', async () => {
    const cohort = ok<Cohort>(
      await staffA.post('/api/v1/cohorts', {
        providerId: PROVIDER,
        title: '电焊工（四级）培训班',
        trade: '电焊',
        nationalLevel: 4,
        certificate: '焊工（四级/中级工）',
        seats: 10,
        hours: 10,
        startsOn: '2026-03-02',
        endsOn: '2026-04-10',
      }),
      201,
    );
    cohortId = cohort.id;
    expect(cohort).to.include({
      status: 'open',
      tradeCode: 'welder',
      tradeName: '焊工',
      nationalLevel: 4,
      levelName: '四级/中级工',
    });
    for (const [client, id] of [
      [staffA, r1],
      [staffA, r2],
      [staffA, r3],
      [staffB, rB],
    ] as const)
      ok(await client.post(`/api/v1/cohorts/${cohortId}/enrollments`, { residentId: id }), 201);
  });

  it('schedules sessions with their hours; attendance waits until the cohort runs (409 COHORT_NOT_RUNNING)', async () => {
    for (const [heldOn, hours] of [
      ['2026-03-02', 4],
      ['2026-03-03', 4],
      ['2026-03-04', 2],
    ] as const)
      sessions.push(
        ok<{ id: string }>(
          await provider.post(`/api/v1/cohorts/${cohortId}/sessions`, { heldOn, hours, topic: '安全操作' }),
          201,
        ).id,
      );
    expectProblem(
      await provider.post(`/api/v1/cohorts/${cohortId}/sessions/${sessions[0]!}/attendance`, {
        records: [{ residentId: r1, present: true }],
      }),
      409,
      'COHORT_NOT_RUNNING',
    );
  });

  it('refuses a transition the lifecycle does not allow with 409 INVALID_TRANSITION', async () => {
    expectProblem(
      await staffA.post(`/api/v1/cohorts/${cohortId}/transitions`, { to: 'completed' }),
      409,
      'INVALID_TRANSITION',
    );
    expect(ok<Cohort>(await staffA.get(`/api/v1/cohorts/${cohortId}`)).status).to.equal('open');
  });

  it('the provider starts the cohort; enrolment then closes (409 NOT_ACTIVE)', async () => {
    const running = ok<Cohort>(
      await provider.post(`/api/v1/cohorts/${cohortId}/transitions`, { to: 'running' }),
    );
    expect(running.status).to.equal('running');
    expect(running.startedAt).to.be.a('string');
    // starting again is answered as done, not as an error
    expect(
      ok<Cohort>(await provider.post(`/api/v1/cohorts/${cohortId}/transitions`, { to: 'running' })).status,
    ).to.equal('running');
    expectProblem(
      await staffA.post(`/api/v1/cohorts/${cohortId}/enrollments`, { residentId: r1 }),
      409,
      'NOT_ACTIVE',
    );
  });

  it('the provider marks each session’s register; marking again overwrites the one record per session and resident', async () => {
    const [s1, s2, s3] = sessions as [string, string, string];
    const mark = (session: string, records: { residentId: string; present: boolean }[]) =>
      provider.post(`/api/v1/cohorts/${cohortId}/sessions/${session}/attendance`, { records });
    // r1 and rB everything (10 h), r2 the two long sessions (8 h = exactly the 0.8 share), r3 one (4 h)
    ok(
      await mark(
        s1,
        [r1, r2, r3, rB].map((residentId) => ({ residentId, present: true })),
      ),
    );
    ok(
      await mark(
        s2,
        [r1, r2, rB].map((residentId) => ({ residentId, present: true })),
      ),
    );
    ok(
      await mark(s3, [
        { residentId: r1, present: true },
        { residentId: r2, present: false },
        { residentId: rB, present: true },
      ]),
    );
    // a correction: r3 marked present in session 3 by mistake, then absent
    const first = ok<{ items: { id: string; present: boolean }[] }>(
      await mark(s3, [{ residentId: r3, present: true }]),
    );
    const corrected = ok<{ items: { id: string; present: boolean }[] }>(
      await mark(s3, [{ residentId: r3, present: false }]),
    );
    expect(corrected.items[0]!.id).to.equal(first.items[0]!.id);
    expect(corrected.items[0]!.present).to.equal(false);
    expect(await t.services.models.attendance.countDocuments({})).to.equal(4 + 3 + 4);
    const register = ok<{ total: number }>(
      await provider.get(`/api/v1/cohorts/${cohortId}/sessions/${s3}/attendance`),
    );
    expect(register.total).to.equal(4);
  });

  it('a register naming someone without a seat is refused whole: 409 NOT_ENROLLED, nothing written', async () => {
    const before = await t.services.models.attendance.countDocuments({});
    const notEnrolled = ok<{ id: string }>(
      await staffA.post('/api/v1/residents', residentBody(householdA, 2005)),
      201,
    ).id;
    const response = await provider.post(`/api/v1/cohorts/${cohortId}/sessions/${sessions[0]!}/attendance`, {
      records: [
        { residentId: r1, present: false },
        { residentId: notEnrolled, present: true },
      ],
    });
    expectProblem(response, 409, 'NOT_ENROLLED');
    expect((response.body as { errors: { path: string }[] }).errors[0]!.path).to.equal(
      'body.records.1.residentId',
    );
    expect(await t.services.models.attendance.countDocuments({})).to.equal(before);
    const stillPresent = await t.services.models.attendance
      .findOne({ attendanceKey: `${sessions[0]!}:${r1}` }, { present: 1 })
      .lean<{ present: boolean }>();
    expect(stillPresent?.present).to.equal(true);
  });

  it('progress shows each resident’s hours against the required share (staff see their own township only)', async () => {
    const progress = ok<Progress>(await provider.get(`/api/v1/cohorts/${cohortId}/progress`));
    expect(progress).to.include({ heldHours: 10, requiredHours: 8 });
    const byResident = new Map(progress.items.map((item) => [item.resident.id, item]));
    expect(byResident.get(r1)).to.include({ attendedHours: 10, share: 1, meetsShare: true });
    expect(byResident.get(r2)).to.include({ attendedHours: 8, share: 0.8, meetsShare: true });
    expect(byResident.get(r3)).to.include({ attendedHours: 4, share: 0.4, meetsShare: false });
    const seenByB = ok<Progress>(await staffB.get(`/api/v1/cohorts/${cohortId}/progress`));
    expect(seenByB.items.map((item) => item.resident.id)).to.deep.equal([rB]);
  });

  it('completion certifies who met the share: certificate and level on their skills, as a taxonomy concept', async () => {
    const before1 = await resident(r1);
    const completed = ok<Cohort>(
      await provider.post(`/api/v1/cohorts/${cohortId}/transitions`, { to: 'completed' }),
    );
    expect(completed).to.include({ status: 'completed', certified: 3 });

    const after1 = await resident(r1);
    // r1's free-text 电焊 (五级) is the same trade: raised to 四级 and tagged, not duplicated
    expect(after1.skills).to.deep.equal([{ name: '电焊', nationalLevel: 4, years: 2, code: 'welder' }]);
    expect(before1.certificates).to.deep.equal([]);
    expect(after1.certificates).to.have.length(1);
    expect(after1.certificates[0]).to.include({ name: '焊工（四级/中级工）', nationalLevel: 4 });
    expect(after1.certificates[0]!.number).to.equal(certificateNumber(cohortId, 1));

    const after2 = await resident(r2);
    expect(after2.skills).to.deep.equal([
      { name: '砌筑' },
      { name: '焊工', code: 'welder', nationalLevel: 4 },
    ]);
    expect(after2.certificates.map((c) => c.number)).to.deep.equal([certificateNumber(cohortId, 2)]);

    const afterB = ok<Resident>(await staffB.get(`/api/v1/residents/${rB}`));
    expect(afterB.certificates.map((c) => c.number)).to.deep.equal([certificateNumber(cohortId, 3)]);
    // a class at 四级 never lowers a 二级/技师: the smaller national number is the higher level
    expect(afterB.skills).to.deep.equal([{ name: '电焊', nationalLevel: 2, code: 'welder' }]);
    expect(afterB.certificates[0]).to.include({ nationalLevel: 4 });
  });

  it('attendance below the share earns no certificate and leaves the resident’s record as it was', async () => {
    const after3 = await resident(r3);
    expect(after3.skills).to.deep.equal([]);
    expect(after3.certificates).to.deep.equal([]);
    const enrolments = ok<{
      items: { resident: { id: string }; completion?: { certified: boolean; share: number } }[];
    }>(await staffA.get(`/api/v1/cohorts/${cohortId}/enrollments`));
    const r3Enrolment = enrolments.items.find((item) => item.resident.id === r3);
    expect(r3Enrolment?.completion).to.deep.equal({ attendedHours: 4, share: 0.4, certified: false });
  });

  it('each certified resident has a pending re-match request from this cohort, nobody else', async () => {
    const requests = await t.services.models.rematchRequests.find({}).lean();
    expect(requests.map((r) => r.residentId.toString()).sort()).to.deep.equal([r1, r2, rB].sort());
    for (const request of requests)
      expect(request).to.include({
        reason: 'training-completed',
        source: `cohort:${cohortId}`,
        state: 'pending',
      });
    expect(requests.find((r) => r.residentId.toString() === rB)?.townshipCode).to.equal(TOWNSHIP_B);
  });

  it('completing again (also twice at once) writes nothing twice', async () => {
    const before = await Promise.all([r1, r2].map(resident));
    const answers = await Promise.all([
      provider.post(`/api/v1/cohorts/${cohortId}/transitions`, { to: 'completed' }),
      staffA.post(`/api/v1/cohorts/${cohortId}/transitions`, { to: 'completed' }),
    ]);
    for (const answer of answers)
      expect(ok<Cohort>(answer)).to.include({ status: 'completed', certified: 3 });
    const after = await Promise.all([r1, r2].map(resident));
    expect(after).to.deep.equal(before);
    expect(await t.services.models.rematchRequests.countDocuments({})).to.equal(3);
  });

  it('a completed cohort is final: no way back, no attendance, no sessions, no cancellations', async () => {
    expectProblem(
      await staffA.post(`/api/v1/cohorts/${cohortId}/transitions`, { to: 'running' }),
      409,
      'INVALID_TRANSITION',
    );
    expectProblem(
      await staffA.post(`/api/v1/cohorts/${cohortId}/transitions`, { to: 'cancelled' }),
      409,
      'INVALID_TRANSITION',
    );
    expectProblem(
      await provider.post(`/api/v1/cohorts/${cohortId}/sessions/${sessions[0]!}/attendance`, {
        records: [{ residentId: r3, present: true }],
      }),
      409,
      'COHORT_NOT_RUNNING',
    );
    expectProblem(
      await provider.post(`/api/v1/cohorts/${cohortId}/sessions`, { heldOn: '2026-04-01', hours: 2 }),
      409,
      'COHORT_FINISHED',
    );
    const enrolments = ok<{ items: { id: string }[] }>(
      await staffA.get(`/api/v1/cohorts/${cohortId}/enrollments`),
    );
    expectProblem(
      await staffA.post(`/api/v1/cohorts/${cohortId}/enrollments/${enrolments.items[0]!.id}/cancel`),
      409,
      'COHORT_FINISHED',
    );
    expectProblem(
      await staffA.patch(`/api/v1/cohorts/${cohortId}`, { title: '改名' }),
      409,
      'COHORT_FINISHED',
    );
  });

  it('a cohort can be cancelled while open or running, and stays cancelled', async () => {
    const other = ok<Cohort>(
      await staffA.post('/api/v1/cohorts', {
        providerId: PROVIDER,
        title: '保洁员培训班',
        trade: '保洁',
        seats: 5,
        hours: 20,
        startsOn: '2026-05-01',
        endsOn: '2026-05-10',
      }),
      201,
    );
    const cancelled = ok<Cohort>(
      await provider.post(`/api/v1/cohorts/${other.id}/transitions`, { to: 'cancelled' }),
    );
    expect(cancelled.status).to.equal('cancelled');
    expectProblem(
      await provider.post(`/api/v1/cohorts/${other.id}/transitions`, { to: 'running' }),
      409,
      'INVALID_TRANSITION',
    );
    expect(await t.services.models.rematchRequests.countDocuments({ source: `cohort:${other.id}` })).to.equal(
      0,
    );
  });

  it('SEC-01/SEC-04: another provider gets 404 everywhere, staff of another township see only their own, employers 403', async () => {
    const paths = [
      ['post', `/api/v1/cohorts/${cohortId}/transitions`, { to: 'completed' }],
      ['post', `/api/v1/cohorts/${cohortId}/sessions`, { heldOn: '2026-04-01', hours: 2 }],
      [
        'post',
        `/api/v1/cohorts/${cohortId}/sessions/${sessions[0]!}/attendance`,
        { records: [{ residentId: r1, present: true }] },
      ],
      ['get', `/api/v1/cohorts/${cohortId}/sessions`],
      ['get', `/api/v1/cohorts/${cohortId}/sessions/${sessions[0]!}/attendance`],
      ['get', `/api/v1/cohorts/${cohortId}/progress`],
    ] as const;
    for (const [method, path, body] of paths) {
      const response =
        method === 'get' ? await otherProvider.get(path) : await otherProvider.post(path, body);
      expectProblem(response, 404, 'NOT_FOUND');
      const asEmployer = method === 'get' ? await employer.get(path) : await employer.post(path, body);
      expectProblem(asEmployer, 403, 'FORBIDDEN');
    }
    const register = ok<{ items: { resident: { id: string } }[] }>(
      await staffB.get(`/api/v1/cohorts/${cohortId}/sessions/${sessions[0]!}/attendance`),
    );
    expect(register.items.map((item) => item.resident.id)).to.deep.equal([rB]);
  });
});

interface Proposals {
  townships: string[];
  residents: number;
  unmatched: number;
  proposals: {
    trade: string;
    tradeName: string;
    nationalLevel: number;
    levelName: string;
    expectedSeats: number;
    residents: number;
    residentIds: string[];
    openingIds: string[];
    headcount: number;
  }[];
}

describe('proposed cohorts from the skill-gap analysis', () => {
  let t: TestApp;
  let staffA: ApiClient;
  let staffB: ApiClient;
  let admin: ApiClient;
  const inA: string[] = [];
  let inB: string;
  let machinist: string;
  const sewing: string[] = [];

  before(async () => {
    t = await startTestApp({ LOG_LEVEL: 'warn' });
    staffA = api(t.app, await t.token(claims.staffA));
    staffB = api(t.app, await t.token(claims.staffB));
    admin = api(t.app, await t.token(claims.admin));
    const employer = ok<{ id: string }>(
      await admin.post('/api/v1/employers', { name: '制衣厂', countyCode: '520121', kind: 'firm' }),
      201,
    ).id;
    for (const headcount of [3, 2])
      sewing.push(
        ok<{ id: string }>(
          await admin.post('/api/v1/openings', {
            employerId: employer,
            kind: 'local',
            title: '平车工',
            occupation: '缝纫工',
            skills: [{ name: '平车', required: true, minNationalLevel: 4 }],
            countyCode: '520121',
            wage: { min: 4000, max: 6000 },
            headcount,
          }),
          201,
        ).id,
      );
    const householdA = ok<{ id: string }>(
      await staffA.post('/api/v1/households', { townshipCode: TOWNSHIP_A, community: '幸福社区' }),
      201,
    ).id;
    const householdB = ok<{ id: string }>(
      await staffB.post('/api/v1/households', { townshipCode: TOWNSHIP_B, community: '和谐社区' }),
      201,
    ).id;
    const bricklayer = { skills: [{ name: '砌筑' }], mobility: 'local' };
    for (const n of [2101, 2102, 2103])
      inA.push(
        ok<{ id: string }>(
          await staffA.post('/api/v1/residents', residentBody(householdA, n, bricklayer)),
          201,
        ).id,
      );
    // already a sewing machinist at 三级: matched, so in no proposal (a trade with no licence needed)
    machinist = ok<{ id: string }>(
      await staffA.post(
        '/api/v1/residents',
        residentBody(householdA, 2105, { skills: [{ name: '缝纫', nationalLevel: 3 }], mobility: 'local' }),
      ),
      201,
    ).id;
    inB = ok<{ id: string }>(
      await staffB.post('/api/v1/residents', residentBody(householdB, 2104, bricklayer)),
      201,
    ).id;
  });
  after(async () => {
    await t.close();
  });

  it('proposes the trade and level that would open the most jobs, with the residents and openings behind it', async () => {
    const answer = ok<Proposals>(await staffA.get('/api/v1/cohorts/proposals'));
    expect(answer).to.include({ residents: 4, unmatched: 3 });
    expect(answer.townships).to.deep.equal([TOWNSHIP_A]);
    const [first] = answer.proposals;
    expect(first).to.include({
      trade: 'sewing-machinist',
      tradeName: '缝纫工',
      nationalLevel: 4,
      levelName: '四级/中级工',
    });
    expect(first).to.include({ residents: 3, headcount: 5, expectedSeats: 3 });
    expect([...first!.residentIds].sort()).to.deep.equal([...inA].sort());
    expect(answer.proposals.flatMap((proposal) => proposal.residentIds)).not.to.include(machinist);
    expect(first!.openingIds).to.deep.equal([...sewing].sort());
  });

  it('is scoped to the caller’s townships: staff of B see their resident only; an admin sees the county', async () => {
    const seenByB = ok<Proposals>(await staffB.get('/api/v1/cohorts/proposals'));
    expect(seenByB.residents).to.equal(1);
    expect(seenByB.proposals[0]?.residentIds).to.deep.equal([inB]);
    // asking for a township not theirs finds nobody
    expect(
      ok<Proposals>(await staffB.get(`/api/v1/cohorts/proposals?townshipCode=${TOWNSHIP_A}`)).residents,
    ).to.equal(0);
    const county = ok<Proposals>(await admin.get('/api/v1/cohorts/proposals'));
    expect(county.proposals[0]).to.include({ trade: 'sewing-machinist', residents: 4, expectedSeats: 4 });
  });

  it('a higher cutoff counts the weakly matched as unmatched too; limit caps the list; providers may not ask (403)', async () => {
    const strict = ok<Proposals>(await staffA.get('/api/v1/cohorts/proposals?cutoff=100'));
    expect(strict.unmatched).to.equal(4);
    const capped = ok<Proposals>(await staffA.get('/api/v1/cohorts/proposals?limit=1'));
    expect(capped.proposals).to.have.length(1);
    const provider = api(t.app, await t.token(claims.provider('vocational-school-1')));
    expectProblem(await provider.get('/api/v1/cohorts/proposals'), 403, 'FORBIDDEN');
    expectProblem(await staffA.get('/api/v1/cohorts/proposals?limit=500'), 400, 'VALIDATION_FAILED');
  });
});

describe('training lifecycle rules', () => {
  const STATES = ['open', 'running', 'completed', 'cancelled'] as const;

  it('planTransition allows exactly open → running → completed and cancelling from open or running', () => {
    const allowed = STATES.flatMap((from) =>
      STATES.filter((to) => planTransition(from, to) === 'move').map((to) => `${from}→${to}`),
    );
    expect(allowed).to.deep.equal([
      'open→running',
      'open→cancelled',
      'running→completed',
      'running→cancelled',
    ]);
    for (const state of STATES) expect(planTransition(state, state)).to.equal('already');
    expect(TRANSITIONS.completed).to.deep.equal([]);
    expect(TRANSITIONS.cancelled).to.deep.equal([]);
  });

  it('attendanceShare: 64 of 80 hours meets 0.8, 63 does not; extra hours never push the share past 1', () => {
    expect(attendanceShare(64, 80, 0.8)).to.deep.equal({ share: 0.8, meetsShare: true });
    expect(attendanceShare(63, 80, 0.8).meetsShare).to.equal(false);
    expect(attendanceShare(90, 80, 0.8)).to.deep.equal({ share: 1, meetsShare: true });
    fc.assert(
      fc.property(
        fc.nat(200),
        fc.nat(200),
        fc.integer({ min: 1, max: 2000 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (a, b, hours, share) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          // more hours never loses a certificate
          if (attendanceShare(low, hours, share).meetsShare)
            expect(attendanceShare(high, hours, share).meetsShare).to.equal(true);
          expect(attendanceShare(high, hours, share).share).to.be.within(0, 1);
        },
      ),
    );
  });

  const award = trainingAward(
    { trade: '电焊', tradeCode: 'welder', tradeName: '焊工', nationalLevel: 4 },
    'AJ-00000001-001',
    '2026-04-10',
  );
  const conceptOf = (name: string) => (name === '电焊' || name === '焊工' ? 'welder' : undefined);

  it('trainingAward names the certificate after the trade and level when the cohort names none', () => {
    expect(award).to.deep.equal({
      skill: { name: '焊工', code: 'welder', nationalLevel: 4 },
      certificate: {
        name: '焊工（四级/中级工）',
        nationalLevel: 4,
        issuedOn: '2026-04-10',
        number: 'AJ-00000001-001',
      },
    });
  });

  it('withAward raises the level of the same trade, never lowers it, and a second award changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record(
            {
              name: fc.constantFrom('电焊', '焊工', '砌筑', '保洁'),
              nationalLevel: fc.integer({ min: 1, max: 5 }),
              code: fc.constantFrom('welder', 'bricklayer'),
            },
            { requiredKeys: ['name'] },
          ),
          { maxLength: 4 },
        ),
        (skills) => {
          const before = { skills, certificates: [] };
          const snapshot = JSON.stringify(before);
          const once = withAward(before, award, conceptOf);
          expect(JSON.stringify(before), 'does not mutate its inputs').to.equal(snapshot);
          expect(once).to.not.equal(null);
          expect(withAward(once!, award, conceptOf), 'idempotent').to.equal(null);
          expect(once!.certificates).to.have.length(1);
          const welders = once!.skills.filter((s) => s.code === 'welder' || conceptOf(s.name) === 'welder');
          expect(welders.length).to.be.at.least(1);
          // 四级 or higher: a national number of 4 or less
          expect(Math.min(...welders.map((s) => s.nationalLevel ?? 6))).to.be.at.most(4);
          // the welding record joined keeps its level when above 四级 and takes 四级 otherwise
          const joined = skills.findIndex(
            (s) => s.code === 'welder' || (s.code === undefined && conceptOf(s.name) === 'welder'),
          );
          const listed = skills[joined];
          const after = joined === -1 ? once!.skills.at(-1) : once!.skills[joined];
          expect(after!.nationalLevel).to.equal(Math.min(listed?.nationalLevel ?? 4, 4));
          expect(once!.skills.length - skills.length).to.be.at.most(1);
        },
      ),
    );
  });

  it('withAward never lowers a level: a 二级/技师 stays 二级 after a 四级 class; a 五级 becomes 四级', () => {
    const technician = withAward(
      { skills: [{ name: '电焊', nationalLevel: 2 }], certificates: [] },
      award,
      conceptOf,
    );
    expect(technician!.skills).to.deep.equal([{ name: '电焊', nationalLevel: 2, code: 'welder' }]);
    expect(technician!.certificates[0]).to.include({ name: '焊工（四级/中级工）', nationalLevel: 4 });
    const beginner = withAward(
      { skills: [{ name: '电焊', nationalLevel: 5 }], certificates: [] },
      award,
      conceptOf,
    );
    expect(beginner!.skills).to.deep.equal([{ name: '电焊', nationalLevel: 4, code: 'welder' }]);
    expect(higherNationalLevel(2, 4)).to.equal(2);
    expect(higherNationalLevel(5, 4)).to.equal(4);
    expect(higherNationalLevel(undefined, 3)).to.equal(3);
    expect(higherNationalLevel(1, undefined)).to.equal(1);
  });
});
