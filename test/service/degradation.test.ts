import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import request from 'supertest';
import {
  createApp,
  createLogger,
  createServices,
  openDatabase,
  prepareDatabase,
  type Services,
} from '@anju/service';
import { freePort, startLocalMongo, type LocalServer } from '../../scripts/services/index.ts';
import { captureProcessOutput } from '../support/pii-capture.ts';
import { testMongoUri, testRedisUrl, uniqueName } from '../support/services.ts';
import { claims, TEST_ENV, testConfig } from './support.ts';

/** docs/quality.md DEG-01: a data endpoint answers within 2.5 s when the database is gone. */
const DEG_01_DEADLINE_MS = 2500;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('degradation and shutdown', () => {
  describe('DEG-01: MongoDB unreachable', () => {
    let mongo: LocalServer;
    let services: Services;
    let app: ReturnType<typeof createApp>;
    let token: string;

    before(async function () {
      this.timeout(120_000);
      // A dedicated server this test may stop; the shared one stays up for everybody else.
      mongo = await startLocalMongo();
      const config = testConfig({ MONGODB_URI: mongo.url, LOG_LEVEL: 'silent' });
      const db = openDatabase(mongo.url, uniqueName('anju_deg'));
      await db.asPromise();
      services = createServices(config, db, createLogger('silent'));
      await prepareDatabase(services);
      app = createApp({ services });
      const { mintToken } = await import('@anju/service');
      token = await mintToken(config, claims.admin);
    });
    after(async () => {
      await services.db.close();
      await mongo.stop();
    });

    it('DEG-01: while the database is up, data endpoints answer 200', async () => {
      const response = await request(app).get('/api/v1/fairs').set('Authorization', `Bearer ${token}`);
      expect(response.status).to.equal(200);
      expect((await request(app).get('/readyz')).status).to.equal(200);
    });

    it('DEG-01: after it stops: /livez 200, /readyz 503, data endpoints 503 DB_UNAVAILABLE with Retry-After, none 500, none slow', async function () {
      this.timeout(60_000);
      await mongo.stop();
      expect((await request(app).get('/livez')).status).to.equal(200);
      expect((await request(app).get('/readyz')).status).to.equal(503);
      const attempts = [
        () => request(app).get('/api/v1/fairs').set('Authorization', `Bearer ${token}`),
        () =>
          request(app)
            .post('/api/v1/fairs')
            .set('Authorization', `Bearer ${token}`)
            .send({ title: '招聘会', countyCode: '520121', venue: '广场', heldOn: '2026-03-03' }),
        () => request(app).get('/api/v1/residents?limit=5').set('Authorization', `Bearer ${token}`),
      ];
      for (let round = 0; round < 3; round += 1) {
        const results = await Promise.all(attempts.map((attempt) => timed(attempt)));
        for (const { value: response, ms } of results) {
          expect(response.status, response.text).to.equal(503);
          expect((response.body as { code: string }).code).to.equal('DB_UNAVAILABLE');
          expect(Number(response.headers['retry-after'])).to.be.greaterThan(0);
          expect(response.text).not.to.match(/Mongo|ECONNREFUSED|selection/i);
          expect(ms, 'answered within the DEG-01 deadline').to.be.below(DEG_01_DEADLINE_MS);
        }
      }
    });

    it('DEG-01: a connection that never reached its server answers 503 within the deadline', async () => {
      const port = await freePort();
      const db = openDatabase(`mongodb://127.0.0.1:${port}`, 'nowhere');
      db.on('error', () => undefined);
      try {
        const config = testConfig({ LOG_LEVEL: 'silent' });
        const lonely = createApp({ services: createServices(config, db, createLogger('silent')) });
        const { value: response, ms } = await timed(() =>
          request(lonely).get('/api/v1/fairs').set('Authorization', `Bearer ${token}`),
        );
        expect(response.status).to.equal(503);
        expect((response.body as { code: string }).code).to.equal('DB_UNAVAILABLE');
        expect(ms).to.be.below(DEG_01_DEADLINE_MS);
      } finally {
        await db.close().catch(() => undefined);
      }
    });
  });

  describe('DEG-05: SIGTERM under load', () => {
    it('DEG-05: in-flight requests complete and the process exits 0 within 25 s', async function () {
      this.timeout(60_000);
      const root = fileURLToPath(new URL('../../', import.meta.url));
      const child = spawn(
        process.execPath,
        ['--conditions=@anju/source', '--import', 'tsx', 'packages/service/src/main.ts'],
        {
          cwd: root,
          env: {
            ...process.env,
            ...TEST_ENV,
            MONGODB_URI: testMongoUri(),
            MONGODB_DB: uniqueName('anju_deg05'),
            REDIS_URL: testRedisUrl(),
            // Its own queue keys, as every test app has: no other test's jobs in its workers.
            QUEUE_PREFIX: uniqueName('anju_q'),
            PORT: '0',
            LOG_LEVEL: 'info',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      // PII-04 scans what the service process logs, like every in-process service's log.
      captureProcessOutput(child.stdout);
      // What the process said on stderr, shown if it does not exit 0.
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
      try {
        const url = await new Promise<string>((resolve, reject) => {
          const lines = createInterface({ input: child.stdout });
          lines.on('line', (line) => {
            const match = /"url":"(http:\/\/[^"]+)"/.exec(line);
            if (match?.[1] !== undefined) resolve(match[1]);
          });
          child.once('exit', () => {
            reject(new Error('the service exited before listening'));
          });
        });
        const config = testConfig();
        const { mintToken } = await import('@anju/service');
        const token = await mintToken(config, claims.admin);
        const load = Array.from({ length: 60 }, (_, i) =>
          fetch(`${url}/api/v1/fairs`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              title: `招聘会 ${i}`,
              countyCode: '520121',
              venue: '广场',
              heldOn: '2026-03-03',
            }),
          }).then(
            (response) => response.status,
            () => 'refused' as const,
          ),
        );
        await new Promise((resolve) => setTimeout(resolve, 30));
        const signalled = performance.now();
        child.kill('SIGTERM');
        const statuses = await Promise.all(load);
        const [code] = await exited;
        const exitMs = performance.now() - signalled;
        expect(code, stderr).to.equal(0);
        expect(exitMs).to.be.below(25_000);
        // Every request the server accepted finished normally; none was cut off or failed.
        const answered = statuses.filter((status) => status !== 'refused');
        expect(answered.length).to.be.greaterThan(0);
        expect(answered.every((status) => status === 201)).to.equal(true);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    });
  });
});
