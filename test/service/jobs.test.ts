// Background jobs: a MongoDB record before the bull job, workers that report progress, reconcile what
// Redis lost, answer 503 fast while Redis is down, and stop gracefully (Q-03 design, Q-05, PII-04).
import { expect } from 'chai';
import { Types } from 'mongoose';
import { z } from 'zod';
import {
  AppError,
  requesterOf,
  startJobWorkers,
  type JobKind,
  type JobRecordDoc,
  type JobWorkers,
} from '@anju/service';
import type { TokenClaims } from '@anju/shared';
import { freePort } from '../../scripts/services/index.ts';
import { startFaultProxy } from '../support/fault-proxy.ts';
import { api, capturedLogLines, claims, startTestApp, TOWNSHIP_A, type TestApp } from './support.ts';
import { inspectQueue, startDedicatedRedis, waitFor, type DedicatedRedis } from './jobs-support.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Jobs a test lets finish; until then they wait at checkpoints (so a stop can interrupt them). */
const released = new Set<string>();

const waits: JobKind<{ steps: number; hold: boolean }> = {
  kind: 'test-steps',
  params: z.object({ steps: z.number().int().min(1), hold: z.boolean() }),
  async process(context) {
    const { steps, hold } = context.params;
    for (let step = 0; step < steps; step += 1) {
      await context.progress((step / steps) * 100, `step ${step + 1} of ${steps}`);
      while (hold && !released.has(context.jobId)) {
        await sleep(20);
        await context.checkpoint('holding');
      }
      await context.checkpoint(`step ${step + 1}`);
    }
    return { steps };
  },
};

const fails: JobKind<{ how: string }> = {
  kind: 'test-fails',
  params: z.object({ how: z.enum(['not-found', 'crash']) }),
  process(context) {
    if (context.params.how === 'not-found') throw new AppError('NOT_FOUND');
    throw new Error('the worker fell over');
  },
};

const KINDS = [waits, fails] as readonly JobKind[];

function newJob(
  kind: string,
  params: Record<string, string | number | boolean>,
  principal: TokenClaims = claims.staffA,
) {
  return {
    kind,
    requester: requesterOf(principal),
    subjectId: new Types.ObjectId(),
    townshipCodes: principal.role === 'staff' ? [...principal.townships] : [],
    allTownships: principal.role === 'admin',
    params,
  };
}

async function recordOf(t: TestApp, id: Types.ObjectId): Promise<JobRecordDoc> {
  const record = await t.services.jobs.get(id.toHexString());
  if (record === null) throw new Error('no job record');
  return record;
}

function settled(t: TestApp, id: Types.ObjectId, timeoutMs = 15_000): Promise<JobRecordDoc> {
  return waitFor(
    `job ${id.toHexString()} to finish`,
    async () => {
      const record = await recordOf(t, id);
      return record.state === 'completed' || record.state === 'failed' ? record : undefined;
    },
    timeoutMs,
  );
}

