import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, onPath, run, startServer, stopProcess, type LocalServer } from './process.ts';

export interface RedisOptions {
  /** Keep the append-only file in this folder across restarts; without it a temp folder is used. */
  readonly dataDir?: string;
  /** Use this port (a test that restarts Redis wants the same one back). */
  readonly port?: number;
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

/** A redis-server on 127.0.0.1 with AOF on, so a kill -9 loses no acknowledged write. */
export async function startLocalRedis(
  options: RedisOptions = {},
): Promise<LocalServer & { port: number; dir: string }> {
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
      'everysec',
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
  );
  return {
    url: `redis://127.0.0.1:${port}`,
    description: `redis-server on 127.0.0.1:${port}`,
    port,
    dir,
    async stop() {
      await stopProcess(child);
      if (options.dataDir === undefined) await rm(dir, { recursive: true, force: true });
    },
  };
}
