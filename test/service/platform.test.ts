import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect } from 'chai';
import request from 'supertest';
import {
  ROUTES,
  PERMISSIONS,
  TokenVerifier,
  buildOpenApi,
  describeConfig,
  isPermission,
  loadConfig,
  STATUS_OF,
  MESSAGE_OF,
} from '@anju/service';
import { configurationDoc } from '../../scripts/docs/configuration-doc.ts';
import { api, claims, startTestApp, TEST_ENV, type TestApp } from './support.ts';

function testConfigForTokens() {
  return loadConfig({ MONGODB_URI: 'mongodb://x', REDIS_URL: 'redis://x', ...TEST_ENV });
}

function expectProblem(response: request.Response, status: number, code: string): void {
  expect(response.status, response.text).to.equal(status);
  expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
  const body = JSON.parse(response.text) as Record<string, unknown>;
  expect(body).to.include({ status, code });
  expect(body.requestId).to.be.a('string').and.not.empty;
  expect(body.message).to.have.keys(['zh', 'en']);
  expect(response.text).not.to.match(/at .+\.(ts|js):\d+|Mongo|E11000|stack/i);
}

describe('service platform', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await startTestApp();
    token = await t.token(claims.admin);
  });
  after(async () => {
    await t.close();
  });

  describe('the route table', () => {
    it('SEC-04: every route declares a known permission and appears in the OpenAPI document with it', () => {
      const document = buildOpenApi(ROUTES, { title: 't', version: '0' }) as {
        paths: Record<string, Record<string, { 'x-permission'?: string }>>;
      };
      expect(ROUTES.length).to.be.greaterThan(30);
      for (const route of ROUTES) {
        expect(isPermission(route.permission), `${route.method} ${route.path}`).to.equal(true);
        const operation = document.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method];
        expect(operation, `${route.method} ${route.path} missing from /openapi.json`).to.not.equal(undefined);
        expect(operation?.['x-permission']).to.equal(route.permission);
      }
      expect(
        PERMISSIONS.every((permission) => ROUTES.some((route) => route.permission === permission)),
      ).to.equal(true);
    });

    it('route code reaches scoped collections only through scoped(): raw models only where the scope is already proven', () => {
      const componentsDir = new URL('../../packages/service/src/components/', import.meta.url);
      const allowed = new Map([
        // masked summaries of residents behind rows the caller holds through its scope
        ['residents/summaries.ts', 1],
        // copied consent kept in step after a scoped update of the resident
        ['residents/routes.ts', 1],
        // re-match requests for a resident the caller already resolved through its scope
        ['matching/rematch.ts', 1],
        // completion is a cohort-level act: the cohort is in scope; its enrolments and residents follow
        ['cohorts/completion.ts', 1],
        // the monthly tick runs as the system, for every township, with no caller to scope by
        ['followups/tick.ts', 2],
        // a recorded follow-up (in scope) judged with its household's other follow-ups and members
        ['followups/assess.ts', 1],
        // `anju rekey` is an operator's command over every row, run with no caller to scope by
        ['residents/rekey.ts', 2],
        // `anju levels` is an operator's command over every row that holds a level
        ['residents/national-levels.ts', 1],
      ]);
      for (const file of readdirSync(componentsDir, { recursive: true }) as string[]) {
        if (!file.endsWith('.ts')) continue;
        const text = readFileSync(new URL(file, componentsDir), 'utf8');
        // `services.models` at all, so that destructuring the models counts too
        const rawUses = text.match(/services\.models\b/g)?.length ?? 0;
        expect(rawUses, file).to.equal(allowed.get(file) ?? 0);
      }
    });

    it('every route validates params, query and body with strict schemas where it takes them', () => {
      for (const route of ROUTES) {
        if (route.path.includes(':')) expect(route.params, `${route.path} params`).to.not.equal(undefined);
        // an upload route's body is its file, read and checked by the upload reader
        if (route.method !== 'get' && !route.path.endsWith('/cancel') && route.upload !== true)
          expect(route.body, `${route.method} ${route.path} body`).to.not.equal(undefined);
      }
    });

    it('serves the OpenAPI 3.1 document and a docs page that lists every route', async () => {
      const document = await request(t.app).get('/openapi.json');
      expect(document.status).to.equal(200);
      expect((document.body as { openapi: string }).openapi).to.equal('3.1.0');
      const docs = await request(t.app).get('/docs');
      expect(docs.status).to.equal(200);
      expect(docs.headers['content-type']).to.match(/text\/html/);
      for (const route of ROUTES) expect(docs.text).to.include(route.path.replace(/:([A-Za-z]+)/g, '{$1}'));
      expect(docs.text).not.to.match(/<script|https?:\/\/cdn/i);
    });
  });

  describe('errors', () => {
    it('DEG-06: an unknown route is problem+json with a code, a request id and both languages', async () => {
      expectProblem(await api(t.app, token).get('/api/v1/nothing-here'), 404, 'NOT_FOUND');
    });

    it('DEG-06: a malformed JSON body is 400 MALFORMED_JSON without parser text', async () => {
      const response = await request(t.app)
        .post('/api/v1/fairs')
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/json')
        .send('{"title": "x",');
      expectProblem(response, 400, 'MALFORMED_JSON');
      expect(response.text).not.to.match(/Unexpected|JSON\.parse|position/);
    });

    it('DEG-06: a duplicate key is 409 DUPLICATE without the database error text', async () => {
      const client = api(t.app, token);
      const household = await client.post('/api/v1/households', {
        townshipCode: '520121001',
        community: '社区',
      });
      const body = {
        householdId: (household.body as { id: string }).id,
        name: '王明',
        idNumber: '11010519491231002X',
        mobility: 'local',
        consent: { shareWithEmployers: false },
      };
      expect((await client.post('/api/v1/residents', body)).status).to.equal(201);
      expectProblem(await client.post('/api/v1/residents', body), 409, 'DUPLICATE');
    });

    it('keeps the client’s well-formed X-Request-Id and echoes it in the problem', async () => {
      const response = await request(t.app).get('/api/v1/fairs').set('X-Request-Id', 'trace-123456');
      expect(response.headers['x-request-id']).to.equal('trace-123456');
      expect((JSON.parse(response.text) as { requestId: string }).requestId).to.equal('trace-123456');
    });

    it('every error code has a status and a message in Chinese and English', () => {
      for (const code of Object.keys(STATUS_OF) as (keyof typeof STATUS_OF)[]) {
        expect(MESSAGE_OF[code].zh).to.match(/[\u4e00-\u9fff]/);
        expect(MESSAGE_OF[code].en).to.not.equal('');
      }
    });
  });

  describe('limits', () => {
    it('SEC-08: a JSON body over 16 kB is 413 PAYLOAD_TOO_LARGE', async () => {
      const response = await request(t.app)
        .post('/api/v1/fairs')
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ title: 'x'.repeat(17 * 1024) }));
      expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('SEC-08: a body that is not JSON is 415', async () => {
      const response = await request(t.app)
        .post('/api/v1/fairs')
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'text/plain')
        .send('title=x');
      expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('SEC-08: strings beyond their bound are 400, and a name search treats regex characters as text', async () => {
      const client = api(t.app, token);
      const long = await client.post('/api/v1/fairs', {
        title: '长'.repeat(81),
        countyCode: '520121',
        venue: 'v',
        heldOn: '2026-01-01',
      });
      expectProblem(long, 400, 'VALIDATION_FAILED');
      const search = await client.get(`/api/v1/residents?name=${encodeURIComponent('.*')}`);
      expect(search.status).to.equal(200);
      expect((search.body as { total: number }).total).to.equal(0);
    });

    it('SEC-08: past the rate limit the API answers 429 RATE_LIMITED with Retry-After', async () => {
      const limited = await startTestApp({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
      try {
        const limitedToken = await limited.token(claims.admin);
        const statuses: number[] = [];
        let last: request.Response | undefined;
        for (let i = 0; i < 5; i += 1) {
          last = await api(limited.app, limitedToken).get('/api/v1/fairs');
          statuses.push(last.status);
        }
        expect(statuses).to.deep.equal([200, 200, 200, 429, 429]);
        expectProblem(last!, 429, 'RATE_LIMITED');
        expect(Number(last!.headers['retry-after'])).to.be.greaterThan(0);
        expect((await request(limited.app).get('/livez')).status).to.equal(200);
      } finally {
        await limited.close();
      }
    });

    it('SEC-08: pages are capped at 100 rows', async () => {
      const client = api(t.app, token);
      expectProblem(await client.get('/api/v1/fairs?limit=101'), 400, 'VALIDATION_FAILED');
      const page = await client.get('/api/v1/fairs?limit=100');
      expect((page.body as { limit: number }).limit).to.equal(100);
    });
  });

  describe('health and headers', () => {
    it('/livez is the process; /readyz is the database and turns 503 while draining', async () => {
      expect((await request(t.app).get('/livez')).status).to.equal(200);
      expect((await request(t.app).get('/readyz')).status).to.equal(200);
      t.lifecycle.draining = true;
      try {
        expect((await request(t.app).get('/readyz')).status).to.equal(503);
        expect((await request(t.app).get('/livez')).status).to.equal(200);
      } finally {
        t.lifecycle.draining = false;
      }
    });

    it('sets helmet’s security headers and no-store on API answers', async () => {
      const response = await api(t.app, token).get('/api/v1/fairs');
      expect(response.headers['x-content-type-options']).to.equal('nosniff');
      expect(response.headers['content-security-policy']).to.be.a('string');
      expect(response.headers['cache-control']).to.equal('no-store');
      expect(response.headers['x-powered-by']).to.equal(undefined);
    });
  });

  describe('configuration', () => {
    it('refuses to start with one message naming every bad key', () => {
      expect(() =>
        loadConfig({ MONGODB_URI: 'mongodb://x', REDIS_URL: 'redis://x', JWT_SECRET: 'short' }),
      ).to.throw(/JWT_SECRET[\s\S]*FIELD_KEYS[\s\S]*HMAC_KEY/);
      expect(() =>
        loadConfig({
          MONGODB_URI: 'mongodb://x',
          REDIS_URL: 'redis://x',
          ...TEST_ENV,
          FIELD_KEY_VERSION: '7',
        }),
      ).to.throw(/FIELD_KEY_VERSION/);
    });

    it('docs/configuration.md is generated from the config schema and describes every key', () => {
      const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
      expect(doc, 'run `pnpm docs:config`').to.equal(configurationDoc());
      for (const { key, description } of describeConfig()) {
        expect(doc, key).to.include(`| \`${key}\``);
        expect(description, key).to.not.equal('');
      }
    });

    it('`anju token` mints a token the service accepts, from the same settings', async function () {
      this.timeout(30_000);
      const root = new URL('../../', import.meta.url);
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          '--conditions=@anju/source',
          '--import',
          'tsx',
          'packages/service/src/cli.ts',
          'token',
          '--role',
          'staff',
          '--township',
          '520121001',
          '--township',
          '520121002',
        ],
        { cwd: root, env: { ...process.env, ...TEST_ENV } },
      );
      const principal = await new TokenVerifier(testConfigForTokens()).verify(stdout.trim());
      expect(principal).to.deep.equal({
        sub: 'dev-staff',
        role: 'staff',
        townships: ['520121001', '520121002'],
      });
    });

    it('encrypts new values with the highest key version unless told otherwise', () => {
      const config = loadConfig({ MONGODB_URI: 'mongodb://x', REDIS_URL: 'redis://x', ...TEST_ENV });
      expect(config.FIELD_KEY_VERSION).to.equal(2);
      expect(config.BODY_LIMIT_BYTES).to.equal(16_384);
    });
  });
});
