// Fair matching under faults: a crash between writes and a worker killed mid-job leave no duplicate
// recommendations; SIGTERM to the service while a job runs starts no new job, lets the active one
// finish, and exits within 25 s.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { Types } from 'mongoose';
import {
  JOB_KINDS,
  insertHouseholds,
  insertResidents,
  requesterOf,
  startJobWorkers,
  type JobRecordDoc,
  type JobWorkers,
} from '@anju/service';
import { api, claims, residentBody, startTestApp, TEST_ENV, TOWNSHIP_A, type TestApp } from './support.ts';
import { waitFor } from './jobs-support.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TRADES = ['普工', '缝纫工', '电子厂', '车位', '生产工', '电子组装'];
const OCCUPATIONS = ['普工', '缝纫工', '电子装配工'];

function idOf(response: { status: number; text: string; body: unknown }, what: string): string {
  expect(response.status, `${what}: ${response.text}`).to.be.oneOf([200, 201]);
  return (response.body as { id: string }).id;
}

/** A recommendation as a comparable line: who, where, how good, proposed or not. */
type Row = string;

describe('fair matching under faults', function () {
  this.timeout(90_000);
  let t: TestApp;
  let fairId: string;
  let clean: Row[] = [];

  const childEnv = (extra: Record<string, string> = {}) => ({
    ...process.env,
    ...TEST_ENV,
    MONGODB_URI: t.config.MONGODB_URI,
    MONGODB_DB: t.services.db.name,
    REDIS_URL: t.config.REDIS_URL,
    QUEUE_PREFIX: t.config.QUEUE_PREFIX,
    JOB_LOCK_MS: '2000',
    LOG_LEVEL: 'warn',
    ...extra,
  });

  const spawnChild = (script: string, env: NodeJS.ProcessEnv): ChildProcess =>
    spawn(process.execPath, ['--conditions=@anju/source', '--import', 'tsx', script], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  const lineOf = (child: ChildProcess, pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = pattern.exec(line);
        if (match) resolve(match);
      });
      child.once('exit', () => {
        reject(new Error('the child exited first'));
      });
    });

  const newJob = async (): Promise<Types.ObjectId> =>
    (
      await t.services.jobs.create({
        kind: 'fair-matching',
        requester: requesterOf(claims.staffA),
        subjectId: new Types.ObjectId(fairId),
        townshipCodes: [TOWNSHIP_A],
        allTownships: false,
        params: { fairId, objective: 'households-first', pool: 'county' },
      })
    )._id;

  const recordOf = async (id: Types.ObjectId): Promise<JobRecordDoc> => {
    const record = await t.services.jobs.get(id.toHexString());
    if (record === null) throw new Error('no record');
    return record;
  };

  const completed = (id: Types.ObjectId) =>
    waitFor(
      'the job to complete',
      async () => {
        const record = await recordOf(id);
        if (record.state === 'failed') throw new Error(`job failed: ${record.errorCode ?? ''}`);
        return record.state === 'completed' ? record : undefined;
      },
      40_000,
    );

  const rowsOf = async (id: Types.ObjectId): Promise<Row[]> =>
    (await t.services.models.recommendations.find({ jobId: id }).lean())
      .map(
        (row) =>
          `${row.residentId.toHexString()} ${row.openingId.toHexString()} ${row.score} ${String(row.proposed)}`,
      )
      .sort();

  before(async () => {
    t = await startTestApp({ JOB_LOCK_MS: '2000', JOB_RECONCILE_MS: '500' });
    const admin = api(t.app, await t.token(claims.admin));
    fairId = idOf(
      await admin.post('/api/v1/fairs', {
        title: '就业援助月招聘会',
        countyCode: '520121',
        venue: '社区服务中心',
        heldOn: '2026-01-15',
      }),
      'fair',
    );
    for (let e = 0; e < 5; e += 1) {
      const employerId = idOf(
        await admin.post('/api/v1/employers', {
          name: `帮扶车间 ${e + 1}`,
          countyCode: '520121',
          kind: 'assistance-workshop',
        }),
        'employer',
      );
      const openingIds: string[] = [];
      for (let o = 0; o < 2; o += 1)
        openingIds.push(
          idOf(
            await admin.post('/api/v1/openings', {
              employerId,
              kind: 'assistance-workshop',
              title: `${OCCUPATIONS[(e + o) % 3]!} ${e}-${o}`,
              occupation: OCCUPATIONS[(e + o) % 3]!,
              countyCode: '520121',
              wage: { min: 2200 + 100 * o, max: 3200 + 100 * e },
              headcount: 15,
            }),
            'opening',
          ),
        );
      idOf(
        await admin.post(`/api/v1/fairs/${fairId}/booths`, {
          employerId,
          name: `${e + 1} 号展位`,
          seats: 40,
          openingIds,
        }),
        'booth',
      );
    }
    // 300 residents in 120 households, through the same validation and encryption as the API.
    const households = await insertHouseholds(
      t.services,
      claims.admin,
      Array.from({ length: 120 }, (_, i) => ({
        townshipCode: TOWNSHIP_A,
        community: `第${(i % 4) + 1}社区`,
      })),
    );
    const residents = await insertResidents(
      t.services,
      claims.admin,
      Array.from({ length: 300 }, (_, i) =>
        residentBody(households.ids[i % 120]!.toHexString(), 3000 + i, {
          skills: [{ name: TRADES[i % TRADES.length]!, years: i % 7 }],
          mobility: 'local',
          expectedMonthlyWage: 2400 + (i % 9) * 100,
          consent: { shareWithEmployers: true },
          priority: { registeredPoor: i % 3 === 0 },
        }),
      ),
    );
    expect(residents.inserted).to.equal(300);
  });

  after(async () => {
    await t.close();
  });

  it('a clean run writes more than one batch of recommendations', async () => {
    const workers = startJobWorkers(t.services, JOB_KINDS);
    try {
      const id = await newJob();
      const record = await completed(id);
      expect(record.attempts).to.equal(1);
      clean = await rowsOf(id);
      expect(clean.length).to.equal(record.result?.recommendations);
      expect(clean.length).to.be.greaterThan(200);
    } finally {
      await workers.stop(5000);
    }
  });

  it('Q-01: a crash between two writes is retried, and the retry writes no duplicate recommendation', async () => {
    let partial = -1;
    const workers: JobWorkers = startJobWorkers(t.services, JOB_KINDS, {
      faults: async (point, { jobId, attempt }) => {
        if (point !== 'recommendations batch written' || attempt !== 1 || partial >= 0) return;
        partial = await t.services.models.recommendations.countDocuments({
          jobId: new Types.ObjectId(jobId),
        });
        throw new Error('simulated crash between writes');
      },
    });
    try {
      const id = await newJob();
      const record = await completed(id);
      expect(partial).to.be.within(1, clean.length - 1);
      expect(record.attempts).to.equal(2);
      expect(await rowsOf(id)).to.deep.equal(clean);
    } finally {
      await workers.stop(5000);
    }
  });

  it('Q-01: a worker killed (SIGKILL) mid-write is replaced, and the job ends with exactly one set of rows', async () => {
    const id = await newJob();
    const child = spawnChild('test/service/support/crashing-worker.ts', childEnv());
    const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
    expect(signal).to.equal('SIGKILL');
    const partial = await rowsOf(id);
    expect(partial.length).to.be.within(1, clean.length - 1);
    expect((await recordOf(id)).state).to.equal('active');
    // Another worker takes the job once the dead one's lock expires (JOB_LOCK_MS).
    const workers = startJobWorkers(t.services, JOB_KINDS);
    try {
      const record = await completed(id);
      expect(record.attempts).to.equal(2);
      expect(await rowsOf(id)).to.deep.equal(clean);
    } finally {
      await workers.stop(5000);
    }
  });

  it('Q-05: SIGTERM while a job runs: no new job starts, the active one finishes or goes back, exit 0 within 25 s', async () => {
    const ids = [await newJob(), await newJob(), await newJob()];
    const child = spawnChild(
      'packages/service/src/main.ts',
      childEnv({ PORT: '0', JOB_CONCURRENCY: '1', LOG_LEVEL: 'info' }),
    );
    const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
    await lineOf(child, /anju service listening/);
    await waitFor(
      'a job to start in the service',
      async () => {
        for (const id of ids) if ((await recordOf(id)).state !== 'queued') return true;
        return undefined;
      },
      20_000,
      10,
    );
    const signalled = performance.now();
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).to.equal(0);
    expect(performance.now() - signalled).to.be.below(25_000);
    const records = await Promise.all(ids.map(recordOf));
    // Nothing is left half-done, and at least one job was never started by the stopping service.
    for (const record of records) expect(record.state).to.be.oneOf(['completed', 'queued']);
    expect(records.filter((record) => record.attempts === 0).length).to.be.at.least(1);
    const workers = startJobWorkers(t.services, JOB_KINDS);
    try {
      for (const id of ids) {
        await completed(id);
        expect(await rowsOf(id)).to.deep.equal(clean);
      }
    } finally {
      await workers.stop(5000);
    }
  });
});
