import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createApp, type Lifecycle } from './app.ts';
import { loadConfig, type ServiceConfig } from './infra/config.ts';
import { connectDatabase } from './infra/db.ts';
import { createLogger, type Logger } from './infra/logger.ts';
import { startJobWorkers, type JobWorkers } from './infra/jobs/worker.ts';
import { JOB_KINDS, WORKER_TICKS } from './jobs.ts';
import { createServices, prepareDatabase } from './services.ts';

export interface RunningService {
  readonly url: string;
  /** Graceful: readiness 503, stop accepting, let in-flight requests finish (bounded), close the database. */
  stop(): Promise<void>;
}

/** The composition root: config → connections → app → workers → listen; `stop()` shuts down gracefully. */
export async function startService(
  config: ServiceConfig = loadConfig(),
  options: { logger?: Logger } = {},
): Promise<RunningService> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const db = await connectDatabase(config.MONGODB_URI, config.MONGODB_DB, {
    serverSelectionTimeoutMS: config.DB_TIMEOUT_MS,
  });
  const services = createServices(config, db, logger);
  await prepareDatabase(services);
  const lifecycle: Lifecycle = { draining: false };
  const app = createApp({ services, lifecycle });
  // Background jobs run here, never in createApp; JOB_CONCURRENCY=0 makes an API-only process.
  const workers: JobWorkers | undefined =
    config.JOB_CONCURRENCY > 0 ? startJobWorkers(services, JOB_KINDS, { ticks: WORKER_TICKS }) : undefined;
  const server = app.listen(config.PORT, config.HOST);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST}:${port}`;
  logger.info({ url }, 'anju service listening');
  let stopping: Promise<void> | undefined;
  return {
    url,
    stop() {
      stopping ??= (async () => {
        lifecycle.draining = true;
        logger.info('draining: readiness is 503, finishing in-flight requests and active jobs');
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

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  // No top-level await: test runners may load this module through require().
  void startService().then(
    (service) => {
      const shutdown = () => {
        void service.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGTERM', shutdown);
      process.once('SIGINT', shutdown);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
