// Levels in the national numbering and licences with their dates, from the stored records through the
// core to the explanation staff read: nobody reads a level backwards, and a lapsed licence says why.
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
  requestRematch,
  startJobWorkers,
  storedExplanation,
  toMatchOpening,
  toMatchResident,
  type JobWorkers,
  type ResidentForMatching,
} from '@anju/service';
import type { MatchExplanation, Recommendation, Shortlist, ShortlistCandidate } from '@anju/shared';
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

  it('describes a licence’s 有效期 and 复审 dates', () => {
    const reviews = all.filter((p) => p.name === 'reviewDueBy');
    expect(reviews.length).to.be.greaterThan(0);
    for (const review of reviews) expect(review.description).to.include('复审');
  });
});

describe('matching speaks the national numbering (adapter → core → explanation)', () => {
  const taxonomy = defaultTaxonomy();
  const normalizer = createNormalizer(taxonomy);

  /** The stored explanation of `doc` against the electrician opening, licences checked on `asOf`. */
  function explain(doc: ResidentForMatching, asOf: string): { eligible: boolean; view: MatchExplanation } {
    const resident = toMatchResident(doc, { birthYear: 1986, priority: undefined });
    const opening = toMatchOpening(electricianOpening);
    expect(resident).to.not.equal(null);
    expect(opening).to.not.equal(null);
    const [prepared] = prepareResidents([resident!], normalizer, { asOf });
    const [preparedOpening] = prepareOpenings([opening!], normalizer);
    const score = scoreMatch(prepared!, preparedOpening!, {
      taxonomy,
      referenceYear: Number(asOf.slice(0, 4)),
    });
    return { eligible: score.eligible, view: explanationView(storedExplanation(score)) };
  }

  const validLicence = { name: '低压电工作业', validUntil: FAR_FUTURE, reviewDueBy: FAR_FUTURE };

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

  it('a licence whose 复审 was due before the job’s day is passed to the core, which blocks and says why', () => {
    const overdue = explain(
      residentDoc({
        skills: [{ name: '电工', nationalLevel: 2 }],
        licences: [{ name: '低压电工作业', validUntil: FAR_FUTURE, reviewDueBy: '2026-02-28' }],
      }),
      '2026-03-01',
    );
    expect(overdue.eligible).to.equal(false);
    expect(overdue.view.blocking.map((b) => b.code)).to.deep.equal(['LICENCE_LAPSED']);
    expect(overdue.view.licences).to.deep.equal([
      {
        id: 'low-voltage-electrical',
        title: '特种作业操作证（低压电工作业）',
        held: false,
        detail: '特种作业操作证（低压电工作业）应于 2026-02-28 前复审，已逾期',
      },
    ]);
    expect(overdue.view.why).to.include('特种作业操作证（低压电工作业）应于 2026-02-28 前复审，已逾期');
    // the same card checked on the day its review was due still counts
    expect(
      explain(
        residentDoc({
          skills: [{ name: '电工', nationalLevel: 2 }],
          licences: [{ name: '低压电工作业', validUntil: FAR_FUTURE, reviewDueBy: '2026-02-28' }],
        }),
        '2026-02-28',
      ).eligible,
    ).to.equal(true);
  });

  it('a licence past its 有效期 is explained as expired', () => {
    const expired = explain(
      residentDoc({
        skills: [{ name: '电工', nationalLevel: 2 }],
        licences: [{ name: '低压电工作业', validUntil: '2025-12-31' }],
      }),
      '2026-03-01',
    );
    expect(expired.eligible).to.equal(false);
    expect(expired.view.why).to.include('特种作业操作证（低压电工作业）已于 2025-12-31 过期');
  });
});