describe('background jobs', function () {
  this.timeout(40_000);

  describe('on the shared Redis', () => {
    let t: TestApp;
    let workers: JobWorkers | undefined;

    before(async () => {
      t = await startTestApp({ JOB_ATTEMPTS: '2', JOB_RECONCILE_MS: '200' });
    });
    afterEach(async () => {
      await workers?.stop(2000);
      workers = undefined;
    });
    after(async () => {
      await t.close();
    });

    it('PII-04: writes the record before enqueueing, and the bull job carries only the record id', async () => {
      const record = await t.services.jobs.create(newJob('test-steps', { steps: 1, hold: false }));
      expect(record.state).to.equal('queued');
      expect(record.requester).to.deep.include({ sub: 'staff-a', role: 'staff', townships: [TOWNSHIP_A] });
      const queue = inspectQueue(t.config);
      try {
        const job = await queue.getJob(record._id.toHexString());
        expect(job?.data).to.deep.equal({ id: record._id.toHexString() });
      } finally {
        await queue.close();
      }
    });

    it('a worker runs the job; GET /api/v1/jobs/:id shows the stage and progress, then the result', async () => {
      workers = startJobWorkers(t.services, KINDS);
      const { _id } = await t.services.jobs.create(newJob('test-steps', { steps: 3, hold: true }));
      const client = api(t.app, await t.token(claims.staffA));
      const path = `/api/v1/jobs/${_id.toHexString()}`;
      const running = await waitFor('the job to report its first step', async () => {
        const response = await client.get(path);
        return (response.body as { stage: string }).stage === 'step 1 of 3' ? response : undefined;
      });
      expect(running.body).to.deep.include({ kind: 'test-steps', state: 'active', progress: 0 });
      released.add(_id.toHexString());
      await settled(t, _id);
      const done = await client.get(path);
      expect(done.status).to.equal(200);
      expect(done.body).to.deep.include({
        state: 'completed',
        progress: 100,
        stage: 'done',
        attempts: 1,
        result: { steps: 3 },
        requestedBy: 'staff-a',
      });
    });

    it('SEC-01: only whoever may see all of a job’s townships sees it; others get 404, employers 403', async () => {
      const own = await t.services.jobs.create(newJob('test-steps', { steps: 1, hold: false }));
      const everywhere = await t.services.jobs.create(
        newJob('test-steps', { steps: 1, hold: false }, claims.admin),
      );
      const status = async (principal: TokenClaims, id: Types.ObjectId) =>
        (await api(t.app, await t.token(principal)).get(`/api/v1/jobs/${id.toHexString()}`)).status;
      expect(await status(claims.staffA, own._id)).to.equal(200);
      expect(await status(claims.staffB, own._id)).to.equal(404);
      expect(await status(claims.auditor, own._id)).to.equal(200);
      expect(await status(claims.employer(new Types.ObjectId().toHexString()), own._id)).to.equal(403);
      expect(await status(claims.staffA, everywhere._id)).to.equal(404);
      expect(await status(claims.admin, everywhere._id)).to.equal(200);
      expect(await status(claims.admin, new Types.ObjectId())).to.equal(404);
    });

    it('a failure a retry cannot fix fails the job at once with its error code', async () => {
      workers = startJobWorkers(t.services, KINDS);
      const { _id } = await t.services.jobs.create(newJob('test-fails', { how: 'not-found' }));
      const record = await settled(t, _id);
      expect(record).to.deep.include({ state: 'failed', errorCode: 'NOT_FOUND', attempts: 1 });
    });

    it('a crash is retried JOB_ATTEMPTS times, then the job fails as INTERNAL, logged through the error path', async () => {
      workers = startJobWorkers(t.services, KINDS);
      const { _id } = await t.services.jobs.create(newJob('test-fails', { how: 'crash' }));
      const record = await settled(t, _id);
      expect(record).to.deep.include({ state: 'failed', errorCode: 'INTERNAL', attempts: 2 });
      const lines = capturedLogLines.filter((line) => line.includes(_id.toHexString()));
      expect(lines.some((line) => /"level":50/.test(line) && line.includes('job failed'))).to.equal(true);
    });

    it('refuses params that look like personal data (PII-04)', async () => {
      let error: unknown;
      try {
        await t.services.jobs.create(newJob('test-steps', { steps: 1, hold: false, note: '13900000001' }));
      } catch (caught) {
        error = caught;
      }
      expect(error).to.be.instanceOf(AppError);
    });

    it('Q-05: a stopping worker starts no new job and lets the active one finish', async () => {
      const first = startJobWorkers(t.services, KINDS, { concurrency: 1 });
      const active = await t.services.jobs.create(newJob('test-steps', { steps: 1, hold: true }));
      await waitFor('the first job to start', async () =>
        (await recordOf(t, active._id)).state === 'active' ? true : undefined,
      );
      const waiting = await t.services.jobs.create(newJob('test-steps', { steps: 1, hold: false }));
      const stopping = first.stop(10_000);
      await sleep(300);
      released.add(active._id.toHexString());
      await stopping;
      expect((await recordOf(t, active._id)).state).to.equal('completed');
      await sleep(300);
      expect(await recordOf(t, waiting._id)).to.deep.include({ state: 'queued', attempts: 0 });
      workers = startJobWorkers(t.services, KINDS);
      expect((await settled(t, waiting._id)).state).to.equal('completed');
    });

    for (const mode of ['blackhole', 'reset'] as const) {
      it(`Q-05: a worker stopped before its Redis connections are usable (${mode}) stops without an unhandled rejection`, async () => {
        const redis = new URL(t.config.REDIS_URL);
        const proxy = await startFaultProxy({ targetPort: Number(redis.port), mode });
        const unhandled: unknown[] = [];
        const record = (reason: unknown) => unhandled.push(reason);
        process.on('unhandledRejection', record);
        try {
          for (let round = 0; round < 5; round++) {
            const config = { ...t.services.config, REDIS_URL: proxy.url('redis') };
            const stopped = startJobWorkers({ ...t.services, config }, KINDS, { concurrency: 1 });
            await sleep(round * 20);
            await stopped.stop(500);
          }
          await sleep(300);
        } finally {
          process.off('unhandledRejection', record);
          await proxy.close();
        }
        expect(unhandled.map(String)).to.deep.equal([]);
      });
    }

    it('Q-05: a job that does not finish in time is interrupted and left for another worker', async () => {
      const first = startJobWorkers(t.services, KINDS, { concurrency: 1 });
      const slow = await t.services.jobs.create(newJob('test-steps', { steps: 2, hold: true }));
      await waitFor('the slow job to start', async () =>
        (await recordOf(t, slow._id)).state === 'active' ? true : undefined,
      );
      await first.stop(300);
      expect(await recordOf(t, slow._id)).to.deep.include({
        state: 'queued',
        stage: 'interrupted: waiting for a worker',
      });
      workers = startJobWorkers(t.services, KINDS);
      released.add(slow._id.toHexString());
      expect(await settled(t, slow._id)).to.deep.include({ state: 'completed', attempts: 2 });
    });
  });

  describe('with a Redis the test kills', () => {
    let redis: DedicatedRedis;
    let t: TestApp;
    let fairId: string;
    let admin: string;

    before(async () => {
      redis = await startDedicatedRedis();
      t = await startTestApp({ REDIS_URL: redis.url });
      admin = await t.token(claims.admin);
      const fair = await api(t.app, admin).post('/api/v1/fairs', {
        title: '春风行动招聘会',
        countyCode: '520121',
        venue: '安置点广场',
        heldOn: '2026-03-01',
      });
      fairId = (fair.body as { id: string }).id;
    });
    after(async () => {
      await t.close();
      await redis.stop();
    });

    const startMatching = async () => {
      const started = performance.now();
      const response = await api(t.app, admin).post(`/api/v1/fairs/${fairId}/matching`, {});
      return { response, ms: performance.now() - started };
    };

    it('Q-03: while Redis is down, creating a job answers 503 QUEUE_UNAVAILABLE with Retry-After within 2.5 s, and keeps no record', async () => {
      expect((await startMatching()).response.status).to.equal(202);
      const before = await t.services.jobs.records.countDocuments({});
      await redis.kill();
      for (let i = 0; i < 3; i += 1) {
        const { response, ms } = await startMatching();
        expect(response.status).to.equal(503);
        expect((response.body as { code: string }).code).to.equal('QUEUE_UNAVAILABLE');
        expect(response.headers['retry-after']).to.equal('5');
        expect(ms).to.be.below(2500);
      }
      expect(await t.services.jobs.records.countDocuments({})).to.equal(before);
      await redis.restart();
      const back = await waitFor('job creation to work again', async () => {
        const { response } = await startMatching();
        return response.status === 202 ? response : undefined;
      });
      expect((back.body as { state: string }).state).to.equal('queued');
    });

    it('Q-03: a Redis that was never reachable answers 503 within 2.5 s too', async () => {
      const nowhere = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
      try {
        const token = await nowhere.token(claims.admin);
        const client = api(nowhere.app, token);
        const fair = await client.post('/api/v1/fairs', {
          title: '招聘会',
          countyCode: '520121',
          venue: '广场',
          heldOn: '2026-03-01',
        });
        const started = performance.now();
        const response = await client.post(`/api/v1/fairs/${(fair.body as { id: string }).id}/matching`, {});
        expect(performance.now() - started).to.be.below(2500);
        expect(response.status).to.equal(503);
        expect(response.headers['content-type']).to.match(/application\/problem\+json/);
      } finally {
        await nowhere.close();
      }
    });

    it('Q-03: kill -9 with 100 jobs queued behind a running one, restart from the AOF: the workers resume and all 101 complete', async () => {
      const workers = startJobWorkers(t.services, KINDS, { concurrency: 1 });
      try {
        const running = (await t.services.jobs.create(newJob('test-steps', { steps: 1, hold: true })))._id;
        await waitFor('the first job to start', async () =>
          (await recordOf(t, running)).state === 'active' ? true : undefined,
        );
        const queued: Types.ObjectId[] = [];
        for (let i = 0; i < 100; i += 1)
          queued.push((await t.services.jobs.create(newJob('test-steps', { steps: 1, hold: false })))._id);
        await redis.kill();
        await sleep(300);
        await redis.restart();
        released.add(running.toHexString());
        for (const id of [running, ...queued])
          expect((await settled(t, id, 30_000)).state).to.equal('completed');
      } finally {
        await workers.stop(2000);
      }
    });

    it('Q-03 design: jobs Redis lost with its data are enqueued again from their records and all complete', async () => {
      const ids: Types.ObjectId[] = [];
      for (let i = 0; i < 20; i += 1)
        ids.push((await t.services.jobs.create(newJob('test-steps', { steps: 1, hold: false })))._id);
      await redis.kill({ wipe: true });
      await redis.restart();
      const queue = inspectQueue(t.config);
      try {
        expect(await queue.getJob(ids[0]!.toHexString())).to.equal(null);
      } finally {
        await queue.close();
      }
      const workers = startJobWorkers(t.services, KINDS, { reconcileGraceMs: 0 });
      try {
        // Records from the earlier test (fair-matching jobs without a processor) are re-enqueued too.
        expect((await workers.reconcile()).requeued).to.be.at.least(20);
        for (const id of ids) expect((await settled(t, id)).state).to.equal('completed');
      } finally {
        await workers.stop(2000);
      }
    });
  });
});
