import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { buildOpenApi, ROUTES } from '@anju/service';
import {
  arbitraryOf,
  mutationsOf,
  type JsonSchema,
  type Mutation,
  type Override,
  type Path,
} from '../support/schema-arbitrary.ts';
import { syntheticIdNumber, syntheticPhone } from '../support/synthetic-people.ts';
import { api, claims, seedResidents, startTestApp, TOWNSHIP_A, type TestApp } from './support.ts';

/** Generated requests per write route: valid ones, then one-field mutations of valid ones. */
const VALID_RUNS = Number(process.env.ANJU_FUZZ_RUNS ?? 6);
const MUTATION_RUNS = VALID_RUNS * 2;

interface World {
  householdId: string;
  /** Records the PATCH routes change (and may close), apart from those the other routes use. */
  cohortToUpdate: string;
  fairToUpdate: string;
  residentIds: string[];
  employerId: string;
  openingId: string;
  cohortId: string;
  fairId: string;
  boothId: string;
  placementId: string;
}

interface Operation {
  readonly method: 'post' | 'patch';
  readonly path: string;
  readonly status: number;
  readonly body?: JsonSchema;
}

/** A route's concrete URL for one request: the records it acts on exist and are in scope. */
type Target = (world: World) => Promise<string>;

/** A calendar date between two (inclusive), as YYYY-MM-DD. */
function dateBetween(from: string, to: string): fc.Arbitrary<string> {
  return fc
    .date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10));
}

function openApiOperations(): Operation[] {
  const document = buildOpenApi(ROUTES, { title: 'fuzz', version: '0' }) as {
    paths: Record<
      string,
      Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
    >;
  };
  return ROUTES.filter((route) => route.method !== 'get').map((route) => {
    const operation = document.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method];
    const body = operation?.requestBody?.content['application/json']?.schema;
    return {
      method: route.method as 'post' | 'patch',
      path: route.path,
      status: route.status ?? 200,
      ...(body === undefined ? {} : { body }),
    };
  });
}

