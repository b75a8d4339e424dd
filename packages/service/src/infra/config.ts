import { z } from 'zod';

/** Every setting Anju's service reads, parsed once from the environment at start-up. */
export const ServiceConfig = z.object({
  HOST: z.string().default('127.0.0.1').describe('Interface the HTTP server binds to.'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080).describe('HTTP port (0 picks a free one).'),
  MONGODB_URI: z
    .string()
    .startsWith('mongodb')
    .describe('MongoDB connection string, database name included or set by MONGODB_DB.'),
  MONGODB_DB: z.string().min(1).default('anju').describe('Database name.'),
  REDIS_URL: z.string().startsWith('redis').describe('Redis connection string for bull queues and locks.'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level.'),
});
export type ServiceConfig = Readonly<z.output<typeof ServiceConfig>>;

/** Parses the environment; throws one readable message listing every bad or missing key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServiceConfig {
  const parsed = ServiceConfig.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(parsed.data);
}
