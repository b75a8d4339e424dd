import { createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { TokenClaims } from '@anju/shared';
import { AppError } from '../../infra/errors.ts';

/** The only algorithm accepted: HMAC-SHA256 with the configured secret (no `none`, no key confusion). */
export const TOKEN_ALGORITHMS = ['HS256'] as const;

export interface TokenSettings {
  readonly JWT_SECRET: string;
  readonly JWT_ISSUER: string;
  readonly JWT_AUDIENCE: string;
}

/** The authenticated caller: the validated claims of their token. */
export type Principal = TokenClaims;

/** Verifies signature, algorithm, `exp`, `iss` and `aud`, then the Anju claims; anything else is 401. */
export class TokenVerifier {
  // A KeyObject made once: jose would otherwise import the raw secret on every request.
  readonly #secret: KeyObject;
  readonly #settings: TokenSettings;

  constructor(settings: TokenSettings) {
    this.#settings = settings;
    this.#secret = createSecretKey(Buffer.from(settings.JWT_SECRET, 'utf8'));
  }

  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.#secret, {
        algorithms: [...TOKEN_ALGORITHMS],
        issuer: this.#settings.JWT_ISSUER,
        audience: this.#settings.JWT_AUDIENCE,
        requiredClaims: ['exp', 'sub'],
      });
      const claims = TokenClaims.safeParse(payload);
      if (!claims.success)
        throw new AppError('UNAUTHENTICATED', { detail: 'token claims are not Anju claims' });
      return claims.data;
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof joseErrors.JOSEError)
        throw new AppError('UNAUTHENTICATED', { cause: error, detail: error.code });
      throw error;
    }
  }
}

/** Mints a token for the given claims (the `anju token` command and tests). */
export async function mintToken(
  settings: TokenSettings,
  claims: Principal,
  options: { ttlSeconds?: number; now?: Date } = {},
): Promise<string> {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(settings.JWT_ISSUER)
    .setAudience(settings.JWT_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.ttlSeconds ?? 3600))
    .sign(new TextEncoder().encode(settings.JWT_SECRET));
}
