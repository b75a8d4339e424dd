// The demo: MongoDB and Redis (given or started locally, data kept in .data/), then Anju's service with
// dev keys (generated into .data/dev-keys.json on first run, never committed). Runs until Ctrl-C.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { devKeyEnv, loadConfig, mintToken, startService } from '@anju/service';
import { startServices } from './services/index.ts';

const dataDir = fileURLToPath(new URL('../.data/', import.meta.url));
await mkdir(`${dataDir}redis`, { recursive: true });

const services = await startServices(
  { mongoUri: process.env.MONGODB_URI, redisUrl: process.env.REDIS_URL },
  { mongo: { persistFile: `${dataDir}mongo.h2` }, redis: { dataDir: `${dataDir}redis` } },
);
const config = loadConfig(
  devKeyEnv(dataDir, { ...process.env, MONGODB_URI: services.mongoUri, REDIS_URL: services.redisUrl }),
);
const service = await startService(config);

const ready = await fetch(`${service.url}/readyz`);
const staffToken = await mintToken(
  config,
  { sub: 'demo-staff', role: 'staff', townships: ['520121001'] },
  { ttlSeconds: config.TOKEN_TTL_SECONDS },
);
console.log(`
Anju is running at ${service.url} (readiness: ${ready.status}). Ctrl-C stops it.

  API docs:      ${service.url}/docs   (OpenAPI document: ${service.url}/openapi.json)
  staff token:   township 520121001, valid ${config.TOKEN_TTL_SECONDS / 60} min
${staffToken}

  Try:  curl -s ${service.url}/api/v1/households -H "Authorization: Bearer <token>"
  More tokens:  pnpm --silent anju token --role staff --township 520121001
`);

const shutdown = async () => {
  await service.stop();
  await services.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
