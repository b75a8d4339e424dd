// The demo: MongoDB and Redis (given or started locally, data kept in .data/), then Anju's service.
// Runs until Ctrl-C.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadConfig, startService } from '@anju/service';
import { startServices } from './services/index.ts';

const dataDir = fileURLToPath(new URL('../.data/', import.meta.url));
await mkdir(`${dataDir}redis`, { recursive: true });

const services = await startServices(
  { mongoUri: process.env.MONGODB_URI, redisUrl: process.env.REDIS_URL },
  { mongo: { persistFile: `${dataDir}mongo.h2` }, redis: { dataDir: `${dataDir}redis` } },
);
const config = loadConfig({ ...process.env, MONGODB_URI: services.mongoUri, REDIS_URL: services.redisUrl });
const service = await startService(config);

const ready = await fetch(`${service.url}/readyz`);
console.log(`\nAnju is running at ${service.url} (readiness: ${ready.status}). Ctrl-C stops it.\n`);

const shutdown = async () => {
  await service.stop();
  await services.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
