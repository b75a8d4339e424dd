import { expect } from 'chai';
import { ROUTES } from '@anju/service';
import { listen, postJson, residentBody, startTestApp, type TestApp } from './support.ts';
import { buildWorld, type World } from './world.ts';

/** Operator-injection payloads put in place of a string (INJ-01 asks for at least 30). */
const PAYLOADS: unknown[] = [
  { $ne: null },
  { $gt: '' },
  { $gte: '' },
  { $lt: 'zzzz' },
  { $where: 'sleep(1000)' },
  { $regex: '.*' },
  { $regex: '^', $options: 'i' },
  { $exists: true },
  { $in: ['a', 'b'] },
  { $nin: [] },
  { $eq: 'x' },
  { $expr: { $eq: [1, 1] } },
  { $or: [{}] },
  { $and: [] },
  { $nor: [] },
  { $not: { $eq: 1 } },
  { $elemMatch: {} },
  { $size: 0 },
  { $type: 2 },
  { $all: [] },
  { $function: { body: 'return true', args: [], lang: 'js' } },
  { $jsonSchema: {} },
  { $text: { $search: 'x' } },
  { $set: { role: 'admin' } },
  { $inc: { taken: -100 } },
  { $rename: { a: 'b' } },
  { $comment: 'x' },
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { constructor: { prototype: { polluted: true } } },
  ['a'],
  [{ $ne: null }],
  null,
  true,
  12345,
  {},
  'x'.repeat(5000),
];

const OPERATORS = [
  '$ne',
  '$gt',
  '$regex',
  '$where',
  '$exists',
  '$in',
  '$nin',
  '$eq',
  '$expr',
  '$or',
  '$and',
  '$not',
  '$elemMatch',
  '$size',
  '$type',
  '$all',
  '$function',
  '$jsonSchema',
  '$text',
  '$lt',
  '$gte',
  '$lte',
  '$options',
  '$comment',
  '$nor',
  '$mod',
  '$bitsAllSet',
  '$geoWithin',
  '$near',
  '$slice',
  '__proto__',
  'constructor',
];

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Every path to a string leaf of a JSON value. */
function stringPaths(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringPaths(item, [...path, i]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...path, key]));
  return [];
}

function replaceAt(value: Json, path: (string | number)[], replacement: unknown): Json {
  const copy = JSON.parse(JSON.stringify(value)) as Json;
  let cursor = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string | number, unknown>;
  cursor[path.at(-1)!] = replacement;
  return copy;
}

