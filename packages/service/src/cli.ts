// `anju token --role staff --township 520121001`: mints an access token from the same settings the
// service verifies with (env, else the dev keys in .data/).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TokenClaims } from '@anju/shared';
import { TokenConfig } from './infra/config.ts';
import { devKeyEnv } from './infra/dev-keys.ts';
import { mintToken } from './components/auth/tokens.ts';

const USAGE = `usage: anju token --role <admin|staff|provider|employer|auditor|grid-worker>
                  [--township <9-digit code>]... [--provider <id>] [--employer <id>]
                  [--sub <subject>] [--ttl <seconds>]`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
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

process.exitCode = await main(process.argv.slice(2));
