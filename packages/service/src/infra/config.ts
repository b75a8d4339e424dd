import cron from 'node-cron';
import { z } from 'zod';

const Base64Key = (what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, `${what} must be base64`)
    .transform((text) => Buffer.from(text, 'base64'))
    .refine((key) => key.length === 32, `${what} must decode to exactly 32 bytes`);

/** `1:<base64>,2:<base64>`: numbered AES-256 keys, so old rows stay readable after a key rotation. */
const FieldKeys = z
  .string()
  .min(1)
  .transform((text, ctx) => {
    const keys: ReadonlyMap<number, Buffer> & Map<number, Buffer> = new Map();
    for (const part of text.split(',')) {
      const match = /^(\d{1,4}):(.+)$/.exec(part.trim());
      const parsed = match ? Base64Key('each field key').safeParse(match[2]) : undefined;
      if (!match || !parsed?.success) {
        ctx.addIssue({ code: 'custom', message: 'expected version:base64key pairs, each key 32 bytes' });
        return z.NEVER;
      }
      keys.set(Number(match[1]), parsed.data);
    }
    return keys;
  });

const Int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** `true` / `false` in the environment (z.coerce.boolean would read "false" as true). */
const Flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((text) => text === 'true' || text === '1');

/** Every setting Anju's service reads, parsed once from the environment at start-up. */
export const ServiceConfig = z
  .object({
    HOST: z.string().default('127.0.0.1').describe('Interface the HTTP server binds to.'),
    PORT: Int(0, 65535).default(8080).describe('HTTP port (0 picks a free one).'),
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
    HOME_COUNTY_CODE: z
      .string()
      .regex(/^[1-9]\d{5}$/)
      .default('520121')
      .describe("The bureau's own county (GB/T 2260); work in another province counts as cross-province."),
    JWT_SECRET: z
      .string()
      .min(32, 'JWT_SECRET must be at least 32 characters')
      .describe('Secret that signs and verifies access tokens (HS256 only).'),
    JWT_ISSUER: z.string().min(1).default('anju').describe('Expected `iss` of access tokens.'),
    JWT_AUDIENCE: z.string().min(1).default('anju-api').describe('Expected `aud` of access tokens.'),
    TOKEN_TTL_SECONDS: Int(60, 86_400).default(3600).describe('Lifetime of tokens minted by `anju token`.'),
    FIELD_KEYS: FieldKeys.describe(
      'AES-256-GCM keys for ID numbers, phones and poverty status: `1:<base64 32 bytes>[,2:…]`.',
    ),
    FIELD_KEY_VERSION: Int(0, 9999)
      .optional()
      .describe('Key version that encrypts new values (default: the highest in FIELD_KEYS).'),
    HMAC_KEY: Base64Key('HMAC_KEY').describe(
      'HMAC-SHA256 key (base64, 32 bytes) for the lookup/uniqueness columns of ID numbers and phones.',
    ),
    RATE_LIMIT_WINDOW_MS: Int(1000, 3_600_000).default(60_000).describe('Rate-limit window in ms.'),
    RATE_LIMIT_MAX: Int(1, 1_000_000)
      .default(1200)
      .describe('Requests per window per client IP address under /api (see TRUST_PROXY behind a proxy).'),
    TRUST_PROXY: z
      .string()
      .regex(/^(false|true|\d{1,2}|[\w.:/, -]{1,200})$/u, 'false, true, a hop count or addresses')
      .default('false')
      .transform(trustProxySetting)
      .describe(
        "Express 'trust proxy': which proxies may set X-Forwarded-For, so rate limits and logs see the client's address (false; a hop count such as 1; or addresses/subnets such as loopback, 10.0.0.0/8).",
      ),
    BODY_LIMIT_BYTES: Int(1024, 1_048_576)
      .default(16_384)
      .describe('Largest JSON body accepted (413 beyond).'),
    IMPORT_MAX_BYTES: Int(1024, 104_857_600)
      .default(10_485_760)
      .describe('Largest spreadsheet upload accepted by the imports (413 beyond).'),
    IMPORT_MAX_ROWS: Int(1, 1_000_000)
      .default(50_000)
      .describe('Most data rows one imported sheet may hold (400 INVALID_SPREADSHEET beyond).'),
    DB_TIMEOUT_MS: Int(200, 10_000)
      .default(1500)
      .describe('How long a request waits for an unreachable database before answering 503.'),
    DB_DEADLINE_MS: Int(500, 600_000)
      .default(2000)
      .describe(
        'After this long, a request still running is answered 503 once the database has stopped answering (a network black hole).',
      ),
    HTTP_HEADERS_TIMEOUT_MS: Int(500, 120_000)
      .default(10_000)
      .describe('How long a client may take to send its request headers (slow clients get 408).'),
    HTTP_BODY_TIMEOUT_MS: Int(1000, 600_000)
      .default(30_000)
      .describe('How long a client may take to send its whole request, body included (408 beyond).'),
    SHUTDOWN_TIMEOUT_MS: Int(1000, 60_000)
      .default(20_000)
      .describe('On SIGTERM: how long in-flight requests may take before the process exits anyway.'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .default('anju')
      .describe('Prefix of the bull queue keys in Redis (several deployments can share one Redis).'),
    QUEUE_TIMEOUT_MS: Int(100, 10_000)
      .default(1500)
      .describe('How long a job-creating request waits for an unreachable Redis before answering 503.'),
    JOB_CONCURRENCY: Int(0, 32)
      .default(1)
      .describe('Background jobs this process runs at once; 0 runs none (an API-only process).'),
    JOB_ATTEMPTS: Int(1, 20).default(5).describe('Tries per background job before it is marked failed.'),
    JOB_LOCK_MS: Int(1000, 600_000)
      .default(30_000)
      .describe('A job whose worker stops renewing its lock this long is handed to another worker.'),
    JOB_RECONCILE_MS: Int(100, 600_000)
      .default(5000)
      .describe('How often workers re-enqueue jobs Redis lost and pick up pending re-match requests.'),
    COMPLETION_MIN_ATTENDANCE_SHARE: z.coerce
      .number()
      .gt(0)
      .max(1)
      .default(0.8)
      .describe(
        "Share of a cohort's hours (学时) a resident must attend to be certified on completion (0–1].",
      ),
    // 防止返贫监测: the national income range for monitoring relapse into poverty was 6,000 元 per person and
    // year when it was set up in 2021 and is raised by the provinces year by year; 600 元 a month (7,200 a
    // year) is a default of that order. Set the county's current line.
    MONITORING_LINE_MONTHLY_PER_CAPITA: z.coerce
      .number()
      .min(0)
      .max(100_000)
      .default(600)
      .describe(
        "Monitoring line (元 per person per month): a household whose members' latest follow-up incomes ÷ its size fall under it raises an alert.",
      ),
    CRON_ENABLED: Flag(true).describe(
      'Run the scheduled jobs (monthly follow-ups) in this process; ticks are de-duplicated across instances, so any number may.',
    ),
    FOLLOWUP_CRON: z
      .string()
      .refine((expression) => cron.validate(expression), 'a cron expression')
      .default('0 0 1 * *')
      .describe('When the monthly follow-up tick runs, in Asia/Shanghai time (default 00:00 on the 1st).'),
    FOLLOWUP_DUE_DAY: Int(1, 28)
      .default(25)
      .describe('Day of the month by which a follow-up visit is due; pending ones after it are overdue.'),
  })
  .transform((config, ctx) => {
    if (config.HTTP_HEADERS_TIMEOUT_MS > config.HTTP_BODY_TIMEOUT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['HTTP_HEADERS_TIMEOUT_MS'],
        message: 'must not exceed HTTP_BODY_TIMEOUT_MS',
      });
      return z.NEVER;
    }
    const version = config.FIELD_KEY_VERSION ?? Math.max(...config.FIELD_KEYS.keys());
    if (!config.FIELD_KEYS.has(version)) {
      ctx.addIssue({ code: 'custom', path: ['FIELD_KEY_VERSION'], message: 'no such version in FIELD_KEYS' });
      return z.NEVER;
    }
    return { ...config, FIELD_KEY_VERSION: version };
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

/** The keys `anju token` needs: the same names, parsed the same way, as the service's. */
export const TokenConfig = z.object({
  JWT_SECRET: ServiceConfig.in.shape.JWT_SECRET,
  JWT_ISSUER: ServiceConfig.in.shape.JWT_ISSUER,
  JWT_AUDIENCE: ServiceConfig.in.shape.JWT_AUDIENCE,
  TOKEN_TTL_SECONDS: ServiceConfig.in.shape.TOKEN_TTL_SECONDS,
});
export type TokenConfig = Readonly<z.output<typeof TokenConfig>>;

/** One setting as docs/configuration.md lists it. */
export interface ConfigEntry {
  readonly key: string;
  readonly description: string;
  /** The default as written in the environment, `undefined` when the key is required or has none. */
  readonly default: string | undefined;
  readonly required: boolean;
}

/** Every key the service reads, with its description and default, for docs/configuration.md. */
export function describeConfig(): ConfigEntry[] {
  return Object.entries(ServiceConfig.in.shape).map(([key, schema]) => ({
    key,
    description: schema.description ?? '',
    default: defaultOf(schema),
    required: !schema.safeParse(undefined).success,
  }));
}

/** A schema's default as the environment would spell it, looking through pipes and transforms. */
function defaultOf(schema: z.ZodType): string | undefined {
  if (schema instanceof z.ZodDefault) return String(schema.def.defaultValue);
  if (schema instanceof z.ZodPipe) return defaultOf(schema.def.in as z.ZodType);
  return undefined;
}

/** `TRUST_PROXY` as Express takes it: a boolean, a hop count, or a list of addresses and subnets. */
function trustProxySetting(value: string): boolean | number | string {
  if (value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/u.test(value) ? Number(value) : value;
}
