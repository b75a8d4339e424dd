// A redis-server of a test's own, which the test may kill -9 and start again on the same port and data.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRedis, type LocalRedis } from '../../scripts/services/index.ts';

export interface KillableRedis {
  readonly url: string;
  readonly port: number;
  /** Is a redis-server running right now? */
  readonly running: boolean;
  /** `kill -9` the server; its append-only file stays. */
  kill(): Promise<void>;
  /** Starts it again on the same port from the same append-only file. */
  restart(): Promise<void>;
  /** Stops it (if running) and removes its data. */
  stop(): Promise<void>;
}

/** AOF with `appendfsync always`, so every write Redis acknowledged survives the kill. */
export async function startKillableRedis(): Promise<KillableRedis> {
  const dataDir = await mkdtemp(join(tmpdir(), 'anju-redis-fault-'));
  let server: LocalRedis | undefined = await startLocalRedis({ dataDir, appendFsync: 'always' });
  const { port, url } = server;
  return {
    url,
    port,
    get running() {
      return server !== undefined;
    },
    async kill() {
      await server?.kill();
      server = undefined;
    },
    async restart() {
      if (server !== undefined) return;
      server = await startLocalRedis({ dataDir, port, appendFsync: 'always' });
    },
    async stop() {
      await server?.stop();
      server = undefined;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
