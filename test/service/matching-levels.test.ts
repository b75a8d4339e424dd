// Levels in the national numbering, from the stored records through the core to the explanation staff
// read: nobody reads a level backwards.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import request from 'supertest';
import {
  createNormalizer,
  defaultTaxonomy,
  prepareOpenings,
  prepareResidents,
  scoreMatch,
} from '@anju/matching-core';
import {
  JOB_KINDS,
  ROUTES,
  SHORTLIST_COLUMNS,
  WORKER_TICKS,
  buildOpenApi,
  explanationView,
  startJobWorkers,
  storedExplanation,
  toMatchOpening,
  toMatchResident,
  type JobWorkers,
  type ResidentForMatching,
} from '@anju/service';
import type { MatchExplanation, Shortlist, ShortlistCandidate } from '@anju/shared';
import { waitFor } from './jobs-support.ts';
import {
  api,
  claims,
  residentBody,
  startTestApp,
  TOWNSHIP_A,
  type ApiClient,
  type TestApp,
} from './support.ts';

const FAR_FUTURE = '2099-12-31';

/** A stored resident as the matching job reads it (the ciphertexts are not needed by the adapter). */
function residentDoc(overrides: Partial<ResidentForMatching>): ResidentForMatching {
  return {
    _id: new Types.ObjectId(),
    householdId: new Types.ObjectId(),
    townshipCode: TOWNSHIP_A,
    idNumberEnc: '',
    skills: [],
    certificates: [],
    licences: [],
    mobility: 'local',
    consent: { shareWithEmployers: true },
    ...overrides,
  };
}

const electricianOpening = {
  _id: new Types.ObjectId(),
  employerId: new Types.ObjectId(),
  kind: 'local',
  title: '维修电工',
  occupation: '电工',
  skills: [{ name: '电工', minNationalLevel: 4, required: true }],
  licences: [],
  countyCode: '520121',
  crossProvince: false,
  wage: { min: 4000, max: 6000 },
  headcount: 2,
  status: 'open' as const,
  createdAt: new Date(),
  updatedAt: new Date(),
};

describe('the API speaks the national numbering', () => {
  /** Every property of every schema in the document, with its path, name and description. */
  function properties(
    node: unknown,
    path: string,
    found: { path: string; name: string; description?: string }[],
  ) {
    if (Array.isArray(node)) node.forEach((item, i) => properties(item, `${path}[${i}]`, found));
    if (typeof node !== 'object' || node === null) return found;
    const record = node as Record<string, unknown>;
    if (typeof record.properties === 'object' && record.properties !== null)
      for (const [name, schema] of Object.entries(record.properties as Record<string, unknown>)) {
        const description = (schema as { description?: unknown }).description;
        found.push({ path, name, ...(typeof description === 'string' ? { description } : {}) });
      }
    for (const [key, value] of Object.entries(record)) properties(value, `${path}.${key}`, found);
    return found;
  }
  const all = properties(buildOpenApi(ROUTES, { title: 't', version: '0' }), '', []);

  it('has no level field that could be read as a rank: no `level`, no `minLevel`', () => {
    expect(all.filter((p) => p.name === 'level' || p.name === 'minLevel').map((p) => p.path)).to.deep.equal(
      [],
    );
  });

  it('describes every national level field with its numbering: 1 = 一级/高级技师 … 5 = 五级/初级工', () => {
    const levels = all.filter((p) => p.name === 'nationalLevel' || p.name === 'minNationalLevel');
    // residents' skills and certificates, openings' skills, cohorts, proposals, explanations' missing items
    expect(levels.length).to.be.greaterThan(10);
    for (const level of levels) {
      expect(level.description, `${level.path}.${level.name}`).to.include('1 = 一级/高级技师');
      expect(level.description, `${level.path}.${level.name}`).to.include('5 = 五级/初级工');
    }
  });
});

