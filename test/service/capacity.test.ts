import { expect } from 'chai';
import {
  api,
  claims,
  listen,
  postJson,
  seedResidents,
  startTestApp,
  TOWNSHIP_A,
  type TestApp,
} from './support.ts';

/** How often each concurrent test repeats; docs/quality.md asks for 20 (`pnpm test:concurrency`), the default keeps the file short. */
const REPETITIONS = Number(process.env.ANJU_CON_REPETITIONS ?? 3);

/** Registers a race test once per repetition: a race that passes once may still lose the next time. */
function repeatedly(title: string, test: () => Promise<void>): void {
  for (let round = 1; round <= REPETITIONS; round += 1)
    it(`${title} (round ${String(round)}/${String(REPETITIONS)})`, test);
}
const CONCURRENT = 200;
const SEATS = 50;

interface Entry {
  id: string;
  status: string;
  resident: { id: string };
  waitlistPosition?: number;
}

describe('capacity without overbooking', () => {
  let t: TestApp;
  let server: { url: string; close(): Promise<void> };
  let staff: string;
  let residentIds: string[];

  before(async () => {
    t = await startTestApp({ LOG_LEVEL: 'warn' });
    server = await listen(t.app);
    staff = await t.token(claims.staffA);
    residentIds = [];
    // 4 households of 50 residents, created in parallel batches.
    const households = await Promise.all(
      [0, 1, 2, 3].map((h) => seedResidents(t.app, staff, TOWNSHIP_A, SEATS, 1000 + h * SEATS)),
    );
    for (const household of households) residentIds.push(...household.residentIds);
  });
  after(async () => {
    await server.close();
    await t.close();
  });

  async function newCohort(seats: number): Promise<string> {
    const created = await api(t.app, staff).post('/api/v1/cohorts', {
      providerId: 'provider-1',
      title: '叉车司机培训班',
      trade: '叉车',
      seats,
      hours: 40,
      startsOn: '2026-06-01',
      endsOn: '2026-06-20',
    });
    return (created.body as { id: string }).id;
  }

  async function newBooth(seats: number): Promise<{ fairId: string; boothId: string }> {
    const admin = await t.token(claims.admin);
    const client = api(t.app, admin);
    const fair = await client.post('/api/v1/fairs', {
      title: '就业援助月',
      countyCode: '520121',
      venue: '广场',
      heldOn: '2026-07-01',
    });
    const fairId = (fair.body as { id: string }).id;
    const employer = await client.post('/api/v1/employers', { name: '食品厂', countyCode: '520121' });
    const booth = await client.post(`/api/v1/fairs/${fairId}/booths`, {
      employerId: (employer.body as { id: string }).id,
      name: '食品厂展位',
      seats,
    });
    return { fairId, boothId: (booth.body as { id: string }).id };
  }

  repeatedly(
    `CON-01: ${CONCURRENT} concurrent enrolments into a ${SEATS}-seat cohort → exactly ${SEATS} enrolled + ${CONCURRENT - SEATS} waitlisted, 0 × 5xx`,
    async () => {
      const cohortId = await newCohort(SEATS);
      const results = await Promise.all(
        residentIds.map((residentId) =>
          postJson(`${server.url}/api/v1/cohorts/${cohortId}/enrollments`, staff, { residentId }),
        ),
      );
      expect(results.filter((r) => r.status >= 500)).to.have.length(0);
      expect(results.every((r) => r.status === 201)).to.equal(true);
      const statuses = results.map((r) => r.body.status);
      expect(statuses.filter((s) => s === 'enrolled')).to.have.length(SEATS);
      expect(statuses.filter((s) => s === 'waitlisted')).to.have.length(CONCURRENT - SEATS);
      const cohort = await api(t.app, staff).get(`/api/v1/cohorts/${cohortId}`);
      expect((cohort.body as { taken: number }).taken).to.equal(SEATS);
      expect(await t.services.models.enrollments.countDocuments({ cohortId, status: 'enrolled' })).to.equal(
        SEATS,
      );
    },
  );

  repeatedly(
    `CON-01: the same for fair registrations: ${CONCURRENT} concurrent into a ${SEATS}-slot booth`,
    async () => {
      const { fairId, boothId } = await newBooth(SEATS);
      const results = await Promise.all(
        residentIds.map((residentId) =>
          postJson(`${server.url}/api/v1/fairs/${fairId}/registrations`, staff, { residentId, boothId }),
        ),
      );
      expect(results.filter((r) => r.status >= 500)).to.have.length(0);
      const statuses = results.map((r) => r.body.status);
      expect(statuses.filter((s) => s === 'enrolled')).to.have.length(SEATS);
      expect(statuses.filter((s) => s === 'waitlisted')).to.have.length(CONCURRENT - SEATS);
      const booths = await api(t.app, staff).get(`/api/v1/fairs/${fairId}/booths`);
      expect((booths.body as { items: { taken: number }[] }).items[0]?.taken).to.equal(SEATS);
    },
  );

  repeatedly(
    'CON-02: the same resident enrolled 10 times at once → one 201, nine 409 ALREADY_ACTIVE',
    async () => {
      const cohortId = await newCohort(5);
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          postJson(`${server.url}/api/v1/cohorts/${cohortId}/enrollments`, staff, {
            residentId: residentIds[0],
          }),
        ),
      );
      expect(results.map((r) => r.status).sort()).to.deep.equal([201, ...Array<number>(9).fill(409)]);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'ALREADY_ACTIVE')).to.equal(
        true,
      );
      expect(
        ((await api(t.app, staff).get(`/api/v1/cohorts/${cohortId}`)).body as { taken: number }).taken,
      ).to.equal(1);
    },
  );

  it('CON-02: after a cancellation the resident may enrol again', async () => {
    const cohortId = await newCohort(5);
    const first = await postJson(`${server.url}/api/v1/cohorts/${cohortId}/enrollments`, staff, {
      residentId: residentIds[1],
    });
    const cancel = await postJson(
      `${server.url}/api/v1/cohorts/${cohortId}/enrollments/${String(first.body.id)}/cancel`,
      staff,
    );
    expect(cancel.body.status).to.equal('cancelled');
    const again = await postJson(`${server.url}/api/v1/cohorts/${cohortId}/enrollments`, staff, {
      residentId: residentIds[1],
    });
    expect(again.status).to.equal(201);
    const twice = await postJson(
      `${server.url}/api/v1/cohorts/${cohortId}/enrollments/${String(first.body.id)}/cancel`,
      staff,
    );
    expect(twice.status).to.equal(409);
  });

  repeatedly('CON-02: one registration per resident per fair, whichever booth', async () => {
    const { fairId, boothId } = await newBooth(5);
    const admin = await t.token(claims.admin);
    const employer = await api(t.app, admin).post('/api/v1/employers', {
      name: '鞋厂',
      countyCode: '520121',
    });
    const second = await api(t.app, admin).post(`/api/v1/fairs/${fairId}/booths`, {
      employerId: (employer.body as { id: string }).id,
      name: '鞋厂展位',
      seats: 5,
    });
    const results = await Promise.all(
      [boothId, (second.body as { id: string }).id, boothId].map((booth) =>
        postJson(`${server.url}/api/v1/fairs/${fairId}/registrations`, staff, {
          residentId: residentIds[2],
          boothId: booth,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).to.deep.equal([201, 409, 409]);
  });

  repeatedly(
    'CON-03: concurrent cancellations each promote exactly one waitlisted person, first come first served',
    async () => {
      const cohortId = await newCohort(10);
      const entries: Entry[] = [];
      // Sequential arrivals, so the waitlist order is known: entries[10] is first in line.
      for (const residentId of residentIds.slice(0, 30))
        entries.push(
          (await postJson(`${server.url}/api/v1/cohorts/${cohortId}/enrollments`, staff, { residentId }))
            .body as unknown as Entry,
        );
      expect(entries.slice(0, 10).every((e) => e.status === 'enrolled')).to.equal(true);
      expect(entries.slice(10).map((e) => e.waitlistPosition)).to.deep.equal(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );

      // Cancel six enrolled and, at the same time, two of the waiting (positions 3 and 4).
      const cancelled = [...entries.slice(0, 6), entries[12]!, entries[13]!];
      const results = await Promise.all(
        cancelled.map((e) =>
          postJson(`${server.url}/api/v1/cohorts/${cohortId}/enrollments/${e.id}/cancel`, staff),
        ),
      );
      expect(results.every((r) => r.status === 200)).to.equal(true);

      const list = await api(t.app, staff).get(`/api/v1/cohorts/${cohortId}/enrollments?limit=100`);
      const byId = new Map((list.body as { items: Entry[] }).items.map((e) => [e.id, e.status]));
      const enrolled = [...byId.values()].filter((s) => s === 'enrolled');
      expect(enrolled).to.have.length(10);
      // The six seats went to the first six still waiting: positions 1, 2, 5, 6, 7, 8.
      const expectedPromoted = [10, 11, 14, 15, 16, 17].map((i) => entries[i]!.id);
      for (const id of expectedPromoted) expect(byId.get(id), id).to.equal('enrolled');
      for (const e of entries.slice(18)) expect(byId.get(e.id)).to.equal('waitlisted');
      expect(
        ((await api(t.app, staff).get(`/api/v1/cohorts/${cohortId}`)).body as { taken: number }).taken,
      ).to.equal(10);
    },
  );

  it('CON-03: with nobody waiting, a cancellation gives the seat back', async () => {
    const cohortId = await newCohort(3);
    const first = await postJson(`${server.url}/api/v1/cohorts/${cohortId}/enrollments`, staff, {
      residentId: residentIds[3],
    });
    await postJson(
      `${server.url}/api/v1/cohorts/${cohortId}/enrollments/${String(first.body.id)}/cancel`,
      staff,
    );
    expect(
      ((await api(t.app, staff).get(`/api/v1/cohorts/${cohortId}`)).body as { taken: number }).taken,
    ).to.equal(0);
  });
});
