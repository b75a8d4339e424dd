// A job fair end to end through HTTP against the real servers: booths and openings, registrations, the
// matching job with its progress, shortlists as JSON and Excel, check-in → interview → intent → hire →
// placement; and SEC-03, PII-09, the re-match of one resident.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import request from 'supertest';
import {
  ID_NUMBER_PATTERN,
  JOB_KINDS,
  MOBILE_PATTERN,
  SHORTLIST_COLUMNS,
  WORKER_TICKS,
  bullJobOptions,
  requestRematch,
  requesterOf,
  startJobWorkers,
  type FaultHook,
  type JobWorkers,
} from '@anju/service';
import type { Placement, Registration, Shortlist } from '@anju/shared';
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
import { inspectQueue, waitFor } from './jobs-support.ts';

interface Job {
  state: string;
  progress: number;
  stage: string;
  result?: Record<string, unknown>;
  attempts: number;
}

function idOf(response: { status: number; text: string; body: unknown }, what: string): string {
  expect(response.status, `${what}: ${response.text}`).to.be.oneOf([200, 201]);
  return (response.body as { id: string }).id;
}

/** Waits for a job to finish through GET /api/v1/jobs/:id, keeping every answer seen on the way. */
async function finished(client: ApiClient, jobId: string): Promise<{ job: Job; seen: Job[] }> {
  const seen: Job[] = [];
  const job = await waitFor(
    'the matching job to finish',
    async () => {
      const response = await client.get(`/api/v1/jobs/${jobId}`);
      expect(response.status, response.text).to.equal(200);
      const current = response.body as Job;
      seen.push(current);
      return current.state === 'completed' || current.state === 'failed' ? current : undefined;
    },
    20_000,
    25,
  );
  return { job, seen };
}