describe('matching speaks the national numbering (adapter → core → explanation)', () => {
  const taxonomy = defaultTaxonomy();
  const normalizer = createNormalizer(taxonomy);

  /** The stored explanation of `doc` against the electrician opening on the day `asOf`. */
  function explain(doc: ResidentForMatching, asOf: string): { eligible: boolean; view: MatchExplanation } {
    const resident = toMatchResident(doc, { birthYear: 1986, priority: undefined, today: asOf });
    const opening = toMatchOpening(electricianOpening);
    expect(resident).to.not.equal(null);
    expect(opening).to.not.equal(null);
    const [prepared] = prepareResidents([resident!], normalizer);
    const [preparedOpening] = prepareOpenings([opening!], normalizer);
    const score = scoreMatch(prepared!, preparedOpening!, {
      taxonomy,
      referenceYear: Number(asOf.slice(0, 4)),
    });
    return { eligible: score.eligible, view: explanationView(storedExplanation(score)) };
  }

  const validLicence = { name: '低压电工作业', validUntil: FAR_FUTURE };

  it('a resident stored at 二级/技师 meets an opening asking 四级 or higher; one at 五级/初级工 falls short', () => {
    const technician = explain(
      residentDoc({ skills: [{ name: '电工', nationalLevel: 2 }], licences: [validLicence] }),
      '2026-03-01',
    );
    expect(technician.eligible).to.equal(true);
    expect(technician.view.missing).to.deep.equal([]);
    expect(technician.view.factors[0]!.detail).to.equal('电工（必需）：有');

    const beginner = explain(
      residentDoc({ skills: [{ name: '电工', nationalLevel: 5 }], licences: [validLicence] }),
      '2026-03-01',
    );
    expect(beginner.view.missing).to.deep.equal([
      {
        kind: 'skill',
        id: 'electrician',
        name: '电工',
        minNationalLevel: 4,
        levelName: '四级/中级工',
        required: true,
      },
    ]);
    expect(beginner.view.factors[0]!.detail).to.include('等级不足（要求四级/中级工，现为五级/初级工）');
    const points = (view: MatchExplanation) => view.factors.find((f) => f.factor === 'skills')!.points;
    expect(points(technician.view)).to.be.greaterThan(points(beginner.view));
  });

  it('a certificate’s national level counts like a skill’s (三级/高级工 meets 四级)', () => {
    const certified = explain(
      residentDoc({ certificates: [{ name: '电工', nationalLevel: 3 }], licences: [validLicence] }),
      '2026-03-01',
    );
    expect(certified.view.missing).to.deep.equal([]);
  });
});

