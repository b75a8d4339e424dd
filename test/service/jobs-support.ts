// Helpers for tests of background jobs: waiting for a state, a dedicated Redis to kill, bull inspection.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Queue from 'bull';
import { Redis } from 'ioredis';
import { QUEUE_NAME, type JobPayload, type ServiceConfig } from '@anju/service';
import { startLocalRedis } from '../../scripts/services/index.ts';

/** Polls `probe` until it returns something other than undefined; fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A redis-server of the test's own, which the test may kill -9 and restart on the same port. */
export interface DedicatedRedis {
  readonly url: string;
  readonly port: number;
  /** SIGKILL, as a crash or an OOM kill would; `wipe` also deletes its append-only file (data lost). */
  kill(options?: { wipe?: boolean }): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startDedicatedRedis(): Promise<DedicatedRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'anju-test-redis-'));
  let server = await startLocalRedis({ dataDir: dir });
  const port = server.port;
  let running = true;
  return {
    url: server.url,
    port,
    async kill(options = {}) {
      const client = new Redis(server.url, { maxRetriesPerRequest: 1, lazyConnect: true });
      await client.connect();
      const info = await client.info('server');
      client.disconnect();
      const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
      process.kill(pid, 'SIGKILL');
      await server.stop();
      running = false;
      if (options.wipe === true) await rm(dir, { recursive: true, force: true });
    },
    async restart() {
      await mkdir(dir, { recursive: true });
      server = await startLocalRedis({ dataDir: dir, port });
      running = true;
    },
    async stop() {
      if (running) await server.stop();
      running = false;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A bull queue on the same keys as the service's, to look at what Redis holds. */
export function inspectQueue(config: ServiceConfig): Queue.Queue<JobPayload> {
  return new Queue<JobPayload>(QUEUE_NAME, config.REDIS_URL, { prefix: config.QUEUE_PREFIX });
}
