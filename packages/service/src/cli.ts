// `anju token --role staff --township 520121001`: mints an access token from the same settings the
// service verifies with (env, else the dev keys in .data/).
// `anju rekey [--dry-run]`: after a field-key rotation, re-encrypts residents' old values with the
// current FIELD_KEY_VERSION (the service's full settings from env, dev keys as for `token`).
// `anju levels [--dry-run]`: rewrites the skill levels records kept as Anju's old rank (1 = 五级) in the
// national numbering (1 = 一级), once, after upgrading a database written before it.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TokenClaims } from '@anju/shared';
import { TokenConfig, loadConfig } from './infra/config.ts';
import { connectDatabase } from './infra/db.ts';
import { devKeyEnv } from './infra/dev-keys.ts';
import { createLogger } from './infra/logger.ts';
import { mintToken } from './components/auth/tokens.ts';
import { migrateNationalLevels } from './components/residents/national-levels.ts';
import { rekeyResidents } from './components/residents/rekey.ts';
import { createServices } from './services.ts';

const USAGE = `usage: anju token --role <admin|staff|provider|employer|auditor|grid-worker>
                  [--township <9-digit code>]... [--provider <id>] [--employer <id>]
                  [--sub <subject>] [--ttl <seconds>]
       anju rekey [--dry-run]
       anju levels [--dry-run]`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'rekey') return rekey(rest);
  if (command === 'levels') return levels(rest);
  if (command !== 'token') {
    console.error(USAGE);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      role: { type: 'string' },
      township: { type: 'string', multiple: true },
      provider: { type: 'string' },
      employer: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string' },
    },
    strict: true,
  });
  const claims = TokenClaims.safeParse({
    sub: values.sub ?? `dev-${values.role ?? 'user'}`,
    role: values.role,
    townships: values.township,
    providerId: values.provider,
    employerId: values.employer,
  });
  if (!claims.success) {
    console.error(
      `${claims.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n')}\n${USAGE}`,
    );
    return 2;
  }
  const env = devKeyEnv(process.env.ANJU_DATA_DIR ?? join(process.cwd(), '.data'));
  const config = TokenConfig.parse(env);
  const ttlSeconds = values.ttl === undefined ? config.TOKEN_TTL_SECONDS : Number(values.ttl);
  console.log(await mintToken(config, claims.data, { ttlSeconds }));
  return 0;
}

/** Prints the outcome as a JSON line; exits 1 when some record holds a rank it could not read. */
async function levels(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { 'dry-run': { type: 'boolean' } }, strict: true });
  const config = loadConfig(devKeyEnv(process.env.ANJU_DATA_DIR ?? join(process.cwd(), '.data')));
  const db = await connectDatabase(config.MONGODB_URI, config.MONGODB_DB, {
    timeoutMS: config.DB_TIMEOUT_MS,
  });
  const services = createServices(config, db, createLogger(config.LOG_LEVEL));
  try {
    const dryRun = values['dry-run'] === true;
    const outcome = await migrateNationalLevels(services, { dryRun });
    console.log(JSON.stringify({ dryRun, ...outcome }));
    return outcome.unreadable.length === 0 ? 0 : 1;
  } finally {
    await services.jobs.close();
    await db.close();
  }
}

/** Prints progress and the outcome as JSON lines; exits 1 when some value could not be decrypted. */
async function rekey(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { 'dry-run': { type: 'boolean' } }, strict: true });
  const config = loadConfig(devKeyEnv(process.env.ANJU_DATA_DIR ?? join(process.cwd(), '.data')));
  const db = await connectDatabase(config.MONGODB_URI, config.MONGODB_DB, {
    timeoutMS: config.DB_TIMEOUT_MS,
  });
  const services = createServices(config, db, createLogger(config.LOG_LEVEL));
  try {
    const outcome = await rekeyResidents(services, {
      dryRun: values['dry-run'] === true,
      onProgress: (progress) => {
        console.error(`re-encrypted ${progress.rewritten} of ${progress.scanned} residents read so far`);
      },
    });
    console.log(
      JSON.stringify({
        currentVersion: config.FIELD_KEY_VERSION,
        dryRun: values['dry-run'] === true,
        ...outcome,
      }),
    );
    return outcome.unreadable.length === 0 ? 0 : 1;
  } finally {
    await services.jobs.close();
    await db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