describe('FUZZ-02: property-based fuzz of every write route from its schema', () => {
  let t: TestApp;
  let admin: string;
  let world: World;
  let unused: string[];
  let counter = 0;
  const statuses: Record<string, number> = {};

  before(async function () {
    this.timeout(120_000);
    t = await startTestApp({ LOG_LEVEL: 'warn' });
    admin = await t.token(claims.admin);
    const staff = await t.token(claims.staffA);
    const client = api(t.app, admin);
    const id = (response: { body: unknown; status: number; text: string }) => {
      expect(response.status, response.text).to.be.oneOf([200, 201]);
      return (response.body as { id: string }).id;
    };
    // Enough residents for every enrolment, registration and cancellation to use a fresh one.
    const { householdId, residentIds } = await seedResidents(
      t.app,
      staff,
      TOWNSHIP_A,
      8 * VALID_RUNS + 8,
      12_000,
    );
    const employerId = id(await client.post('/api/v1/employers', { name: '扶贫车间', countyCode: '520121' }));
    const openingId = id(
      await client.post('/api/v1/openings', {
        employerId,
        kind: 'local',
        title: '包装工',
        occupation: '包装工',
        countyCode: '520121',
        wage: { min: 2000, max: 3000 },
        headcount: 5,
      }),
    );
    const cohortId = id(
      await client.post('/api/v1/cohorts', {
        providerId: 'provider-fuzz',
        title: '培训班',
        trade: '包装',
        seats: 1000,
        hours: 10,
        startsOn: '2026-01-01',
        endsOn: '2026-02-01',
      }),
    );
    const cohortToUpdate = id(
      await client.post('/api/v1/cohorts', {
        providerId: 'provider-fuzz',
        title: '改期培训班',
        trade: '包装',
        seats: 10,
        hours: 10,
        startsOn: '2026-01-01',
        endsOn: '2026-02-01',
      }),
    );
    const fairToUpdate = id(
      await client.post('/api/v1/fairs', {
        title: '改期招聘会',
        countyCode: '520121',
        venue: '广场',
        heldOn: '2026-03-01',
      }),
    );
    const fairId = id(
      await client.post('/api/v1/fairs', {
        title: '招聘会',
        countyCode: '520121',
        venue: '广场',
        heldOn: '2026-03-01',
      }),
    );
    const boothId = id(
      await client.post(`/api/v1/fairs/${fairId}/booths`, {
        employerId,
        name: '展位',
        seats: 1000,
        openingIds: [openingId],
      }),
    );
    const placementId = id(
      await client.post('/api/v1/placements', {
        residentId: residentIds[0],
        employerId,
        countyCode: '520121',
        startedOn: '2026-01-05',
        monthlyWage: 2500,
      }),
    );
    world = {
      householdId,
      cohortToUpdate,
      fairToUpdate,
      residentIds,
      employerId,
      openingId,
      cohortId,
      fairId,
      boothId,
      placementId,
    };
    unused = residentIds.slice(1);
  });
  after(async () => {
    console.log(`      FUZZ-02: answers by status ${JSON.stringify(statuses)}`);
    await t.close();
  });

  /** A resident no enrolment or registration has used yet (seats are one per resident). */
  const freshResident = (): string => {
    const next = unused.shift();
    if (next === undefined) throw new Error('FUZZ-02 ran out of fresh residents');
    return next;
  };
  const freshEnrolment = async (): Promise<string> => {
    const response = await api(t.app, admin).post(`/api/v1/cohorts/${world.cohortId}/enrollments`, {
      residentId: freshResident(),
    });
    expect(response.status, response.text).to.equal(201);
    return (response.body as { id: string }).id;
  };
  const freshRegistration = async (): Promise<string> => {
    const response = await api(t.app, admin).post(`/api/v1/fairs/${world.fairId}/registrations`, {
      residentId: freshResident(),
      boothId: world.boothId,
    });
    expect(response.status, response.text).to.equal(201);
    return (response.body as { id: string }).id;
  };

  /** Where each write route acts; a new write route fails the coverage test until it is listed here. */
  const TARGETS: Record<string, Target> = {
    'post /api/v1/households': () => Promise.resolve('/api/v1/households'),
    'patch /api/v1/households/:id': (w) => Promise.resolve(`/api/v1/households/${w.householdId}`),
    'post /api/v1/residents': () => Promise.resolve('/api/v1/residents'),
    'post /api/v1/residents/lookup': () => Promise.resolve('/api/v1/residents/lookup'),
    'post /api/v1/residents/export': () => Promise.resolve('/api/v1/residents/export'),
    'patch /api/v1/residents/:id': (w) => Promise.resolve(`/api/v1/residents/${w.residentIds[0]!}`),
    'post /api/v1/residents/:id/reveal': (w) =>
      Promise.resolve(`/api/v1/residents/${w.residentIds[0]!}/reveal`),
    'post /api/v1/employers': () => Promise.resolve('/api/v1/employers'),
    'patch /api/v1/employers/:id': (w) => Promise.resolve(`/api/v1/employers/${w.employerId}`),
    'post /api/v1/openings': () => Promise.resolve('/api/v1/openings'),
    'patch /api/v1/openings/:id': (w) => Promise.resolve(`/api/v1/openings/${w.openingId}`),
    'post /api/v1/cohorts': () => Promise.resolve('/api/v1/cohorts'),
    'patch /api/v1/cohorts/:id': (w) => Promise.resolve(`/api/v1/cohorts/${w.cohortToUpdate}`),
    'post /api/v1/cohorts/:id/enrollments': (w) =>
      Promise.resolve(`/api/v1/cohorts/${w.cohortId}/enrollments`),
    'post /api/v1/cohorts/:id/enrollments/:enrollmentId/cancel': async (w) =>
      `/api/v1/cohorts/${w.cohortId}/enrollments/${await freshEnrolment()}/cancel`,
    'post /api/v1/fairs': () => Promise.resolve('/api/v1/fairs'),
    'patch /api/v1/fairs/:id': (w) => Promise.resolve(`/api/v1/fairs/${w.fairToUpdate}`),
    'post /api/v1/fairs/:id/booths': (w) => Promise.resolve(`/api/v1/fairs/${w.fairId}/booths`),
    'post /api/v1/fairs/:id/registrations': (w) => Promise.resolve(`/api/v1/fairs/${w.fairId}/registrations`),
    'post /api/v1/fairs/:id/registrations/:registrationId/cancel': async (w) =>
      `/api/v1/fairs/${w.fairId}/registrations/${await freshRegistration()}/cancel`,
    'post /api/v1/placements': () => Promise.resolve('/api/v1/placements'),
    'patch /api/v1/placements/:id': (w) => Promise.resolve(`/api/v1/placements/${w.placementId}`),
    'post /api/v1/followups': () => Promise.resolve('/api/v1/followups'),
  };

  /** Valid values the JSON Schema cannot express: records that exist, unique ID numbers and months. */
  const override =
    (route: string): Override =>
    (path: Path) => {
      const key = path.at(-1) === 0 ? path.at(-2) : path.at(-1);
      const next = () => (counter += 1);
      switch (key) {
        case 'idNumber':
          return fc.constant(null).map(() => syntheticIdNumber(13_000 + next()));
        case 'phone':
          return fc.constant(null).map(() => syntheticPhone(13_000 + next()));
        case 'householdId':
          return fc.constant(world.householdId);
        case 'employerId':
          return fc.constant(world.employerId);
        case 'openingId':
        case 'openingIds':
          return path.at(-1) === 0 || key === 'openingId' ? fc.constant(world.openingId) : undefined;
        case 'boothId':
          return fc.constant(world.boothId);
        case 'placementId':
          return fc.constant(world.placementId);
        case 'residentId':
          return route.endsWith('/enrollments') || route.endsWith('/registrations')
            ? fc.constant(null).map(() => unused[0] ?? world.residentIds[0]!)
            : fc.constant(world.residentIds[0]!);
        case 'townshipCode':
          return fc.constant(TOWNSHIP_A);
        case 'startsOn':
        case 'endsOn':
          // an update keeps within the stored course dates' order (2026-01-01 … 2026-02-01)
          if (route === '/api/v1/cohorts/:id')
            return key === 'startsOn'
              ? dateBetween('2025-06-01', '2026-01-31')
              : dateBetween('2026-02-01', '2027-06-30');
          return undefined;
        case 'endedOn':
          return dateBetween('2026-01-05', '2030-12-31');
        case 'month':
          // one follow-up per placement per month
          return fc.constant(null).map(() => {
            const n = next();
            return `${2000 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
          });
        case undefined:
        default:
          return undefined;
      }
    };

  /** Cross-field rules broken by changing one field: the rules the JSON Schema cannot express. */
  const SEMANTIC_MUTATIONS: Record<string, Mutation[]> = {
    'post /api/v1/cohorts': [
      {
        description: 'endsOn before startsOn',
        apply: (b: unknown) => ({ ...(b as object), startsOn: '2026-05-02', endsOn: '2026-05-01' }),
      },
    ],
    'patch /api/v1/cohorts/:id': [
      {
        description: 'endsOn before the stored startsOn',
        apply: (b: unknown) => ({ ...(b as object), startsOn: undefined, endsOn: '2025-01-01' }),
      },
      {
        description: 'startsOn after the stored endsOn',
        apply: (b: unknown) => ({ ...(b as object), startsOn: '2027-12-01', endsOn: undefined }),
      },
    ],
    'patch /api/v1/placements/:id': [
      {
        description: 'endedOn before the stored startedOn',
        apply: (b: unknown) => ({ ...(b as object), endedOn: '2025-12-31' }),
      },
    ],
    'post /api/v1/openings': [
      {
        description: 'wage.min above wage.max',
        apply: (b: unknown) => ({ ...(b as object), wage: { min: 3000, max: 2000 } }),
      },
    ],
    'patch /api/v1/openings/:id': [
      {
        description: 'wage.min above wage.max',
        apply: (b: unknown) => ({ ...(b as object), wage: { min: 3000, max: 2000 } }),
      },
    ],
  };

  /** Cross-field rules the JSON Schema cannot express. */
  function fixup(body: unknown): unknown {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
    const copy = { ...(body as Record<string, unknown>) };
    const wage = copy.wage as { min: number; max: number } | undefined;
    if (wage !== undefined)
      copy.wage = { min: Math.min(wage.min, wage.max), max: Math.max(wage.min, wage.max) };
    if (typeof copy.startsOn === 'string' && typeof copy.endsOn === 'string' && copy.endsOn < copy.startsOn)
      [copy.startsOn, copy.endsOn] = [copy.endsOn, copy.startsOn];
    return copy;
  }

  /** Invalid values the JSON Schema cannot express. */
  function extraInvalid(path: Path): [string, unknown][] {
    const key = path.at(-1);
    if (key === 'idNumber')
      return [
        [
          'a wrong check character',
          `${syntheticIdNumber(1).slice(0, 17)}${syntheticIdNumber(1).endsWith('0') ? '1' : '0'}`,
        ],
        ['a birth date in the future', '520121209901010011'],
      ];
    if (key === 'phone') return [['not a mobile number', '02512345678']];
    return [];
  }

  async function send(operation: Operation, url: string, body: unknown) {
    const call = request(t.app)[operation.method](url).set('Authorization', `Bearer ${admin}`);
    const response = await (body === undefined ? call : call.type('json').send(JSON.stringify(body)));
    statuses[String(response.status)] = (statuses[String(response.status)] ?? 0) + 1;
    return response;
  }

  it('covers every write route in the route table', () => {
    const missing = openApiOperations()
      .map((operation) => `${operation.method} ${operation.path}`)
      .filter((key) => !(key in TARGETS));
    expect(missing, 'write routes FUZZ-02 does not know how to target').to.deep.equal([]);
  });

  for (const operation of openApiOperations()) {
    const key = `${operation.method} ${operation.path}`;
    const body = operation.body;

    it(`FUZZ-02: ${key}: generated valid requests answer ${operation.status}`, async function () {
      this.timeout(120_000);
      const target = TARGETS[key];
      if (target === undefined) this.skip();
      const valid =
        body === undefined ? fc.constant(undefined) : arbitraryOf(body, override(operation.path)).map(fixup);
      await fc.assert(
        fc.asyncProperty(valid, async (generated) => {
          const sent =
            operation.path.endsWith('/enrollments') || operation.path.endsWith('/registrations')
              ? { ...(generated as Record<string, unknown>), residentId: freshResident() }
              : generated;
          const response = await send(operation, await target(world), sent);
          expect(response.status, `${JSON.stringify(sent)} → ${response.text}`).to.equal(operation.status);
        }),
        { numRuns: VALID_RUNS },
      );
    });

    if (body === undefined) continue;
    it(`FUZZ-02: ${key}: every one-field mutation of a valid request is 400, none 5xx`, async function () {
      this.timeout(120_000);
      const target = TARGETS[key];
      if (target === undefined) this.skip();
      const cases = arbitraryOf(body, override(operation.path))
        .map(fixup)
        .chain((generated) =>
          fc
            .constantFrom(...mutationsOf(body, generated, extraInvalid))
            .map((mutation) => ({ generated, mutation })),
        );
      await fc.assert(
        fc.asyncProperty(cases, async ({ generated, mutation }) => {
          const sent = mutation.apply(generated);
          const response = await send(operation, await target(world), sent);
          expect(
            response.status,
            `${mutation.description}: ${JSON.stringify(sent)} → ${response.text}`,
          ).to.equal(400);
        }),
        { numRuns: MUTATION_RUNS },
      );
    });
  }

  for (const [key, mutations] of Object.entries(SEMANTIC_MUTATIONS)) {
    it(`FUZZ-02: ${key}: a valid request with one field breaking a cross-field rule is 400 (${mutations.map((m) => m.description).join('; ')})`, async function () {
      this.timeout(120_000);
      const operation = openApiOperations().find(
        (candidate) => `${candidate.method} ${candidate.path}` === key,
      );
      const target = TARGETS[key];
      if (operation?.body === undefined || target === undefined)
        throw new Error(`${key} is not a write route with a body`);
      const cases = arbitraryOf(operation.body, override(operation.path))
        .map(fixup)
        .chain((generated) => fc.constantFrom(...mutations).map((mutation) => ({ generated, mutation })));
      await fc.assert(
        fc.asyncProperty(cases, async ({ generated, mutation }) => {
          const sent = mutation.apply(generated);
          const response = await send(operation, await target(world), sent);
          expect(
            response.status,
            `${mutation.description}: ${JSON.stringify(sent)} → ${response.text}`,
          ).to.equal(400);
        }),
        { numRuns: VALID_RUNS },
      );
    });
  }

  it('FUZZ-02: not one 5xx in the whole run', () => {
    expect(Object.keys(statuses).filter((status) => status.startsWith('5'))).to.deep.equal([]);
    expect(Object.values(statuses).reduce((a, b) => a + b, 0)).to.be.greaterThan(100);
  });
});