describe('operator injection (INJ-01)', () => {
  let t: TestApp;
  let world: World;
  let server: { url: string; close(): Promise<void> };
  const queries: string[] = [];
  /** A session of side B's cohort, for the attendance register case. */
  let sessionId = '';
  /** A grid and an alert to write to. */
  let gridId = '';
  let alertId = '';

  before(async () => {
    t = await startTestApp({ LOG_LEVEL: 'warn' });
    world = await buildWorld(t, 1300);
    server = await listen(t.app);
    const session = await postJson(
      `${server.url}/api/v1/cohorts/${world.b.cohortId}/sessions`,
      world.tokens.admin,
      { heldOn: '2026-04-01', hours: 4 },
    );
    sessionId = String(session.body.id);
    const grid = await postJson(`${server.url}/api/v1/grids`, world.tokens.admin, {
      townshipCode: '520121002',
      community: '和谐社区',
      name: '第一网格',
    });
    gridId = String(grid.body.id);
    // a lost job recorded on side A raises the alert the acknowledge case needs
    await postJson(`${server.url}/api/v1/followups/${world.a.followUpId}/record`, world.tokens.admin, {
      jobStatus: 'job-lost',
      monthlyIncome: 0,
    });
    const alerts = await fetch(`${server.url}/api/v1/alerts?kind=job-lost`, {
      headers: { authorization: `Bearer ${world.tokens.admin}` },
    });
    alertId = ((await alerts.json()) as { items: { id: string }[] }).items[0]?.id ?? '';
    // Every query the service sends from here on, to prove no user operator reaches MongoDB.
    t.services.db.set('debug', (collection: string, method: string, ...args: unknown[]) => {
      queries.push(`${collection}.${method} ${JSON.stringify(args)}`);
    });
  });
  after(async () => {
    t.services.db.set('debug', false);
    await server.close();
    await t.close();
  });

  interface Case {
    method: 'POST' | 'PATCH';
    route: string;
    path: (w: World) => string;
    body: (w: World) => Json;
  }
  const cases: Case[] = [
    {
      method: 'POST',
      route: '/api/v1/households',
      path: () => '/api/v1/households',
      body: () => ({ townshipCode: '520121001', community: '幸福社区', grid: '一网格', address: '1栋' }),
    },
    {
      method: 'PATCH',
      route: '/api/v1/households/:id',
      path: (w) => `/api/v1/households/${w.a.householdId}`,
      body: () => ({ community: '新社区', grid: '二网格', address: '2栋' }),
    },
    {
      method: 'POST',
      route: '/api/v1/residents',
      path: () => '/api/v1/residents',
      body: (w) => ({
        ...(residentBody(w.a.householdId, 1399) as unknown as Record<string, Json>),
        certificates: [{ name: '焊工证', issuedOn: '2020-01-01' }],
        licences: [{ name: '焊接与热切割', validUntil: '2030-01-01' }],
        consent: { shareWithEmployers: true, recordedOn: '2026-01-01' },
      }),
    },
    {
      method: 'PATCH',
      route: '/api/v1/residents/:id',
      path: (w) => `/api/v1/residents/${w.a.residentIds[0]!}`,
      body: () => ({
        name: '王明',
        phone: '13900001111',
        skills: [{ name: '砌筑' }],
        mobility: 'local',
        consent: { shareWithEmployers: true, recordedOn: '2026-01-02' },
      }),
    },
    {
      method: 'POST',
      route: '/api/v1/residents/lookup',
      path: () => '/api/v1/residents/lookup',
      body: () => ({ idNumber: '11010519491231002X' }),
    },
    {
      method: 'POST',
      route: '/api/v1/residents/export',
      path: () => '/api/v1/residents/export',
      body: () => ({ reason: '季度就业统计', townshipCode: '520121001' }),
    },
    {
      method: 'POST',
      route: '/api/v1/residents/:id/reveal',
      path: (w) => `/api/v1/residents/${w.a.residentIds[0]!}/reveal`,
      body: () => ({ reason: '核对身份信息' }),
    },
    {
      method: 'POST',
      route: '/api/v1/employers',
      path: () => '/api/v1/employers',
      body: () => ({
        name: '服装厂',
        creditCode: '91520121MA6DUMMY0X',
        countyCode: '520121',
        kind: 'firm',
        contactName: '李',
      }),
    },
    {
      method: 'PATCH',
      route: '/api/v1/employers/:id',
      path: (w) => `/api/v1/employers/${w.a.employerId}`,
      body: () => ({ name: '新服装厂', contactName: '张' }),
    },
    {
      method: 'POST',
      route: '/api/v1/openings',
      path: () => '/api/v1/openings',
      body: (w) => ({
        employerId: w.a.employerId,
        kind: 'local',
        title: '普工',
        occupation: '普工',
        skills: [{ name: '缝纫', required: true }],
        licences: ['叉车'],
        countyCode: '440300',
        wage: { min: 3000, max: 5000 },
        headcount: 3,
        status: 'open',
      }),
    },
    {
      method: 'PATCH',
      route: '/api/v1/openings/:id',
      path: (w) => `/api/v1/openings/${w.a.openingId}`,
      body: () => ({ title: '熟练工', licences: ['电工'], status: 'closed' }),
    },
    {
      method: 'POST',
      route: '/api/v1/cohorts',
      path: () => '/api/v1/cohorts',
      body: () => ({
        providerId: 'provider-x',
        title: '电工班',
        trade: '电工',
        certificate: '低压电工',
        seats: 5,
        hours: 40,
        startsOn: '2026-01-01',
        endsOn: '2026-02-01',
      }),
    },
    {
      method: 'PATCH',
      route: '/api/v1/cohorts/:id',
      path: (w) => `/api/v1/cohorts/${w.a.cohortId}`,
      body: () => ({
        title: '电焊提高班',
        certificate: '焊工证',
        startsOn: '2026-04-02',
        endsOn: '2026-05-02',
      }),
    },
    {
      method: 'POST',
      route: '/api/v1/cohorts/:id/enrollments',
      path: (w) => `/api/v1/cohorts/${w.a.cohortId}/enrollments`,
      body: (w) => ({ residentId: w.a.residentIds[1]! }),
    },
    {
      method: 'POST',
      route: '/api/v1/cohorts/:id/sessions',
      path: (w) => `/api/v1/cohorts/${w.b.cohortId}/sessions`,
      body: () => ({ heldOn: '2026-04-02', hours: 4, topic: '安全操作规程' }),
    },
    {
      method: 'POST',
      route: '/api/v1/cohorts/:id/transitions',
      path: (w) => `/api/v1/cohorts/${w.b.cohortId}/transitions`,
      body: () => ({ to: 'running' }),
    },
    {
      method: 'POST',
      route: '/api/v1/cohorts/:id/sessions/:sessionId/attendance',
      path: (w) => `/api/v1/cohorts/${w.b.cohortId}/sessions/${sessionId}/attendance`,
      body: (w) => ({ records: [{ residentId: w.b.residentIds[0]!, present: true }] }),
    },
    {
      method: 'POST',
      route: '/api/v1/fairs',
      path: () => '/api/v1/fairs',
      body: () => ({ title: '招聘会', countyCode: '520121', venue: '广场', heldOn: '2026-03-03' }),
    },
    {
      method: 'PATCH',
      route: '/api/v1/fairs/:id',
      path: (w) => `/api/v1/fairs/${w.fairId}`,
      body: () => ({ title: '春季招聘会', venue: '体育馆', heldOn: '2026-03-04', status: 'open' }),
    },
    {
      method: 'POST',
      route: '/api/v1/fairs/:id/booths',
      path: (w) => `/api/v1/fairs/${w.fairId}/booths`,
      body: (w) => ({ employerId: w.a.employerId, name: '二号展位', seats: 3, openingIds: [w.a.openingId] }),
    },
    {
      method: 'POST',
      route: '/api/v1/fairs/:id/registrations',
      path: (w) => `/api/v1/fairs/${w.fairId}/registrations`,
      body: (w) => ({ residentId: w.a.residentIds[1]!, boothId: w.a.boothId }),
    },
    {
      method: 'POST',
      route: '/api/v1/fairs/:id/matching',
      path: (w) => `/api/v1/fairs/${w.fairId}/matching`,
      body: () => ({ objective: 'total-score', pool: 'registered' }),
    },
    {
      method: 'POST',
      route: '/api/v1/fairs/:id/registrations/:registrationId/check-in',
      path: (w) => `/api/v1/fairs/${w.fairId}/registrations/${w.a.registrationId}/check-in`,
      body: () => ({ note: '准时到场' }),
    },
    {
      method: 'POST',
      route: '/api/v1/fairs/:id/registrations/:registrationId/interview',
      path: (w) => `/api/v1/fairs/${w.fairId}/registrations/${w.a.registrationId}/interview`,
      body: (w) => ({ outcome: 'passed', openingId: w.a.openingId, note: '技术过关' }),
    },
    {
      method: 'POST',
      route: '/api/v1/fairs/:id/registrations/:registrationId/intent',
      path: (w) => `/api/v1/fairs/${w.fairId}/registrations/${w.a.registrationId}/intent`,
      body: (w) => ({ openingId: w.a.openingId, note: '双方同意' }),
    },
    {
      method: 'POST',
      route: '/api/v1/fairs/:id/registrations/:registrationId/hire',
      path: (w) => `/api/v1/fairs/${w.fairId}/registrations/${w.a.registrationId}/hire`,
      body: (w) => ({ openingId: w.a.openingId, startedOn: '2026-03-10', monthlyWage: 3000 }),
    },
    {
      method: 'POST',
      route: '/api/v1/placements',
      path: () => '/api/v1/placements',
      body: (w) => ({
        residentId: w.a.residentIds[0]!,
        employerId: w.a.employerId,
        openingId: w.a.openingId,
        countyCode: '520121',
        startedOn: '2026-02-01',
        monthlyWage: 2800,
        source: 'fair',
      }),
    },
    {
      method: 'PATCH',
      route: '/api/v1/placements/:id',
      path: (w) => `/api/v1/placements/${w.a.placementId}`,
      body: () => ({ endedOn: '2026-09-01' }),
    },
    {
      method: 'POST',
      route: '/api/v1/followups/:id/record',
      path: (w) => `/api/v1/followups/${w.b.followUpId}/record`,
      body: () => ({ jobStatus: 'changed-job', monthlyIncome: 3200, note: '换到县城工厂' }),
    },
    {
      method: 'POST',
      route: '/api/v1/alerts/:id/acknowledge',
      path: () => `/api/v1/alerts/${alertId}/acknowledge`,
      body: () => ({ note: '已电话联系，推荐帮扶车间岗位' }),
    },
    {
      method: 'POST',
      route: '/api/v1/followups/ticks',
      path: () => '/api/v1/followups/ticks',
      body: () => ({ month: '2001-01' }),
    },
    {
      method: 'POST',
      route: '/api/v1/grids',
      path: () => '/api/v1/grids',
      body: () => ({
        townshipCode: '520121001',
        community: '幸福社区',
        name: '第九网格',
        workers: [{ workerId: 'gw-9', name: '王专职', fullTime: true }],
      }),
    },
    {
      method: 'PATCH',
      route: '/api/v1/grids/:id',
      path: () => `/api/v1/grids/${gridId}`,
      body: () => ({ workers: [{ workerId: 'gw-8', name: '李专职', fullTime: true }] }),
    },
    {
      method: 'POST',
      route: '/api/v1/followups/sheets',
      path: () => '/api/v1/followups/sheets',
      body: () => ({
        month: '2026-03',
        townshipCode: '520121001',
        community: '幸福社区',
        grid: '第一网格',
        reason: '三月入户回访',
        format: 'json',
      }),
    },
    {
      method: 'POST',
      route: '/api/v1/followups',
      path: () => '/api/v1/followups',
      body: (w) => ({
        placementId: w.a.placementId,
        month: '2026-06',
        employed: true,
        monthlyIncome: 3000,
        note: '在岗',
      }),
    },
  ];

  const send = async (method: string, path: string, body: unknown, token: string) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    return response.status;
  };

  it(`INJ-01: the cases cover every route that takes a body (${PAYLOADS.length} payloads each)`, () => {
    expect(PAYLOADS.length).to.be.at.least(30);
    const covered = new Set(cases.map((c) => `${c.method} ${c.route}`));
    for (const route of ROUTES.filter((r) => r.body !== undefined))
      expect(
        covered.has(`${route.method.toUpperCase()} ${route.path}`),
        `${route.method} ${route.path}`,
      ).to.equal(true);
  });

  it('INJ-01: every payload in every string field of every write and search body is 400; the clean body is accepted', async function () {
    // Thousands of requests, bounded in count; on a shared 2-core machine they need more than mocha's 30 s.
    this.timeout(120_000);
    let sent = 0;
    for (const c of cases) {
      const base = c.body(world);
      const paths = stringPaths(base);
      expect(paths.length, c.route).to.be.greaterThan(0);
      for (const path of paths) {
        const statuses = await Promise.all(
          PAYLOADS.map((payload) =>
            send(c.method, c.path(world), replaceAt(base, path, payload), world.tokens.admin),
          ),
        );
        sent += statuses.length;
        statuses.forEach((status, i) => {
          expect(
            status,
            `${c.method} ${c.route} ${path.join('.')} ← ${(JSON.stringify(PAYLOADS[i]) as string | undefined)?.slice(0, 40) ?? ''}`,
          ).to.equal(400);
        });
      }
      const clean = await send(c.method, c.path(world), base, world.tokens.admin);
      expect(clean, `${c.method} ${c.route} clean body`).to.be.within(200, 299);
    }
    expect(sent).to.be.greaterThan(30 * 40);
  });

  it('INJ-01: every string field of every search query rejects operator and repeated forms with 400', async () => {
    const searches = ROUTES.filter((route) => route.method === 'get' && route.query !== undefined);
    expect(searches.length).to.be.greaterThan(8);
    for (const route of searches) {
      const path = route.path.replace(':id', world.a.cohortId);
      const shape = (route.query as unknown as { shape: Record<string, unknown> }).shape;
      for (const field of Object.keys(shape)) {
        const forms = [
          ...OPERATORS.map((op) => `${field}[${encodeURIComponent(op)}]=1`),
          `${field}=a&${field}=b`,
          `${field}[]=a`,
          `${field}=1&${field}[$ne]=1`,
        ];
        const statuses = await Promise.all(
          forms.map(async (form) => {
            const response = await fetch(`${server.url}${path}?${form}`, {
              headers: { authorization: `Bearer ${world.tokens.admin}` },
            });
            await response.arrayBuffer();
            return response.status;
          }),
        );
        statuses.forEach((status, i) => {
          expect(status, `${route.path}?${forms[i]!}`).to.equal(400);
        });
      }
    }
  });

  it('INJ-01: no user operator reached MongoDB and Object.prototype is unpolluted', () => {
    expect(queries.length).to.be.greaterThan(10);
    for (const query of queries)
      expect(query).not.to.match(
        /"\$(ne|where|regex|gt|exists|nin|function|jsonSchema|text|rename)"|polluted/,
      );
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(Object.prototype).not.to.have.property('polluted');
  });
});