describe('a fair’s shortlists read levels right', function () {
  this.timeout(60_000);
  let t: TestApp;
  let workers: JobWorkers;
  let admin: ApiClient;
  let staffA: ApiClient;
  let fairId: string;
  const booths = { electric: '' };
  const openings = { electric: '' };
  const people: Record<string, string> = {};

  function idOf(response: { status: number; text: string; body: unknown }, what: string): string {
    expect(response.status, `${what}: ${response.text}`).to.be.oneOf([200, 201]);
    return (response.body as { id: string }).id;
  }

  before(async () => {
    t = await startTestApp({ JOB_RECONCILE_MS: '200' });
    workers = startJobWorkers(t.services, JOB_KINDS, { ticks: WORKER_TICKS });
    admin = api(t.app, await t.token(claims.admin));
    staffA = api(t.app, await t.token(claims.staffA));
    const employer = idOf(
      await admin.post('/api/v1/employers', { name: '安居物业', countyCode: '520121', kind: 'firm' }),
      'employer',
    );
    const opening = async (body: Record<string, unknown>) =>
      idOf(
        await admin.post('/api/v1/openings', {
          employerId: employer,
          kind: 'local',
          countyCode: '520121',
          wage: { min: 4000, max: 6000 },
          headcount: 5,
          ...body,
        }),
        String(body.title),
      );
    openings.electric = await opening({
      title: '维修电工',
      occupation: '电工',
      skills: [{ name: '电工', minNationalLevel: 4, required: true }],
    });
    fairId = idOf(
      await admin.post('/api/v1/fairs', {
        title: '2026 春风行动·技能岗位专场',
        countyCode: '520121',
        venue: '安置点广场',
        heldOn: '2026-03-01',
      }),
      'fair',
    );
    for (const trade of ['electric'] as const)
      booths[trade] = idOf(
        await admin.post(`/api/v1/fairs/${fairId}/booths`, {
          employerId: employer,
          name: `${trade} 展位`,
          seats: 10,
          openingIds: [openings[trade]],
        }),
        `${trade} booth`,
      );
    const household = idOf(
      await staffA.post('/api/v1/households', { townshipCode: TOWNSHIP_A, community: '幸福社区' }),
      'household',
    );
    const resident = async (name: string, n: number, extra: Record<string, unknown>) => {
      people[name] = idOf(
        await staffA.post(
          '/api/v1/residents',
          residentBody(household, n, { mobility: 'local', consent: { shareWithEmployers: true }, ...extra }),
        ),
        name,
      );
    };
    const valid = { name: '低压电工作业', validUntil: FAR_FUTURE };
    await resident('technician', 3001, { skills: [{ name: '电工', nationalLevel: 2 }], licences: [valid] });
    await resident('beginner', 3002, { skills: [{ name: '电工', nationalLevel: 5 }], licences: [valid] });

    const started = await staffA.post(`/api/v1/fairs/${fairId}/matching`, { objective: 'total-score' });
    expect(started.status, started.text).to.equal(202);
    const { jobId } = started.body as { jobId: string };
    const job = await waitFor('the matching job', async () => {
      const answer = (await staffA.get(`/api/v1/jobs/${jobId}`)).body as {
        state: string;
        result?: Record<string, unknown>;
      };
      return answer.state === 'completed' || answer.state === 'failed' ? answer : undefined;
    });
    expect(job.state, JSON.stringify(job)).to.equal('completed');
  });
  after(async () => {
    await workers.stop(5000);
    await t.close();
  });

  const shortlist = async (booth: string): Promise<Map<string, ShortlistCandidate>> => {
    const response = await staffA.get(`/api/v1/fairs/${fairId}/booths/${booth}/shortlist`);
    expect(response.status, response.text).to.equal(200);
    const [opening] = (response.body as Shortlist).openings;
    return new Map(opening!.candidates.map((candidate) => [candidate.resident.id, candidate]));
  };

  it('二级/技师 is ranked above 五级/初级工 for an opening asking 四级; only the 五级 one is told what is missing', async () => {
    const candidates = await shortlist(booths.electric);
    const technician = candidates.get(people.technician!)!;
    const beginner = candidates.get(people.beginner!)!;
    expect(technician.score).to.be.greaterThan(beginner.score);
    expect(technician.explanation.missing).to.deep.equal([]);
    expect(beginner.explanation.missing).to.deep.include({
      kind: 'skill',
      id: 'electrician',
      name: '电工',
      minNationalLevel: 4,
      levelName: '四级/中级工',
      required: true,
    });
    const skills = (candidate: ShortlistCandidate) =>
      candidate.explanation.factors.find((factor) => factor.factor === 'skills')!.detail;
    expect(skills(beginner)).to.include('等级不足（要求四级/中级工，现为五级/初级工）');
    expect(skills(technician)).to.equal('电工（必需）：有');
    // the stored row keeps the national level only
    const row = await t.services.models.recommendations
      .findOne({
        residentId: new Types.ObjectId(people.beginner),
        openingId: new Types.ObjectId(openings.electric),
      })
      .lean();
    expect(JSON.stringify(row?.explanation.missing)).to.include('"minNationalLevel":4');
    expect(JSON.stringify(row?.explanation)).not.to.include('minLevel');
  });

  it('the printed shortlist gives the level asked in 尚缺技能/证书', async () => {
    const sheetOf = async (booth: string) => {
      const response = await request(t.app)
        .get(`/api/v1/fairs/${fairId}/booths/${booth}/shortlist.xlsx`)
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
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as ArrayBuffer);
      const sheet = workbook.getWorksheet('推荐名单')!;
      const rows: Record<string, string>[] = [];
      for (let n = 5; n <= sheet.rowCount; n += 1)
        rows.push(
          Object.fromEntries(SHORTLIST_COLUMNS.map((name, i) => [name, sheet.getRow(n).getCell(i + 1).text])),
        );
      return rows;
    };
    const electric = await sheetOf(booths.electric);
    expect(electric.some((row) => row['尚缺技能/证书'] === '电工（四级/中级工及以上）')).to.equal(true);
  });
});
