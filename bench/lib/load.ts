// What the service benches share: the service on throwaway databases, the bare-Express baseline, and the
// load generators, each run as a separate process so autocannon never shares the service's event loop.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import {
  connectDatabase,
  createLogger,
  createServices,
  loadConfig,
  prepareDatabase,
  startService,
  type RunningService,
  type ServiceConfig,
} from '@anju/service';

/** One load run's figures (latencies in ms). */
export interface Figure {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  statuses: Record<string, number>;
}

/** The figures of a mixed run: the whole mix and each request kind. */
export interface MixFigure {
  seconds: number;
  mix: Figure;
  kinds: (Figure & { name: string; connections: number })[];
}

/**
 * Runs `bench/<script>` in its own Node process, `scenario` as JSON on its stdin (too large for argv);
 * returns the last line it printed, parsed.
 */
export async function runLoad<T>(script: string, scenario: unknown): Promise<T> {
  const path = fileURLToPath(new URL(`../${script}`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(JSON.stringify(scenario));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`load generator ${script} exited with ${String(code)}`);
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as T;
}

/** A bare Express 5 "hello" route on 127.0.0.1: the baseline every figure is compared with. */
export async function startBaseline(): Promise<{ url: string; server: Server }> {
  const app = express();
  app.get('/hello', (_req, res) => {
    res.json({ hello: 'world' });
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The service's settings for a bench: a fresh database, fresh keys, no rate limit in the way. */
export function benchConfig(
  servers: { mongoUri: string; redisUrl: string },
  overrides: Record<string, string> = {},
) {
  return loadConfig({
    MONGODB_URI: servers.mongoUri,
    MONGODB_DB: `anju_bench_${randomBytes(4).toString('hex')}`,
    REDIS_URL: servers.redisUrl,
    QUEUE_PREFIX: `bench_${randomBytes(4).toString('hex')}`,
    PORT: '0',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX: '1000000',
    CRON_ENABLED: 'false',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    FIELD_KEYS: `1:${randomBytes(32).toString('base64')}`,
    HMAC_KEY: randomBytes(32).toString('base64'),
    ...overrides,
  });
}

/** `1234 req/s  p50 12 ms  p99 80 ms`, aligned. */
export function figureText(figure: Figure): string {
  return `${figure.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${String(figure.p50).padStart(4)} ms  p99 ${String(figure.p99).padStart(4)} ms`;
}

/**
 * Starts the service after creating its collections and indexes once with patience: a freshly started
 * local database on a busy machine can take longer than DB_TIMEOUT_MS to open the pool's connections, and
 * the bench measures the service, not its first contact with a cold database.
 */
export async function startBenchService(config: ServiceConfig): Promise<RunningService> {
  const db = await connectDatabase(config.MONGODB_URI, config.MONGODB_DB, { timeoutMS: 30_000 });
  const services = createServices(config, db, createLogger('warn'));
  await prepareDatabase(services);
  await services.jobs.close();
  await db.close();
  return startService(config);
}
