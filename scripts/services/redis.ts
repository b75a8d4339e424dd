import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  onPath,
  run,
  startServer,
  stopProcess,
  type LocalServer,
  type ServerProcessOptions,
} from './process.ts';

export interface RedisOptions extends ServerProcessOptions {
  /** Keep the append-only file in this folder across restarts; without it a temp folder is used. */
  readonly dataDir?: string;
  /** Use this port (a test that restarts Redis wants the same one back). */
  readonly port?: number;
  /** `always` loses no acknowledged write even to `kill -9` (fault tests); `everysec` is the default. */
  readonly appendFsync?: 'always' | 'everysec';
}

/** A redis-server this run started. */
export interface LocalRedis extends LocalServer {
  readonly port: number;
  /** The folder holding its append-only file. */
  readonly dir: string;
  /** `kill -9`: no shutdown, no final fsync; resolves once the process is gone (data folder kept). */
  kill(): Promise<void>;
}

/** Installs Debian's redis-server when it is missing and we may (root); otherwise says what to install. */
export async function ensureRedisServer(): Promise<void> {
  if (await onPath('redis-server')) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      'redis-server is not installed. Set REDIS_URL, or install it: sudo apt-get install redis-server',
    );
  }
  console.error('services: installing the Debian package redis-server');
  try {
    await run('apt-get', ['install', '-y', '-q', 'redis-server']);
  } catch {
    await run('apt-get', ['update', '-q']);
    await run('apt-get', ['install', '-y', '-q', 'redis-server']);
  }
}

/**
 * A redis-server on 127.0.0.1 with AOF on and `noeviction`, as production runs it. With the default
 * `everysec` a kill -9 may lose the last second of writes; fault tests ask for `always`.
 */
export async function startLocalRedis(options: RedisOptions = {}): Promise<LocalRedis> {
  await ensureRedisServer();
  const port = options.port ?? (await freePort());
  const dir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'anju-redis-')));
  const { child } = await startServer(
    'redis-server',
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      options.appendFsync ?? 'everysec',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
      '--daemonize',
      'no',
      '--protected-mode',
      'yes',
    ],
    /Ready to accept connections/,
    options,
  );
  return {
    url: `redis://127.0.0.1:${port}`,
    description: `redis-server on 127.0.0.1:${port}`,
    port,
    dir,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      await stopProcess(child);
      if (options.dataDir === undefined) await rm(dir, { recursive: true, force: true });
    },
  };
}
