import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { loadConfig, type ServiceConfig } from './infra/config.ts';
import { connectDatabase } from './infra/db.ts';
import { createLogger } from './infra/logger.ts';

export interface RunningService {
  readonly url: string;
  stop(): Promise<void>;
}

/** The composition root: config → connections → app → listen; `stop()` shuts down gracefully. */
export async function startService(config: ServiceConfig = loadConfig()): Promise<RunningService> {
  const logger = createLogger(config.LOG_LEVEL);
  const db = await connectDatabase(config.MONGODB_URI, config.MONGODB_DB);
  const app = createApp({ db });
  const server = app.listen(config.PORT, config.HOST);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST}:${port}`;
  logger.info({ url }, 'anju service listening');
  return {
    url,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      await db.close();
      logger.info('anju service stopped');
    },
  };
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const service = await startService();
  const shutdown = () => {
    void service.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
