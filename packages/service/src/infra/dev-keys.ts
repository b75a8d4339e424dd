import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The secret settings of a developer machine; kept in `.data/` (git-ignored), never committed. */
interface DevKeys {
  JWT_SECRET: string;
  FIELD_KEYS: string;
  HMAC_KEY: string;
}

/**
 * Dev keys for the demo and `anju token`: read from `<dataDir>/dev-keys.json`, generated on first use.
 * Values already in `env` win, so a real deployment's settings are never replaced.
 */
export function devKeyEnv(
  dataDir: string,
  env: Record<string, string | undefined> = process.env,
): Record<string, string | undefined> {
  const file = join(dataDir, 'dev-keys.json');
  let keys: DevKeys;
  if (existsSync(file)) {
    keys = JSON.parse(readFileSync(file, 'utf8')) as DevKeys;
  } else {
    keys = {
      JWT_SECRET: randomBytes(32).toString('base64url'),
      FIELD_KEYS: `1:${randomBytes(32).toString('base64')}`,
      HMAC_KEY: randomBytes(32).toString('base64'),
    };
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  }
  return {
    ...env,
    JWT_SECRET: env.JWT_SECRET ?? keys.JWT_SECRET,
    FIELD_KEYS: env.FIELD_KEYS ?? keys.FIELD_KEYS,
    HMAC_KEY: env.HMAC_KEY ?? keys.HMAC_KEY,
  };
}