describe('a fair’s shortlists and re-matching read levels and licence dates right', function () {
  this.timeout(60_000);
  let t: TestApp;
  let workers: JobWorkers;
  let admin: ApiClient;
  let staffA: ApiClient;
  let fairId: string;
  const booths = { electric: '', driving: '' };
  const openings = { electric: '', driving: '' };
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
    openings.driving = await opening({ title: '公务用车司机', occupation: '小车司机' });
    fairId = idOf(
      await admin.post('/api/v1/fairs', {
        title: '2026 春风行动·技能岗位专场',
        countyCode: '520121',
        venue: '安置点广场',
        heldOn: '2026-03-01',
      }),
      'fair',
    );
    for (const trade of ['electric', 'driving'] as const)
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
    const valid = { name: '低压电工作业', validUntil: FAR_FUTURE, reviewDueBy: FAR_FUTURE };
    await resident('technician', 3001, { skills: [{ name: '电工', nationalLevel: 2 }], licences: [valid] });
    await resident('beginner', 3002, { skills: [{ name: '电工', nationalLevel: 5 }], licences: [valid] });
    await resident('overdue', 3003, {
      skills: [{ name: '电工', nationalLevel: 2 }],
      licences: [{ name: '低压电工作业', validUntil: FAR_FUTURE, reviewDueBy: '2021-06-30' }],
    });
    await resident('b2', 3004, { skills: [{ name: '司机' }], licences: [{ name: 'B2驾照' }] });
    await resident('vague', 3005, { skills: [{ name: '司机' }], licences: [{ name: '驾照' }] });

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
    // licences were checked on the job's day in Asia/Shanghai
    expect(job.result?.licencesCheckedOn).to.match(/^\d{4}-\d{2}-\d{2}$/);
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
    expect(beginner.explanation.why.join('；')).to.include('等级不足（要求四级/中级工，现为五级/初级工）');
    // the licence check is among the reasons staff read
    expect(technician.explanation.why).to.include('持有「低压电工作业」');
    expect(technician.explanation.licences).to.deep.equal([
      {
        id: 'low-voltage-electrical',
        title: '特种作业操作证（低压电工作业）',
        held: true,
        detail: '持有「低压电工作业」',
      },
    ]);
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

  it('a resident whose licence 复审 is overdue is not on the electrician shortlist', async () => {
    const candidates = await shortlist(booths.electric);
    expect([...candidates.keys()]).to.include.members([people.technician, people.beginner]);
    expect([...candidates.keys()]).not.to.include(people.overdue);
  });

  it('the driving shortlist says which licence opens the gate, and asks staff to check a vague 驾照', async () => {
    const candidates = await shortlist(booths.driving);
    expect(candidates.get(people.b2!)!.explanation.why).to.include(
      '持有「B2驾照」，机动车驾驶证（B2 大型货车）准许此项',
    );
    const vague = candidates.get(people.vague!)!.explanation;
    expect(vague.why).to.include('「驾照」未注明准驾车型，按机动车驾驶证（C1 小型汽车）计，请核实');
    expect(vague.unknowns.map((unknown) => unknown.code)).to.include('LICENCE_ASSUMED');
  });

  it('the printed shortlist gives the licence checks in 匹配依据 and the level asked in 尚缺技能/证书', async () => {
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
    expect(electric.every((row) => row['匹配依据']!.includes('持有「低压电工作业」'))).to.equal(true);
    const driving = await sheetOf(booths.driving);
    expect(driving.some((row) => row['匹配依据']!.includes('「驾照」未注明准驾车型'))).to.equal(true);
    expect(driving.some((row) => row['匹配依据']!.includes('机动车驾驶证（B2 大型货车）准许此项'))).to.equal(
      true,
    );
  });

  it('re-matching after the 复审 is recorded puts the electrician opening back, with the licence as a reason', async () => {
    const rematch = async (source: string) => {
      await requestRematch(t.services, {
        residentId: new Types.ObjectId(people.overdue),
        townshipCode: TOWNSHIP_A,
        reason: 'profile-changed',
        source,
      });
      await waitFor(`the re-match (${source})`, async () => {
        const found = await t.services.models.rematchRequests
          .findOne({ residentId: new Types.ObjectId(people.overdue), source })
          .lean();
        return found?.state === 'done' ? found : undefined;
      });
      const page = (await staffA.get(`/api/v1/residents/${people.overdue}/recommendations`)).body as {
        items: Recommendation[];
      };
      return page.items.filter((item) => item.source === 'rematch');
    };
    const before = await rematch('test:overdue');
    expect(before.map((item) => item.openingId)).not.to.include(openings.electric);

    const reviewed = await staffA.patch(`/api/v1/residents/${people.overdue}`, {
      licences: [{ name: '低压电工作业', validUntil: FAR_FUTURE, reviewDueBy: '2029-06-30' }],
    });
    expect(reviewed.status, reviewed.text).to.equal(200);
    const after = await rematch('test:reviewed');
    const electric = after.find((item) => item.openingId === openings.electric);
    expect(electric, 'the electrician opening').to.not.equal(undefined);
    expect(electric!.explanation.why).to.include('持有「低压电工作业」');
  });
});
