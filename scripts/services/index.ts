import { startLocalMongo, type MongoOptions } from './mongo.ts';
import { startLocalRedis, type RedisOptions } from './redis.ts';
import type { LocalServer } from './process.ts';

export { startLocalMongo } from './mongo.ts';
export { startLocalRedis, ensureRedisServer, type LocalRedis } from './redis.ts';
export { freePort, type LocalServer } from './process.ts';

export interface Services {
  readonly mongoUri: string;
  readonly redisUrl: string;
  /** Stops what this call started; servers given by URL are left alone. */
  stop(): Promise<void>;
}

/**
 * MongoDB and Redis for a test run or the demo: the given URLs when set, else local servers started now.
 */
export async function startServices(
  given: { mongoUri?: string | undefined; redisUrl?: string | undefined },
  options: { mongo?: MongoOptions; redis?: RedisOptions; log?: (line: string) => void } = {},
): Promise<Services> {
  const log =
    options.log ??
    ((line: string) => {
      console.error(line);
    });
  const started: LocalServer[] = [];
  try {
    const [mongoUri, redisUrl] = await Promise.all([
      given.mongoUri ??
        startLocalMongo(options.mongo).then((server) => {
          started.push(server);
          log(`services: started ${server.description}`);
          return server.url;
        }),
      given.redisUrl ??
        startLocalRedis(options.redis).then((server) => {
          started.push(server);
          log(`services: started ${server.description}`);
          return server.url;
        }),
    ]);
    return {
      mongoUri,
      redisUrl,
      stop: async () => {
        await Promise.all(started.map((server) => server.stop()));
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((server) => server.stop()));
    throw error;
  }
}