describe('a job fair from creation to hires', function () {
  this.timeout(60_000);
  let t: TestApp;
  let workers: JobWorkers;
  let admin: ApiClient;
  let staffA: ApiClient;
  let fairId: string;
  const booths: Record<'sewing' | 'electronics' | 'welding', string> = {
    sewing: '',
    electronics: '',
    welding: '',
  };
  const openings: Record<'sewing' | 'electronics' | 'welding', string> = {
    sewing: '',
    electronics: '',
    welding: '',
  };
  const employers: Record<'sewing' | 'electronics' | 'welding', string> = {
    sewing: '',
    electronics: '',
    welding: '',
  };
  /** Residents by what they do: A-township ones registered at the fair, a B-township one, one moving. */
  const people: Record<string, string> = {};
  const registrations: Record<string, string> = {};
  let matchingJobId = '';
  /** Holds the matching job at a checkpoint until released, so a test can watch it mid-run. */
  let hold: { point: string; release: Promise<void> } | undefined;

  const faults: FaultHook = async (point) => {
    if (hold !== undefined && hold.point === point) await hold.release;
  };

  before(async () => {
    t = await startTestApp({ JOB_RECONCILE_MS: '200' });
    workers = startJobWorkers(t.services, JOB_KINDS, { ticks: WORKER_TICKS, faults });
    admin = api(t.app, await t.token(claims.admin));
    staffA = api(t.app, await t.token(claims.staffA));
    const staffB = api(t.app, await t.token(claims.staffB));

    const employer = async (name: string, countyCode: string, kind: string) =>
      idOf(await admin.post('/api/v1/employers', { name, countyCode, kind }), name);
    employers.sewing = await employer('安居帮扶车间', '520121', 'assistance-workshop');
    employers.electronics = await employer('东莞电子厂', '441900', 'labour-agency');
    employers.welding = await employer('贵阳钢构公司', '520102', 'firm');
    const opening = async (employerId: string, body: Record<string, unknown>) =>
      idOf(await admin.post('/api/v1/openings', { employerId, ...body }), String(body.title));
    openings.sewing = await opening(employers.sewing, {
      kind: 'assistance-workshop',
      title: '缝纫工',
      occupation: '缝纫工',
      countyCode: '520121',
      wage: { min: 2600, max: 3600 },
      headcount: 2,
      hoursPerWeek: 44,
    });
    openings.electronics = await opening(employers.electronics, {
      kind: 'labour-cooperation',
      title: '电子装配工（劳务协作）',
      occupation: '电子装配工',
      countyCode: '441900',
      wage: { min: 5000, max: 7000 },
      headcount: 3,
      accommodation: true,
      hoursPerWeek: 54,
    });
    openings.welding = await opening(employers.welding, {
      kind: 'local',
      title: '电焊工',
      occupation: '焊工',
      countyCode: '520102',
      wage: { min: 4500, max: 6500 },
      headcount: 1,
    });
    fairId = idOf(
      await admin.post('/api/v1/fairs', {
        title: '2026 春风行动专场招聘会',
        countyCode: '520121',
        venue: '安置点广场',
        heldOn: '2026-03-01',
      }),
      'fair',
    );
    for (const trade of ['sewing', 'electronics', 'welding'] as const)
      booths[trade] = idOf(
        await admin.post(`/api/v1/fairs/${fairId}/booths`, {
          employerId: employers[trade],
          name: `${trade} 展位`,
          seats: 10,
          openingIds: [openings[trade]],
        }),
        `${trade} booth`,
      );

    const household = async (client: ApiClient, townshipCode: string) =>
      idOf(await client.post('/api/v1/households', { townshipCode, community: '幸福社区' }), 'household');
    const resident = async (
      client: ApiClient,
      householdId: string,
      n: number,
      extra: Record<string, unknown>,
    ) => idOf(await client.post('/api/v1/residents', residentBody(householdId, n, extra)), `resident ${n}`);
    const h1 = await household(staffA, TOWNSHIP_A);
    const h2 = await household(staffA, TOWNSHIP_A);
    const h3 = await household(staffA, TOWNSHIP_A);
    const hB = await household(staffB, TOWNSHIP_B);
    people.welder = await resident(staffA, h1, 501, {
      skills: [{ name: '电焊', nationalLevel: 3, years: 8 }],
      licences: [{ name: '焊工证' }],
      consent: { shareWithEmployers: true },
    });
    people.sewerNoConsent = await resident(staffA, h1, 502, {
      skills: [{ name: '缝纫工', nationalLevel: 4 }],
      mobility: 'local',
      expectedMonthlyWage: 3000,
      consent: { shareWithEmployers: false },
    });
    people.sewer = await resident(staffA, h2, 503, {
      skills: [{ name: '车位', nationalLevel: 4, years: 5 }],
      mobility: 'local',
      expectedMonthlyWage: 3000,
      consent: { shareWithEmployers: true },
    });
    people.assembler = await resident(staffA, h3, 504, {
      skills: [{ name: '电子厂', years: 2 }],
      mobility: 'national',
      consent: { shareWithEmployers: true },
    });
    people.otherTownship = await resident(staffB, hB, 505, {
      skills: [{ name: '缝纫工', nationalLevel: 3 }],
      mobility: 'local',
      consent: { shareWithEmployers: true },
    });
    const register = async (who: string, trade: keyof typeof booths) => {
      registrations[who] = idOf(
        await staffA.post(`/api/v1/fairs/${fairId}/registrations`, {
          residentId: people[who],
          boothId: booths[trade],
        }),
        `registration of ${who}`,
      );
    };
    await register('welder', 'welding');
    await register('sewer', 'sewing');
    await register('sewerNoConsent', 'sewing');
    await register('assembler', 'electronics');
  });

  after(async () => {
    await workers.stop(5000);
    await t.close();
  });

  const counts = async () => ({
    registrations: await t.services.models.registrations.countDocuments({}),
    enrollments: await t.services.models.enrollments.countDocuments({}),
    placements: await t.services.models.placements.countDocuments({}),
  });

  it('staff start the matching: 202 with a job id, progress is visible while it runs, then a summary', async () => {
    let release: () => void = () => undefined;
    hold = { point: 'residents loaded', release: new Promise<void>((resolve) => (release = resolve)) };
    const before = await counts();
    const started = await staffA.post(`/api/v1/fairs/${fairId}/matching`, { objective: 'households-first' });
    expect(started.status, started.text).to.equal(202);
    const accepted = started.body as { jobId: string; state: string; statusUrl: string };
    expect(accepted.state).to.equal('queued');
    expect(accepted.statusUrl).to.equal(`/api/v1/jobs/${accepted.jobId}`);
    matchingJobId = accepted.jobId;

    let midway: Job;
    try {
      midway = await waitFor('the job to report loading residents', async () => {
        const job = (await staffA.get(accepted.statusUrl)).body as Job;
        return job.state === 'active' && /residents/.test(job.stage) ? job : undefined;
      });
    } finally {
      release();
      hold = undefined;
    }
    expect(midway.progress).to.be.within(1, 99);

    const { job, seen } = await finished(staffA, matchingJobId);
    expect(job.state, JSON.stringify(job)).to.equal('completed');
    expect(job.progress).to.equal(100);
    const progress = seen.map((answer) => answer.progress);
    expect(progress).to.deep.equal(
      [...progress].sort((a, b) => a - b),
      'progress never goes back',
    );
    expect(job.result).to.deep.include({
      fairId,
      objective: 'households-first',
      pool: 'county',
      booths: 3,
      openings: 3,
      seats: 6,
      // Township A's four residents: the requester's scope, not township B's.
      residentsInScope: 4,
      residentsMatched: 4,
    });
    expect(job.result?.proposed).to.be.at.least(2);
    // PII-09: matching recommends; it enrols, registers and places nobody.
    expect(await counts()).to.deep.equal(before);
  });

  it('PII-04: the job record and its bull job hold ids and options only', async () => {
    const record = await t.services.jobs.get(matchingJobId);
    expect(record?.params).to.deep.equal({ fairId, objective: 'households-first', pool: 'county' });
    const text = JSON.stringify(record);
    expect(text).not.to.match(ID_NUMBER_PATTERN);
    expect(text).not.to.match(MOBILE_PATTERN);
    expect(text).not.to.match(/王|李|张/);
  });

  it('a booth’s shortlist for staff: their township’s candidates, masked, with score and explanation', async () => {
    const response = await staffA.get(`/api/v1/fairs/${fairId}/booths/${booths.sewing}/shortlist`);
    expect(response.status, response.text).to.equal(200);
    const shortlist = response.body as Shortlist;
    expect(shortlist.jobId).to.equal(matchingJobId);
    expect(shortlist.openings).to.have.length(1);
    const [sewing] = shortlist.openings;
    const ids = sewing!.candidates.map((candidate) => candidate.resident.id);
    expect(ids).to.include.members([people.sewer, people.sewerNoConsent]);
    expect(ids).not.to.include(people.otherTownship);
    for (const candidate of sewing!.candidates) {
      expect(candidate.townshipCode).to.equal(TOWNSHIP_A);
      expect(candidate.resident.name).to.match(/^.\*+$/);
      expect(candidate.resident.idNumber).to.match(/^5201\*+\d{3}[\dX]$/);
      expect(candidate.explanation.factors.map((factor) => factor.factor)).to.have.members([
        'skills',
        'location',
        'wage',
        'hours',
      ]);
      expect(candidate.score).to.equal(
        candidate.explanation.factors.reduce((sum, factor) => sum + factor.points, 0),
      );
    }
    // The allocation never proposes more people than the opening takes.
    expect(sewing!.candidates.filter((candidate) => candidate.proposed).length).to.be.at.most(2);
    expect(sewing!.candidates[0]!.proposed).to.equal(true);
  });

  it('SEC-04: an employer sees only its own booth’s shortlist, only residents who consented, masked', async () => {
    const employer = api(t.app, await t.token(claims.employer(employers.sewing)));
    const own = await employer.get(`/api/v1/fairs/${fairId}/booths/${booths.sewing}/shortlist`);
    expect(own.status, own.text).to.equal(200);
    const candidates = (own.body as Shortlist).openings[0]!.candidates;
    expect(candidates.map((candidate) => candidate.resident.id)).to.include(people.sewer);
    expect(candidates.map((candidate) => candidate.resident.id)).not.to.include(people.sewerNoConsent);
    for (const candidate of candidates) {
      expect(candidate.townshipCode).to.equal(undefined);
      expect(candidate.resident.idNumber).to.match(/^5\*{16}[\dX]$/);
    }
    const other = await employer.get(`/api/v1/fairs/${fairId}/booths/${booths.welding}/shortlist`);
    expect(other.status).to.equal(404);
    const staffB = api(t.app, await t.token(claims.staffB));
    expect((await staffB.get(`/api/v1/jobs/${matchingJobId}`)).status).to.equal(404);
    expect((await employer.post(`/api/v1/fairs/${fairId}/matching`, {})).status).to.equal(403);
  });

  it('the shortlist as an Excel sheet to print: masked rows, blank columns for the fair, an audited export', async () => {
    const response = await request(t.app)
      .get(`/api/v1/fairs/${fairId}/booths/${booths.sewing}/shortlist.xlsx`)
      .set('Authorization', `Bearer ${await t.token(claims.staffA)}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          done(null, Buffer.concat(chunks));
        });
      });
    expect(response.status).to.equal(200);
    expect(response.headers['content-type']).to.match(/spreadsheetml/);
    expect(response.headers['content-disposition']).to.match(
      /attachment; filename=".*\.xlsx"; filename\*=UTF-8''/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as ArrayBuffer);
    const sheet = workbook.getWorksheet('推荐名单')!;
    expect(sheet.getCell(1, 1).text).to.include('2026 春风行动专场招聘会');
    expect((sheet.getRow(4).values as unknown[]).slice(1)).to.deep.equal(SHORTLIST_COLUMNS);
    const json = (await staffA.get(`/api/v1/fairs/${fairId}/booths/${booths.sewing}/shortlist`))
      .body as Shortlist;
    const candidates = json.openings[0]!.candidates;
    expect(sheet.rowCount).to.equal(4 + candidates.length);
    candidates.forEach((candidate, index) => {
      const row = sheet.getRow(5 + index);
      expect(row.getCell(3).value).to.equal(candidate.resident.name);
      expect(row.getCell(4).value).to.equal(candidate.resident.idNumber);
      expect(row.getCell(6).value).to.equal(candidate.score);
      expect(row.getCell(7).value).to.equal(candidate.proposed ? '是' : null);
    });
    sheet.eachRow((row) => {
      const text = JSON.stringify(row.values);
      expect(text).not.to.match(ID_NUMBER_PATTERN);
      expect(text).not.to.match(MOBILE_PATTERN);
    });
    const audit = await t.services.audit.model.findOne({ action: 'export', targetId: booths.sewing }).lean();
    expect(audit).to.deep.include({ actor: 'staff-a', outcome: 'allowed', reason: 'shortlist.xlsx' });
  });

  const at = (who: string, action: string, body: unknown = {}) =>
    staffA.post(`/api/v1/fairs/${fairId}/registrations/${registrations[who]!}/${action}`, body);

  it('at the fair, each step needs the one before: no interview before check-in, no hire before an intent', async () => {
    const early = await at('sewer', 'interview', { outcome: 'passed' });
    expect(early.status).to.equal(409);
    expect((early.body as { code: string }).code).to.equal('INVALID_STATE');
    expect((await at('sewer', 'hire', { startedOn: '2026-03-10', monthlyWage: 3000 })).status).to.equal(409);
    const checkedIn = await at('sewer', 'check-in');
    expect(checkedIn.status, checkedIn.text).to.equal(200);
    expect((checkedIn.body as Registration).step).to.equal('checked-in');
    // Checking in twice changes nothing.
    const again = await at('sewer', 'check-in');
    expect((again.body as Registration).checkedInAt).to.equal((checkedIn.body as Registration).checkedInAt);
    const failed = await at('sewerNoConsent', 'check-in').then(() =>
      at('sewerNoConsent', 'interview', { outcome: 'failed', openingId: openings.sewing }),
    );
    expect((failed.body as Registration).interview?.outcome).to.equal('failed');
    expect((await at('sewerNoConsent', 'intent', { openingId: openings.sewing })).status).to.equal(409);
    // An opening of another booth is not this registration's.
    expect(
      (await at('sewer', 'interview', { outcome: 'passed', openingId: openings.welding })).status,
    ).to.equal(404);
  });

  it('check-in → interview → intent → hire creates the placement: local, in-province and cross-province', async () => {
    const hire = async (who: string, trade: keyof typeof openings, wage: number) => {
      expect((await at(who, 'check-in')).status).to.equal(200);
      expect((await at(who, 'interview', { outcome: 'passed', openingId: openings[trade] })).status).to.equal(
        200,
      );
      const intent = await at(who, 'intent', { openingId: openings[trade], note: '双方同意' });
      expect((intent.body as Registration).intent?.openingId).to.equal(openings[trade]);
      const hired = await at(who, 'hire', { startedOn: '2026-03-10', monthlyWage: wage });
      expect(hired.status, hired.text).to.equal(201);
      return hired.body as { registration: Registration; placement: Placement };
    };
    const local = await hire('sewer', 'sewing', 3200);
    expect(local.registration.step).to.equal('hired');
    expect(local.registration.hire?.placementId).to.equal(local.placement.id);
    expect(local.placement).to.deep.include({
      employerId: employers.sewing,
      openingId: openings.sewing,
      countyCode: '520121',
      reach: 'local',
      crossProvince: false,
      monthlyWage: 3200,
      source: 'fair',
      townshipCode: TOWNSHIP_A,
    });
    expect(local.placement.resident.id).to.equal(people.sewer);
    expect((await hire('welder', 'welding', 5000)).placement).to.deep.include({
      reach: 'in-province',
      crossProvince: false,
    });
    expect((await hire('assembler', 'electronics', 6000)).placement).to.deep.include({
      reach: 'cross-province',
      crossProvince: true,
    });
    // Hired once: a second hire is refused and no second placement is written.
    expect((await at('sewer', 'hire', { startedOn: '2026-03-11', monthlyWage: 3200 })).status).to.equal(409);
    const placements = await staffA.get(`/api/v1/placements?residentId=${people.sewer}`);
    expect((placements.body as { total: number }).total).to.equal(1);
  });

  it('SEC-03: the worker takes scope from the stored records, not from the job payload', async () => {
    // A job record of staff A, enqueued by hand with a payload that claims more than the record says.
    const record = (
      await t.services.jobs.records.insertMany([
        {
          kind: 'fair-matching',
          state: 'queued',
          progress: 0,
          stage: 'queued',
          requester: requesterOf(claims.staffA),
          subjectId: new Types.ObjectId(fairId),
          townshipCodes: [TOWNSHIP_A],
          allTownships: false,
          params: { fairId, objective: 'total-score', pool: 'county' },
          attempts: 0,
        },
      ])
    )[0]!;
    const id = record._id.toHexString();
    // And between the request and the run, one of township A's residents moved to township B.
    await t.services.models.residents.updateOne(
      { _id: new Types.ObjectId(people.assembler) },
      { $set: { townshipCode: TOWNSHIP_B } },
    );
    const queue = inspectQueue(t.config);
    try {
      await queue.add(
        { id, requester: { role: 'admin' }, townshipCodes: [TOWNSHIP_A, TOWNSHIP_B] } as unknown as {
          id: string;
        },
        bullJobOptions(id, 1),
      );
    } finally {
      await queue.close();
    }
    const { job } = await finished(admin, id);
    expect(job.state).to.equal('completed');
    expect(job.result).to.deep.include({ residentsInScope: 3 });
    const rows = await t.services.models.recommendations.find({ jobId: record._id }).lean();
    expect(rows.length).to.be.greaterThan(0);
    expect(new Set(rows.map((row) => row.townshipCode))).to.deep.equal(new Set([TOWNSHIP_A]));
    expect(rows.map((row) => row.residentId.toHexString())).not.to.include.members([
      people.assembler,
      people.otherTownship,
    ]);
    await t.services.models.residents.updateOne(
      { _id: new Types.ObjectId(people.assembler) },
      { $set: { townshipCode: TOWNSHIP_A } },
    );
  });

  it('a re-match request becomes a job that ranks the resident against every open opening, then is done', async () => {
    await requestRematch(t.services, {
      residentId: new Types.ObjectId(people.sewerNoConsent),
      townshipCode: TOWNSHIP_A,
      reason: 'training-completed',
      source: 'cohort:test',
    });
    const request = await waitFor('the re-match request to be done', async () => {
      const found = await t.services.models.rematchRequests
        .findOne({ residentId: new Types.ObjectId(people.sewerNoConsent) })
        .lean();
      return found?.state === 'done' ? found : undefined;
    });
    expect(request.jobId?.toHexString()).to.equal(request._id.toHexString());
    const job = (await staffA.get(`/api/v1/jobs/${request._id.toHexString()}`)).body as Job & {
      kind: string;
    };
    expect(job).to.deep.include({ kind: 'rematch', state: 'completed' });
    const response = await staffA.get(`/api/v1/residents/${people.sewerNoConsent}/recommendations`);
    expect(response.status, response.text).to.equal(200);
    const page = response.body as {
      items: { source: string; openingId: string; score: number }[];
      total: number;
    };
    expect(page.total).to.be.greaterThan(0);
    expect(page.items.every((item) => item.source === 'rematch')).to.equal(true);
    expect(page.items.map((item) => item.openingId)).to.include(openings.sewing);
    // A request is consumed once: asking again for the same event creates nothing new.
    await requestRematch(t.services, {
      residentId: new Types.ObjectId(people.sewerNoConsent),
      townshipCode: TOWNSHIP_A,
      reason: 'training-completed',
      source: 'cohort:test',
    });
    await workers.reconcile();
    expect(await t.services.jobs.records.countDocuments({ kind: 'rematch' })).to.equal(1);
    const staffB = api(t.app, await t.token(claims.staffB));
    expect((await staffB.get(`/api/v1/residents/${people.sewerNoConsent}/recommendations`)).status).to.equal(
      404,
    );
  });
});
