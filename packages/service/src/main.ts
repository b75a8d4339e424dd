import { once } from 'node:events';
import { realpathSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type Lifecycle } from './app.ts';
import { loadConfig, type ServiceConfig } from './infra/config.ts';
import { connectDatabase } from './infra/db.ts';
import { createLogger, type Logger } from './infra/logger.ts';
import { scheduleMonthlyFollowUps } from './components/followups/scheduler.ts';
import { startJobWorkers, type JobWorkers } from './infra/jobs/worker.ts';
import { JOB_KINDS, WORKER_TICKS } from './jobs.ts';
import { createServices, prepareDatabase } from './services.ts';

export interface RunningService {
  readonly url: string;
  /** Graceful: readiness 503, stop accepting, let in-flight requests finish (bounded), close the database. */
  stop(): Promise<void>;
}

/** How long start-up may wait for the database and its index builds. */
const PREPARE_TIMEOUT_MS = 120_000;

/**
 * Builds the indexes on a connection of its own: on a county's collections and a slow disk a build takes
 * far longer than DB_TIMEOUT_MS, the bound for requests, and start-up must not fail for that.
 */
async function prepareIndexes(config: ServiceConfig, logger: Logger): Promise<void> {
  const db = await connectDatabase(config.MONGODB_URI, config.MONGODB_DB, {
    timeoutMS: Math.max(PREPARE_TIMEOUT_MS, config.DB_TIMEOUT_MS),
  });
  try {
    const services = createServices(config, db, logger);
    await prepareDatabase(services);
    await services.jobs.close();
  } finally {
    await db.close();
  }
}

/** The composition root: config → connections → app → workers → listen → cron; `stop()` shuts down gracefully. */
export async function startService(
  config: ServiceConfig = loadConfig(),
  options: { logger?: Logger } = {},
): Promise<RunningService> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  // The request connection first: an unreachable database fails start-up within DB_TIMEOUT_MS.
  const db = await connectDatabase(config.MONGODB_URI, config.MONGODB_DB, {
    timeoutMS: config.DB_TIMEOUT_MS,
  });
  await prepareIndexes(config, logger);
  const services = createServices(config, db, logger);
  await prepareDatabase(services); // the indexes exist by now: quick, and it awaits mongoose's own init
  const lifecycle: Lifecycle = { draining: false };
  const app = createApp({ services, lifecycle });
  // Background jobs run here, never in createApp; JOB_CONCURRENCY=0 makes an API-only process.
  const workers: JobWorkers | undefined =
    config.JOB_CONCURRENCY > 0 ? startJobWorkers(services, JOB_KINDS, { ticks: WORKER_TICKS }) : undefined;
  // Slow clients are cut off (408) instead of holding sockets: Node's defaults allow 60 s for headers and
  // 300 s for a request, checked only every 30 s.
  const server = createServer(
    {
      headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeout: config.HTTP_BODY_TIMEOUT_MS,
      connectionsCheckingInterval: Math.min(1000, config.HTTP_HEADERS_TIMEOUT_MS),
    },
    app,
  );
  server.listen(config.PORT, config.HOST);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST}:${port}`;
  logger.info({ url }, 'anju service listening');
  // Every instance may schedule: a tick runs once across all of them (see runMonthlyFollowUpTick).
  const cronTasks = config.CRON_ENABLED ? [scheduleMonthlyFollowUps(services)] : [];
  if (cronTasks.length > 0)
    logger.info({ cron: config.FOLLOWUP_CRON, timezone: 'Asia/Shanghai' }, 'monthly follow-ups scheduled');
  let stopping: Promise<void> | undefined;
  return {
    url,
    stop() {
      stopping ??= (async () => {
        lifecycle.draining = true;
        logger.info('draining: readiness is 503, finishing in-flight requests and active jobs');
        // No new tick starts; one already running finishes, or its lease lets another instance take over.
        for (const task of cronTasks) await task.destroy();
        const closed = new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
        });
        // Keep-alive connections turn idle as their last response ends: close them as they do.
        server.closeIdleConnections();
        const sweep = setInterval(() => {
          server.closeIdleConnections();
        }, 100);
        const timer = setTimeout(() => {
          logger.warn('drain timeout: closing remaining connections');
          server.closeAllConnections();
        }, config.SHUTDOWN_TIMEOUT_MS);
        // workers take no new job while requests drain; active jobs finish or go back to the queue.
        await Promise.all([closed, workers?.stop(config.SHUTDOWN_TIMEOUT_MS)]);
        clearInterval(sweep);
        clearTimeout(timer);
        await services.jobs.close();
        await db.close();
        logger.info('anju service stopped');
      })();
      return stopping;
    },
  };
}

/**
 * Is this module the program node was started with? Compared as real paths: `import.meta.url` is
 * percent-encoded (a space is %20, 安居 is %E5%AE%89…) and node resolves symlinks for it, while argv[1] is
 * the path as typed.
 */
function startedAsProgram(): boolean {
  const started = process.argv[1];
  if (started === undefined) return false;
  try {
    return realpathSync(fileURLToPath(import.meta.url)) === realpathSync(resolve(started));
  } catch {
    return false;
  }
}

if (startedAsProgram()) {
  // Signals are heard from the start: one that comes while the service is still starting stops it as soon as
  // it is up (the default action would kill it mid-start).
  let running: RunningService | undefined;
  let stopRequested = false;
  const shutdown = () => {
    stopRequested = true;
    if (running === undefined) return;
    void running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  // No top-level await: test runners may load this module through require().
  void startService().then(
    (service) => {
      running = service;
      if (stopRequested) shutdown();
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
